import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { IDENTITY_STORE } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-identity-store',
  title: 'Missing Identity Store',
  description: 'End-user identities are propagated through the system, but no identity store is modelled, so where identities live and how they are protected is unknown.',
  impact: 'Risks to the identity store, the most sensitive part of identity propagation, stay unexamined.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Authentication_Cheat_Sheet.html',
  action: 'Identity Store',
  mitigation: 'Add the identity store (LDAP directory or identity database) to the model, in or out of scope.',
  check: 'Is the identity store behind end-user identity propagation part of the model?',
  function: 'architecture',
  stride: 'spoofing',
  detectionLogic: 'No in-scope identity-store-ldap or identity-store-database asset while some link uses enduser-identity-propagation authorization.',
  riskAssessment: 'Unlikely; medium impact when a target of such a link handles confidential or critical data, else low.',
  falsePositives: 'Models that deliberately leave identity management to a separate model.',
  modelFailurePossibleReason: true,
  cwe: 287,
};

export const rule = threagileRule(category, ({ model }) => {
  if (model.assets.some((a) => !a.outOfScope && IDENTITY_STORE.has(a.technology))) return [];
  let found = false;
  let impact: ExploitationImpact = 'low';
  let example: TechnicalAsset | undefined;
  const score = (a: TechnicalAsset | undefined): number => (a ? model.highestSensitivityScore(a) : 18);
  // Example asset per Threagile's heuristic: the first target while impact is low, then a more
  // sensitive link *source* may replace it.
  for (const a of model.assets) {
    const links = [...a.communicationLinks].sort((x, y) => (x.title < y.title ? -1 : x.title > y.title ? 1 : 0));
    for (const link of links) {
      if (link.authorization !== 'enduser-identity-propagation') continue;
      found = true;
      const target = model.asset(link.targetId);
      if (!target) continue;
      if (impact === 'low') {
        example = target;
        if (cAtLeast(model.highestConfidentiality(target), 'confidential') || critAtLeast(model.highestIntegrity(target), 'critical') || critAtLeast(model.highestAvailability(target), 'critical')) impact = 'medium';
      }
      if (cAtLeast(target.confidentiality, 'confidential') || critAtLeast(target.integrity, 'critical') || critAtLeast(target.availability, 'critical')) impact = 'medium';
      if (score(a) > score(example)) example = a;
    }
  }
  if (!found) return [];
  return [
    makeRisk(category, {
      likelihood: 'unlikely', impact,
      title: `<b>Missing Identity Store</b> in the threat model (referencing asset <b>${example?.title ?? ''}</b> as an example)`,
      idParts: [example?.id ?? ''], mostRelevantTechnicalAsset: example?.id ?? '', dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [],
    }),
  ];
});
