/**
 * Data assets: Secrets (by name and key names, never values) and persistent volumes (PVCs and
 * StatefulSet volumeClaimTemplates), linked to the workloads that reference or mount them. A Secret
 * referenced but not in the scan (created by an operator, sealed-secrets, Terraform) is still a data
 * asset, evidenced by the reference.
 */
import type { GraphBuilder } from '../../../src/graph/builder.js';
import { slug } from '../../../src/graph/ids.js';
import type { DataAssetKind, Location } from '../../../src/graph/types.js';
import { arr, evidence, loc, obj, str, type Cluster, type Workload } from './cluster.js';
import type { WorkloadClass } from './workloads.js';

const CREDENTIAL_SECRET_TYPES = /kubernetes\.io\/(tls|dockerconfigjson|dockercfg|service-account-token|basic-auth|ssh-auth)|bootstrap/;

export class DataAssetIds {
  private readonly ambiguousSecrets = new Set<string>();
  constructor(cluster: Cluster) {
    const seen = new Map<string, string>();
    for (const r of cluster.secrets.values()) {
      const ns = str(obj(r.attributes.metadata).namespace) ?? 'default';
      const prev = seen.get(r.name);
      if (prev !== undefined && prev !== ns) this.ambiguousSecrets.add(r.name);
      seen.set(r.name, ns);
    }
  }
  secret(ns: string, name: string): string {
    return this.ambiguousSecrets.has(name) ? slug('secret', ns, name) : slug('secret', name);
  }
}

