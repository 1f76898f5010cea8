import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { PROCESSES_ENDUSER_REQUESTS, PROPAGATES_IDENTITY } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'missing-identity-propagation',
  title: 'Missing Identity Propagation',
  description: 'A backend that only sees a technical user cannot enforce what the end user behind the request may do.',
  impact: 'A compromised caller can act with the technical user\'s full rights instead of the end user\'s.',
  asvs: 'V4 - Access Control Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Authorization_Cheat_Sheet.html',
  action: 'Identity Propagation and Access Control',
  mitigation: 'Pass the end user\'s identity (e.g. a signed token) to the backend and authorize each request against it.',
  check: 'Does the backend authorize requests by the end user\'s identity rather than by the caller\'s technical account?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope assets that usually process end-user requests, rated confidential/critical (or multi-tenant and restricted/important), for incoming authenticated links from identity-propagating callers without enduser-identity-propagation authorization (devops links with an authorization are excused).',
  riskAssessment: 'Unlikely; impact medium for strictly-confidential or mission-critical assets, else low.',
  falsePositives: 'Backends with no per-user authorization needs.',
  modelFailurePossibleReason: false,
  cwe: 284,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || !PROCESSES_ENDUSER_REQUESTS.has(a.technology)) continue;
    const sensitive =
      cAtLeast(a.confidentiality, 'confidential') || critAtLeast(a.integrity, 'critical') || critAtLeast(a.availability, 'critical') ||
      (a.multiTenant && (cAtLeast(a.confidentiality, 'restricted') || critAtLeast(a.integrity, 'important') || critAtLeast(a.availability, 'important')));
    if (!sensitive) continue;
    for (const link of model.incoming(a.id)) {
      const caller = model.asset(link.sourceId);
      if (!caller || !PROPAGATES_IDENTITY.has(caller.technology) || caller.type === 'datastore') continue;
      if (link.authentication === 'none' || link.authorization === 'enduser-identity-propagation') continue;
      if (link.usage === 'devops' && link.authorization !== 'none') continue;
      const more = a.confidentiality === 'strictly-confidential' || a.integrity === 'mission-critical' || a.availability === 'mission-critical';
      risks.push(
        makeRisk(category, {
          likelihood: 'unlikely', impact: more ? 'medium' : 'low',
          title: `<b>Missing Enduser Identity Propagation</b> over communication link <b>${link.title}</b> from <b>${caller.title}</b> to <b>${a.title}</b>`,
          idParts: [link.id, caller.id, a.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
