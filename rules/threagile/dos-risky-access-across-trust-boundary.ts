import { threagileRule, critAtLeast } from '../../src/analyze/define.js';
import { PROCESS_LOCAL_PROTOCOLS, TRAFFIC_FORWARDING } from '../../src/analyze/classes.js';
import type { ModelIndex } from '../../src/analyze/model-index.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { CommunicationLink, TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'dos-risky-access-across-trust-boundary',
  title: 'DoS-risky Access Across Trust-Boundary',
  description: 'Availability-critical assets reachable from another network segment can be flooded or exhausted by callers on the other side.',
  impact: 'Overload or resource exhaustion takes the asset, and what depends on it, out of service.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Denial_of_Service_Cheat_Sheet.html',
  action: 'Anti-DoS Measures',
  mitigation: 'Rate-limit and throttle at the boundary, set quotas and timeouts, scale or replicate the asset, and filter callers by IP or VPN.',
  check: 'Are rate limits, quotas and redundancy in place for the boundary-crossing access paths?',
  function: 'operations',
  stride: 'denial-of-service',
  detectionLogic: 'In-scope assets (not load balancers) with availability critical or higher, for each incoming network link across a trust boundary (one hop through traffic forwarders), ignoring devops and process-local links.',
  riskAssessment: 'Low; medium when availability is mission-critical and the path is neither VPN nor IP-filtered and the asset is not redundant.',
  falsePositives: 'Operations that cost the asset almost nothing to serve.',
  modelFailurePossibleReason: false,
  cwe: 400,
};

function check(model: ModelIndex, a: TechnicalAsset, link: CommunicationLink, hop: string, risks: Risk[]): void {
  if (!model.isAcrossTrustBoundaryNetworkOnly(link) || PROCESS_LOCAL_PROTOCOLS.has(link.protocol) || link.usage === 'devops') return;
  const client = model.asset(link.sourceId);
  const moreRisky = a.availability === 'mission-critical' && !link.vpn && !link.ipFiltered && !a.redundant;
  risks.push(
    makeRisk(category, {
      likelihood: 'unlikely', impact: moreRisky ? 'medium' : 'low',
      title: `<b>Denial-of-Service</b> risky access of <b>${a.title}</b> by <b>${client?.title ?? link.sourceId}</b> via <b>${link.title}</b>${hop ? ` forwarded via <b>${hop}</b>` : ''}`,
      // v1 id: no marker for the forwarding hop (master appends `->…`).
      idParts: [a.id, link.sourceId, link.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
      dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [],
    }),
  );
}

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || a.technology === 'load-balancer' || !critAtLeast(a.availability, 'critical')) continue;
    for (const link of model.incoming(a.id)) {
      const source = model.asset(link.sourceId);
      if (source && TRAFFIC_FORWARDING.has(source.technology)) {
        for (const callerLink of model.incoming(source.id)) check(model, a, callerLink, source.title, risks);
      } else check(model, a, link, '', risks);
    }
  }
  return risks;
});
