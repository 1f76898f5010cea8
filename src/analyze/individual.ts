/**
 * Individual (manual) risks from the model's `individual_risk_categories`: severity as stated, not
 * computed, and Threagile's synthetic id: category id + `@<id>` for each non-empty most-relevant
 * field in the order technical asset, link, trust boundary, shared runtime, data asset.
 */
import type { IndividualRiskCategory, ThreagileModel } from '../model/types.js';
import type { Risk, RiskCategory } from './types.js';

export function individualCategory(c: IndividualRiskCategory): RiskCategory {
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    impact: c.impact,
    asvs: c.asvs,
    cheatSheet: c.cheatSheet,
    action: c.action,
    mitigation: c.mitigation,
    check: c.check,
    function: c.function,
    stride: c.stride,
    detectionLogic: c.detectionLogic,
    riskAssessment: c.riskAssessment,
    falsePositives: c.falsePositives,
    modelFailurePossibleReason: c.modelFailurePossibleReason,
    cwe: c.cwe,
  };
}

export function individualRisks(model: ThreagileModel): Risk[] {
  const out: Risk[] = [];
  for (const c of model.individualRiskCategories) {
    for (const r of c.risksIdentified) {
      const parts = [
        r.mostRelevantTechnicalAsset,
        r.mostRelevantCommunicationLink,
        r.mostRelevantTrustBoundary,
        r.mostRelevantSharedRuntime,
        r.mostRelevantDataAsset,
      ].filter((p) => p !== '');
      out.push({
        category: c.id,
        riskStatus: 'unchecked',
        severity: r.severity,
        exploitationLikelihood: r.exploitationLikelihood,
        exploitationImpact: r.exploitationImpact,
        title: r.title,
        syntheticId: [c.id, ...parts].join('@'),
        mostRelevantDataAsset: r.mostRelevantDataAsset,
        mostRelevantTechnicalAsset: r.mostRelevantTechnicalAsset,
        mostRelevantTrustBoundary: r.mostRelevantTrustBoundary,
        mostRelevantSharedRuntime: r.mostRelevantSharedRuntime,
        mostRelevantCommunicationLink: r.mostRelevantCommunicationLink,
        dataBreachProbability: r.dataBreachProbability,
        dataBreachTechnicalAssets: [...r.dataBreachTechnicalAssets],
        individual: true,
      });
    }
  }
  return out;
}
