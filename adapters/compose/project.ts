/**
 * Compose projects: the files of one directory merged the way `docker compose -f a -f b` merges
 * them (compose.yaml, then compose.override.yaml, then any other compose file there), `extends`
 * resolved, the implicit `default` network added, and config files the services mount read for
 * endpoints. Files that another file includes or extends are read through that file, not as
 * projects of their own.
 */
import type { Diagnostics } from '../../src/diagnostics.js';
import type { Location } from '../../src/graph/types.js';
import type { FileSystem } from '../../src/fs/vfs.js';
import { dirnameOf, joinPath } from '../../src/fs/vfs.js';
import { compareStrings } from '../../src/graph/ids.js';
import { loadYamlDocuments } from '../../src/util/yaml.js';
import { parseDotenv } from './dotenv.js';
import { includeEntries, loadComposeFile, readFollowedFile, type ComposeDefinitions, type FileModel, type LoadContext, type TopLevel } from './loader.js';
import { mergeServices } from './merge.js';
import { findConfigMentions, MentionCache } from './mentions.js';
import type { ServiceDraft } from './normalize.js';
import { COMPOSE_SCHEMA } from './yaml-schema.js';

export interface Project extends ComposeDefinitions {
  name: string;
  dir: string;
  files: string[];
}

export interface ProjectContext {
  rootName: string;
  fs: FileSystem;
  diagnostics: Diagnostics;
  /** Text of claimed files, by path. */
  claimed: Map<string, () => string>;
}

/** The order `docker compose` picks its default files in, then their overrides. */
const MAIN_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yaml', 'docker-compose.yml'];
const OVERRIDE_FILES = ['compose.override.yaml', 'compose.override.yml', 'docker-compose.override.yaml', 'docker-compose.override.yml'];

const basename = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** compose's project-name rule: lower case, `[a-z0-9_-]`. */
export function projectName(raw: string): string {
  return raw.toLowerCase().replace(/[^a-z0-9_-]/g, '') || 'default';
}

