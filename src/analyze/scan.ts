/**
 * The scan analysis: graph → model → risks, as `scan` and `explain` need it.
 *
 * - Without a hand-written model, the starter model `init` would write (from-graph) is analyzed; its
 *   asset ids are the component ids.
 * - With one, reconcile binds it to the graph and its *effective model* (hand-written knowledge laid
 *   over the observed infra) is analyzed; the binding maps assets ↔ components.
 * - Threagile's rules and the IaC rules run in one engine pass; IaC rules also get the parsed
 *   resources and the component → asset mapping (RuleContext.resources and .assetOf).
 * - Risk tracking (the model's `risk_tracking`, a `risk-tracking.yaml` beside the model, or an
 *   explicit tracking file) is applied by the engine; then inline `infragile:ignore` suppressions.
 */
import type { Resource } from '../graph/resource.js';
import type { ArchitectureGraph, Diagnostic } from '../graph/types.js';
import { modelFromGraph } from '../model/from-graph.js';
import type { ModelIssue, RiskTrackingEntry, ThreagileModel } from '../model/types.js';
import { reconcile, type Reconciliation } from '../reconcile/reconcile.js';
import type { BindingsFile } from '../reconcile/bindings-file.js';
import { analyzeModel, type AnalysisResult } from './engine.js';
import type { AssetComponents } from './evidence.js';
import { applySuppressions, type SuppressedRisk } from './suppress.js';
import type { Risk, RiskCategory, Rule } from './types.js';
import { recordPhase } from '../util/timings.js';

export interface ScanAnalysisInput {
  graph: ArchitectureGraph;
  resources: readonly Resource[];
  rules: readonly Rule[];
  /** The hand-written model (already read, tracking file merged); omitted → the starter model. */
  model?: ThreagileModel;
  bindingsFile?: BindingsFile;
  /** Extra tracking entries (e.g. `--risk-tracking FILE`), after the model's own. */
  extraTracking?: readonly RiskTrackingEntry[];
  /** `YYYY-MM-DD` for acceptance expiry. */
  today?: string;
  orphansAreErrors?: boolean;
  /** Title of the starter model. */
  title?: string;
}

export interface ScanAnalysis {
  /** The model the rules ran on. */
  model: ThreagileModel;
  modelKind: 'starter' | 'effective';
  reconciliation?: Reconciliation;
  /** Ordered, tracking applied, suppressed ones removed. */
  risks: Risk[];
  suppressed: SuppressedRisk[];
  categories: Map<string, RiskCategory>;
  /** Model and tracking problems (orphaned tracking, expired acceptance, rule failures). */
  issues: ModelIssue[];
  /** Suppression problems, as diagnostics at the comment's line. */
  warnings: Diagnostic[];
  /** model asset id → component ids. */
  assetComponents: Map<string, string[]>;
  /** component id → model asset id. */
  assetOf: Map<string, string>;
  analysis: AnalysisResult;
}

export function analyzeScan(input: ScanAnalysisInput): ScanAnalysis {
  let model: ThreagileModel;
  let reconciliation: Reconciliation | undefined;
  const assetOf = new Map<string, string>();
  const assetComponents = new Map<string, string[]>();
  const started = performance.now();
  if (input.model) {
    reconciliation = reconcile({ graph: input.graph, model: input.model, resources: input.resources, ...(input.bindingsFile ? { bindingsFile: input.bindingsFile } : {}) });
    model = reconciliation.effective.model;
    for (const [c, a] of reconciliation.binding.assetOf) assetOf.set(c, a);
    // Components the effective model added as new assets keep their component id as asset id.
    const assetIds = new Set(model.technicalAssets.map((a) => a.id));
    for (const c of input.graph.components) if (!assetOf.has(c.id) && assetIds.has(c.id)) assetOf.set(c.id, c.id);
  } else {
    model = modelFromGraph(input.graph, { title: input.title ?? 'infragile scan' }).model;
    const assetIds = new Set(model.technicalAssets.map((a) => a.id));
    for (const c of input.graph.components) if (assetIds.has(c.id)) assetOf.set(c.id, c.id);
  }
  recordPhase(input.model ? 'reconcile' : 'model', performance.now() - started);
  for (const [c, a] of [...assetOf.entries()].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0))) {
    const list = assetComponents.get(a);
    if (list) list.push(c);
    else assetComponents.set(a, [c]);
  }
  if (input.extraTracking?.length) model = { ...model, riskTracking: [...model.riskTracking, ...input.extraTracking] };

  // Rules read the resources and the binding through their context (RuleContext.resources/assetOf).
  const analysis = analyzeModel(model, {
    rules: input.rules,
    graph: input.graph,
    resources: input.resources,
    assetOf,
    assetComponents: assetComponents as AssetComponents,
    ...(input.today ? { today: input.today } : {}),
    ...(input.orphansAreErrors ? { orphansAreErrors: true } : {}),
  });
  const { risks, suppressed, warnings } = applySuppressions({
    risks: analysis.risks,
    resources: input.resources,
    graph: input.graph,
    assetComponents,
    knownRules: new Set(input.rules.map((r) => r.category.id)),
  });
  return {
    model,
    modelKind: input.model ? 'effective' : 'starter',
    ...(reconciliation ? { reconciliation } : {}),
    risks,
    suppressed,
    categories: analysis.categories,
    issues: analysis.issues,
    warnings,
    assetComponents,
    assetOf,
    analysis,
  };
}

/** Statuses that no longer block a build: the risk is handled or judged not to apply. */
export const GATE_CLEARED: ReadonlySet<Risk['riskStatus']> = new Set<Risk['riskStatus']>(['mitigated', 'accepted', 'false-positive']);

export const SEVERITY_ORDER = ['low', 'medium', 'elevated', 'high', 'critical'] as const;
export type GateSeverity = (typeof SEVERITY_ORDER)[number];

export interface GateResult {
  threshold?: GateSeverity;
  warnOnly: boolean;
  /** Risks at or above the threshold whose status does not clear them. */
  blocking: Risk[];
  failed: boolean;
}

/** The CI gate: fail when an untracked or unmitigated risk is at or above the threshold (never with warnOnly). */
export function evaluateGate(risks: readonly Risk[], threshold: GateSeverity | undefined, warnOnly: boolean): GateResult {
  const min = threshold ? SEVERITY_ORDER.indexOf(threshold) : Infinity;
  const blocking = risks.filter((r) => SEVERITY_ORDER.indexOf(r.severity) >= min && !GATE_CLEARED.has(r.riskStatus));
  return { ...(threshold ? { threshold } : {}), warnOnly, blocking, failed: !warnOnly && blocking.length > 0 };
}
