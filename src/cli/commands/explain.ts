/**
 * `infragile explain <paths…> <component-id|flow-id|risk-id>`: why an element or a risk exists.
 * For a risk: the rule (id, title, STRIDE, CWE), the model facts it used, and the IaC evidence chain,
 * file:line per hop (for internet-facing components, the exposure path from the internet hop by hop).
 * For a component or a flow: its sources and evidence. Unknown id: exit 2 with the closest ids.
 */
import { Command } from 'commander';
import type { ScanAnalysis } from '../../analyze/scan.js';
import type { SuppressedRisk } from '../../analyze/suppress.js';
import type { Risk } from '../../analyze/types.js';
import { formatLocation } from '../../diagnostics.js';
import { INTERNET_ID, type ArchitectureGraph, type Boundary, type Component, type DataAsset, type Evidence, type Flow } from '../../graph/types.js';
import { stripTags } from '../../report/scan-text.js';
import { addScanOptions, emit } from '../common.js';
import { UsageError } from '../errors.js';
import { rules } from '../../../rules/index.js';
import { runScanAnalysis, type ScanAnalysisCliOptions } from './scan.js';

interface ExplainOptions extends ScanAnalysisCliOptions {
  output?: string;
}

export function explainCommand(): Command {
  const cmd = new Command('explain')
    .description('explain a risk, component or flow: the rule, the model facts and the IaC evidence chain, file:line per hop')
    .argument('<args...>', 'files or directories to scan, then the id to explain (component id, flow id `a>b`, or risk synthetic id)')
    .option('-m, --model <file>', 'hand-written threagile.yaml (explain risks of its effective model)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--risk-tracking <file>', 'a risk tracking file to apply')
    .option('--today <date>', 'date (YYYY-MM-DD) for acceptance expiry');
  addScanOptions(cmd).action(async (args: string[], opts: ExplainOptions) => {
    if (args.length < 2) throw new UsageError('explain needs at least one path and an id, e.g. `infragile explain infra/ datastore-exposed-to-internet@db`');
    const id = args[args.length - 1]!;
    const { scan, analysis } = await runScanAnalysis(args.slice(0, -1), { ...opts, quiet: true });
    emit(explain(id, scan.graph, analysis), opts.output);
  });
  cmd.addHelpText('after', '\nExamples:\n  infragile explain infra/ admin-port-open-to-internet@web-host@22\n  infragile explain k8s/ cart\n  infragile explain k8s/ "front-end>cart"\n');
  return cmd;
}

/** The explanation text; throws UsageError (exit 2) with the closest ids when nothing has this id. */
export function explain(id: string, graph: ArchitectureGraph, analysis: ScanAnalysis): string {
  const ex = new Explainer(graph, analysis);
  const risk = analysis.risks.find((r) => r.syntheticId === id);
  if (risk) return ex.risk(risk);
  const suppressed = analysis.suppressed.find((s) => s.risk.syntheticId === id);
  if (suppressed) return ex.risk(suppressed.risk, suppressed);
  const c = graph.components.find((x) => x.id === id);
  if (c) return ex.component(c);
  const f = graph.flows.find((x) => x.id === id);
  if (f) return ex.flow(f);
  const b = graph.boundaries.find((x) => x.id === id);
  if (b) return ex.boundary(b);
  const d = graph.dataAssets.find((x) => x.id === id);
  if (d) return ex.dataAsset(d);
  const all = [
    ...analysis.risks.map((r) => r.syntheticId),
    ...analysis.suppressed.map((s) => s.risk.syntheticId),
    ...graph.components.map((x) => x.id),
    ...graph.flows.map((x) => x.id),
    ...graph.boundaries.map((x) => x.id),
    ...graph.dataAssets.map((x) => x.id),
  ];
  const close = closest(id, all, 5);
  throw new UsageError(`no risk, component, flow, boundary or data asset has the id '${id}'${close.length ? `; closest: ${close.join(', ')}` : ''}`);
}

class Explainer {
  private readonly components: Map<string, Component>;
  private readonly flowsFrom = new Map<string, Flow[]>();
  private readonly flowsTo = new Map<string, Flow[]>();
  private readonly boundaryOf = new Map<string, Boundary>();
  private readonly families = new Map(rules.map((r) => [r.category.id, r.family]));

  constructor(
    private readonly graph: ArchitectureGraph,
    private readonly analysis: ScanAnalysis,
  ) {
    this.components = new Map(graph.components.map((c) => [c.id, c]));
    for (const f of graph.flows) {
      push(this.flowsFrom, f.source, f);
      push(this.flowsTo, f.target, f);
    }
    for (const b of graph.boundaries) for (const m of b.members) this.boundaryOf.set(m, b);
  }

