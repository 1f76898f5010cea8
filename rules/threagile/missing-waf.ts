import { threagileRule } from '../../src/analyze/define.js';
import { WEB_ACCESS_PROTOCOLS, WEB_APPLICATION, WEB_SERVICE } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import { handlesMostCriticalData } from './sensitivity.js';

export const category: RiskCategory = {
  id: 'missing-waf',
  title: 'Missing Web Application Firewall (WAF)',
  description: 'Web applications and services reached across a trust boundary without a WAF in front get no virtual patching or request filtering.',
  impact: 'Known attack patterns reach the application unfiltered, and new flaws cannot be shielded quickly.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Virtual_Patching_Cheat_Sheet.html',
  action: 'Web Application Firewall (WAF)',
  mitigation: 'Route web traffic crossing the boundary through a WAF with a maintained rule set.',
  check: 'Is there a WAF in front of every boundary-crossing web access path?',
  function: 'operations',
  stride: 'tampering',
  detectionLogic: 'In-scope web applications and web services with an incoming web-protocol link across a network trust boundary whose caller is not a WAF.',
  riskAssessment: 'Unlikely; impact medium for strictly-confidential or mission-critical data, else low.',
  falsePositives: 'Assets protected by a WAF the model does not show.',
  modelFailurePossibleReason: false,
  cwe: 1008,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || !(WEB_APPLICATION.has(a.technology) || WEB_SERVICE.has(a.technology))) continue;
    const unguarded = model.incoming(a.id).some(
      (l) => model.isAcrossTrustBoundaryNetworkOnly(l) && WEB_ACCESS_PROTOCOLS.has(l.protocol) && model.asset(l.sourceId)?.technology !== 'waf',
    );
    if (!unguarded) continue;
    const more = handlesMostCriticalData(model, a);
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: more ? 'medium' : 'low', title: `<b>Missing Web Application Firewall (WAF)</b> risk at <b>${a.title}</b>`,
        idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
