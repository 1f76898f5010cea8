/**
 * External Secrets: an `ExternalSecret` copies a cloud secret (Secrets Manager, SSM Parameter Store,
 * GCP Secret Manager, Azure Key Vault) into a Kubernetes Secret. When Terraform/CloudFormation of
 * the same scan creates that cloud secret with a value referencing a database, the workloads reading
 * the Kubernetes Secret call that database. Only references are read from secret values.
 */
import { plainString, refsIn, type Resource } from '../../resource.js';
import type { JoinContext } from '../context.js';
import type { JoinRule } from '../types.js';
import { arr, obj, refText, refUses, str } from '../values.js';

interface SecretStoreKind {
  /** Types of the secret itself, and the attribute holding the name an ExternalSecret uses. */
  secretTypes: readonly string[];
  nameAttributes: readonly string[];
  /** Attributes of the secret itself that hold its value (SSM parameters, Key Vault secrets). */
  valueAttributes: readonly string[];
  /** Separate version resources: their types, the attribute naming the secret, the value attribute. */
  versions?: { types: readonly string[]; parent: string; value: string };
}

const STORES: readonly SecretStoreKind[] = [
  { secretTypes: ['aws_secretsmanager_secret'], nameAttributes: ['name'], valueAttributes: [], versions: { types: ['aws_secretsmanager_secret_version'], parent: 'secret_id', value: 'secret_string' } },
  { secretTypes: ['AWS::SecretsManager::Secret'], nameAttributes: ['Name'], valueAttributes: ['SecretString'] },
  { secretTypes: ['aws_ssm_parameter'], nameAttributes: ['name'], valueAttributes: ['value', 'insecure_value'] },
  { secretTypes: ['AWS::SSM::Parameter'], nameAttributes: ['Name'], valueAttributes: ['Value'] },
  { secretTypes: ['google_secret_manager_secret'], nameAttributes: ['secret_id'], valueAttributes: [], versions: { types: ['google_secret_manager_secret_version'], parent: 'secret', value: 'secret_data' } },
  { secretTypes: ['azurerm_key_vault_secret'], nameAttributes: ['name'], valueAttributes: ['value'] },
];

interface CloudSecret {
  resource: Resource;
  /** Where the value is written, and the value (never printed, only searched for references). */
  values: Array<{ resource: Resource; path: string; value: unknown }>;
}

export const externalSecretRule: JoinRule = {
  id: 'external-secret',
  description: 'an ExternalSecret that copies a cloud secret whose value references a database: the workloads reading the Kubernetes Secret call that database',
  apply(ctx) {
    const externals = ctx.ofType('ExternalSecret').filter((r) => r.format === 'k8s');
    if (externals.length === 0) return;
    const secrets = cloudSecrets(ctx);
    for (const es of externals) applyOne(ctx, es, secrets);
  },
};

function cloudSecrets(ctx: JoinContext): Map<string, CloudSecret> {
  const byName = new Map<string, CloudSecret>();
  for (const store of STORES) {
    const byAddress = new Map<string, CloudSecret>();
    for (const r of ctx.ofType(...store.secretTypes)) {
      const name = store.nameAttributes.map((a) => plainString(r.attributes[a])).find((x) => !!x);
      if (!name || byName.has(name)) continue;
      const s: CloudSecret = { resource: r, values: store.valueAttributes.filter((a) => r.attributes[a] !== undefined).map((a) => ({ resource: r, path: a, value: r.attributes[a] })) };
      byName.set(name, s);
      byAddress.set(r.address, s);
    }
    if (!store.versions) continue;
    for (const v of ctx.ofType(...store.versions.types)) {
      const parent = refsIn(v.attributes[store.versions.parent]).map((ref) => byAddress.get(ref.$ref)).find(Boolean);
      if (parent && v.attributes[store.versions.value] !== undefined) parent.values.push({ resource: v, path: store.versions.value, value: v.attributes[store.versions.value] });
    }
  }
  return byName;
}

function applyOne(ctx: JoinContext, es: Resource, secrets: Map<string, CloudSecret>): void {
  const meta = obj(es.attributes.metadata);
  const spec = obj(es.attributes.spec);
  const ns = str(meta.namespace) ?? 'default';
  const target = str(obj(spec.target).name) ?? str(meta.name) ?? es.name;
  const remote: Array<{ key: string; secretKey?: string; path: string }> = [];
  arr(spec.data).forEach((d, i) => {
    const key = str(obj(obj(d).remoteRef).key);
    const secretKey = str(obj(d).secretKey);
    if (key) remote.push({ key, ...(secretKey ? { secretKey } : {}), path: `spec.data[${i}]` });
  });
  arr(spec.dataFrom).forEach((d, i) => {
    const key = str(obj(obj(d).extract).key);
    if (key) remote.push({ key, path: `spec.dataFrom[${i}]` });
  });
  let used = false;
  for (const rk of remote) {
    const secret = secrets.get(rk.key);
    if (!secret) continue;
    used = true;
    const esLoc = ctx.loc(es, rk.path);
    const readers = ctx.consumersOf('Secret', ns, target).filter((c) => c.key === undefined || rk.secretKey === undefined || c.key === rk.secretKey);
    for (const v of secret.values) {
      for (const use of refUses(v.value)) {
        const db = ctx.componentOf(use.ref.$ref);
        if (!db) continue;
        const valueLoc = ctx.loc(v.resource, v.path);
        if (readers.length === 0) {
          ctx.graph.unresolved(`ExternalSecret ${ns}/${es.name}`, `it copies ${rk.key} (which references ${refText(use.ref)}) into Secret ${ns}/${target}, but no workload in the scan reads that Secret; scan the manifests that use it`, esLoc);
          continue;
        }
        for (const c of readers) {
          ctx.addReferenceFlow(c.componentId, db, use, [
            { kind: 'k8s-config-reference', detail: `${c.label} reads Secret ${ns}/${target} (${c.how})`, location: c.location },
            { kind: 'k8s-external-secret', detail: `ExternalSecret ${ns}/${es.name} copies ${rk.key} into Secret ${ns}/${target}`, location: esLoc },
            { kind: 'cloud-secret-value', detail: `${v.resource.address.replace(/^(tf|cfn):/, '')} ${v.path} references ${refText(use.ref)}`, location: valueLoc },
            ...ctx.joinEvidence(`ExternalSecret ${ns}/${es.name} reads ${rk.key}, created by ${secret.resource.address.replace(/^(tf|cfn):/, '')}`, esLoc, ctx.loc(secret.resource)),
          ]);
        }
      }
    }
  }
  if (used) ctx.graph.markFolded(es);
}
