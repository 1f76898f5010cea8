/**
 * The entry point from the internet (load balancer, ingress, API, web app, function URL) with
 * neither a WAF attached nor authentication on the exposure: every request from anyone reaches the
 * application code. Datastores are left to datastore-exposed-to-internet.
 */
import { cAtLeast } from '../../src/analyze/define.js';
import { anchorOf, iacRule, type Finding, type IacCategory } from './kit.js';

export const category: IacCategory = {
  id: 'internet-service-without-waf-or-auth',
  title: 'Internet-Facing Service Without WAF or Authentication',
  description: 'A service reachable from the internet has no web application firewall in front and no authentication at the edge.',
  impact: 'Injection, credential stuffing, scraping and application-layer floods reach the service unfiltered; any flaw in it is exploitable by anyone.',
  asvs: 'V1 - Architecture, Design and Threat Modeling Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Secure_Product_Design_Cheat_Sheet.html',
  action: 'Edge Protection',
  mitigation: 'Attach a WAF (AWS WAF web ACL, Cloud Armor, Azure Front Door/App Gateway WAF) with managed rule sets and rate limits, or require authentication at the edge (API Gateway authorizer, IAP, OIDC at the ingress) for anything not meant for anonymous users.',
  check: 'Is every internet entry point protected by a WAF or by authentication at the edge?',
  function: 'operations',
  stride: 'tampering',
  detectionLogic: 'A non-datastore component with an exposure flow from the internet whose authentication is none, no `waf` attribute, and no WAF component calling it; Kubernetes API servers, identity providers and vaults authenticate by design and are left out.',
  riskAssessment: 'Likely; medium impact, high when the service handles confidential data.',
  falsePositives: 'Public websites protected by a CDN/WAF outside the scanned IaC; services that authenticate in the application (rate limiting still applies).',
  modelFailurePossibleReason: true,
  cwe: 1008,
  severityRationale: 'Anonymous internet traffic reaches the code directly (likely), while the harm depends on the data behind it.',
};

/**
 * Endpoints that always authenticate by design, whatever the IaC says: a Kubernetes API server
 * (client certificates, tokens), an identity provider's sign-in. A WAF is not what protects them.
 */
const AUTHENTICATES_ITSELF = new Set(['container-platform', 'identity-provider', 'identity-store-ldap', 'identity-store-database', 'vault']);

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    if (c.type === 'datastore' || c.technology === 'waf' || c.attributes.waf === true || AUTHENTICATES_ITSELF.has(c.technology)) continue;
    const exposure = view.fromInternet(c.id);
    if (exposure.length === 0 || exposure.some((f) => f.authentication !== 'none')) continue;
    const behindWaf = view.incoming(c.id).some((f) => {
      const src = view.component(f.source);
      return src !== undefined && (src.technology === 'waf' || src.attributes.waf === true);
    });
    if (behindWaf) continue;
    const asset = view.asset(c.id);
    const confidential = asset ? cAtLeast(view.model.highestConfidentiality(asset), 'confidential') : false;
    out.push({
      anchor: anchorOf(c),
      likelihood: 'likely',
      impact: confidential ? 'high' : 'medium',
      what: 'reachable from the internet with no WAF and no authentication at the edge',
      evidence: exposure.flatMap((f) => f.evidence),
    });
  }
  return out;
});
