/**
 * A datastore whose model asset needs high availability (critical or mission-critical, including the
 * data it holds) while the IaC turns backups off or leaves deletion protection off. The checks are a
 * table per resource type; components whose semantics already report `backups` /
 * `deletion_protection` (GCP, Azure) are read from the graph.
 */
import { critAtLeast } from '../../src/analyze/define.js';
import type { Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import { anchorOf, attributeEvidence, bool, get, iacRule, num, type Finding, type IacCategory } from './kit.js';
import { lookupTable } from '../../src/util/lookup.js';

export const category: IacCategory = {
  id: 'datastore-without-backup',
  title: 'Critical Datastore Without Backup or Deletion Protection',
  description: 'A datastore the model rates critical for availability has backups disabled or no protection against deletion.',
  impact: 'A mistaken `terraform destroy`, a compromised pipeline or ransomware deletes the data for good; restoring the service may be impossible.',
  asvs: 'V8 - Data Protection Verification Requirements',
  cheatSheet: 'https://cheatsheetseries.owasp.org/cheatsheets/Database_Security_Cheat_Sheet.html',
  action: 'Backup and Recovery',
  mitigation: 'Enable automated backups with a retention that matches the recovery objective (backup_retention_period ≥ 7, point-in-time recovery), turn on deletion protection, keep a final snapshot on deletion, and copy backups to another account or region.',
  check: 'Can every critical datastore be restored, and is it protected from accidental or malicious deletion?',
  function: 'operations',
  stride: 'denial-of-service',
  detectionLogic: 'Datastores with highest availability ≥ critical whose resource sets backup retention 0 / backups disabled / point-in-time recovery off, or lacks deletion protection (or skips the final snapshot).',
  riskAssessment: 'Likely over the life of a system; high impact for mission-critical availability, medium for critical.',
  falsePositives: 'Stores backed up by an external tool (AWS Backup plans, Velero) the scanned IaC does not show.',
  modelFailurePossibleReason: true,
  cwe: 693,
  severityRationale: 'Accidental deletion and destructive attacks happen to most long-lived systems (likely); the impact follows the availability rating the model gives.',
};

interface Check {
  /** Backups off when this returns true. */
  backupsOff?: (r: Resource) => string | undefined;
  /** The deletion-protection field; absent or false means unprotected. */
  protection?: string[];
  /** Final snapshot skipped. */
  skipSnapshot?: string[];
}

const retentionZero = (...paths: string[]) => (r: Resource) => {
  for (const p of paths) if (num(get(r, p)) === 0) return p;
  return undefined;
};

/** One row per resource type: adding a store touches only this table. */
const CHECKS: Record<string, Check> = lookupTable({
  aws_db_instance: { backupsOff: retentionZero('backup_retention_period'), protection: ['deletion_protection'], skipSnapshot: ['skip_final_snapshot'] },
  aws_rds_cluster: { backupsOff: retentionZero('backup_retention_period'), protection: ['deletion_protection'], skipSnapshot: ['skip_final_snapshot'] },
  aws_neptune_cluster: { backupsOff: retentionZero('backup_retention_period'), protection: ['deletion_protection'], skipSnapshot: ['skip_final_snapshot'] },
  aws_docdb_cluster: { backupsOff: retentionZero('backup_retention_period'), protection: ['deletion_protection'], skipSnapshot: ['skip_final_snapshot'] },
  'AWS::RDS::DBInstance': { backupsOff: retentionZero('BackupRetentionPeriod'), protection: ['DeletionProtection'] },
  'AWS::RDS::DBCluster': { backupsOff: retentionZero('BackupRetentionPeriod'), protection: ['DeletionProtection'] },
  aws_dynamodb_table: {
    backupsOff: (r) => (bool(get(r, 'point_in_time_recovery.enabled')) === true ? undefined : 'point_in_time_recovery'),
    protection: ['deletion_protection_enabled'],
  },
  'AWS::DynamoDB::Table': {
    backupsOff: (r) => (bool(get(r, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled')) === true ? undefined : 'PointInTimeRecoverySpecification'),
    protection: ['DeletionProtectionEnabled'],
  },
  aws_elasticache_replication_group: { backupsOff: (r) => (num(get(r, 'snapshot_retention_limit')) ? undefined : 'snapshot_retention_limit') },
  google_sql_database_instance: {
    backupsOff: (r) => (bool(get(r, 'settings.backup_configuration.enabled')) === true ? undefined : 'settings.backup_configuration'),
    protection: ['deletion_protection'],
  },
});

export const rule = iacRule(category, (view) => {
  const out: Finding[] = [];
  for (const c of view.components) {
    if (c.type !== 'datastore') continue;
    const asset = view.asset(c.id);
    if (!asset) continue;
    const availability = view.model.highestAvailability(asset);
    if (!critAtLeast(availability, 'critical')) continue;
    const problems: string[] = [];
    const evidence: Evidence[] = [];
    for (const r of view.resourcesOf(c)) {
      const check = CHECKS[r.type];
      if (!check) continue;
      const off = check.backupsOff?.(r);
      if (off) {
        problems.push('backups disabled');
        evidence.push(attributeEvidence(r, off, 'backup-config', `${r.address} ${off}: no automated backups`));
      }
      if (check.protection) {
        const field = check.protection.find((f) => get(r, f) !== undefined) ?? check.protection[0]!;
        if (bool(get(r, field)) !== true) {
          problems.push('no deletion protection');
          evidence.push(attributeEvidence(r, field, 'deletion-protection', `${r.address} ${field} is not true`));
        }
      }
      for (const f of check.skipSnapshot ?? []) {
        if (bool(get(r, f)) === true) {
          problems.push('final snapshot skipped');
          evidence.push(attributeEvidence(r, f, 'deletion-protection', `${r.address} ${f} = true`));
        }
      }
    }
    // Semantics that report these facts as attributes (GCP, Azure) when no table row matched.
    if (evidence.length === 0) {
      if (c.attributes.backups === false) problems.push('backups disabled');
      if (c.attributes.deletion_protection === false) problems.push('no deletion protection');
    }
    if (problems.length === 0) continue;
    out.push({
      anchor: anchorOf(c),
      likelihood: 'likely',
      impact: availability === 'mission-critical' ? 'high' : 'medium',
      what: `${[...new Set(problems)].join(', ')} while availability is ${availability}`,
      evidence,
      dataBreachProbability: 'improbable',
    });
  }
  return out;
});
