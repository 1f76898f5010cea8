/**
 * The Terraform adapter: `.tf`, `.tf.json`, `.tfvars` and `terraform show -json` files → Resources.
 * Steps: parse (hcl2json, in workers when many files) → one config per folder → follow module calls
 * (local folders and `.terraform/modules`, read through ctx.fs) → pick the roots → instantiate each
 * root with its tfvars → emit one Resource per resource/data block, and one per unreadable module.
 * See README.md for the Resource contract the platform semantics rely on.
 */
import { availableParallelism } from 'node:os';
import type { Adapter, ParseContext, SourceFile } from '../../src/graph/adapter.js';
import { compareStrings } from '../../src/graph/ids.js';
import type { Resource } from '../../src/graph/resource.js';
import { dirnameOf, joinPath, normalizePath } from '../../src/fs/vfs.js';
import { addFile, emptyConfig, jsonBlockLines, sortBlocks, type ModuleConfig, type ParsedFile } from './config.js';
import { Evaluator } from './eval/evaluator.js';
import { MAX_HCL_DEPTH, parseHcl, workerCount, type HclInput } from './hcl/hcl2json.js';
import { jsonDepth, scanHclLines, type BlockLines } from './hcl/lines.js';
import { Instance, type InstanceContext } from './instance.js';
import { isPlanJson, parsePlan } from './plan.js';

const HCL_CONFIG = /\.tf$/i;
const JSON_CONFIG = /\.tf\.json$/i;
const HCL_VARS = /\.tfvars$/i;
const JSON_VARS = /\.tfvars\.json$/i;
const MAX_READ = 8 * 1024 * 1024;

export const terraformAdapter: Adapter = {
  meta: { id: 'terraform', description: 'Terraform configurations (.tf, .tf.json, .tfvars) and plan/state JSON (terraform show -json)' },
  claim(files: readonly SourceFile[]): SourceFile[] {
    return files.filter((f) => HCL_CONFIG.test(f.path) || JSON_CONFIG.test(f.path) || HCL_VARS.test(f.path) || JSON_VARS.test(f.path) || isPlanJson(f));
  },
  async parse(files: readonly SourceFile[], ctx: ParseContext): Promise<Resource[]> {
    const out: Resource[] = [];
    for (const f of files.filter((x) => !isConfigOrVars(x.path))) out.push(...parsePlan(f, ctx.diagnostics));
    out.push(...(await parseConfigurations(files.filter((x) => isConfigOrVars(x.path)), ctx)));
    return out;
  },
};

function isConfigOrVars(path: string): boolean {
  return HCL_CONFIG.test(path) || JSON_CONFIG.test(path) || HCL_VARS.test(path) || JSON_VARS.test(path);
}

interface TextFile {
  path: string;
  text: string;
}

/** Parsed files by path: configs (with block lines) and tfvars (flat values). */
interface Parsed {
  configs: Map<string, ParsedFile>;
  vars: Map<string, Record<string, unknown>>;
}

async function parseFiles(files: readonly TextFile[], ctx: ParseContext, into: Parsed): Promise<void> {
  const hcl: HclInput[] = [];
  const lines = new Map<string, Map<string, BlockLines>>();
  for (const f of files) {
    if (JSON_CONFIG.test(f.path) || JSON_VARS.test(f.path)) {
      const json = parseJson(f, ctx);
      if (!json) continue;
      if (JSON_VARS.test(f.path)) into.vars.set(f.path, json);
      else into.configs.set(f.path, { path: f.path, json, blocks: jsonBlockLines(f.text) });
      continue;
    }
    const scan = scanHclLines(f.text);
    if (scan.maxDepth > MAX_HCL_DEPTH) {
      ctx.diagnostics.error(
        'tf-nesting-too-deep',
        { file: f.path, line: 1 },
        `brackets nest ${scan.maxDepth} levels deep (limit ${MAX_HCL_DEPTH}); the file is not parsed (this protects the HCL parser, which cannot recover from a stack overflow)`,
      );
      continue;
    }
    lines.set(f.path, scan.blocks);
    hcl.push({ path: f.path, text: f.text });
  }
  const results = await parseHcl(hcl, workerCount(hcl, ctx.options.workers, availableParallelism()));
  for (const r of results) {
    if ('error' in r) {
      ctx.diagnostics.error('tf-parse-error', { file: r.path, line: r.error.line }, `${r.error.message} (the rest of this file is skipped)`);
      continue;
    }
    if (HCL_VARS.test(r.path)) into.vars.set(r.path, r.json);
    else into.configs.set(r.path, { path: r.path, json: r.json, blocks: lines.get(r.path) ?? new Map() });
  }
}

