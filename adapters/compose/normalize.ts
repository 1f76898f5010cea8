/**
 * One compose file's sections → the normalized model (model.ts), with the location of every entry.
 * Runs per file, before merging, so that each entry keeps the file it was written in.
 */
import type { Diagnostics } from '../../src/diagnostics.js';
import type { Location } from '../../src/graph/types.js';
import type { Suppression } from '../../src/graph/resource.js';
import { joinPath, type FileSystem } from '../../src/fs/vfs.js';
import { isSecretName } from '../common/endpoints.js';
import { parseDotenv } from './dotenv.js';
import type { FileText } from './file-text.js';
import { escapeRe } from './file-text.js';
import type { EnvVar, FileUse, Mount, MountType, NetworkAttachment, ServiceAttributes, ServiceRef } from './model.js';
import { parseExpose, parseLongPort, parseShortPort } from './ports.js';
import { isOverride, isReset, unwrapOverride } from './yaml-schema.js';

export interface NormalizeContext {
  project: string;
  file: FileText;
  /** Directory of the file, scan-root-relative. */
  dir: string;
  lines: WeakMap<object, number>;
  fs: FileSystem;
  diagnostics: Diagnostics;
}

export interface ServiceDraft {
  attrs: ServiceAttributes;
  /** Compose keys written for this service (merging overrides only what is written). */
  present: Set<string>;
  /** Keys tagged `!reset` (cleared by this file) and `!override` (replaced, not merged). */
  resets: Set<string>;
  overrides: Set<string>;
  extends?: { service: string; file?: string; location: Location };
  location: Location;
  /** Lines of nested attributes in the service's own file (Resource.lines). */
  lines: Record<string, number>;
  suppressions: Suppression[];
}

type Raw = Record<string, unknown>;

const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v) && !isReset(v) && !isOverride(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined);
const strList = (v: unknown): string[] => (Array.isArray(v) ? v.map(str).filter((x): x is string => x !== undefined) : str(v) !== undefined ? [str(v)!] : []);

export function emptyService(project: string, name: string, location: Location): ServiceAttributes {
  return {
    project,
    name,
    environment: [],
    ports: [],
    expose: [],
    volumes: [],
    networks: [],
    dependsOn: [],
    links: [],
    externalLinks: [],
    secrets: [],
    configs: [],
    labels: {},
    labelLocations: {},
    profiles: [],
    privileged: false,
    capAdd: [],
    capDrop: [],
    readOnly: false,
    securityOpt: [],
    extraHosts: [],
    configMentions: [],
    files: [location.file],
    definedAt: [location],
    keyLocations: {},
  };
}

/**
 * Service keys whose value is taken as written when it is a non-empty string (anything else is
 * ignored). A Map, not an object literal: keys come from the file, and `constructor:` must not hit a prototype.
 */
const PLAIN_STRING_KEYS: ReadonlyMap<string, 'image' | 'containerName' | 'hostname' | 'pid' | 'ipc' | 'user' | 'runtime'> = new Map([
  ['image', 'image'],
  ['container_name', 'containerName'],
  ['hostname', 'hostname'],
  ['pid', 'pid'],
  ['ipc', 'ipc'],
  ['user', 'user'],
  ['runtime', 'runtime'],
]);

