/**
 * The Kubernetes adapter: claims YAML/JSON files whose documents are Kubernetes objects (by content),
 * Helm chart directories and kustomizations, and turns them into `k8s` resources. What the objects
 * mean is decided in ./semantics.
 */
import type { Adapter, ParseContext, SourceFile } from '../../src/graph/adapter.js';
import type { Resource } from '../../src/graph/resource.js';
import type { Location } from '../../src/graph/types.js';
import { dirnameOf } from '../../src/fs/vfs.js';
import { isToolConfig } from './kinds.js';
import { parseManifest, type ManifestIssue, type RenderOrigin } from './manifest.js';
import {
  coveredBy,
  findCharts,
  helmCommand,
  inChart,
  isKustomizationFile,
  kustomizationClosure,
  kustomizeCommand,
  readKustomization,
  renderHelm,
  renderKustomize,
  rootKustomizations,
  type Chart,
  type Kustomization,
} from './render.js';

const YAML_OR_JSON = /\.(ya?ml|json)$/i;
const K8S_YAML = /^apiVersion\s*:\s*\S/m;
const K8S_KIND = /^kind\s*:\s*\S/m;
const K8S_JSON = /"apiVersion"\s*:/;
const K8S_JSON_KIND = /"kind"\s*:/;
/** A template that mentions a Kubernetes key, even if indented or templated itself. */
const TEMPLATE_K8S = /^\s*(apiVersion|kind)\s*:/m;

