/**
 * Loading compose files: YAML (with `!reset`/`!override`), `.env` interpolation, `include:`, and
 * each file's sections normalized with locations. The project assembly (merging files, `extends`)
 * lives in project.ts.
 */
import type { Diagnostics } from '../../src/diagnostics.js';
import type { Location } from '../../src/graph/types.js';
import { dirnameOf, joinPath, type FileSystem } from '../../src/fs/vfs.js';
import { linesByPath, loadYamlDocuments } from '../../src/util/yaml.js';
import { FileText } from './file-text.js';
import { interpolateString, type VarLookup } from './interpolate.js';
import type { FileObjectAttributes, NetworkAttributes, VolumeAttributes } from './model.js';
import { normalizeService, type NormalizeContext, type ServiceDraft } from './normalize.js';
import { COMPOSE_SCHEMA, isOverride, isReset, unwrapOverride } from './yaml-schema.js';

/** Larger files are not followed through include/extends (discover applies its own limit to claimed files). */
const MAX_FOLLOWED_FILE = 8 * 1024 * 1024;

export interface TopLevel<T> {
  attrs: T;
  location: Location;
  lines: Record<string, number>;
}

/** What one Compose file defines, and (merged) what a whole project defines. */
export interface ComposeDefinitions {
  location: Location;
  services: Map<string, ServiceDraft>;
  networks: Map<string, TopLevel<NetworkAttributes>>;
  volumes: Map<string, TopLevel<VolumeAttributes>>;
  secrets: Map<string, TopLevel<FileObjectAttributes>>;
  configs: Map<string, TopLevel<FileObjectAttributes>>;
}

export interface FileModel extends ComposeDefinitions {
  path: string;
  /** Top-level `name:`. */
  name?: string;
  /** Line of `services:` (or 1). */
  location: Location;
}

export interface LoadContext {
  project: string;
  fs: FileSystem;
  diagnostics: Diagnostics;
  vars: VarLookup;
  /** Files on the include chain (cycle guard). */
  stack: string[];
  /** Text of files already read (claimed files come with theirs). */
  readText: (path: string) => string | undefined;
}

type Raw = Record<string, unknown>;
const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v) && !isReset(v) && !isOverride(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);