/** Normalize one service body. `keyLine` is the line of `name:`, `endLine` the last line of its block. */
export function normalizeService(name: string, body: Raw, keyLine: number, endLine: number, ctx: NormalizeContext): ServiceDraft {
  const { file } = ctx;
  const location = file.loc(keyLine);
  const attrs = emptyService(ctx.project, name, location);
  const draft: ServiceDraft = {
    attrs,
    present: new Set(),
    resets: new Set(),
    overrides: new Set(),
    location,
    lines: {},
    suppressions: suppressionsAt(file, keyLine),
  };
  const lineOfNode = (v: unknown): number | undefined => (typeof v === 'object' && v !== null ? ctx.lines.get(v) : undefined);
  const keyLoc = (key: string): Location => file.loc(file.keyLine(keyLine + 1, endLine, key) ?? keyLine);
  const itemLoc = (parent: unknown, key: string, item: string): Location => {
    const from = lineOfNode(parent) ?? keyLoc(key).line;
    return file.loc(file.itemLine(from, endLine, item) ?? from);
  };
  const bad = (key: string, why: string) => ctx.diagnostics.warning('compose-invalid', keyLoc(key), `service ${name}: ${key} ${why}; ignored`);

  for (const [key, rawValue] of Object.entries(body)) {
    draft.present.add(key);
    if (isReset(rawValue)) {
      draft.resets.add(key);
      continue;
    }
    if (isOverride(rawValue)) draft.overrides.add(key);
    const v = unwrapOverride(rawValue);
    attrs.keyLocations[key] = keyLoc(key);
    const plain = PLAIN_STRING_KEYS.get(key);
    if (plain) {
      if (str(v)) attrs[plain] = str(v)!;
      continue;
    }
    switch (key) {
      case 'build': {
        const ctxPath = isMap(v) ? str(v.context) ?? '.' : str(v);
        const build: NonNullable<ServiceAttributes['build']> = { location: keyLoc(key) };
        if (ctxPath !== undefined) {
          const resolved = /^[a-z][a-z0-9+.-]*:\/\//i.test(ctxPath) || ctxPath.startsWith('/') ? undefined : joinPath(ctx.dir, ctxPath);
          build.context = resolved ?? ctxPath;
        }
        if (isMap(v) && str(v.dockerfile)) build.dockerfile = str(v.dockerfile)!;
        attrs.build = build;
        break;
      }
      case 'environment':
        attrs.environment = [...attrs.environment.filter((e) => e.origin === 'env_file'), ...normalizeEnvironment(v, ctx, endLine, keyLoc(key), lineOfNode(v))];
        break;
      case 'env_file':
        attrs.environment = [...readEnvFiles(v, ctx, keyLoc(key)), ...attrs.environment.filter((e) => e.origin === 'environment')];
        break;
      case 'ports':
        for (const p of Array.isArray(v) ? v : []) {
          const parsed = isMap(p) ? parseLongPort(p) : str(p) !== undefined ? parseShortPort(str(p)!) : undefined;
          const raw = isMap(p) ? `${p.host_ip ? `${str(p.host_ip)}:` : ''}${p.published !== undefined ? `${str(p.published)}:` : ''}${str(p.target)}/${str(p.protocol) ?? 'tcp'}` : str(p) ?? '';
          const location = isMap(p) ? file.loc(lineOfNode(p) ?? keyLoc(key).line) : itemLoc(v, key, raw);
          if (!parsed) {
            ctx.diagnostics.warning('compose-invalid', location, `service ${name}: port "${raw}" is not a valid port spec; ignored`);
            continue;
          }
          attrs.ports.push({ raw, ...parsed, location });
        }
        if (!Array.isArray(v)) bad(key, 'is not a list');
        break;
      case 'expose':
        for (const p of Array.isArray(v) ? v : []) {
          const parsed = typeof p === 'number' || typeof p === 'string' ? parseExpose(p) : undefined;
          const location = itemLoc(v, key, String(p));
          if (!parsed) {
            ctx.diagnostics.warning('compose-invalid', location, `service ${name}: expose "${String(p)}" is not a port; ignored`);
            continue;
          }
          attrs.expose.push({ ...parsed, location });
        }
        break;
      case 'volumes':
        for (const m of Array.isArray(v) ? v : []) {
          const mount = normalizeMount(m, ctx, isMap(m) ? file.loc(lineOfNode(m) ?? keyLoc(key).line) : itemLoc(v, key, str(m) ?? ''));
          if (mount) attrs.volumes.push(mount);
          else ctx.diagnostics.warning('compose-invalid', keyLoc(key), `service ${name}: a volume entry is not a valid mount; ignored`);
        }
        break;
      case 'networks':
        attrs.networks = normalizeNetworks(v, (n, node) => (node ? file.loc(lineOfNode(node) ?? itemLoc(v, key, n).line) : itemLoc(v, key, n)), endLine, ctx, keyLoc(key));
        break;
      case 'network_mode':
        if (str(v)) attrs.networkMode = { mode: str(v)!, location: keyLoc(key) };
        break;
      case 'depends_on':
        attrs.dependsOn = normalizeRefs(v, (s) => itemLoc(v, key, s), (s) => file.loc(file.keyLine(lineOfNode(v) ?? keyLine, endLine, s) ?? keyLoc(key).line));
        break;
      case 'links':
        attrs.links = strList(v).map((l) => {
          const [service, alias] = l.split(':');
          const r: ServiceRef = { service: service!, location: itemLoc(v, key, l) };
          if (alias) r.alias = alias;
          return r;
        });
        break;
      case 'external_links':
        attrs.externalLinks = strList(v);
        break;
      case 'secrets':
      case 'configs': {
        const uses: FileUse[] = [];
        for (const s of Array.isArray(v) ? v : []) {
          const source = isMap(s) ? str(s.source) : str(s);
          if (!source) continue;
          const u: FileUse = { source, location: isMap(s) ? file.loc(lineOfNode(s) ?? keyLoc(key).line) : itemLoc(v, key, source) };
          if (isMap(s) && str(s.target)) u.target = str(s.target)!;
          uses.push(u);
        }
        attrs[key] = uses;
        break;
      }
      case 'labels':
        normalizeLabels(v, attrs, (k) => file.loc(file.find(lineOfNode(v) ?? keyLine, endLine, new RegExp(`["']?${escapeRe(k)}["']?\\s*[:=]`)) ?? keyLoc(key).line));
        break;
      case 'profiles':
        attrs.profiles = strList(v);
        break;
      case 'scale':
        if (typeof v === 'number') attrs.replicas = v;
        break;
      case 'deploy':
        if (isMap(v)) {
          if (typeof v.replicas === 'number') attrs.replicas = v.replicas;
          else if (v.mode === 'global') attrs.replicas = 'global';
        }
        break;
      case 'privileged':
        attrs.privileged = v === true || v === 'true';
        break;
      case 'read_only':
        attrs.readOnly = v === true || v === 'true';
        break;
      case 'cap_add':
        attrs.capAdd = strList(v).map((c) => c.toUpperCase());
        break;
      case 'cap_drop':
        attrs.capDrop = strList(v).map((c) => c.toUpperCase());
        break;
      case 'security_opt':
        attrs.securityOpt = strList(v);
        break;
      case 'extra_hosts':
        attrs.extraHosts = isMap(v) ? Object.keys(v) : strList(v).map((h) => h.split(/[:=]/)[0]!);
        break;
      case 'extends': {
        const service = isMap(v) ? str(v.service) : str(v);
        if (!service) {
          bad(key, 'names no service');
          break;
        }
        draft.extends = { service, location: keyLoc(key) };
        const f = isMap(v) ? str(v.file) : undefined;
        if (f) {
          const resolved = joinPath(ctx.dir, f);
          if (resolved === undefined) ctx.diagnostics.warning('compose-extends', keyLoc(key), `service ${name}: extends file ${f} is outside the scan root; not followed`);
          else draft.extends.file = resolved;
        }
        break;
      }
      default:
        // healthcheck, restart, command, logging, … say nothing the graph needs.
        break;
    }
  }
  attrs.environment = dedupeEnvironment(attrs.environment);
  return draft;
}

