import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'ldap-injection',
  title: 'LDAP-Injection',
  description: 'Callers that build LDAP filters or DNs from untrusted input let attackers rewrite the query sent to the directory.',
  impact: 'Injected filters can bypass authentication or read and alter directory entries.',
  asvs: 'V5 - Validation, Sanitization and Encoding Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/LDAP_Injection_Prevention_Cheat_Sheet.html',
  action: 'LDAP-Injection Prevention',
  mitigation: 'Escape user input for LDAP filter and DN contexts, use framework APIs that do so, and bind with a least-privileged account.',
  check: 'Is every value placed in an LDAP query escaped for its context?',
  function: 'development',
  stride: 'tampering',
  detectionLogic: 'Incoming LDAP or LDAPS links from in-scope callers.',
  riskAssessment: 'Likely (unlikely for devops links); impact high when the directory handles strictly-confidential or mission-critical integrity data, else medium.',
  falsePositives: 'Callers that never put user input into LDAP queries.',
  modelFailurePossibleReason: false,
  cwe: 90,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  // v1 checks neither the directory's scope nor its technology, only the protocol and the caller's scope.
  for (const ldap of model.assets) {
    const high = model.highestConfidentiality(ldap) === 'strictly-confidential' || model.highestIntegrity(ldap) === 'mission-critical';
    for (const link of model.incoming(ldap.id)) {
      if (link.protocol !== 'ldap' && link.protocol !== 'ldaps') continue;
      const caller = model.asset(link.sourceId);
      if (!caller || caller.outOfScope) continue;
      risks.push(
        makeRisk(category, {
          likelihood: link.usage === 'devops' ? 'unlikely' : 'likely', impact: high ? 'high' : 'medium',
          title: `<b>LDAP-Injection</b> risk at <b>${caller.title}</b> against LDAP server <b>${ldap.title}</b> via <b>${link.title}</b>`,
          idParts: [caller.id, ldap.id, link.id], mostRelevantTechnicalAsset: caller.id, mostRelevantCommunicationLink: link.id,
          dataBreachProbability: 'probable', dataBreachTechnicalAssets: [ldap.id],
        }),
      );
    }
  }
  return risks;
});