export function addSecretAssets(graph: GraphBuilder, cluster: Cluster, ids: DataAssetIds): void {
  for (const [key, r] of [...cluster.secrets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const ns = key.slice(0, key.indexOf('/'));
    const type = str(r.attributes.type) ?? 'Opaque';
    const keys = [...new Set([...Object.keys(obj(r.attributes.data)), ...Object.keys(obj(r.attributes.stringData))])].sort();
    const kind: DataAssetKind = CREDENTIAL_SECRET_TYPES.test(type) ? 'credential' : 'secret';
    graph.addDataAsset({
      id: ids.secret(ns, r.name),
      title: `Secret ${r.name}`,
      kind,
      sources: [{ address: r.address, location: r.location }],
      evidence: [evidence('k8s-secret', `Secret ${ns}/${r.name} (type ${type}${keys.length ? `, keys ${keys.join(', ')}` : ''})`, r)],
    });
    graph.markFolded(r);
  }
}

/** Secrets a workload reads: env secretKeyRef, envFrom secretRef, secret and projected volumes, imagePullSecrets. */
function secretRefs(w: Workload): Array<{ name: string; how: string; location: Location }> {
  const r = w.resource;
  const out: Array<{ name: string; how: string; location: Location }> = [];
  for (const c of w.containers) {
    arr(c.spec.env).forEach((e, i) => {
      const ref = obj(obj(obj(e).valueFrom).secretKeyRef);
      if (str(ref.name)) out.push({ name: str(ref.name)!, how: `env ${str(obj(e).name)} (key ${str(ref.key) ?? '?'})`, location: loc(r, `${c.path}.env[${i}]`) });
    });
    arr(c.spec.envFrom).forEach((e, i) => {
      const name = str(obj(obj(e).secretRef).name);
      if (name) out.push({ name, how: 'envFrom', location: loc(r, `${c.path}.envFrom[${i}]`) });
    });
  }
  arr(w.podSpec.volumes).forEach((v, i) => {
    const vo = obj(v);
    const name = str(obj(vo.secret).secretName);
    if (name) out.push({ name, how: `volume ${str(vo.name)}`, location: loc(r, `${w.podSpecPath}.volumes[${i}]`) });
    for (const s of arr(obj(vo.projected).sources)) {
      const pname = str(obj(obj(s).secret).name);
      if (pname) out.push({ name: pname, how: `projected volume ${str(vo.name)}`, location: loc(r, `${w.podSpecPath}.volumes[${i}]`) });
    }
  });
  arr(w.podSpec.imagePullSecrets).forEach((s, i) => {
    const name = str(obj(s).name);
    if (name) out.push({ name, how: 'imagePullSecrets', location: loc(r, `${w.podSpecPath}.imagePullSecrets[${i}]`) });
  });
  return out;
}

export function linkWorkloadSecrets(graph: GraphBuilder, cluster: Cluster, ids: DataAssetIds, w: Workload): void {
  for (const ref of secretRefs(w)) {
    const id = ids.secret(w.namespace, ref.name);
    if (!graph.dataAsset(id)) {
      graph.addDataAsset({
        id,
        title: `Secret ${ref.name}`,
        kind: ref.how === 'imagePullSecrets' ? 'credential' : 'secret',
        evidence: [{ kind: 'k8s-secret-reference', detail: `${w.kind} ${w.namespace}/${w.name} reads Secret ${ref.name} (not in the scan) via ${ref.how}`, location: ref.location }],
      });
    } else {
      graph.addDataAsset({ id, title: '', kind: 'secret', evidence: [{ kind: 'k8s-secret-reference', detail: `${w.kind} ${w.namespace}/${w.name} reads Secret ${ref.name} via ${ref.how}`, location: ref.location }] });
    }
    graph.useDataAsset(id, w.id, 'processed');
  }
}

function volumeKind(cls: WorkloadClass | undefined): DataAssetKind {
  if (cls?.technology === 'database' || cls?.technology === 'search-engine') return 'database';
  if (cls?.technology === 'message-queue') return 'queue';
  return 'volume';
}

export function linkWorkloadVolumes(graph: GraphBuilder, cluster: Cluster, w: Workload, cls: WorkloadClass): void {
  const r = w.resource;
  arr(w.podSpec.volumes).forEach((v, i) => {
    const claim = str(obj(obj(v).persistentVolumeClaim).claimName);
    if (!claim) return;
    const pvc = cluster.pvc(w.namespace, claim);
    const id = slug('pvc', claim);
    graph.addDataAsset({
      id,
      title: `Volume ${claim}`,
      kind: volumeKind(cls),
      ...(pvc ? { sources: [{ address: pvc.address, location: pvc.location }] } : {}),
      evidence: [
        ...(pvc ? [evidence('k8s-pvc', `PersistentVolumeClaim ${w.namespace}/${claim}`, pvc)] : []),
        evidence('k8s-pvc-mount', `${w.kind} ${w.namespace}/${w.name} mounts PersistentVolumeClaim ${claim}${pvc ? '' : ' (not in the scan)'}`, r, `${w.podSpecPath}.volumes[${i}]`),
      ],
    });
    graph.useDataAsset(id, w.id, 'stored');
    if (pvc) graph.markFolded(pvc);
  });
  arr(obj(r.attributes.spec).volumeClaimTemplates).forEach((t, i) => {
    const name = str(obj(obj(t).metadata).name);
    if (!name) return;
    const id = slug('pvc', name, w.name);
    graph.addDataAsset({
      id,
      title: `Volume ${name} of ${w.name}`,
      kind: volumeKind(cls),
      sources: [{ address: `${r.address}/volumeClaimTemplates/${name}`, location: loc(r, `spec.volumeClaimTemplates[${i}]`) }],
      evidence: [evidence('k8s-volume-claim-template', `${w.kind} ${w.namespace}/${w.name} claims a persistent volume per replica (${name})`, r, `spec.volumeClaimTemplates[${i}]`)],
    });
    graph.useDataAsset(id, w.id, 'stored');
  });
}

/** PVCs nobody mounts are still data at rest: an asset with no user. */
export function addUnmountedPvcs(graph: GraphBuilder, cluster: Cluster): void {
  for (const [key, pvc] of [...cluster.pvcs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const id = slug('pvc', pvc.name);
    if (graph.dataAsset(id)) continue;
    graph.addDataAsset({ id, title: `Volume ${pvc.name}`, kind: 'volume', sources: [{ address: pvc.address, location: pvc.location }], evidence: [evidence('k8s-pvc', `PersistentVolumeClaim ${key} (not mounted by any workload in the scan)`, pvc)] });
    graph.markFolded(pvc);
  }
}