/** One entry per name; `environment:` wins over `env_file:` as in compose. */
export function dedupeEnvironment(vars: EnvVar[]): EnvVar[] {
  const byName = new Map<string, EnvVar>();
  for (const e of vars) {
    const prev = byName.get(e.name);
    if (!prev || e.origin === 'environment' || prev.origin === 'env_file') byName.set(e.name, e);
  }
  return [...byName.values()];
}

function normalizeEnvironment(v: unknown, ctx: NormalizeContext, endLine: number, keyLocation: Location, nodeLine: number | undefined): EnvVar[] {
  const out: EnvVar[] = [];
  const from = nodeLine ?? keyLocation.line;
  const add = (name: string, value: string | null, line: number | undefined) =>
    out.push({ name, value, redacted: value !== null && value.includes('***'), origin: 'environment', location: ctx.file.loc(line ?? from) });
  if (isMap(v)) {
    for (const [k, x] of Object.entries(v)) add(k, x === null || x === undefined ? null : str(x) ?? null, ctx.file.keyLine(from, endLine, k));
  } else if (Array.isArray(v)) {
    for (const item of v) {
      const s = str(item);
      if (s === undefined) continue;
      const eq = s.indexOf('=');
      const name = eq < 0 ? s : s.slice(0, eq);
      add(name, eq < 0 ? null : s.slice(eq + 1), ctx.file.find(from, endLine, new RegExp(`^\\s*-\\s*["']?${escapeRe(name)}(=|["']?\\s*$)`)));
    }
  }
  return out;
}

function readEnvFiles(v: unknown, ctx: NormalizeContext, keyLocation: Location): EnvVar[] {
  const entries = (Array.isArray(v) ? v : [v])
    .map((e) => (isMap(e) ? { path: str(e.path), required: e.required !== false } : { path: str(e), required: true }))
    .filter((e): e is { path: string; required: boolean } => e.path !== undefined);
  const byName = new Map<string, EnvVar>();
  for (const e of entries) {
    const path = joinPath(ctx.dir, e.path);
    if (path === undefined || !ctx.fs.exists(path)) {
      if (e.required) ctx.diagnostics.warning('compose-env-file', keyLocation, `env_file ${e.path} not found${path === undefined ? ' inside the scan root' : ''}; its variables are unknown`);
      continue;
    }
    let text: string;
    try {
      text = ctx.fs.readBytes(path).toString('utf8');
    } catch {
      ctx.diagnostics.warning('compose-env-file', keyLocation, `env_file ${e.path} cannot be read; its variables are unknown`);
      continue;
    }
    const parsed = parseDotenv(text);
    for (const p of parsed.problems) ctx.diagnostics.warning('dotenv-syntax', { file: path, line: p.line }, p.reason);
    for (const [name, entry] of parsed.vars)
      byName.set(name, { name, value: entry.value, redacted: false, origin: 'env_file', location: { file: path, line: entry.line } });
  }
  return [...byName.values()];
}

