import { threagileRule } from '../../src/analyze/define.js';
import { WEB_ACCESS_PROTOCOLS, WEB_APPLICATION } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'cross-site-request-forgery',
  title: 'Cross-Site Request Forgery (CSRF)',
  description: 'A web application that trusts any request carrying the user\'s session can be driven by a foreign page the user happens to visit.',
  impact: 'Attackers trigger state-changing actions in the name of a logged-in user.',
  asvs: 'V4 - Access Control Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Cross-Site_Request_Forgery_Prevention_Cheat_Sheet.html',
  action: 'CSRF Prevention',
  mitigation: 'Use anti-CSRF tokens or the synchronizer pattern for state-changing requests, set SameSite cookies, and check Origin/Referer headers.',
  check: 'Do all state-changing endpoints require a token or an origin check that a foreign site cannot supply?',
  function: 'development',
  stride: 'spoofing',
  detectionLogic: 'In-scope web applications, for each incoming link using a web protocol.',
  riskAssessment: 'Very likely (likely for devops links); impact medium when the link carries mission-critical integrity data, else low.',
  falsePositives: 'Endpoints that never change state or that authenticate each request without ambient credentials.',
  modelFailurePossibleReason: false,
  cwe: 352,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || !WEB_APPLICATION.has(a.technology)) continue;
    for (const link of model.incoming(a.id)) {
      if (!WEB_ACCESS_PROTOCOLS.has(link.protocol)) continue;
      const source = model.asset(link.sourceId);
      risks.push(
        makeRisk(category, {
          likelihood: link.usage === 'devops' ? 'likely' : 'very-likely',
          impact: model.linkHighestIntegrity(link) === 'mission-critical' ? 'medium' : 'low',
          title: `<b>Cross-Site Request Forgery (CSRF)</b> risk at <b>${a.title}</b> via <b>${link.title}</b> from <b>${source?.title ?? link.sourceId}</b>`,
          idParts: [a.id, link.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
