import { threagileRule } from '../../src/analyze/define.js';
import { ENCRYPTED_PROTOCOLS, PROCESS_LOCAL_PROTOCOLS, UNPROTECTED_COMMS_TOLERATED } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';
import type { ModelDataAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'unencrypted-communication',
  title: 'Unencrypted Communication',
  description: 'Sensitive data or authentication material travels over a protocol without transport encryption.',
  impact: 'Anyone on the path can read or alter the data and capture credentials.',
  asvs: 'V9 - Communication Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Protection_Cheat_Sheet.html',
  action: 'Encryption of Communication Links',
  mitigation: 'Use TLS (or the protocol\'s encrypted variant) for every link carrying sensitive data or credentials, also inside the network.',
  check: 'Are all links that carry sensitive data or credentials encrypted in transit?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'Links from in-scope sources with an unencrypted, non-local protocol (neither end monitoring/IDS/IPS) that carry strictly-confidential/mission-critical data or credentials (high), or confidential/critical data outside a VPN (medium).',
  riskAssessment: 'Likely when the link crosses a network trust boundary, else unlikely; impact as above.',
  falsePositives: 'Links encrypted by a layer the model does not show (service mesh mTLS, IPsec).',
  modelFailurePossibleReason: false,
  cwe: 319,
};

const high = (d: ModelDataAsset): boolean => d.confidentiality === 'strictly-confidential' || d.integrity === 'mission-critical';
const medium = (d: ModelDataAsset): boolean => d.confidentiality === 'confidential' || d.integrity === 'critical';

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const link of model.links) {
    const source = model.asset(link.sourceId);
    const target = model.asset(link.targetId);
    if (!source || !target || source.outOfScope) continue;
    if (ENCRYPTED_PROTOCOLS.has(link.protocol) || PROCESS_LOCAL_PROTOCOLS.has(link.protocol)) continue;
    if (UNPROTECTED_COMMS_TOLERATED.has(source.technology) || UNPROTECTED_COMMS_TOLERATED.has(target.technology)) continue;
    const auth = link.authentication !== 'none';
    // Sent data first, then received; the first data asset that decides ends the scan (v1 order).
    let verdict: 'high' | 'medium' | undefined;
    for (const d of [...model.sent(link), ...model.received(link)]) {
      if (high(d) || auth) verdict = 'high';
      else if (!link.vpn && medium(d)) verdict = 'medium';
      if (verdict) break;
    }
    if (!verdict) continue;
    let title = `<b>Unencrypted Communication</b> named <b>${link.title}</b> between <b>${source.title}</b> and <b>${target.title}</b>`;
    if (auth) title += ' transferring authentication data (like credentials, token, session-id, etc.)';
    if (link.vpn) title += ' (even VPN-protected connections need to encrypt their data in-transit when confidentiality is rated strictly-confidential or integrity is rated mission-critical)';
    risks.push(
      makeRisk(category, {
        likelihood: model.isAcrossTrustBoundaryNetworkOnly(link) ? 'likely' : 'unlikely', impact: verdict, title,
        idParts: [link.id, source.id, target.id], mostRelevantTechnicalAsset: source.id, mostRelevantCommunicationLink: link.id,
        dataBreachProbability: 'possible', dataBreachTechnicalAssets: [target.id],
      }),
    );
  }
  return risks;
});
