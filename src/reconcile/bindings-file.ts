/**
 * `.infragile.yaml` at the scan root: `bindings: { <asset-id>: [<pattern>, …] }`. Kept beside the infra
 * for teams that do not want binding tags in their threagile.yaml.
 */
import { parseConfig } from '../config/load.js';
import type { Diagnostic } from '../graph/types.js';

export const BINDINGS_FILE = '.infragile.yaml';

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

/**
 * Never throws: problems become diagnostics and the readable entries are kept. The file is parsed by
 * the one configuration loader (src/config), so `bindings:` here and the other settings there can never
 * disagree about what the file says.
 */
export function readBindingsFile(file: string, text: string): BindingsFile {
  const { config, problems } = parseConfig(file, text);
  return {
    file,
    bindings: config.bindings.map((b) => ({ asset: b.asset, pattern: b.pattern, line: b.line })),
    diagnostics: problems.map((p) => ({ severity: 'error', code: 'bindings-file', message: p.message, location: { file, line: p.line } })),
  };
}
