import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'wrong-trust-boundary-content',
  title: 'Wrong Trust Boundary Content',
  description: 'A namespace-isolation boundary contains assets that are neither containers nor serverless, which that kind of boundary cannot isolate.',
  impact: 'The model claims an isolation that does not apply to these assets.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Threat_Modeling_Cheat_Sheet.html',
  action: 'Model Consistency',
  mitigation: 'Move the assets into a fitting boundary, or correct their machine type.',
  check: 'Do namespace-isolation boundaries hold only containers and serverless assets?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Assets directly inside a network-policy-namespace-isolation boundary whose machine is not container or serverless.',
  riskAssessment: 'Low.',
  falsePositives: 'None expected; it signals a modelling mistake.',
  modelFailurePossibleReason: true,
  cwe: 1008,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const tb of model.trustBoundaries) {
    if (tb.type !== 'network-policy-namespace-isolation') continue;
    for (const id of tb.technicalAssetsInside) {
      const a = model.asset(id);
      if (!a || a.machine === 'container' || a.machine === 'serverless') continue;
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: 'low',
          title: `<b>Wrong Trust Boundary Content</b> (non-container asset inside container trust boundary) at <b>${a.title}</b>`,
          idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