export function buildProjects(paths: readonly string[], ctx: ProjectContext): Project[] {
  const readText = (p: string) => {
    const claimed = ctx.claimed.get(p);
    if (claimed) return claimed();
    return readFollowedFile(ctx.fs, p);
  };
  // Pre-pass: which files are reached through include/extends, and the `name:` of each.
  const refs = new Map<string, Set<string>>(); // file → files it includes or extends
  const names = new Map<string, string>();
  for (const p of paths) {
    const text = readText(p);
    if (text === undefined) continue;
    const value = loadYamlDocuments(text, { schema: COMPOSE_SCHEMA }).find((d) => d.value !== undefined)?.value as Record<string, unknown> | undefined;
    if (typeof value !== 'object' || value === null) continue;
    if (typeof value.name === 'string' && !value.name.includes('$')) names.set(p, value.name);
    for (const inc of includeEntries(value.include)) {
      const t = joinPath(dirnameOf(p), inc.path);
      if (t !== undefined && t !== p) addRef(refs, p, t);
    }
    const services = value.services;
    if (typeof services === 'object' && services !== null) {
      for (const s of Object.values(services)) {
        const ext = (s as Record<string, unknown> | null)?.extends as Record<string, unknown> | undefined;
        if (ext && typeof ext === 'object' && typeof ext.file === 'string') {
          const t = joinPath(dirnameOf(p), ext.file);
          if (t !== undefined && t !== p) addRef(refs, p, t);
        }
      }
    }
  }
  const referenced = referencedFiles(refs);
  const byDir = new Map<string, string[]>();
  for (const p of paths) {
    if (referenced.has(p)) continue;
    const d = dirnameOf(p);
    if (!byDir.has(d)) byDir.set(d, []);
    byDir.get(d)!.push(p);
  }
  const projects: Project[] = [];
  const mentionCache = new MentionCache();
  const usedNames = new Set<string>();
  for (const dir of [...byDir.keys()].sort(compareStrings)) {
    const files = orderFiles(byDir.get(dir)!);
    const written = files.map((f) => names.get(f)).find((n) => n !== undefined);
    let name = projectName(written ?? (dir ? basename(dir) : ctx.rootName));
    if (usedNames.has(name)) {
      const unique = projectName(dir.replace(/\//g, '-')) || name;
      ctx.diagnostics.info('compose-project-name', { file: files[0]!, line: 1 }, `another directory already has compose project "${name}"; this one is named "${unique}" in addresses`);
      name = unique;
    }
    usedNames.add(name);
    const project = loadProject(name, dir, files, ctx, readText, mentionCache);
    if (project) projects.push(project);
  }
  return projects;
}

function addRef(refs: Map<string, Set<string>>, from: string, to: string): void {
  if (!refs.has(from)) refs.set(from, new Set());
  refs.get(from)!.add(to);
}

/**
 * Files read only through another file's include/extends. In a reference cycle (a includes b,
 * b includes a) the file with the smallest path stays a project root, so the cycle is read once.
 */
function referencedFiles(refs: Map<string, Set<string>>): Set<string> {
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [from];
    while (stack.length) for (const n of refs.get(stack.pop()!) ?? []) if (!seen.has(n)) seen.add(n), stack.push(n);
    return seen;
  };
  const out = new Set<string>();
  for (const [from, targets] of refs) {
    for (const to of targets) {
      const cycle = reach(to).has(from);
      if (!cycle || compareStrings(from, to) < 0) out.add(to);
    }
  }
  return out;
}

function orderFiles(files: string[]): string[] {
  const rank = (f: string) => {
    const b = basename(f);
    const main = MAIN_FILES.indexOf(b);
    if (main >= 0) return main;
    const over = OVERRIDE_FILES.indexOf(b);
    if (over >= 0) return 10 + over;
    return 100;
  };
  return [...files].sort((a, b) => rank(a) - rank(b) || compareStrings(a, b));
}

function dotenvLookup(dir: string, ctx: ProjectContext): (name: string) => string | undefined {
  const path = joinPath(dir, '.env')!;
  if (!ctx.fs.exists(path)) return () => undefined;
  const text = readFollowedFile(ctx.fs, path);
  if (text === undefined) return () => undefined;
  const parsed = parseDotenv(text);
  for (const p of parsed.problems) ctx.diagnostics.warning('dotenv-syntax', { file: path, line: p.line }, p.reason);
  return (name) => parsed.vars.get(name)?.value;
}

function loadProject(
  name: string,
  dir: string,
  files: string[],
  ctx: ProjectContext,
  readText: (p: string) => string | undefined,
  mentionCache: MentionCache,
): Project | undefined {
  const lctx: LoadContext = { project: name, fs: ctx.fs, diagnostics: ctx.diagnostics, vars: dotenvLookup(dir, ctx), stack: [], readText };
  const loaded = files.map((f) => loadComposeFile(f, { ...lctx, stack: [f] })).filter((m): m is FileModel => m !== undefined);
  if (loaded.length === 0) return undefined;
  const project: Project = {
    name,
    dir,
    files,
    location: loaded[0]!.location,
    services: new Map(),
    networks: new Map(),
    volumes: new Map(),
    secrets: new Map(),
    configs: new Map(),
  };
  for (const m of loaded) {
    for (const [k, s] of m.services) {
      const prev = project.services.get(k);
      project.services.set(k, prev ? mergeServices(prev, s, 'base') : s);
    }
    for (const section of ['networks', 'volumes', 'secrets', 'configs'] as const) {
      const target = project[section] as Map<string, TopLevel<unknown>>;
      for (const [k, v] of m[section] as Map<string, TopLevel<unknown>>) {
        const prev = target.get(k);
        target.set(k, prev ? { ...prev, attrs: { ...(prev.attrs as object), ...(v.attrs as object) } } : v);
      }
    }
  }
  resolveExtends(project, lctx);
  addDefaultNetwork(project);
  for (const s of project.services.values()) s.attrs.configMentions = findConfigMentions(s.attrs, ctx.fs, mentionCache);
  return project;
}

function resolveExtends(project: Project, lctx: LoadContext): void {
  const fileCache = new Map<string, FileModel | undefined>();
  const fileServices = (path: string, at: Location) => {
    if (!fileCache.has(path)) fileCache.set(path, loadComposeFile(path, { ...lctx, stack: [path] }, at));
    return fileCache.get(path)?.services;
  };
  const resolved = new Map<string, ServiceDraft>();
  const resolve = (draft: ServiceDraft, scope: Map<string, ServiceDraft>, chain: string[]): ServiceDraft => {
    const ext = draft.extends;
    if (!ext) return draft;
    const key = `${ext.file ?? ''}#${ext.service}`;
    if (chain.includes(key)) {
      lctx.diagnostics.error('compose-extends', ext.location, `extends cycle: ${[...chain, key].join(' → ')}; not followed`);
      return draft;
    }
    const baseScope = ext.file ? fileServices(ext.file, ext.location) : scope;
    const base = baseScope?.get(ext.service);
    if (!baseScope || !base) {
      lctx.diagnostics.error('compose-extends', ext.location, `service ${draft.attrs.name} extends ${ext.service}${ext.file ? ` in ${ext.file}` : ''}, which does not exist; used without it`);
      const { extends: _gone, ...rest } = draft;
      return rest;
    }
    const merged = mergeServices(resolve(base, baseScope, [...chain, key]), draft, 'over');
    delete merged.extends;
    return merged;
  };
  for (const [name, draft] of project.services) resolved.set(name, resolve(draft, project.services, [`#${name}`]));
  for (const [name, draft] of resolved) project.services.set(name, draft);
}

/** Services that name no network and no network_mode are on the project's `default` network. */
function addDefaultNetwork(project: Project): void {
  let used = false;
  for (const s of project.services.values()) {
    if (s.attrs.networks.length === 0 && !s.attrs.networkMode) {
      s.attrs.networks = [{ name: 'default', aliases: [], location: s.location }];
      used = true;
    }
  }
  if (used && !project.networks.has('default')) {
    project.networks.set('default', {
      attrs: { project: project.name, name: 'default', internal: false, external: false, subnets: [], implicit: true },
      location: project.location,
      lines: {},
    });
  }
}