  risk(r: Risk, suppressed?: SuppressedRisk): string {
    const cat = this.analysis.categories.get(r.category);
    const out: string[] = [];
    out.push(`Risk ${r.syntheticId}`);
    out.push(`  ${stripTags(r.title)}`);
    out.push(`  severity ${r.severity} (likelihood ${r.exploitationLikelihood} × impact ${r.exploitationImpact}), status ${r.riskStatus}${suppressed ? ', SUPPRESSED inline' : ''}`);
    if (suppressed) out.push(`  suppressed by infragile:ignore on ${suppressed.resource} at ${formatLocation(suppressed.location)}: ${suppressed.reason}`);
    out.push('');
    out.push('Rule');
    if (cat) {
      const family = this.families.get(r.category);
      out.push(`  ${cat.id}: ${cat.title}${family ? ` (${family} rule)` : ''}`);
      out.push(`  STRIDE ${cat.stride}, CWE-${cat.cwe}, function ${cat.function}`);
      out.push(`  fires when: ${cat.detectionLogic}`);
    } else out.push(`  ${r.category}`);
    out.push('');
    out.push(`Model facts (${this.analysis.modelKind} model)`);
    const idx = this.analysis.analysis.index;
    const asset = r.mostRelevantTechnicalAsset ? idx.asset(r.mostRelevantTechnicalAsset) : undefined;
    if (asset) {
      out.push(`  technical asset ${asset.id} "${asset.title}": ${asset.type}, ${asset.technology}, machine ${asset.machine}, internet ${asset.internet ? 'yes' : 'no'}, encryption ${asset.encryption}`);
      out.push(`    highest confidentiality ${idx.highestConfidentiality(asset)}, integrity ${idx.highestIntegrity(asset)}, availability ${idx.highestAvailability(asset)}`);
    }
    const link = r.mostRelevantCommunicationLink ? idx.link(r.mostRelevantCommunicationLink) : undefined;
    if (link) out.push(`  communication link ${link.id}: ${link.sourceId} → ${link.targetId}, ${link.protocol}, authentication ${link.authentication}`);
    if (r.mostRelevantTrustBoundary) out.push(`  trust boundary ${r.mostRelevantTrustBoundary}`);
    if (r.mostRelevantDataAsset) out.push(`  data asset ${r.mostRelevantDataAsset}`);
    if (r.dataBreachTechnicalAssets.length) out.push(`  data breach (${r.dataBreachProbability}): ${r.dataBreachTechnicalAssets.join(', ')}`);
    out.push('');
    out.push('IaC evidence');
    const ev = r.evidence ?? [];
    if (ev.length === 0) out.push('  (none: this risk comes from the model alone)');
    ev.forEach((e, i) => out.push(`  ${i + 1}. ${hop(e)}`));
    const comps = asset ? (this.analysis.assetComponents.get(asset.id) ?? []) : [];
    for (const cid of comps) {
      const c = this.components.get(cid);
      if (!c) continue;
      out.push('');
      out.push(`Component ${c.id}`);
      for (const s of c.sources) out.push(`  source ${s.address} at ${formatLocation(s.location)}`);
      out.push(...this.exposurePath(c));
    }
    if (cat) {
      out.push('');
      out.push(`Mitigation: ${cat.mitigation}`);
    }
    return out.join('\n') + '\n';
  }

