/**
 * One manifest text (a file, or `helm template` / `kustomize build` output) → Kubernetes resources.
 * Multi-document files are split by src/util/yaml.ts so one bad document does not lose the others;
 * `List` kinds are flattened; Helm's `# Source:` comments give the template and the chart; comments
 * `infragile:ignore <rule> <reason>` become suppressions. Never throws: problems come back as issues.
 */
import type { Resource, Suppression } from '../../src/graph/resource.js';
import type { Location } from '../../src/graph/types.js';
import { linesByPath, loadYamlDocuments } from '../../src/util/yaml.js';
import { parseEndpoints } from '../common/endpoints.js';
import { isClusterScoped } from './kinds.js';

export interface ManifestIssue {
  line: number;
  severity: 'error' | 'warning' | 'info';
  code: string;
  message: string;
}

export interface ParsedManifest {
  resources: Resource[];
  issues: ManifestIssue[];
}

/** Where rendered output came from, so locations can point into the chart instead of a temp file. */
export interface RenderOrigin {
  /** Maps a `# Source:` path (`chart/templates/x.yaml`) to a scan-root-relative file, if it exists. */
  templateFile(source: string): string | undefined;
  /** The file to blame when a document has no `# Source:` (Chart.yaml, kustomization.yaml). */
  fallbackFile: string;
  /** The line in `file` where this kind/name is written, when it can be found cheaply. */
  lineOf?(file: string, kind: string): number | undefined;
  /** Where an object of this kind and name is written in the sources (kustomize output carries no `# Source:`). */
  locate?(kind: string, name: string): Location | undefined;
  group?: string;
}

type Obj = Record<string, unknown>;

