import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'unnecessary-data-asset',
  title: 'Unnecessary Data Asset',
  description: 'A data asset that no component processes, stores or transfers is either data nobody needs or a gap in the model.',
  impact: 'Data kept without purpose is data that can leak without benefit.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Attack Surface Reduction',
  mitigation: 'Delete the data if unneeded, or model where it is processed, stored and sent.',
  check: 'Is the data asset needed, and where does it live?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Data assets not referenced by any asset\'s processed or stored lists nor by any link.',
  riskAssessment: 'Low.',
  falsePositives: 'Data assets whose usage is simply not yet modelled.',
  modelFailurePossibleReason: true,
  cwe: 1008,
};

export const rule = threagileRule(category, ({ model }) => {
  const used = new Set<string>();
  for (const a of model.assets) {
    for (const id of a.dataAssetsProcessed) used.add(id);
    for (const id of a.dataAssetsStored) used.add(id);
    for (const link of a.communicationLinks) {
      for (const id of link.dataAssetsSent) used.add(id);
      for (const id of link.dataAssetsReceived) used.add(id);
    }
  }
  const risks: Risk[] = [];
  for (const d of model.dataAssets) {
    if (used.has(d.id)) continue;
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: 'low', title: `<b>Unnecessary Data Asset</b> named <b>${d.title}</b>`, idParts: [d.id],
        // v1 lists the data asset's id as the breached "technical asset".
        mostRelevantDataAsset: d.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [d.id],
      }),
    );
  }
  return risks;
});
