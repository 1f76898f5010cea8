/**
 * What the HTML report shows, derived from the analysis once: each risk with its STRIDE category,
 * status and the graph components and flows it concerns; each component's worst open risk; the flows
 * that carry risks. Pure data (no HTML), sorted, so the page is byte-identical for the same input.
 */
import type { Risk, RiskCategory } from '../../analyze/types.js';
import { compareStrings } from '../../graph/ids.js';
import type { ArchitectureGraph, Evidence } from '../../graph/types.js';
import { RISK_SEVERITIES, type RiskSeverity, type RiskStatus, type Stride } from '../../model/enums.js';
import type { ThreagileModel } from '../../model/types.js';
import type { Binding, Drift } from '../../reconcile/types.js';
import { stripTags } from '../scan-text.js';

/** The analysis facts the report presents (a subset of ScanAnalysis, so drift can provide it too). */
export interface HtmlAnalysis {
  risks: readonly Risk[];
  categories: ReadonlyMap<string, RiskCategory>;
  /** model asset id → component ids. */
  assetComponents: ReadonlyMap<string, readonly string[]>;
  /** The model the rules ran on, for link ids → flows. */
  model: ThreagileModel;
  modelKind: 'starter' | 'effective';
  suppressed?: number;
}

export interface HtmlDrift {
  modelFile: string;
  drift: readonly Drift[];
  bindings?: readonly Binding[];
}

export interface HtmlReportInput {
  /** Shown as the page heading (e.g. the scanned paths). */
  title: string;
  graph: ArchitectureGraph;
  analysis?: HtmlAnalysis;
  drift?: HtmlDrift;
  /** e.g. `infragile 0.1.0`; no time stamp, so the output stays reproducible. */
  generator?: string;
  /** The CI gate verdict line, when a threshold was given. */
  gate?: string;
}

export interface RiskRow {
  risk: Risk;
  title: string;
  stride: Stride | 'unknown';
  status: RiskStatus;
  categoryTitle: string;
  mitigation: string;
  components: string[];
  flows: string[];
  evidence: Evidence[];
}

export interface ReportView {
  rows: RiskRow[];
  /** component id → worst severity among its risks that are not mitigated/false-positive. */
  componentSeverity: Map<string, RiskSeverity>;
  /** flow id → worst severity of the risks on it. */
  flowSeverity: Map<string, RiskSeverity>;
  /** flow ids out of the internet component. */
  exposedFlows: Set<string>;
}

const CLOSED: ReadonlySet<RiskStatus> = new Set<RiskStatus>(['mitigated', 'false-positive']);

export function severityRank(s: RiskSeverity): number {
  return RISK_SEVERITIES.indexOf(s);
}

function worse(a: RiskSeverity | undefined, b: RiskSeverity): RiskSeverity {
  return a === undefined || severityRank(b) > severityRank(a) ? b : a;
}

export function buildView(input: HtmlReportInput): ReportView {
  const { graph, analysis } = input;
  const componentIds = new Set(graph.components.map((c) => c.id));
  const flowByPair = new Map<string, string[]>();
  for (const f of graph.flows) {
    const key = `${f.source} ${f.target}`;
    flowByPair.set(key, [...(flowByPair.get(key) ?? []), f.id]);
  }
  const exposedFlows = new Set(graph.flows.filter((f) => f.source === 'internet').map((f) => f.id));
  const componentSeverity = new Map<string, RiskSeverity>();
  const flowSeverity = new Map<string, RiskSeverity>();
  const rows: RiskRow[] = [];
  if (!analysis) return { rows, componentSeverity, flowSeverity, exposedFlows };

  const componentsOf = (asset: string): string[] => {
    if (!asset) return [];
    const bound = analysis.assetComponents.get(asset);
    if (bound?.length) return [...bound];
    return componentIds.has(asset) ? [asset] : [];
  };
  const links = new Map<string, { source: string; target: string }>();
  for (const a of analysis.model.technicalAssets) for (const l of a.communicationLinks) links.set(l.id, { source: l.sourceId || a.id, target: l.targetId });

  for (const risk of analysis.risks) {
    const category = analysis.categories.get(risk.category);
    const components = new Set(componentsOf(risk.mostRelevantTechnicalAsset));
    const flows = new Set<string>();
    const link = risk.mostRelevantCommunicationLink ? links.get(risk.mostRelevantCommunicationLink) : undefined;
    if (link) {
      const targets = componentsOf(link.target);
      for (const s of componentsOf(link.source)) for (const t of targets) for (const id of flowByPair.get(`${s} ${t}`) ?? []) flows.add(id);
    }
    const row: RiskRow = {
      risk,
      title: stripTags(risk.title),
      stride: category?.stride ?? 'unknown',
      status: risk.riskStatus,
      categoryTitle: category?.title ?? risk.category,
      mitigation: category?.mitigation ?? '',
      components: [...components].sort(compareStrings),
      flows: [...flows].sort(compareStrings),
      evidence: uniqueEvidence(risk.evidence ?? []),
    };
    rows.push(row);
    if (CLOSED.has(risk.riskStatus)) continue;
    for (const c of row.components) componentSeverity.set(c, worse(componentSeverity.get(c), risk.severity));
    for (const f of row.flows) flowSeverity.set(f, worse(flowSeverity.get(f), risk.severity));
  }
  rows.sort(
    (a, b) =>
      severityRank(b.risk.severity) - severityRank(a.risk.severity) ||
      compareStrings(a.risk.category, b.risk.category) ||
      compareStrings(a.risk.syntheticId, b.risk.syntheticId),
  );
  return { rows, componentSeverity, flowSeverity, exposedFlows };
}

/** One entry per file:line + detail, in location order. */
export function uniqueEvidence(list: readonly Evidence[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const e of list) {
    const key = `${e.location.file}\u0000${String(e.location.line).padStart(9, '0')}\u0000${e.detail}`;
    if (!seen.has(key)) seen.set(key, e);
  }
  return [...seen.entries()].sort((a, b) => compareStrings(a[0], b[0])).map(([, e]) => e);
}
