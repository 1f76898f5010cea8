import { threagileRule, cAtLeast, critAtLeast } from '../../src/analyze/define.js';
import { makeRisk } from '../../src/analyze/risk.js';
import type { ExploitationImpact } from '../../src/model/enums.js';
import type { RiskCategory } from '../../src/analyze/types.js';
import type { TechnicalAsset } from '../../src/model/types.js';

export const category: RiskCategory = {
  id: 'missing-vault',
  title: 'Missing Vault (Secret Storage)',
  description: 'No vault is modelled, which suggests secrets live in configuration files, environment variables or code.',
  impact: 'Secrets spread across systems leak more easily and are hard to rotate.',
  asvs: 'V6 - Stored Cryptography Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
  action: 'Vault (Secret Storage)',
  mitigation: 'Keep secrets in a dedicated vault with access control, audit logging and rotation, and model it.',
  check: 'Is there a vault for secrets, and is it in the model?',
  function: 'architecture',
  stride: 'information-disclosure',
  detectionLogic: 'No asset of technology vault in the model.',
  riskAssessment: 'Unlikely; medium impact when any asset handles confidential or critical data, else low.',
  falsePositives: 'Models of systems without any secrets.',
  modelFailurePossibleReason: true,
  cwe: 522,
};

export const rule = threagileRule(category, ({ model }) => {
  let hasVault = false;
  let impact: ExploitationImpact = 'low';
  let example: TechnicalAsset | undefined;
  // Threagile starts from an empty example whose score is that of public/archive/archive (18).
  const score = (a: TechnicalAsset | undefined): number => (a ? model.highestSensitivityScore(a) : 18);
  for (const a of model.assets) {
    if (a.technology === 'vault') hasVault = true;
    if (cAtLeast(model.highestConfidentiality(a), 'confidential') || critAtLeast(model.highestIntegrity(a), 'critical') || critAtLeast(model.highestAvailability(a), 'critical')) impact = 'medium';
    if (cAtLeast(a.confidentiality, 'confidential') || critAtLeast(a.integrity, 'critical') || critAtLeast(a.availability, 'critical')) impact = 'medium';
    if (score(a) > score(example)) example = a;
  }
  if (hasVault) return [];
  return [
    makeRisk(category, {
      likelihood: 'unlikely', impact,
      title: `<b>Missing Vault (Secret Storage)</b> in the threat model (referencing asset <b>${example?.title ?? ''}</b> as an example)`,
      idParts: [example?.id ?? ''], mostRelevantTechnicalAsset: example?.id ?? '', dataBreachProbability: 'improbable', dataBreachTechnicalAssets: [],
    }),
  ];
});
