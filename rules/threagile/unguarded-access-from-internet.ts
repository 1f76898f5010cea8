import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'unguarded-access-from-internet',
  title: 'Unguarded Access From Internet',
  description: 'Sensitive assets accept traffic straight from the internet with no reverse proxy, WAF or gateway in front.',
  impact: 'Attacks reach the asset directly, without any filtering, rate limiting or protocol normalisation.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Attack_Surface_Analysis_Cheat_Sheet.html',
  action: 'Encapsulation of Technical Asset',
  mitigation: 'Put a reverse proxy, WAF or API gateway between internet clients and the asset, or require VPN access.',
  check: 'Is every internet-facing access path to sensitive assets guarded?',
  function: 'architecture',
  stride: 'elevation-of-privilege',
  detectionLogic: 'In-scope assets (not load balancers) rated confidential or critical with an incoming link from an internet asset, not via VPN and not from monitoring; plain web servers, web applications, proxies, WAF and gateways without custom code are excused for HTTP(S) (gateways also for FTP variants).',
  riskAssessment: 'Very likely; impact medium for strictly-confidential or mission-critical assets or an RAA above 40 %, else low.',
  falsePositives: 'Assets guarded by equivalent filtering the model does not show.',
  modelFailurePossibleReason: false,
  cwe: 501,
};

const HTTP_OK = new Set(['web-server', 'web-application', 'reverse-proxy', 'waf', 'gateway']);

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || a.technology === 'load-balancer') continue;
    // Threagile walks these links sorted by link id (descending).
    const links = [...model.incoming(a.id)].sort((x, y) => (x.id < y.id ? 1 : x.id > y.id ? -1 : 0));
    for (const link of links) {
      if (!a.customDevelopedParts) {
        if (HTTP_OK.has(a.technology) && (link.protocol === 'http' || link.protocol === 'https')) continue;
        if (a.technology === 'gateway' && (link.protocol === 'ftp' || link.protocol === 'ftps' || link.protocol === 'sftp')) continue;
      }
      const source = model.asset(link.sourceId);
      if (!source || source.technology === 'monitoring' || link.vpn) continue;
      if (!(cAtLeast(a.confidentiality, 'confidential') || critAtLeast(a.integrity, 'critical')) || !source.internet) continue;
      const more = a.confidentiality === 'strictly-confidential' || a.integrity === 'mission-critical' || model.raa(a.id) > 40;
      risks.push(
        makeRisk(category, {
          likelihood: 'very-likely', impact: more ? 'medium' : 'low',
          title: `<b>Unguarded Access from Internet</b> of <b>${a.title}</b> by <b>${source.title}</b> via <b>${link.title}</b>`,
          idParts: [a.id, source.id, link.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'possible', dataBreachTechnicalAssets: [a.id],
        }),
      );
    }
  }
  return risks;
});