/** Read a file that is not (necessarily) claimed: an extends/include target, an env file. */
export function readFollowedFile(fs: FileSystem, path: string): string | undefined {
  const size = fs.size(path);
  if (size === undefined || size > MAX_FOLLOWED_FILE) return undefined;
  try {
    const bytes = fs.readBytes(path);
    if (bytes.subarray(0, 8192).includes(0)) return undefined;
    return bytes.toString('utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Parse and normalize one compose file; undefined when it cannot be read or parsed (diagnosed). */
export function loadComposeFile(path: string, ctx: LoadContext, requestedAt?: Location): FileModel | undefined {
  const text = ctx.readText(path);
  if (text === undefined) {
    ctx.diagnostics.error('compose-missing-file', requestedAt ?? { file: path, line: 1 }, `compose file ${path} cannot be read (missing, too large or binary)`);
    return undefined;
  }
  const docs = loadYamlDocuments(text, { schema: COMPOSE_SCHEMA });
  const failed = docs.find((d) => d.error);
  if (failed?.error) {
    ctx.diagnostics.error('yaml-syntax', { file: path, line: failed.error.line }, failed.error.message);
    return undefined;
  }
  const withValue = docs.filter((d) => d.value !== undefined && d.value !== null);
  if (withValue.length === 0) {
    ctx.diagnostics.warning('compose-empty', { file: path, line: 1 }, 'empty compose file; nothing to read');
    return undefined;
  }
  const doc = withValue[0]!;
  if (withValue.length > 1) ctx.diagnostics.warning('compose-multi-document', { file: path, line: withValue[1]!.startLine }, 'docker compose reads only the first YAML document; later documents ignored');
  if (!isMap(doc.value)) {
    ctx.diagnostics.error('compose-invalid', { file: path, line: doc.contentLine }, 'a compose file must be a mapping at the top level');
    return undefined;
  }
  const root = doc.value;
  const file = new FileText(path, text);
  interpolateTree(root, doc.lines, file, ctx);

  const model: FileModel = {
    path,
    location: file.loc(file.find(1, file.lines.length, /^["']?services["']?\s*:/) ?? doc.contentLine),
    services: new Map(),
    networks: new Map(),
    volumes: new Map(),
    secrets: new Map(),
    configs: new Map(),
  };
  if (str(root.name)) model.name = str(root.name)!;
  const nctx: NormalizeContext = { project: ctx.project, file, dir: dirnameOf(path), lines: doc.lines, fs: ctx.fs, diagnostics: ctx.diagnostics };

  // include: first, so that this file's own definitions are checked against them.
  for (const inc of includeEntries(root.include)) {
    const incLoc = file.loc(file.itemLine(doc.lines.get(root.include as object) ?? 1, file.lines.length, inc.path) ?? doc.lines.get(root.include as object) ?? 1);
    const target = joinPath(nctx.dir, inc.path);
    if (target === undefined) {
      ctx.diagnostics.warning('compose-include', incLoc, `include ${inc.path} is outside the scan root; not followed`);
      continue;
    }
    if (ctx.stack.includes(target)) {
      ctx.diagnostics.error('compose-include', incLoc, `include cycle: ${[...ctx.stack, target].join(' → ')}`);
      continue;
    }
    const included = loadComposeFile(target, { ...ctx, stack: [...ctx.stack, path] }, incLoc);
    if (!included) continue;
    for (const section of ['services', 'networks', 'volumes', 'secrets', 'configs'] as const) {
      for (const [k, v] of included[section] as Map<string, unknown>) (model[section] as Map<string, unknown>).set(k, v);
    }
  }

  const services = unwrapOverride(root.services);
  if (services !== undefined && services !== null && !isMap(services)) {
    ctx.diagnostics.error('compose-invalid', model.location, '`services` must be a mapping of service names to definitions');
  } else if (isMap(services)) {
    // js-yaml reports a block mapping at its parent key's line (`services:`); the service keys are
    // the next lines at the first deeper indentation.
    const servicesLine = model.location.line;
    const firstLine = file.find(servicesLine + 1, file.lines.length, /^\s+[^\s#]/) ?? servicesLine;
    const indent = /^(\s*)/.exec(file.lines[firstLine - 1] ?? '')![1]!.length;
    const keyLines = new Map<string, number>();
    for (const name of Object.keys(services)) {
      const l = file.find(firstLine, file.lines.length, new RegExp(`^ {${indent}}["']?${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}["']?\\s*:`));
      keyLines.set(name, l ?? firstLine);
    }
    const sortedLines = [...new Set(keyLines.values())].sort((a, b) => a - b);
    for (const [name, body] of Object.entries(services)) {
      const keyLine = keyLines.get(name)!;
      const next = sortedLines.find((l) => l > keyLine);
      const endLine = next !== undefined ? next - 1 : file.lines.length;
      if (model.services.has(name)) {
        ctx.diagnostics.error('compose-conflict', file.loc(keyLine), `service ${name} is also defined by an included file; docker compose refuses this, kept this file's definition`);
      }
      const b = unwrapOverride(body);
      if (b !== null && b !== undefined && !isMap(b)) {
        ctx.diagnostics.error('compose-invalid', file.loc(keyLine), `service ${name} must be a mapping; skipped`);
        continue;
      }
      const draft = normalizeService(name, isMap(b) ? b : {}, keyLine, endLine, nctx);
      draft.lines = isMap(b) ? linesByPath(b, doc.lines) : {};
      model.services.set(name, draft);
    }
  }

  const section = <T>(key: string, make: (name: string, v: Raw) => T): Map<string, TopLevel<T>> => {
    const out = new Map<string, TopLevel<T>>();
    const v = unwrapOverride(root[key]);
    if (!isMap(v)) return out;
    const from = doc.lines.get(v) ?? 1;
    for (const [name, body] of Object.entries(v)) {
      const b = isMap(body) ? body : {};
      out.set(name, { attrs: make(name, b), location: file.loc(file.keyLine(from, file.lines.length, name) ?? from), lines: linesByPath(b, doc.lines) });
    }
    return out;
  };
  const ext = (b: Raw) => b.external === true || isMap(b.external);
  for (const [k, v] of section<NetworkAttributes>('networks', (name, b) => {
    const n: NetworkAttributes = { project: ctx.project, name, internal: b.internal === true, external: ext(b), subnets: subnets(b.ipam), implicit: false };
    if (str(b.name)) n.networkName = str(b.name)!;
    if (str(b.driver)) n.driver = str(b.driver)!;
    return n;
  }))
    model.networks.set(k, v);
  for (const [k, v] of section<VolumeAttributes>('volumes', (name, b) => {
    const n: VolumeAttributes = { project: ctx.project, name, external: ext(b) };
    if (str(b.driver)) n.driver = str(b.driver)!;
    return n;
  }))
    model.volumes.set(k, v);
  const fileObject = (name: string, b: Raw): FileObjectAttributes => {
    const o: FileObjectAttributes = { project: ctx.project, name, origin: 'unknown' };
    if (ext(b)) o.origin = 'external';
    else if (str(b.file)) Object.assign(o, { origin: 'file', reference: str(b.file) });
    else if (str(b.environment)) Object.assign(o, { origin: 'environment', reference: str(b.environment) });
    else if (b.content !== undefined) o.origin = 'content';
    return o;
  };
  for (const [k, v] of section('secrets', fileObject)) model.secrets.set(k, v);
  for (const [k, v] of section('configs', fileObject)) model.configs.set(k, v);
  return model;
}

/** `include:` entries: a path, or `{ path: string | string[] }`. */
export function includeEntries(v: unknown): Array<{ path: string }> {
  const out: Array<{ path: string }> = [];
  for (const e of Array.isArray(v) ? v : []) {
    if (str(e)) out.push({ path: str(e)! });
    else if (isMap(e)) for (const p of Array.isArray(e.path) ? e.path : [e.path]) if (str(p)) out.push({ path: str(p)! });
  }
  return out;
}

function subnets(ipam: unknown): string[] {
  if (!isMap(ipam) || !Array.isArray(ipam.config)) return [];
  return ipam.config.map((c) => (isMap(c) ? str(c.subnet) : undefined)).filter((s): s is string => s !== undefined);
}

/** Interpolate every string value in place (keys are not interpolated, as in compose). */
function interpolateTree(root: Raw, lines: WeakMap<object, number>, file: FileText, ctx: LoadContext): void {
  const reported = new Set<string>();
  const walk = (node: unknown, line: number) => {
    if (typeof node !== 'object' || node === null) return;
    const here = lines.get(node) ?? line;
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((x, i) => [i, x]) : Object.entries(node);
    for (const [k, v] of entries) {
      if (typeof v === 'string') {
        const r = interpolateString(v, ctx.vars, (issue) => {
          const key = `${issue.kind}:${issue.variable}`;
          if (reported.has(key)) return;
          reported.add(key);
          const at = file.loc(file.find(here, file.lines.length, new RegExp(`\\$\\{?${issue.variable.replace(/[^A-Za-z0-9_]/g, '')}`)) ?? here);
          if (issue.kind === 'unset') ctx.diagnostics.info('compose-variable-unset', at, issue.message);
          else ctx.diagnostics.warning(issue.kind === 'required' ? 'compose-variable-required' : 'compose-interpolation', at, issue.message);
        });
        (node as Record<string | number, unknown>)[k] = r.value;
      } else walk(v, here);
    }
  };
  walk(root, 1);
}
