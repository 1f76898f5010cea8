import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { NO_STORAGE_AT_REST, STORES_ENDUSER_DATA } from '../../src/analyze/classes.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { Risk, RiskCategory } from '../../src/analyze/types.js';

export const category: RiskCategory = {
  id: 'unencrypted-asset',
  title: 'Unencrypted Technical Assets',
  description: 'Assets holding sensitive data without encryption at rest expose it to anyone who gets at disks, snapshots or backups.',
  impact: 'Stolen media, snapshots or backups reveal the data in clear.',
  asvs: 'V6 - Stored Cryptography Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
  action: 'Encryption of Technical Asset',
  mitigation: 'Encrypt data at rest; for very sensitive end-user data use per-user keys so that one leaked key does not expose everyone.',
  check: 'Is the asset\'s data encrypted at rest with appropriately scoped keys?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'In-scope assets (not reverse proxies, load balancers, WAF, IDS, IPS, libraries) handling confidential or critical-integrity data with encryption none, or very sensitive end-user stores without end-user individual keys.',
  riskAssessment: 'Unlikely; impact high for strictly-confidential or mission-critical data without encryption, else medium.',
  falsePositives: 'Assets that hold nothing at rest.',
  modelFailurePossibleReason: false,
  cwe: 311,
};

export const rule = threagileRule(category, ({ model }) => {
  const risks: Risk[] = [];
  for (const a of model.assets) {
    if (a.outOfScope || NO_STORAGE_AT_REST.has(a.technology)) continue;
    const c = model.highestConfidentiality(a);
    const i = model.highestIntegrity(a);
    if (!(cAtLeast(c, 'confidential') || critAtLeast(i, 'critical'))) continue;
    const verySensitive = c === 'strictly-confidential' || i === 'mission-critical';
    const requiresEnduserKey = verySensitive && STORES_ENDUSER_DATA.has(a.technology);
    let impact: ExploitationImpact | undefined;
    if (a.encryption === 'none') impact = verySensitive ? 'high' : 'medium';
    else if (requiresEnduserKey && a.encryption !== 'data-with-enduser-individual-key') impact = 'medium';
    if (!impact) continue;
    const suffix = requiresEnduserKey ? ' missing enduser-individual encryption with data-with-enduser-individual-key' : '';
    risks.push(
      makeRisk(category, {
        likelihood: 'unlikely', impact, title: `<b>Unencrypted Technical Asset</b> named <b>${a.title}</b>${suffix}`,
        idParts: [a.id], mostRelevantTechnicalAsset: a.id, dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [a.id],
      }),
    );
  }
  return risks;
});