export function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const NO_NESTED_LINES = new Set(['CustomResourceDefinition']);
const SOURCE_RE = /^#\s*Source:\s*(\S+)/m;
const IGNORE_RE = /#.*\binfragile:ignore\s+(\S+)\s*(.*)$/;
/** Go-template syntax where YAML structure goes: a control line or an unquoted `key: {{ … }}`. */
const TEMPLATE_RE = /^\s*\{\{|^\s*-?\s*[\w.-]*:?\s+\{\{|^\s*-\s+\{\{/m;

export function parseManifest(path: string, text: string, origin?: RenderOrigin): ParsedManifest {
  const out: ParsedManifest = { resources: [], issues: [] };
  if (text.trim() === '' || text.split(/\r?\n/).every((l) => /^\s*(#.*)?$|^---\s*$|^\.\.\.\s*$/.test(l))) {
    out.issues.push({ line: 1, severity: 'warning', code: 'empty-file', message: 'empty file: no YAML document in it' });
    return out;
  }
  const docs = loadYamlDocuments(text);
  const template = !origin ? unrenderedTemplateLine(text, docs) : undefined;
  if (template !== undefined) {
    out.issues.push({
      line: template,
      severity: 'error',
      code: 'unrendered-template',
      message:
        'unrendered Helm/Go template ({{ … }} where YAML is expected); skipped: render it first (`helm template <release> <chart-dir>`) and scan the output, or scan the chart directory with --render-helm',
    });
    return out;
  }
  for (const doc of docs) {
    if (doc.error) {
      out.issues.push({ line: doc.error.line, severity: 'error', code: 'yaml-syntax', message: doc.error.message });
      continue;
    }
    if (doc.value === undefined || doc.value === null) continue; // an empty document between `---` is normal (Helm output)
    const source = SOURCE_RE.exec(doc.text)?.[1];
    const suppressions = suppressionsIn(doc.text, doc.startLine, path);
    const lineOf = (o: object) => doc.lines.get(o) ?? doc.contentLine;
    if (!isObject(doc.value)) {
      out.issues.push({ line: doc.contentLine, severity: 'error', code: 'k8s-not-an-object', message: 'document is not a mapping, so not a Kubernetes object; skipped' });
      continue;
    }
    const v = doc.value;
    if (typeof v.kind === 'string' && /List$/.test(v.kind) && Array.isArray(v.items)) {
      const items = v.items as unknown[];
      const starts = items.map((item) => (isObject(item) ? lineOf(item) : doc.contentLine));
      items.forEach((item, i) => {
        // A comment belongs to the item it stands above (or inside of): between the previous item's start and the next one's.
        const next = starts[i + 1] ?? Number.MAX_SAFE_INTEGER;
        const mine = suppressions.filter((s) => (i === 0 || s.location.line >= starts[i]! - 1) && s.location.line < next - 1);
        addObject(out, path, item, starts[i]!, () => linesByPath(item, doc.lines), source, origin, mine);
      });
      continue;
    }
    addObject(out, path, v, doc.contentLine, () => linesByPath(v, doc.lines), source, origin, suppressions);
  }
  return out;
}

function addObject(
  out: ParsedManifest,
  path: string,
  value: unknown,
  line: number,
  linesOf: () => Record<string, number>,
  source: string | undefined,
  origin: RenderOrigin | undefined,
  suppressions: Suppression[],
): void {
  if (!isObject(value)) {
    out.issues.push({ line, severity: 'error', code: 'k8s-not-an-object', message: 'list item is not a mapping, so not a Kubernetes object; skipped' });
    return;
  }
  const kind = value.kind;
  const apiVersion = value.apiVersion;
  if (typeof kind !== 'string' || kind === '' || typeof apiVersion !== 'string') {
    out.issues.push({
      line,
      severity: 'error',
      code: 'k8s-missing-kind',
      message: `document has no ${typeof kind !== 'string' || kind === '' ? 'kind' : 'apiVersion'}, so it is not a Kubernetes object; skipped`,
    });
    return;
  }
  // kustomize's own files (kustomization, components) are build inputs, not cluster objects.
  if (apiVersion.startsWith('kustomize.config.k8s.io/')) return;
  const meta = isObject(value.metadata) ? value.metadata : {};
  const name = typeof meta.name === 'string' && meta.name !== '' ? meta.name : typeof meta.generateName === 'string' ? meta.generateName : undefined;
  if (name === undefined) {
    out.issues.push({ line, severity: 'error', code: 'k8s-missing-name', message: `${kind} has no metadata.name; skipped` });
    return;
  }
  const namespace = typeof meta.namespace === 'string' && meta.namespace !== '' ? meta.namespace : 'default';
  const address = isClusterScoped(kind) ? `k8s:${kind}/${name}` : `k8s:${namespace}/${kind}/${name}`;
  let location: Location = { file: path, line };
  let group = origin?.group;
  // CRDs carry megabytes of OpenAPI schema nobody points into: no nested lines for them.
  let nestedLines: Record<string, number> | undefined = NO_NESTED_LINES.has(kind) ? undefined : linesOf();
  if (source) {
    group = source.split('/')[0];
    const file = origin?.templateFile(source);
    // Rendered output: point at the chart template (its line for this kind when findable).
    if (file) {
      location = { file, line: origin?.lineOf?.(file, kind) ?? 1, template: source };
      nestedLines = undefined;
    } else location = { file: origin?.fallbackFile ?? path, line: origin ? 1 : line, template: source };
    if (origin && !file) nestedLines = undefined;
  } else if (origin) {
    location = origin.locate?.(kind, name) ?? { file: origin.fallbackFile, line: origin.lineOf?.(origin.fallbackFile, kind) ?? 1 };
    nestedLines = undefined;
  }
  const attributes = kind === 'Secret' ? redactSecret(value) : value;
  const r: Resource = { format: 'k8s', type: kind, address, name, attributes, location };
  if (nestedLines && Object.keys(nestedLines).length) r.lines = nestedLines;
  if (group) r.group = group;
  const spec = isObject(value.spec) ? value.spec : undefined;
  if (spec && typeof spec.replicas === 'number') r.multiplicity = spec.replicas;
  if (suppressions.length) r.suppressions = suppressions.map((s) => ({ ...s, location: origin ? location : s.location }));
  out.resources.push(r);
}

/**
 * Secret values never leave the adapter: each key keeps only the endpoints (host, port, scheme) its
 * value names, so semantics can still follow `DATABASE_URL` in a Secret to a flow.
 */
function redactSecret(value: Obj): Obj {
  const redact = (data: unknown, base64: boolean): Obj | undefined => {
    if (!isObject(data)) return undefined;
    const out: Obj = {};
    for (const [k, v] of Object.entries(data)) {
      let text = typeof v === 'string' ? v : '';
      if (base64) {
        try {
          text = Buffer.from(text, 'base64').toString('utf8');
        } catch {
          text = '';
        }
      }
      out[k] = { $redacted: true, endpoints: parseEndpoints(text) };
    }
    return out;
  };
  const copy: Obj = { ...value };
  const data = redact(value.data, true);
  const stringData = redact(value.stringData, false);
  if (data) copy.data = data;
  else delete copy.data;
  if (stringData) copy.stringData = stringData;
  else delete copy.stringData;
  return copy;
}

function suppressionsIn(text: string, startLine: number, file: string): Suppression[] {
  const out: Suppression[] = [];
  text.split('\n').forEach((l, i) => {
    const m = IGNORE_RE.exec(l);
    if (m) out.push({ ruleId: m[1]!, reason: m[2]!.trim(), location: { file, line: startLine + i } });
  });
  return out;
}

/**
 * The first line of Go-template syntax, when the file is an unrendered template rather than a
 * manifest that merely carries `{{ }}` inside string values (alert rules, notification templates).
 */
function unrenderedTemplateLine(text: string, docs: ReturnType<typeof loadYamlDocuments>): number | undefined {
  if (!text.includes('{{')) return undefined;
  const broken = docs.some((d) => {
    if (d.error) return true;
    if (!isObject(d.value)) return d.value !== undefined && d.value !== null;
    const meta = d.value.metadata;
    const name = isObject(meta) ? meta.name : undefined;
    return typeof d.value.kind !== 'string' || typeof d.value.apiVersion !== 'string' || (typeof name === 'string' && name.includes('{{')) || (name !== undefined && typeof name !== 'string');
  });
  if (!broken) return undefined;
  const m = TEMPLATE_RE.exec(text);
  if (!m) return undefined;
  return text.slice(0, m.index + (m[0].length - m[0].trimStart().length)).split('\n').length;
}