function normalizeMount(m: unknown, ctx: NormalizeContext, location: Location): Mount | undefined {
  let type: MountType;
  let source: string | undefined;
  let target: string | undefined;
  let readOnly = false;
  if (isMap(m)) {
    type = (str(m.type) as MountType | undefined) ?? 'volume';
    source = str(m.source);
    target = str(m.target);
    readOnly = m.read_only === true;
  } else {
    const s = str(m);
    if (!s) return undefined;
    const parts = s.split(':');
    // Windows drive letters (`C:\data:/data`) keep their colon.
    if (parts.length > 2 && /^[a-zA-Z]$/.test(parts[0]!)) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
    if (parts.length === 1) {
      target = parts[0];
      type = 'volume';
    } else {
      [source, target] = parts;
      readOnly = (parts[2] ?? '').split(',').includes('ro');
      type = /^[./~]|^[a-zA-Z]:[\\/]/.test(source!) ? 'bind' : 'volume';
    }
  }
  if (!target) return undefined;
  const mount: Mount = { type, target, readOnly, location };
  if (source) {
    mount.source = source;
    if (type === 'bind' && !source.startsWith('/') && !source.startsWith('~') && !/^[a-zA-Z]:/.test(source)) {
      const p = joinPath(ctx.dir, source);
      if (p !== undefined) mount.hostPath = p;
    }
  }
  return mount;
}

function normalizeNetworks(
  v: unknown,
  locate: (name: string, node?: object) => Location,
  _endLine: number,
  _ctx: NormalizeContext,
  _keyLocation: Location,
): NetworkAttachment[] {
  if (Array.isArray(v)) return strList(v).map((name) => ({ name, aliases: [], location: locate(name) }));
  if (!isMap(v)) return [];
  return Object.entries(v).map(([name, cfg]) => {
    const n: NetworkAttachment = { name, aliases: [], location: isMap(cfg) ? locate(name, cfg) : locate(name) };
    if (isMap(cfg)) {
      n.aliases = strList(cfg.aliases);
      if (str(cfg.ipv4_address)) n.ipv4Address = str(cfg.ipv4_address)!;
      if (str(cfg.ipv6_address)) n.ipv6Address = str(cfg.ipv6_address)!;
      if (typeof cfg.priority === 'number') n.priority = cfg.priority;
    }
    return n;
  });
}

function normalizeRefs(v: unknown, listLoc: (s: string) => Location, mapLoc: (s: string) => Location): ServiceRef[] {
  if (Array.isArray(v)) return strList(v).map((service) => ({ service, location: listLoc(service) }));
  if (!isMap(v)) return [];
  return Object.entries(v).map(([service, cfg]) => {
    const r: ServiceRef = { service, location: mapLoc(service) };
    if (isMap(cfg) && str(cfg.condition)) r.condition = str(cfg.condition)!;
    return r;
  });
}

function normalizeLabels(v: unknown, attrs: ServiceAttributes, locate: (key: string) => Location): void {
  const pairs: Array<[string, string]> = isMap(v)
    ? Object.entries(v).map(([k, x]) => [k, str(x) ?? ''])
    : strList(v).map((l) => {
        const eq = l.indexOf('=');
        return eq < 0 ? [l, ''] : [l.slice(0, eq), l.slice(eq + 1)];
      });
  for (const [k, x] of pairs) {
    // A label that names a secret keeps its key only.
    attrs.labels[k] = isSecretName(k) ? '' : x;
    attrs.labelLocations[k] = locate(k);
  }
}

const IGNORE_RE = /infragile:ignore\s+([A-Za-z0-9_.:-]+)\s*(.*)$/;

export function suppressionsAt(file: FileText, line: number): Suppression[] {
  const out: Suppression[] = [];
  for (const c of file.commentsAbove(line)) {
    const m = IGNORE_RE.exec(c.text);
    if (m) out.push({ ruleId: m[1]!, reason: m[2]!.trim(), location: file.loc(c.line) });
  }
  return out.sort((a, b) => a.location.line - b.location.line);
}
