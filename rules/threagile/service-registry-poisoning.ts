import { threagileRule } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'service-registry-poisoning',
  title: 'Service Registry Poisoning',
  description: 'A service registry that accepts registrations from anyone can be made to point clients at attacker-controlled endpoints.',
  impact: 'Clients send requests and data to rogue services.',
  asvs: 'V10 - Malicious Code Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Access_Control_Cheat_Sheet.html',
  action: 'Service Registry Integrity Check',
  mitigation: 'Authenticate and authorize registrations, and let clients verify the identity of looked-up services (e.g. mTLS).',
  check: 'Can only legitimate services register, and do clients verify whom they reach?',
  function: 'architecture',
  stride: 'spoofing',
  detectionLogic: 'In-scope assets of technology service-registry.',
  riskAssessment: 'Unlikely; impact medium when the registry, one of its callers or the data on an incoming link is strictly-confidential or mission-critical, else low.',
  falsePositives: 'Registries with authenticated registration and verified lookups.',
  modelFailurePossibleReason: false,
  cwe: 693,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || a.technology !== 'service-registry') continue;
    const veryHigh = (c: string, i: string, av: string): boolean => c === 'strictly-confidential' || i === 'mission-critical' || av === 'mission-critical';
    const more = model.incoming(a.id).some((link) => {
      const caller = model.asset(link.sourceId);
      return (
        veryHigh(model.highestConfidentiality(a), model.highestIntegrity(a), model.highestAvailability(a)) ||
        (!!caller && veryHigh(model.highestConfidentiality(caller), model.highestIntegrity(caller), model.highestAvailability(caller))) ||
        veryHigh(model.linkHighestConfidentiality(link), model.linkHighestIntegrity(link), model.linkHighestAvailability(link))
      );
    });
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact: more ? 'medium' : 'low', title: `<b>Service Registry Poisoning</b> risk at <b>${a.title}</b>`,
        idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
