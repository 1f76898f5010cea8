/**
 * An internet-facing listener that speaks plain HTTP (or WebSocket, or another unencrypted protocol
 * a browser or client uses): an exposure flow from the internet with an unencrypted web protocol.
 * One finding per component and port. Listeners whose only job is to redirect to HTTPS are skipped
 * when the evidence says so.
 */
import { cAtLeast } from '../../src/analyze/define.js';
import type { Flow } from '../../src/graph/types.js';
import { anchorOf, iacRule, type Finding, type IacCategory } from './kit.js';

export const category: IacCategory = {
  id: 'plaintext-http-from-internet',
  title: 'Internet-Facing Listener Without TLS',
  description: 'A service accepts connections from the internet over plain HTTP (no TLS).',
  impact: 'Credentials, session cookies and data travel in clear over networks the operator does not control; anyone on the path can read or change them.',
  asvs: 'V9 - Communication Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Transport_Layer_Security_Cheat_Sheet.html',
  action: 'Encryption of Communication Links',
  mitigation: 'Terminate TLS at the edge (HTTPS listener with a managed certificate, Ingress tls section) and make port 80 redirect only; enable HSTS.',
  check: 'Does every internet-facing listener use TLS, with HTTP only redirecting?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'An exposure flow from the internet with protocol http or ws (unencrypted), not marked as a redirect.',
  riskAssessment: 'Likely (public Wi-Fi, hostile networks, TLS stripping); medium impact, high when the component handles confidential data.',
  falsePositives: 'A TLS-terminating proxy in front that the IaC does not show; HTTP listeners that only redirect.',
  modelFailurePossibleReason: false,
  cwe: 319,
  severityRationale: 'Interception needs a position on the network path (likely for internet users), and the damage depends on the data the service handles.',
};

const PLAIN = new Set(['http', 'ws']);

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    const byPort = new Map<string, Flow[]>();
    for (const f of view.fromInternet(c.id)) {
      if (!PLAIN.has(f.protocol) || f.encrypted) continue;
      if (f.evidence.some((e) => /redirect/i.test(e.detail))) continue;
      const key = f.port !== undefined ? String(f.port) : f.protocol;
      byPort.set(key, [...(byPort.get(key) ?? []), f]);
    }
    if (byPort.size === 0) continue;
    const asset = view.asset(c.id);
    const confidential = asset ? cAtLeast(view.model.highestConfidentiality(asset), 'confidential') : false;
    for (const [port, flows] of [...byPort.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      out.push({
        anchor: anchorOf(c),
        detail: port,
        likelihood: 'likely',
        impact: confidential ? 'high' : 'medium',
        what: `plain ${flows[0]!.protocol.toUpperCase()} from the internet${/^\d+$/.test(port) ? ` on port ${port}` : ''}`,
        evidence: flows.flatMap((f) => f.evidence),
      });
    }
  }
  return out;
});
