import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'unnecessary-technical-asset',
  title: 'Unnecessary Technical Asset',
  description: 'An asset that processes and stores no data, or talks to nothing, is either unneeded or incompletely modelled.',
  impact: 'Unneeded components add attack surface and maintenance without benefit.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Attack Surface Reduction',
  mitigation: 'Remove the asset, or model the data it processes and the links it has.',
  check: 'Is the asset needed, and are its data and links modelled?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Assets with neither processed nor stored data, or with neither outgoing nor incoming links.',
  riskAssessment: 'Low.',
  falsePositives: 'Assets whose data or links are simply not yet modelled.',
  modelFailurePossibleReason: true,
  cwe: 1008,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    const noData = a.dataAssetsProcessed.length === 0 && a.dataAssetsStored.length === 0;
    const noLinks = a.communicationLinks.length === 0 && model.incoming(a.id).length === 0;
    if (!noData && !noLinks) continue;
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: 'low', title: `<b>Unnecessary Technical Asset</b> named <b>${a.title}</b>`, idParts: [a.id],
        mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
