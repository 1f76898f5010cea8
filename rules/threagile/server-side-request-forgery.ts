import { threagileRule } from '../../src/analyze/define.js';
import { CLIENT, WEB_ACCESS_PROTOCOLS, isWithinCloud } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'server-side-request-forgery',
  title: 'Server-Side Request Forgery (SSRF)',
  description: 'Servers that make web requests to targets influenced by user input can be turned against internal services the attacker cannot reach directly.',
  impact: 'Attackers reach internal or cloud-metadata endpoints through the server and read what they return.',
  asvs: 'V12 - File and Resources Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html',
  action: 'SSRF Prevention',
  mitigation: 'Allow-list outgoing destinations, never pass user-supplied URLs unchecked, block internal and metadata addresses, and segment egress.',
  check: 'Are outgoing request targets fixed or allow-listed?',
  function: 'development',
  stride: 'information-disclosure',
  detectionLogic: 'In-scope non-client assets (not load balancers), for each outgoing web-protocol link.',
  riskAssessment: 'Likely (unlikely for devops links); impact medium when the target or a web-reachable asset in the same network segment holds strictly-confidential data, or when the source runs in a cloud boundary; else low.',
  falsePositives: 'Servers whose outgoing requests never depend on user input.',
  modelFailurePossibleReason: false,
  cwe: 918,
};

export const rule = threagileRule(category, ({ model }) => {
  const isSecret = (a: TechnicalAsset): boolean => model.highestConfidentiality(a) === 'strictly-confidential';
  // Assets reachable by a web protocol, grouped by network segment (computed once per segment).
  const webReachable = new Map<string, { ids: string[]; holdsSecret: boolean }>();
  for (const a of model.assets) {
    if (!model.incoming(a.id).some((l) => WEB_ACCESS_PROTOCOLS.has(l.protocol))) continue;
    const k = model.networkBoundaryId(a.id);
    const group = webReachable.get(k) ?? { ids: [], holdsSecret: false };
    group.ids.push(a.id);
    group.holdsSecret ||= isSecret(a);
    webReachable.set(k, group);
  }
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || CLIENT.has(a.technology) || a.technology === 'load-balancer') continue;
    for (const link of a.communicationLinks) {
      if (!WEB_ACCESS_PROTOCOLS.has(link.protocol)) continue;
      const target = model.asset(link.targetId);
      const group = webReachable.get(model.networkBoundaryId(a.id));
      let impact: ExploitationImpact = (target && isSecret(target)) || group?.holdsSecret ? 'medium' : 'low';
      const breached = new Set<string>([a.id, ...(group?.ids ?? [])]);
      const direct = model.directBoundary(a.id);
      if (impact === 'low' && direct && isWithinCloud(direct.type)) impact = 'medium';
      risks.push(
        makeRisk(category, {
          likelihood: link.usage === 'devops' ? 'unlikely' : 'likely', impact,
          title: `<b>Server-Side Request Forgery (SSRF)</b> risk at <b>${a.title}</b> server-side web-requesting the target <b>${target?.title ?? link.targetId}</b> via <b>${link.title}</b>`,
          idParts: [a.id, link.targetId, link.id], mostRelevantTechnicalAsset: a.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'possible', dataBreachTechnicalAssets: [...breached],
        }),
      );
    }
  }
  return risks;
});
