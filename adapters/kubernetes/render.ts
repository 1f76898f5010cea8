/**
 * Build inputs that are not manifests yet: Helm chart directories (Chart.yaml + templates/) and
 * kustomization directories. Rendering runs a program (`helm template`, `kubectl kustomize` /
 * `kustomize build`), so it happens only when the user asked for it (DESIGN §1); otherwise the
 * user gets one diagnostic per chart or kustomization with the exact command that renders it.
 */
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import type { SourceFile } from '../../src/graph/adapter.js';
import { dirnameOf, joinPath } from '../../src/fs/vfs.js';
import { loadYamlDocuments } from '../../src/util/yaml.js';
import { isObject } from './manifest.js';

export interface Chart {
  /** Scan-root-relative directory ('' for the root). */
  dir: string;
  /** `name:` from Chart.yaml, else the directory name. */
  name: string;
  chartFile: string;
}

export interface Kustomization {
  dir: string;
  file: string;
  /** Directories it builds on (resources/bases/components that are directories), root-relative. */
  dirRefs: string[];
  /** Files it lists as resources, root-relative. */
  fileRefs: string[];
  /** Patch files: partial objects, never parsed as manifests. */
  patchFiles: string[];
  /** `kind: Component`: optional parts an overlay may include, never built on their own. */
  component: boolean;
  /** Set when the file itself could not be read as YAML. */
  error?: { line: number; message: string };
}

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function isKustomizationFile(path: string): boolean {
  return KUSTOMIZATION_NAMES.has(baseName(path));
}

function under(dir: string, path: string): boolean {
  return dir === '' || path.startsWith(dir + '/');
}

/** Chart directories among the files: Chart.yaml with templates beside it. Subcharts belong to their parent. */
export function findCharts(files: readonly SourceFile[]): Chart[] {
  // Directories with a templates/ child, collected in one pass (no chart × file loop).
  const hasTemplates = new Set<string>();
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = parts.indexOf('templates'); i >= 0 && i < parts.length - 1; i = parts.indexOf('templates', i + 1)) hasTemplates.add(parts.slice(0, i).join('/'));
  }
  const dirs = files.filter((f) => baseName(f.path) === 'Chart.yaml').map((f) => dirnameOf(f.path));
  const withTemplates = dirs.filter((d) => hasTemplates.has(d));
  const outermost = withTemplates.filter((d) => !withTemplates.some((o) => o !== d && under(o, d)));
  return outermost.sort().map((dir) => {
    const chartFile = dir ? `${dir}/Chart.yaml` : 'Chart.yaml';
    const text = files.find((f) => f.path === chartFile)?.text() ?? '';
    const name = /^name:\s*["']?([^"'\s#]+)/m.exec(text)?.[1] ?? (baseName(dir) || 'chart');
    return { dir, name, chartFile };
  });
}

export function inChart(charts: readonly Chart[], path: string): boolean {
  return charts.some((c) => under(c.dir, path));
}

export function readKustomization(file: SourceFile): Kustomization {
  const dir = dirnameOf(file.path);
  const k: Kustomization = { dir, file: file.path, dirRefs: [], fileRefs: [], patchFiles: [], component: false };
  const doc = loadYamlDocuments(file.text()).find((d) => d.error || d.value !== undefined);
  if (doc?.error) {
    k.error = doc.error;
    return k;
  }
  const v = isObject(doc?.value) ? doc.value : {};
  k.component = v.kind === 'Component';
  const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  for (const ref of [...strings(v.resources), ...strings(v.bases), ...strings(v.components)]) {
    if (/^[a-z]+:\/\/|^github\.com\/|^git@/i.test(ref)) continue; // remote bases are out of reach
    const p = joinPath(dir, ref);
    if (p === undefined) continue;
    if (/\.(ya?ml|json)$/i.test(ref)) k.fileRefs.push(p);
    else k.dirRefs.push(p);
  }
  const patches = [...strings(v.patchesStrategicMerge)];
  for (const key of ['patches', 'patchesJson6902']) {
    const list = v[key];
    if (Array.isArray(list)) for (const p of list) if (isObject(p) && typeof p.path === 'string') patches.push(p.path);
  }
  for (const p of patches) {
    const full = joinPath(dir, p);
    if (full !== undefined) k.patchFiles.push(full);
  }
  return k;
}

/** Kustomizations no other kustomization in the scan builds on: the ones a user would build. */
export function rootKustomizations(all: readonly Kustomization[]): Kustomization[] {
  const referenced = new Set(all.flatMap((k) => k.dirRefs));
  return all.filter((k) => !k.component && !referenced.has(k.dir));
}

/** Every directory and file a kustomization build reads, following local references. */
export function kustomizationClosure(root: Kustomization, byDir: ReadonlyMap<string, Kustomization>): { dirs: Set<string>; files: Set<string> } {
  const dirs = new Set<string>();
  const files = new Set<string>();
  const stack = [root];
  while (stack.length) {
    const k = stack.pop()!;
    if (dirs.has(k.dir)) continue;
    dirs.add(k.dir);
    for (const f of [...k.fileRefs, ...k.patchFiles]) files.add(f);
    for (const d of k.dirRefs) {
      const next = byDir.get(d);
      if (next) stack.push(next);
      else dirs.add(d); // a plain directory of manifests
    }
  }
  return { dirs, files };
}

export function coveredBy(closure: { dirs: Set<string>; files: Set<string> }, path: string): boolean {
  if (closure.files.has(path)) return true;
  return closure.dirs.has(dirnameOf(path));
}

/** The first executable of that name on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

export type RenderResult = { ok: true; output: string } | { ok: false; reason: string };

function run(program: string, args: string[], cwd: string): RenderResult {
  try {
    const output = execFileSync(program, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true, output };
  } catch (e) {
    const err = e as { stderr?: string | Buffer; message: string };
    const stderr = String(err.stderr ?? '').trim().split('\n')[0];
    return { ok: false, reason: stderr || err.message.split('\n')[0]! };
  }
}

function shellQuote(s: string): string {
  return /^[\w./@:=-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The command a user runs to render the chart, as printed in diagnostics (root-relative paths). */
export function helmCommand(chart: Chart, values: readonly string[]): string {
  return ['helm', 'template', chart.name, chart.dir || '.', ...values.flatMap((v) => ['-f', v])].map(shellQuote).join(' ');
}

export function renderHelm(rootDir: string, chart: Chart, values: readonly string[]): RenderResult {
  const helm = findOnPath('helm');
  if (!helm) return { ok: false, reason: 'helm is not on PATH' };
  const args = ['template', chart.name, resolve(rootDir, chart.dir || '.'), ...values.flatMap((v) => ['-f', resolve(rootDir, v)])];
  return run(helm, args, rootDir);
}

export function kustomizeCommand(k: Kustomization): string {
  return `kubectl kustomize ${shellQuote(k.dir || '.')}`;
}

export function renderKustomize(rootDir: string, k: Kustomization): RenderResult {
  const dir = resolve(rootDir, k.dir || '.');
  const kustomize = findOnPath('kustomize');
  if (kustomize) return run(kustomize, ['build', dir], rootDir);
  const kubectl = findOnPath('kubectl');
  if (kubectl) return run(kubectl, ['kustomize', dir], rootDir);
  return { ok: false, reason: 'neither kustomize nor kubectl is on PATH' };
}
