import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'unnecessary-communication-link',
  title: 'Unnecessary Communication Link',
  description: 'A link that transfers no data in either direction is either unneeded access or an incomplete model.',
  impact: 'Unneeded network paths widen what an attacker can reach.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Attack Surface Reduction',
  mitigation: 'Remove the link (and the network access behind it) or model the data it carries.',
  check: 'Is the link needed, and what data does it carry?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'Links with no data sent and none received, unless both ends are out of scope.',
  riskAssessment: 'Low.',
  falsePositives: 'Links whose data is simply not yet modelled.',
  modelFailurePossibleReason: true,
  cwe: 1008,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    for (const link of a.communicationLinks) {
      if (link.dataAssetsSent.length > 0 || link.dataAssetsReceived.length > 0) continue;
      if (a.outOfScope && (model.asset(link.targetId)?.outOfScope ?? false)) continue;
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: 'low',
          title: `<b>Unnecessary Communication Link</b> titled <b>${link.title}</b> at technical asset <b>${a.title}</b>`,
          idParts: [link.id, a.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
