/**
 * Terraform writes a cloud resource's address into the cluster: a `kubernetes_config_map` or
 * `kubernetes_secret` whose data references `aws_db_instance.main.address`. The Kubernetes workloads
 * that read that ConfigMap/Secret (env, envFrom, volumes) call the cloud resource.
 */
import type { Resource } from '../../resource.js';
import type { JoinContext } from '../context.js';
import type { JoinRule } from '../types.js';
import { block, obj, refText, refUses, str } from '../values.js';

const KINDS: ReadonlyMap<string, 'ConfigMap' | 'Secret'> = new Map([
  ['kubernetes_config_map', 'ConfigMap'],
  ['kubernetes_config_map_v1', 'ConfigMap'],
  ['kubernetes_secret', 'Secret'],
  ['kubernetes_secret_v1', 'Secret'],
]);

const DATA_FIELDS = ['data', 'binary_data'];

export const terraformK8sObjectRule: JoinRule = {
  id: 'terraform-k8s-object',
  description: 'a ConfigMap or Secret created by Terraform whose data references a cloud resource: the workloads that read it call that resource',
  apply(ctx) {
    for (const r of ctx.ofType(...KINDS.keys())) applyOne(ctx, r, KINDS.get(r.type)!);
  },
};

function applyOne(ctx: JoinContext, r: Resource, kind: 'ConfigMap' | 'Secret'): void {
  const meta = block(r.attributes.metadata);
  const name = str(meta.name);
  if (!name) return;
  const ns = str(meta.namespace) ?? 'default';
  ctx.graph.markFolded(r);
  const consumers = ctx.consumersOf(kind, ns, name);
  for (const field of DATA_FIELDS) {
    for (const [key, value] of Object.entries(obj(r.attributes[field]))) {
      for (const use of refUses(value)) {
        const target = ctx.componentOf(use.ref.$ref);
        if (!target) continue;
        const valueLoc = ctx.loc(r, `${field}.${key}`);
        const readers = consumers.filter((c) => c.key === undefined || c.key === key);
        if (readers.length === 0) {
          ctx.graph.unresolved(
            `${r.address.replace(/^tf:/, '')} ${field}.${key}`,
            `${kind} ${ns}/${name} carries ${refText(use.ref)}, but no workload in the scan reads it (key ${key}); scan the manifests that mount it or use it in env/envFrom`,
            valueLoc,
          );
          continue;
        }
        for (const c of readers) {
          ctx.addReferenceFlow(c.componentId, target, use, [
            { kind: 'k8s-config-reference', detail: `${c.label} reads ${kind} ${ns}/${name} (${c.how})`, location: c.location },
            { kind: 'tf-k8s-config-value', detail: `${r.address.replace(/^tf:/, '')} ${field}.${key} = ${refText(use.ref)}`, location: valueLoc },
            ...ctx.joinEvidence(`${kind} ${ns}/${name} read by ${c.label} is created by Terraform ${r.address.replace(/^tf:/, '')}`, c.location, ctx.loc(r)),
          ]);
        }
      }
    }
  }
}
