/** Helpers every rule module uses: rule definition and rating thresholds by name. */
import type { Confidentiality, Criticality } from '../model/enums.js';
import { confRank, critRank } from './model-index.js';
import type { Risk, RiskCategory, Rule, RuleContext } from './types.js';

export function threagileRule(category: RiskCategory, generateRisks: (ctx: RuleContext) => Risk[], supportedTags: readonly string[] = []): Rule {
  return { family: 'threagile', category, supportedTags, generateRisks };
}

/** c ≥ level. */
export const cAtLeast = (c: Confidentiality, level: Confidentiality): boolean => confRank(c) >= confRank(level);
/** i/a ≥ level. */
export const critAtLeast = (c: Criticality, level: Criticality): boolean => critRank(c) >= critRank(level);