/** Whether the text holds Kubernetes objects (top-level apiVersion and kind), by content only. */
export function looksLikeKubernetes(path: string, text: string): boolean {
  if (/\.json$/i.test(path)) return /^\s*[[{]/.test(text) && K8S_JSON.test(text) && K8S_JSON_KIND.test(text);
  if (!K8S_YAML.test(text) || !K8S_KIND.test(text)) return false;
  // kubeconfig, kind/k3d/Skaffold/kubeadm configs share the shape but are not cluster objects.
  const apis = [...text.matchAll(/^apiVersion\s*:\s*["']?([^\s"'#]+)/gm)].map((m) => m[1]!);
  const kinds = [...text.matchAll(/^kind\s*:\s*["']?([^\s"'#]+)/gm)].map((m) => m[1]!);
  return !(apis.length > 0 && apis.length === kinds.length && apis.every((a, i) => isToolConfig(a, kinds[i]!)));
}

function isEmptyYaml(text: string): boolean {
  return text.split(/\r?\n/).every((l) => /^\s*(#.*)?$|^---\s*$|^\.\.\.\s*$/.test(l));
}

export const kubernetesAdapter: Adapter = {
  meta: {
    id: 'kubernetes',
    description: 'Kubernetes manifests (multi-document, List, Helm-rendered with # Source:, Kustomize output), Helm chart and kustomization directories',
  },

  claim(files: readonly SourceFile[]): SourceFile[] {
    const charts = findCharts(files);
    return files.filter((f) => {
      if (!YAML_OR_JSON.test(f.path) && !isKustomizationFile(f.path)) return false;
      if (inChart(charts, f.path) || isKustomizationFile(f.path)) return true;
      const text = f.text();
      if (looksLikeKubernetes(f.path, text)) return true;
      // Empty YAML is reported here (once) rather than left unclaimed without a word.
      if (/\.ya?ml$/i.test(f.path) && isEmptyYaml(text)) return true;
      return /\.ya?ml$/i.test(f.path) && text.includes('{{') && TEMPLATE_K8S.test(text);
    });
  },

  async parse(files: readonly SourceFile[], ctx: ParseContext): Promise<Resource[]> {
    const resources: Resource[] = [];
    const report = (file: string, issues: ManifestIssue[]) => {
      for (const i of issues) ctx.diagnostics.add(i.severity, i.code, { file, line: i.line }, i.message);
    };

    const charts = findCharts(files);
    for (const chart of charts) resources.push(...chartResources(chart, ctx, report));

    const kustomizations: Kustomization[] = files.filter((f) => isKustomizationFile(f.path) && !inChart(charts, f.path)).map(readKustomization);
    for (const k of kustomizations) if (k.error) report(k.file, [{ line: k.error.line, severity: 'error', code: 'yaml-syntax', message: k.error.message }]);
    const byDir = new Map(kustomizations.map((k) => [k.dir, k]));
    const patchFiles = new Set(kustomizations.flatMap((k) => k.patchFiles));
    const rendered: Array<{ dirs: Set<string>; files: Set<string> }> = [];
    for (const k of rootKustomizations(kustomizations)) {
      if (k.error) continue;
      if (ctx.options.renderKustomize) {
        const out = renderKustomize(ctx.rootDir, k);
        if (out.ok) {
          const closure = kustomizationClosure(k, byDir);
          rendered.push(closure);
          const origin: RenderOrigin = { templateFile: () => undefined, fallbackFile: k.file, locate: sourceIndex(files.filter((f) => coveredBy(closure, f.path) && !patchFiles.has(f.path))) };
          const parsed = parseManifest(k.file, out.output, origin);
          report(k.file, parsed.issues);
          resources.push(...parsed.resources);
          continue;
        }
        ctx.diagnostics.error('kustomize-render-failed', { file: k.file, line: 1 }, `kustomization not rendered (${out.reason}); its manifests are read as written: check with \`${kustomizeCommand(k)}\``);
        continue;
      }
      ctx.diagnostics.warning(
        'kustomization-not-rendered',
        { file: k.file, line: 1 },
        `kustomization not rendered: its manifests are read as written, without its patches, name prefixes, namespace and generators; render it with \`${kustomizeCommand(k)}\` or scan with --render-kustomize`,
      );
    }

    // Components are optional overlay parts: what they add is real only in an overlay that lists them.
    const componentDirs = new Set(kustomizations.filter((k) => k.component).map((k) => k.dir));
    for (const k of kustomizations) {
      if (!k.component) continue;
      ctx.diagnostics.info(
        'kustomize-component-not-read',
        { file: k.file, line: 1 },
        `kustomize Component: optional parts applied only by an overlay that lists it, so its manifests are not read on their own; scan with --render-kustomize to see the overlays that use it`,
      );
    }
    for (const f of files) {
      if (inChart(charts, f.path) || isKustomizationFile(f.path) || patchFiles.has(f.path)) continue;
      if (rendered.some((c) => coveredBy(c, f.path))) continue;
      if (componentDirs.has(dirnameOf(f.path))) continue;
      const parsed = parseManifest(f.path, f.text());
      report(f.path, parsed.issues);
      resources.push(...parsed.resources);
    }
    return resources;
  },
};

/**
 * kind/name → where it is written, over the files a kustomization builds from, so that evidence for
 * built objects points at the manifest a user edits (name prefixes and namespaces may differ).
 */
function sourceIndex(files: readonly SourceFile[]): (kind: string, name: string) => Location | undefined {
  let index: Map<string, Location> | undefined;
  return (kind, name) => {
    if (!index) {
      index = new Map();
      for (const f of files) {
        if (isKustomizationFile(f.path)) continue;
        for (const r of parseManifest(f.path, f.text()).resources) if (!index.has(`${r.type}/${r.name}`)) index.set(`${r.type}/${r.name}`, r.location);
      }
    }
    return index.get(`${kind}/${name}`);
  };
}

function chartResources(chart: Chart, ctx: ParseContext, report: (file: string, issues: ManifestIssue[]) => void): Resource[] {
  const values = ctx.options.helmValues ?? [];
  const command = helmCommand(chart, values);
  if (!ctx.options.renderHelm) {
    ctx.diagnostics.error(
      'helm-chart-not-rendered',
      { file: chart.chartFile, line: 1 },
      `Helm chart '${chart.name}' skipped: its templates are not manifests; render it with \`${command}\` and scan the output, or scan with --render-helm`,
    );
    return [];
  }
  const out = renderHelm(ctx.rootDir, chart, values);
  if (!out.ok) {
    ctx.diagnostics.error('helm-render-failed', { file: chart.chartFile, line: 1 }, `Helm chart '${chart.name}' not rendered (${out.reason}); try \`${command}\``);
    return [];
  }
  const textCache = new Map<string, string | undefined>();
  const read = (file: string) => {
    if (!textCache.has(file)) {
      try {
        textCache.set(file, ctx.fs.readBytes(file).toString('utf8'));
      } catch {
        textCache.set(file, undefined);
      }
    }
    return textCache.get(file);
  };
  const origin: RenderOrigin = {
    fallbackFile: chart.chartFile,
    group: chart.name,
    templateFile(source) {
      const rest = source.split('/').slice(1).join('/');
      const file = chart.dir ? `${chart.dir}/${rest}` : rest;
      return read(file) !== undefined ? file : undefined;
    },
    lineOf(file, kind) {
      const text = read(file);
      if (text === undefined) return undefined;
      const idx = text.split('\n').findIndex((l) => new RegExp(`^kind:\\s*["']?${kind}\\b`).test(l));
      return idx >= 0 ? idx + 1 : undefined;
    },
  };
  const parsed = parseManifest(chart.chartFile, out.output, origin);
  // Lines in rendered output point nowhere a user can open: report against Chart.yaml.
  report(chart.chartFile, parsed.issues.map((i) => ({ ...i, line: 1, message: `rendered output: ${i.message}` })));
  return parsed.resources;
}
