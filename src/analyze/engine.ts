/**
 * The analysis: run every rule over the indexed model (and graph), add the model's individual
 * risks, apply risk tracking, and order the result deterministically. A rule that throws is a bug,
 * not a user error: it is reported as an error issue and the other rules still run.
 */
import type { ArchitectureGraph } from '../graph/types.js';
import type { ModelIssue, ThreagileModel } from '../model/types.js';
import { attachGraphEvidence, type AssetComponents } from './evidence.js';
import { individualCategory, individualRisks } from './individual.js';
import { ModelIndex } from './model-index.js';
import { orderRisks } from './order.js';
import { applyRiskTracking, type TrackingOptions } from './tracking.js';
import type { Risk, RiskCategory, Rule } from './types.js';
import { recordPhase } from '../util/timings.js';

export interface AnalyzeOptions extends TrackingOptions {
  rules: readonly Rule[];
  graph?: ArchitectureGraph;
  /** Which graph components each model asset stands for (reconcile's binding); default: same id. */
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
  for (const rule of options.rules) {
    if (skip.has(rule.category.id)) continue;
    categories.set(rule.category.id, rule.category);
    if (rule.family === 'iac' && !options.graph) continue;
    try {
      risks.push(...rule.generateRisks({ model: index, ...(options.graph ? { graph: options.graph } : {}) }));
    } catch (e) {
      issues.push({ severity: 'error', file: model.file ?? 'threagile.yaml', line: 0, message: `rule ${rule.category.id} failed: ${(e as Error).message}` });
    }
  }
  for (const c of model.individualRiskCategories) if (!skip.has(c.id)) categories.set(c.id, individualCategory(c));
  risks.push(...individualRisks(model).filter((r) => !skip.has(r.category)));
  if (options.graph) attachGraphEvidence(risks, index, options.graph, options.assetComponents);
  issues.push(...applyRiskTracking(model, risks, options));
  return { index, risks: orderRisks(risks, categories), categories, issues };
}
