/** Threagile's risk severity: a function of likelihood weight × impact weight (notes §2.1). */
import type { ExploitationImpact, ExploitationLikelihood, RiskSeverity } from '../model/enums.js';

const LIKELIHOOD_WEIGHT: Record<ExploitationLikelihood, number> = { unlikely: 1, likely: 2, 'very-likely': 3, frequent: 4 };
const IMPACT_WEIGHT: Record<ExploitationImpact, number> = { low: 1, medium: 2, high: 3, 'very-high': 4 };

export function calculateSeverity(likelihood: ExploitationLikelihood, impact: ExploitationImpact): RiskSeverity {
  const product = LIKELIHOOD_WEIGHT[likelihood] * IMPACT_WEIGHT[impact];
  if (product <= 1) return 'low';
  if (product <= 3) return 'medium';
  if (product <= 8) return 'elevated';
  if (product <= 12) return 'high';
  return 'critical';
}
