import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { CommunicationLink, TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'wrong-communication-link-content',
  title: 'Wrong Communication Link Content',
  description: 'A link\'s readonly flag contradicts the data it moves, or its protocol does not fit the target (an in-process call to something that is not a library).',
  impact: 'Rules reason on wrong facts, so real risks may be missed or misrated.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Threat_Modeling_Cheat_Sheet.html',
  action: 'Model Consistency',
  mitigation: 'Fix the link: readonly links receive data, writing links send it; match protocol and target technology.',
  check: 'Do readonly flags, data directions and protocols match reality?',
  function: 'architecture',
  stride: 'information-disclosure',
  detectionLogic: 'Readonly links receiving nothing, writing links sending nothing, in-process calls to non-libraries, local file access to non-file-systems, container spawning to non-containers.',
  riskAssessment: 'Low.',
  falsePositives: 'None expected; it signals a modelling mistake.',
  modelFailurePossibleReason: true,
  cwe: 1008,
};

const READONLY_REASON = "(data assets sent/received not matching the communication link's readonly flag)";

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  const add = (a: TechnicalAsset, link: CommunicationLink, reason: string): void => {
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: 'low',
        title: `<b>Wrong Communication Link Content</b> ${reason} at <b>${a.title}</b> regarding communication link <b>${link.title}</b>`,
        idParts: [a.id, link.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
        dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [],
      }),
    );
  };
  for (const a of model.assets) {
    for (const link of a.communicationLinks) {
      if (link.readonly ? link.dataAssetsReceived.length === 0 : link.dataAssetsSent.length === 0) add(a, link, READONLY_REASON);
      const target = model.asset(link.targetId);
      if (!target) continue;
      if (link.protocol === 'in-process-library-call' && target.technology !== 'library') {
        add(a, link, `(protocol type "in-process-library-call" does not match target technology type "${target.technology}": expected "library")`);
      }
      if (link.protocol === 'local-file-access' && target.technology !== 'local-file-system') {
        add(a, link, `(protocol type "local-file-access" does not match target technology type "${target.technology}": expected "local-file-system")`);
      }
      if (link.protocol === 'container-spawning' && target.machine !== 'container') {
        add(a, link, `(protocol type "container-spawning" does not match target machine type "${target.machine}": expected "container")`);
      }
    }
  }
  return risks;
});