function parseJson(f: TextFile, ctx: ParseContext): Record<string, unknown> | undefined {
  if (jsonDepth(f.text) > MAX_HCL_DEPTH) {
    ctx.diagnostics.error('tf-nesting-too-deep', { file: f.path, line: 1 }, `JSON nests over ${MAX_HCL_DEPTH} levels deep; the file is not parsed`);
    return undefined;
  }
  try {
    const v = JSON.parse(f.text) as unknown;
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    ctx.diagnostics.error('tf-parse-error', { file: f.path, line: 1 }, 'a Terraform JSON file must hold an object at the top');
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? f.text.slice(0, Number(pos[1])).split('\n').length : 1;
    ctx.diagnostics.error('tf-parse-error', { file: f.path, line }, `invalid JSON: ${msg}`);
  }
  return undefined;
}

/** The `.tf`/`.tf.json` files of a folder read through ctx.fs (module folders outside the scanned paths). */
function readFolder(dir: string, ctx: ParseContext): TextFile[] {
  let entries;
  try {
    entries = ctx.fs.list(dir);
  } catch {
    return [];
  }
  const out: TextFile[] = [];
  for (const e of entries) {
    const path = joinPath(dir, e.name)!;
    if (!HCL_CONFIG.test(e.name) && !JSON_CONFIG.test(e.name)) continue;
    if (e.kind === 'dangling-symlink') {
      ctx.diagnostics.warning('dangling-symlink', { file: path, line: 1 }, 'symbolic link points to nothing; skipped');
      continue;
    }
    if (e.kind !== 'file' && e.kind !== 'symlink-file') continue;
    const size = ctx.fs.size(path);
    if (size === undefined || size > MAX_READ) continue;
    out.push({ path, text: stripBom(ctx.fs.readBytes(path).toString('utf8')) });
  }
  return out;
}

function readText(path: string, ctx: ParseContext): string | undefined {
  const size = ctx.fs.size(path);
  if (size === undefined || size > MAX_READ) return undefined;
  try {
    return stripBom(ctx.fs.readBytes(path).toString('utf8'));
  } catch {
    return undefined;
  }
}

const stripBom = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

/** modules.json written by `terraform init`: module key (`a.b`) → folder, per root folder. */
function readModulesJson(rootDir: string, ctx: ParseContext): Map<string, string> {
  const out = new Map<string, string>();
  const path = joinPath(rootDir, '.terraform/modules/modules.json')!;
  const text = readText(path, ctx);
  if (text === undefined) return out;
  try {
    const doc = JSON.parse(text) as { Modules?: Array<{ Key?: string; Dir?: string }> };
    for (const m of doc.Modules ?? []) {
      if (!m.Key || typeof m.Dir !== 'string') continue;
      const dir = joinPath(rootDir, m.Dir);
      if (dir !== undefined) out.set(m.Key, dir);
    }
  } catch (e) {
    ctx.diagnostics.warning('tf-modules-json', { file: path, line: 1 }, `cannot read modules.json (${(e as Error).message}); downloaded modules are treated as not on disk`);
  }
  return out;
}

const isLocalSource = (s: string) => s.startsWith('./') || s.startsWith('../') || s === '.' || s === '..';