  component(c: Component): string {
    const out: string[] = [];
    out.push(`Component ${c.id} "${c.title}"`);
    out.push(`  ${c.type}, ${c.technology}, machine ${c.machine}, internet ${c.internet ? 'yes' : 'no'}, encryption ${c.encryption}${c.multiplicity !== undefined ? `, multiplicity ${c.multiplicity}` : ''}`);
    const b = this.boundaryOf.get(c.id);
    if (b) out.push(`  inside trust boundary ${b.id} (${b.type})`);
    out.push('');
    out.push('Sources');
    for (const s of c.sources) out.push(`  ${s.address} at ${formatLocation(s.location)}`);
    out.push('');
    out.push('Evidence');
    c.evidence.forEach((e, i) => out.push(`  ${i + 1}. ${hop(e)}`));
    const attrs = Object.entries(c.attributes).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0));
    if (attrs.length) {
      out.push('');
      out.push('Attributes');
      for (const [k, v] of attrs) out.push(`  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    }
    const inc = this.flowsTo.get(c.id) ?? [];
    const outg = this.flowsFrom.get(c.id) ?? [];
    if (inc.length || outg.length) {
      out.push('');
      out.push('Flows');
      for (const f of inc) out.push(`  ← ${f.source} (${proto(f)}, ${f.confidence})  ${f.evidence[0] ? formatLocation(f.evidence[0].location) : ''}   [${f.id}]`);
      for (const f of outg) out.push(`  → ${f.target} (${proto(f)}, ${f.confidence})  ${f.evidence[0] ? formatLocation(f.evidence[0].location) : ''}   [${f.id}]`);
    }
    out.push(...this.exposurePath(c));
    const risks = this.analysis.risks.filter((r) => (this.analysis.assetComponents.get(r.mostRelevantTechnicalAsset) ?? []).includes(c.id));
    if (risks.length) {
      out.push('');
      out.push(`Risks (${risks.length})`);
      for (const r of risks) out.push(`  ${r.severity.padEnd(9)} ${r.syntheticId}`);
    }
    return out.join('\n') + '\n';
  }

  flow(f: Flow): string {
    const out: string[] = [];
    out.push(`Flow ${f.id}`);
    out.push(`  ${f.source} → ${f.target} (caller → callee), ${proto(f)}, authentication ${f.authentication}, ${f.encrypted ? 'encrypted' : 'not encrypted'}, confidence ${f.confidence}`);
    out.push('');
    out.push('Evidence');
    f.evidence.forEach((e, i) => out.push(`  ${i + 1}. ${hop(e)}`));
    for (const id of [f.source, f.target]) {
      const c = this.components.get(id);
      if (c && c.sources.length) out.push(`  ${id} defined at ${c.sources.map((s) => formatLocation(s.location)).join(', ')}`);
    }
    return out.join('\n') + '\n';
  }

  boundary(b: Boundary): string {
    const out = [`Trust boundary ${b.id} "${b.title}" (${b.type})${b.parent ? `, inside ${b.parent}` : ''}`, `  members: ${b.members.join(', ') || '(none)'}`];
    for (const [k, v] of Object.entries(b.attributes ?? {})) out.push(`  ${k}: ${Array.isArray(v) ? v.join(', ') : String(v)}`);
    out.push('', 'Evidence');
    b.evidence.forEach((e, i) => out.push(`  ${i + 1}. ${hop(e)}`));
    return out.join('\n') + '\n';
  }

  dataAsset(d: DataAsset): string {
    const out = [`Data asset ${d.id} "${d.title}" (${d.kind})`, `  stored by: ${d.storedBy.join(', ') || '-'}`, `  processed by: ${d.processedBy.join(', ') || '-'}`, '', 'Sources'];
    for (const s of d.sources) out.push(`  ${s.address} at ${formatLocation(s.location)}`);
    out.push('', 'Evidence');
    d.evidence.forEach((e, i) => out.push(`  ${i + 1}. ${hop(e)}`));
    return out.join('\n') + '\n';
  }

  /** Shortest path internet → … → c over the flows, each hop with the file:line that opened it. */
  private exposurePath(c: Component): string[] {
    if (c.id === INTERNET_ID || !this.components.has(INTERNET_ID)) return [];
    const prev = new Map<string, Flow>();
    const seen = new Set([INTERNET_ID]);
    const queue = [INTERNET_ID];
    while (queue.length && !seen.has(c.id)) {
      const at = queue.shift()!;
      for (const f of this.flowsFrom.get(at) ?? []) {
        if (seen.has(f.target)) continue;
        seen.add(f.target);
        prev.set(f.target, f);
        queue.push(f.target);
      }
    }
    if (!prev.has(c.id)) return [];
    const hops: Flow[] = [];
    for (let at = c.id; at !== INTERNET_ID; at = prev.get(at)!.source) hops.unshift(prev.get(at)!);
    const out = ['', `Reachable from the internet (${hops.length} hop${hops.length === 1 ? '' : 's'})`];
    hops.forEach((f, i) => {
      out.push(`  ${i + 1}. ${f.source} → ${f.target} (${proto(f)}, ${f.confidence})`);
      for (const e of f.evidence) out.push(`       ${hop(e)}`);
    });
    return out;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function hop(e: Evidence): string {
  return `${formatLocation(e.location)}  ${e.kind}: ${e.detail}`;
}

function proto(f: Flow): string {
  return `${f.protocol}${f.port !== undefined ? `:${f.port}` : ''}`;
}

/** The ids nearest to a mistyped one: substring matches first, then by edit distance. */
export function closest(id: string, ids: readonly string[], n: number): string[] {
  const lower = id.toLowerCase();
  const scored = [...new Set(ids)].map((x) => {
    const l = x.toLowerCase();
    const d = l.includes(lower) ? Math.abs(l.length - lower.length) / 100 : editDistance(lower, l);
    return { x, d };
  });
  const limit = Math.max(3, Math.ceil(id.length / 2));
  return scored
    .filter((s) => s.d <= limit)
    .sort((a, b) => a.d - b.d || (a.x < b.x ? -1 : 1))
    .slice(0, n)
    .map((s) => s.x);
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 40) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
