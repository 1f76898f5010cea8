/**
 * One Terraform module folder as declared: the blocks of all its `.tf` / `.tf.json` files, each with
 * its file and line. Built from hcl2json's JSON (or the `.tf.json` text) plus the line scan; nothing is
 * evaluated here.
 */
import type { Diagnostics } from '../../src/diagnostics.js';
import { compareStrings } from '../../src/graph/ids.js';
import type { BlockLines } from './hcl/lines.js';

export interface BlockDecl {
  kind: 'resource' | 'data' | 'module' | 'variable' | 'output' | 'local';
  /** Resource/data type (`aws_lb`); absent for the other kinds. */
  type?: string;
  name: string;
  /** The hcl2json body (for `local`: `{ value }`). */
  body: Record<string, unknown>;
  file: string;
  line: number;
  lines: Record<string, number>;
  suppressions: BlockLines['suppressions'];
}

export interface ModuleConfig {
  dir: string;
  files: string[];
  /** resource and data blocks, sorted by (data?, type, name). */
  resources: BlockDecl[];
  variables: Map<string, BlockDecl>;
  locals: Map<string, BlockDecl>;
  modules: Map<string, BlockDecl>;
  outputs: Map<string, BlockDecl>;
  /** `resource.type.name` / `data.type.name` already declared (duplicates are diagnosed). */
  declared: Set<string>;
}

export interface ParsedFile {
  path: string;
  json: Record<string, unknown>;
  /** Block lines keyed `resource.aws_lb.web`, `data.aws_vpc.main`, `module.api`, `variable.env`, `local.name`. */
  blocks: Map<string, BlockLines>;
}

const bodies = (x: unknown): Record<string, unknown>[] =>
  (Array.isArray(x) ? x : [x]).filter((b): b is Record<string, unknown> => typeof b === 'object' && b !== null && !Array.isArray(b));

const entries = (x: unknown): Array<[string, unknown]> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? Object.entries(x as object) : [];

export function emptyConfig(dir: string): ModuleConfig {
  return { dir, files: [], resources: [], variables: new Map(), locals: new Map(), modules: new Map(), outputs: new Map(), declared: new Set() };
}

/** Add one parsed file's blocks to its folder's config. Duplicates keep the first (files come sorted). */
export function addFile(config: ModuleConfig, file: ParsedFile, diagnostics: Diagnostics): void {
  config.files.push(file.path);
  const seen = config.declared;
  const decl = (kind: BlockDecl['kind'], name: string, body: Record<string, unknown>, key: string, type?: string): BlockDecl => {
    const at = file.blocks.get(key);
    const d: BlockDecl = { kind, name, body, file: file.path, line: at?.line ?? 1, lines: at?.lines ?? {}, suppressions: at?.suppressions ?? [] };
    if (type !== undefined) d.type = type;
    return d;
  };
  const duplicate = (what: string, d: BlockDecl) =>
    diagnostics.error('tf-duplicate-block', { file: d.file, line: d.line }, `${what} is declared twice in ${config.dir || '.'}; this one is ignored`);

  for (const kind of ['resource', 'data'] as const) {
    for (const [type, byName] of entries(file.json[kind])) {
      for (const [name, body] of entries(byName)) {
        const b = bodies(body)[0] ?? {};
        const d = decl(kind, name, b, `${kind}.${type}.${name}`, type);
        const id = `${kind}.${type}.${name}`;
        if (seen.has(id)) duplicate(`${kind === 'data' ? 'data.' : ''}${type}.${name}`, d);
        else {
          seen.add(id);
          config.resources.push(d);
        }
      }
    }
  }
  const named: Array<[BlockDecl['kind'], Map<string, BlockDecl>]> = [
    ['module', config.modules],
    ['variable', config.variables],
    ['output', config.outputs],
  ];
  for (const [kind, map] of named) {
    for (const [name, body] of entries(file.json[kind])) {
      const d = decl(kind, name, bodies(body)[0] ?? {}, `${kind}.${name}`);
      if (map.has(name)) duplicate(`${kind} "${name}"`, d);
      else map.set(name, d);
    }
  }
  for (const block of bodies(file.json['locals'])) {
    for (const [name, value] of Object.entries(block)) {
      const d = decl('local', name, { value }, `local.${name}`);
      if (config.locals.has(name)) duplicate(`local "${name}"`, d);
      else config.locals.set(name, d);
    }
  }
}

/** Sort a config's resource blocks once all its files are in (data, then resources; by type, name). */
export function sortBlocks(config: ModuleConfig): void {
  config.resources.sort(
    (a, b) => compareStrings(a.kind, b.kind) || compareStrings(a.type ?? '', b.type ?? '') || compareStrings(a.name, b.name),
  );
}

/**
 * Lines of the blocks in a `.tf.json` file: one pass recording the line of every key up to depth 3
 * (`resource` → type → name), keyed like the HCL scan.
 */
export function jsonBlockLines(src: string): Map<string, BlockLines> {
  const out = new Map<string, BlockLines>();
  const path: Array<string | null> = [];
  let line = 1;
  let lastKey: string | null = null;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\n') line++;
    else if (c === '"') {
      let j = i + 1;
      let s = '';
      for (; j < src.length && src[j] !== '"'; j++) {
        if (src[j] === '\\') j++;
        s += src[j];
      }
      const rest = /^\s*:/.exec(src.slice(j + 1, j + 64));
      if (rest) {
        lastKey = s;
        const full = [...path, s].filter((p): p is string => p !== null);
        const [kind, a, b] = full;
        if ((kind === 'resource' || kind === 'data') && full.length === 3) out.set(`${kind}.${a}.${b}`, { line, lines: {}, suppressions: [] });
        else if ((kind === 'module' || kind === 'variable' || kind === 'output') && full.length === 2)
          out.set(`${kind}.${a}`, { line, lines: {}, suppressions: [] });
        else if (kind === 'locals' && full.length === 2 && !out.has(`local.${a}`)) out.set(`local.${a}`, { line, lines: {}, suppressions: [] });
      }
      i = j;
    } else if (c === '{') {
      path.push(lastKey);
      lastKey = null;
    } else if (c === '[') {
      path.push(lastKey);
      lastKey = null;
    } else if (c === '}' || c === ']') path.pop();
  }
  return out;
}