async function parseConfigurations(files: readonly SourceFile[], ctx: ParseContext): Promise<Resource[]> {
  const parsed: Parsed = { configs: new Map(), vars: new Map() };
  const varFiles = (ctx.options.varFiles ?? []).map((p) => normalizePath(p)).filter((p): p is string => p !== undefined);
  const claimedPaths = new Set(files.map((f) => f.path));
  const extraVars: TextFile[] = [];
  for (const p of varFiles) {
    if (claimedPaths.has(p)) continue;
    const text = readText(p, ctx);
    if (text === undefined) ctx.diagnostics.error('tf-var-file', { file: p, line: 1 }, 'variable file given with --var-file cannot be read');
    else extraVars.push({ path: p, text });
  }
  await parseFiles([...files.map((f) => ({ path: f.path, text: f.text() })), ...extraVars], ctx, parsed);

  // Configs by folder, then follow module sources until no new folder appears.
  const configs = new Map<string, ModuleConfig>();
  const addParsed = (list: Iterable<ParsedFile>) => {
    for (const pf of [...list].sort((a, b) => compareStrings(a.path, b.path))) {
      const dir = dirnameOf(pf.path);
      let c = configs.get(dir);
      if (!c) configs.set(dir, (c = emptyConfig(dir)));
      addFile(c, pf, ctx.diagnostics);
    }
    for (const c of configs.values()) sortBlocks(c);
  };
  addParsed(parsed.configs.values());
  const claimedDirs = [...configs.keys()].sort(compareStrings);
  const modulesJson = new Map<string, Map<string, string>>();
  for (const dir of claimedDirs) modulesJson.set(dir, readModulesJson(dir, ctx));

  const attempted = new Set(configs.keys());
  const usedAsModule = new Set<string>();
  let frontier = [...configs.values()];
  while (frontier.length > 0) {
    const wanted = new Set<string>();
    for (const c of frontier) {
      for (const call of c.modules.values()) {
        const src = call.body['source'];
        if (typeof src !== 'string' || !isLocalSource(src)) continue;
        const dir = joinPath(c.dir, src);
        if (dir === undefined) continue;
        if (dir !== c.dir) usedAsModule.add(dir);
        if (!attempted.has(dir)) wanted.add(dir);
      }
    }
    for (const map of modulesJson.values()) for (const dir of map.values()) if (!attempted.has(dir)) wanted.add(dir);
    const before = new Set(configs.keys());
    const newFiles: TextFile[] = [];
    for (const dir of [...wanted].sort(compareStrings)) {
      attempted.add(dir);
      newFiles.push(...readFolder(dir, ctx));
    }
    if (newFiles.length === 0) break;
    const round: Parsed = { configs: new Map(), vars: new Map() };
    await parseFiles(newFiles, ctx, round);
    addParsed(round.configs.values());
    frontier = [...configs.keys()].filter((d) => !before.has(d)).map((d) => configs.get(d)!);
  }

  const evaluator = new Evaluator();
  const readFile = (p: string) => {
    const n = normalizePath(p);
    return n === undefined ? undefined : readText(n, ctx);
  };

  const out: Resource[] = [];
  const visited = new Set<string>();
  const context: InstanceContext = {
    configs,
    diagnostics: ctx.diagnostics,
    evaluator,
    readFile,
    visited,
    resolveModule(caller, call, source) {
      if (isLocalSource(source)) {
        const dir = joinPath(caller.config.dir, source);
        if (dir === undefined) return { missing: `module "${call.name}": source ${source} points outside the scan root; scan a folder that contains it` };
        if (configs.has(dir)) return { dir };
        return { missing: `module "${call.name}": source ${source} (${dir || '.'}) has no .tf files on disk; check the path` };
      }
      const key = [...caller.keyPath, call.name].join('.');
      const dir = modulesJson.get(caller.root.dir)?.get(key);
      if (dir !== undefined && configs.has(dir)) return { dir };
      return { opaque: `module source ${source} is not on disk; run \`terraform init\` or scan a plan file (terraform show -json)` };
    },
  };

  // Roots: folders nobody in the scan calls as a module. A folder that is only reached through a call
  // is instantiated with that call's inputs; folders left over (call cycles) become roots in order.
  const roots = claimedDirs.filter((d) => !usedAsModule.has(d));
  const leftovers = claimedDirs.filter((d) => usedAsModule.has(d));
  // Several roots in one scan (envs/prod, envs/staging) would collide on addresses: qualify them by folder.
  const prefixed = roots.length > 1;
  const rootPrefix = (dir: string) => (prefixed ? `${dir || '.'}//` : '');
  const instantiate = (dir: string) => {
    const root = new Instance(context, configs.get(dir)!, '', rootPrefix(dir), { dir, tfvars: tfvarsFor(dir, parsed.vars, varFiles), varSource: undefined });
    const skipped: string[] = [];
    try {
      root.emit(out, skipped);
    } catch (e) {
      // Resources emitted so far are kept; the other roots still go on.
      ctx.diagnostics.error('tf-eval-error', { file: configs.get(dir)!.files[0] ?? dir, line: 1 }, `the Terraform root ${dir || '.'} could not be fully evaluated (${(e as Error).message}); some of its resources are missing`);
    }
    if (skipped.length)
      ctx.diagnostics.info(
        'tf-not-created',
        { file: configs.get(dir)!.files[0] ?? dir, line: 1 },
        `${skipped.length} block(s) have count = 0 or an empty for_each with these inputs and are not created: ${skipped.slice(0, 10).join(', ')}${skipped.length > 10 ? ', …' : ''}`,
      );
  };
  for (const dir of roots) instantiate(dir);
  for (const dir of leftovers) if (!visited.has(dir)) instantiate(dir);
  return out;
}

/** terraform.tfvars, then *.auto.tfvars (sorted), then --var-file files: later ones win, as in Terraform. */
function tfvarsFor(dir: string, vars: ReadonlyMap<string, Record<string, unknown>>, varFiles: readonly string[]): Record<string, unknown> {
  const inDir = [...vars.keys()].filter((p) => dirnameOf(p) === dir);
  const base = (p: string) => p.slice(p.lastIndexOf('/') + 1);
  const order = [
    ...inDir.filter((p) => base(p) === 'terraform.tfvars' || base(p) === 'terraform.tfvars.json').sort(compareStrings),
    ...inDir.filter((p) => /\.auto\.tfvars(\.json)?$/.test(base(p))).sort(compareStrings),
    ...varFiles.filter((p) => vars.has(p)),
  ];
  const out: Record<string, unknown> = {};
  for (const p of order) Object.assign(out, vars.get(p));
  return out;
}
