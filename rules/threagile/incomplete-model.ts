import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'incomplete-model',
  title: 'Incomplete Model',
  description: 'Assets with an unknown technology or links with an unknown protocol leave the analysis blind: rules that depend on them cannot fire.',
  impact: 'Real risks stay undetected because the model does not say what the component is or how it talks.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Threat_Modeling_Cheat_Sheet.html',
  action: 'Threat Modeling Completeness',
  mitigation: 'Set a concrete technology for every asset and a concrete protocol for every link.',
  check: 'Does the model use unknown-technology or unknown-protocol anywhere?',
  function: 'architecture',
  stride: 'information-disclosure',
  detectionLogic: 'In-scope assets with technology unknown-technology, and their outgoing links with protocol unknown-protocol.',
  riskAssessment: 'Low: a modelling gap, not an exploitable weakness by itself.',
  falsePositives: 'None expected; it signals an unfinished model.',
  modelFailurePossibleReason: true,
  cwe: 1008,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope) continue;
    if (a.technology === 'unknown-technology') {
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: 'low', title: `<b>Unknown Technology</b> specified at technical asset <b>${a.title}</b>`,
          idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
    for (const link of a.communicationLinks) {
      if (link.protocol !== 'unknown-protocol') continue;
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: 'low',
          title: `<b>Unknown Protocol</b> specified for communication link <b>${link.title}</b> at technical asset <b>${a.title}</b>`,
          idParts: [link.id, a.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
