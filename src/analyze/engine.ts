/**
 * The analysis: run every rule over the indexed model (and graph), add the model's individual
 * risks, apply risk tracking, and order the result deterministically. A rule that throws is a bug,
 * not a user error: it is reported as an error issue and the other rules still run.
 */
import type { Resource } from '../graph/resource.js';
import type { ArchitectureGraph } from '../graph/types.js';
import type { ModelIssue, ThreagileModel } from '../model/types.js';
import { attachGraphEvidence, type AssetComponents } from './evidence.js';
import { individualCategory, individualRisks } from './individual.js';
import { ModelIndex } from './model-index.js';
import { orderRisks } from './order.js';
import { applyRiskTracking, type TrackingOptions } from './tracking.js';
import type { Risk, RiskCategory, Rule, RuleContext } from './types.js';
import { recordPhase } from '../util/timings.js';

export interface AnalyzeOptions extends TrackingOptions {
  rules: readonly Rule[];
  graph?: ArchitectureGraph;
  /** The parsed resources behind the graph, for IaC rules. */
  resources?: readonly Resource[];
  /** component id → model asset id (reconcile's binding); default: same id. Rules see it as `ctx.assetOf`. */
  assetOf?: ReadonlyMap<string, string>;
  /** Which graph components each model asset stands for; default: derived from `assetOf`, else same id. */
  assetComponents?: AssetComponents;
  /** Category ids to skip (Threagile's -skip-risk-rules). */
  skipRules?: readonly string[];
}

export interface AnalysisResult {
  index: ModelIndex;
  /** Ordered (see order.ts), tracking applied. */
  risks: Risk[];
  /** Every category that produced a risk, plus all rule categories, by id. */
  categories: Map<string, RiskCategory>;
  issues: ModelIssue[];
}

export function analyzeModel(model: ThreagileModel, options: AnalyzeOptions): AnalysisResult {
  const started = performance.now();
  try {
    return analyzeModelUntimed(model, options);
  } finally {
    recordPhase('rules', performance.now() - started);
  }
}

function analyzeModelUntimed(model: ThreagileModel, options: AnalyzeOptions): AnalysisResult {
  const index = new ModelIndex(model);
  const skip = new Set(options.skipRules ?? []);
  const categories = new Map<string, RiskCategory>();
  const issues: ModelIssue[] = [];
  const risks: Risk[] = [];
  // One context for every rule, so rules that index the graph (rules/iac/kit.ts) do it once.
  const assetOf = options.assetOf;
  const ctx: RuleContext = {
    model: index,
    ...(options.graph ? { graph: options.graph } : {}),
    ...(options.resources ? { resources: options.resources } : {}),
    ...(assetOf ? { assetOf: (componentId: string) => assetOf.get(componentId) } : {}),
  };
  for (const rule of options.rules) {
    if (skip.has(rule.category.id)) continue;
    categories.set(rule.category.id, rule.category);
    if (rule.family === 'iac' && !options.graph) continue;
    try {
      risks.push(...rule.generateRisks(ctx));
    } catch (e) {
      issues.push({ severity: 'error', file: model.file ?? 'threagile.yaml', line: 0, message: `rule ${rule.category.id} failed: ${(e as Error).message}` });
    }
  }
  for (const c of model.individualRiskCategories) if (!skip.has(c.id)) categories.set(c.id, individualCategory(c));
  risks.push(...individualRisks(model).filter((r) => !skip.has(r.category)));
  if (options.graph) attachGraphEvidence(risks, index, options.graph, options.assetComponents ?? (assetOf ? componentsByAsset(assetOf) : undefined));
  issues.push(...applyRiskTracking(model, risks, options));
  return { index, risks: orderRisks(risks, categories), categories, issues };
}

/** asset id → its component ids (sorted), from component id → asset id. */
function componentsByAsset(assetOf: ReadonlyMap<string, string>): AssetComponents {
  const out = new Map<string, string[]>();
  for (const [component, asset] of [...assetOf.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    const list = out.get(asset);
    if (list) list.push(component);
    else out.set(asset, [component]);
  }
  return out;
}
