/**
 * Cloud storage (databases, volumes, buckets, search domains, caches) that the IaC leaves
 * unencrypted at rest while the model rates its data confidential or higher. Only storage read from
 * Terraform or CloudFormation counts: there the setting is visible, whereas a Kubernetes or compose
 * volume's encryption is a property of the cluster the manifests do not show.
 */
import { cAtLeast } from '../../src/analyze/define.js';
import type { Evidence } from '../../src/graph/types.js';
import { anchorOf, attributeEvidence, get, iacRule, isCloudComponent, sourceEvidence, type Finding, type IacCategory } from './kit.js';

export const category: IacCategory = {
  id: 'unencrypted-sensitive-storage',
  title: 'Unencrypted Storage of Sensitive Data',
  description: 'A database, volume or bucket holding confidential data is not encrypted at rest.',
  impact: 'Snapshots, backups, decommissioned disks or a misdirected share expose the data in clear; compliance regimes (PCI DSS, HIPAA, GDPR art. 32) expect encryption at rest.',
  asvs: 'V6 - Stored Cryptography Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Cryptographic_Storage_Cheat_Sheet.html',
  action: 'Encryption of Data at Rest',
  mitigation: 'Turn on encryption at rest (storage_encrypted / encrypted / server-side encryption with a KMS key; customer-managed keys for strictly confidential data). Existing unencrypted volumes need a snapshot-copy-restore.',
  check: 'Is every store of confidential data encrypted at rest?',
  function: 'operations',
  stride: 'information-disclosure',
  detectionLogic: 'A datastore component from Terraform/CloudFormation with encryption none, whose model asset holds (processes or stores) confidential or strictly-confidential data.',
  riskAssessment: 'Unlikely (needs access to the storage layer), high impact; very high for strictly confidential data.',
  falsePositives: 'Stores whose data is public or already encrypted by the application.',
  modelFailurePossibleReason: false,
  cwe: 311,
  severityRationale: 'Reaching the raw storage takes access to snapshots or disks (unlikely), but then nothing protects the data (high impact).',
};

/** The attributes that switch encryption on, per resource type: their line is the one to fix. */
const ENCRYPTION_FIELDS = ['storage_encrypted', 'StorageEncrypted', 'encrypted', 'Encrypted', 'kms_key_id', 'KmsKeyId', 'encryption_at_rest', 'EncryptionAtRestOptions', 'server_side_encryption_configuration', 'BucketEncryption', 'at_rest_encryption_enabled', 'AtRestEncryptionEnabled', 'server_side_encryption', 'SSESpecification', 'disk_encryption_key'];

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    if (c.type !== 'datastore' || c.encryption !== 'none' || !isCloudComponent(c)) continue;
    const asset = view.asset(c.id);
    if (!asset) continue;
    const conf = view.model.highestConfidentiality(asset);
    if (!cAtLeast(conf, 'confidential')) continue;
    const evidence: Evidence[] = [];
    for (const r of view.resourcesOf(c)) {
      const field = ENCRYPTION_FIELDS.find((f) => get(r, f) !== undefined);
      evidence.push(
        field
          ? attributeEvidence(r, field, 'unencrypted-storage', `${r.address} sets ${field} without encryption`)
          : { kind: 'unencrypted-storage', detail: `${r.address} does not enable encryption at rest`, location: r.location },
      );
    }
    out.push({
      anchor: anchorOf(c),
      likelihood: 'unlikely',
      impact: conf === 'strictly-confidential' ? 'very-high' : 'high',
      what: `not encrypted at rest while holding ${conf} data`,
      evidence: evidence.length ? evidence : sourceEvidence(c),
      dataBreachProbability: 'improbable',
    });
  }
  return out;
});
