/**
 * The drift report: everything the drift renderers (text, json, markdown, later SARIF) present.
 * Assembled by the CLI from reconcile results; renderers never compute.
 */
import type { Risk } from '../analyze/types.js';
import type { ArchitectureGraph } from '../graph/types.js';
import { countBySeverity } from './drift.js';
import type { EffectiveChange } from './effective.js';
import type { DriftDelta, GraphDiff } from './graph-diff.js';
import type { Diagram } from './neighbourhood.js';
import { DRIFT_KINDS, type Binding, type Candidate, type Drift, type DriftKind, type DriftSeverity, type Ignored } from './types.js';

export interface RiskSummary {
  syntheticId: string;
  category: string;
  severity: string;
  title: string;
  asset: string;
}

export interface BaseComparison {
  ref: string;
  commit: string;
  graph: GraphDiff;
  drift: DriftDelta;
  /** Risks of the effective model at base vs now; absent when analysis was not run. */
  risks?: { added: RiskSummary[]; removed: RiskSummary[] };
}

export interface DriftReport {
  /** Model file as given on the command line. */
  model: string;
  counts: {
    components: number;
    flows: number;
    boundaries: number;
    modelAssets: number;
    bound: number;
    unmapped: number;
    unresolved: number;
    bySeverity: Record<DriftSeverity, number>;
    byKind: Partial<Record<DriftKind, number>>;
  };
  bindings: Binding[];
  candidates: Candidate[];
  ignored: Ignored[];
  drift: Drift[];
  effectiveChanges: EffectiveChange[];
  base?: BaseComparison;
  /** The neighbourhood to draw (changed elements with --base, drifted ones without). */
  diagram?: Diagram;
}

/** What a report is built from: its own fields (counts aside), plus the graph and model size the counts come from. */
export type ReportInputs = Omit<DriftReport, 'counts'> & { modelAssets: number; graph: ArchitectureGraph };

export function buildReport(args: ReportInputs): DriftReport {
  const byKind: Partial<Record<DriftKind, number>> = {};
  for (const k of DRIFT_KINDS) {
    const n = args.drift.filter((d) => d.kind === k).length;
    if (n) byKind[k] = n;
  }
  const report: DriftReport = {
    model: args.model,
    counts: {
      components: args.graph.components.length,
      flows: args.graph.flows.length,
      boundaries: args.graph.boundaries.length,
      modelAssets: args.modelAssets,
      bound: new Set(args.bindings.map((b) => b.asset)).size,
      unmapped: args.graph.coverage.unmapped.length,
      unresolved: args.graph.coverage.unresolved.length,
      bySeverity: countBySeverity(args.drift),
      byKind,
    },
    bindings: args.bindings,
    candidates: args.candidates,
    ignored: args.ignored,
    drift: args.drift,
    effectiveChanges: args.effectiveChanges,
  };
  if (args.base) report.base = args.base;
  if (args.diagram) report.diagram = args.diagram;
  return report;
}

export function riskSummary(r: Risk): RiskSummary {
  return { syntheticId: r.syntheticId, category: r.category, severity: r.severity, title: r.title.replace(/<\/?b>/g, ''), asset: r.mostRelevantTechnicalAsset };
}

/** Risks by synthetic id: added now, removed since base. */
export function diffRisks(base: readonly Risk[], head: readonly Risk[]): { added: RiskSummary[]; removed: RiskSummary[] } {
  const b = new Set(base.map((r) => r.syntheticId));
  const h = new Set(head.map((r) => r.syntheticId));
  return { added: head.filter((r) => !b.has(r.syntheticId)).map(riskSummary), removed: base.filter((r) => !h.has(r.syntheticId)).map(riskSummary) };
}
