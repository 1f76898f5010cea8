/**
 * `bindings: { <asset-id>: [<pattern>, …] }` in `.infragile.yaml` (or the `--config` file). Kept beside
 * the infra for teams that do not want binding tags in their threagile.yaml.
 *
 * The file has one reader, the configuration loader (src/config): the CLI loads the configuration once
 * and reconcile takes its bindings from there (bindingsFromConfig), so `bindings:` and the other
 * settings can never come from two different files. readBindingsFile (./bindings-text.ts) parses a
 * text with the same parser, for the one case the CLI's configuration cannot serve: the file as it
 * was at `--base`.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import { CONFIG_FILE, type InfragileConfig } from '../config/types.js';
import type { Diagnostic } from '../graph/types.js';

export interface FileBinding {
  asset: string;
  pattern: string;
  line: number;
}

export interface BindingsFile {
  file: string;
  bindings: FileBinding[];
  diagnostics: Diagnostic[];
}

/** Where the configuration sits, for binding evidence: `--config FILE` (absolute) or `<rootDir>/.infragile.yaml`. */
export interface ConfigPlace {
  rootDir: string;
  configPath?: string;
}

/** The config file's path relative to the scan root (forward slashes), or undefined when it is outside the root. */
export function configFileInRoot(place: ConfigPlace): string | undefined {
  const rel = relative(place.rootDir, place.configPath ?? join(place.rootDir, CONFIG_FILE)).split(sep).join('/');
  return rel === '' || rel === '..' || rel.startsWith('../') || isAbsolute(rel) ? undefined : rel;
}

/**
 * The bindings of a loaded (already validated) configuration, located like all evidence: relative to
 * the scan root (the loader's `file` is relative to the working directory, for messages). Undefined
 * when it has none.
 */
export function bindingsFromConfig(config: InfragileConfig, place: ConfigPlace): BindingsFile | undefined {
  if (config.bindings.length === 0) return undefined;
  const file = configFileInRoot(place) ?? place.configPath ?? config.file;
  return { file, bindings: fileBindings(config), diagnostics: [] };
}

/** A configuration's `bindings:` entries as reconcile takes them. */
export function fileBindings(config: InfragileConfig): FileBinding[] {
  return config.bindings.map((b) => ({ asset: b.asset, pattern: b.pattern, line: b.line }));
}
