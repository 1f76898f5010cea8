/**
 * Finds and reads `.infragile.yaml` (or `--config FILE`), and has it parsed by ./parse.ts, which is
 * imported only when there is a file: a scan without one never loads the YAML library.
 * loadConfig rejects with ConfigError (a list of `file:line: message`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE, emptyConfig, type ConfigProblem, type InfragileConfig } from './types.js';

/** Larger config files are certainly not hand-written settings. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export function formatProblem(p: ConfigProblem): string {
  return `${p.file}:${p.line}: ${p.message}`;
}

export interface LoadConfigRequest {
  /** Absolute scan root. */
  rootDir: string;
  /** `--config FILE` as given (relative to cwd); must exist when given. */
  explicit?: string;
  cwd?: string;
}

/**
 * The configuration in force: `--config FILE`, else `<root>/.infragile.yaml`, else the defaults.
 * Rejects with ConfigError on any problem (the CLI turns it into exit 2).
 */
export async function loadConfig(req: LoadConfigRequest): Promise<InfragileConfig> {
  const cwd = req.cwd ?? process.cwd();
  const path = req.explicit !== undefined ? resolve(cwd, req.explicit) : join(req.rootDir, CONFIG_FILE);
  const shown = req.explicit !== undefined ? req.explicit : displayPath(req.rootDir, path, cwd);
  if (!existsSync(path)) {
    if (req.explicit !== undefined) throw new ConfigError([{ file: shown, line: 1, message: 'cannot read the config file: it does not exist' }]);
    return emptyConfig(CONFIG_FILE);
  }
  let text: string;
  try {
    if (statSync(path).size > MAX_CONFIG_BYTES) throw new ConfigError([{ file: shown, line: 1, message: `the config file is larger than ${MAX_CONFIG_BYTES} bytes` }]);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError([{ file: shown, line: 1, message: `cannot read the config file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }]);
  }
  const { parseConfig } = await import('./parse.js');
  const { config, problems } = parseConfig(shown, text);
  if (problems.length) throw new ConfigError(problems.sort((a, b) => a.line - b.line || (a.message < b.message ? -1 : 1)));
  return config;
}

/** The config path as a user would type it: relative to the cwd when inside it. */
function displayPath(_root: string, path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : path;
}
