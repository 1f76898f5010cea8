/**
 * Bindings from a config file's text (the file at `--base`, or a test's), parsed by the config
 * parser. Apart from ./bindings-file.ts because it loads the YAML library, which `scan` must not.
 */
import { parseConfig } from '../config/parse.js';
import { fileBindings, type BindingsFile } from './bindings-file.js';

/** Never throws: problems become diagnostics and the readable entries are kept. */
export function readBindingsFile(file: string, text: string): BindingsFile {
  const { config, problems } = parseConfig(file, text);
  return {
    file,
    bindings: fileBindings(config),
    diagnostics: problems.map((p) => ({ severity: 'error', code: 'bindings-file', message: p.message, location: { file, line: p.line } })),
  };
}
