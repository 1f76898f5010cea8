/**
 * Terraform installs a chart with a cloud resource's address in its values: `helm_release` with
 * `set { value = aws_opensearch_domain.search.endpoint }` or `values = [yamlencode({…})]`. The
 * workloads of that release in the scan (label `app.kubernetes.io/instance` or `release`, Helm's
 * conventions) call the cloud resource.
 */
import { compareStrings } from '../../ids.js';
import type { Resource } from '../../resource.js';
import type { JoinContext } from '../context.js';
import type { JoinRule } from '../types.js';
import { arr, obj, refText, refUses, str } from '../values.js';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];
const RELEASE_LABELS = ['app.kubernetes.io/instance', 'release'];

export const helmReleaseRule: JoinRule = {
  id: 'helm-release',
  description: 'a Terraform helm_release whose values reference a cloud resource: the workloads of that release call it',
  apply(ctx) {
    const releases = ctx.ofType('helm_release');
    if (releases.length === 0) return;
    const byRelease = workloadsByRelease(ctx);
    for (const r of releases) applyOne(ctx, r, byRelease);
  },
};

/** `namespace/release` and `*\/release` → workload resources carrying Helm's release label. */
function workloadsByRelease(ctx: JoinContext): Map<string, Resource[]> {
  const m = new Map<string, Resource[]>();
  for (const w of ctx.ofType(...WORKLOAD_KINDS)) {
    if (w.format !== 'k8s') continue;
    const meta = obj(w.attributes.metadata);
    const labels = { ...obj(obj(obj(obj(w.attributes.spec).template).metadata).labels), ...obj(meta.labels) };
    const ns = str(meta.namespace) ?? 'default';
    const releases = new Set(RELEASE_LABELS.map((l) => str(labels[l])).filter((x): x is string => !!x));
    for (const rel of releases) for (const key of [`${ns}/${rel}`, `*/${rel}`]) m.set(key, [...(m.get(key) ?? []), w]);
  }
  return m;
}

function applyOne(ctx: JoinContext, r: Resource, byRelease: Map<string, Resource[]>): void {
  const release = str(r.attributes.name);
  if (!release) return;
  const ns = str(r.attributes.namespace);
  ctx.graph.markFolded(r);
  const uses: Array<{ path: string; label: string; value: unknown }> = [];
  for (const field of ['set', 'set_sensitive']) arr(r.attributes[field]).forEach((s, i) => uses.push({ path: `${field}[${i}].value`, label: `${field} ${str(obj(s).name) ?? ''}`.trim(), value: obj(s).value }));
  arr(r.attributes.values).forEach((v, i) => uses.push({ path: `values[${i}]`, label: `values[${i}]`, value: v }));
  if (!Array.isArray(r.attributes.values) && r.attributes.values !== undefined) uses.push({ path: 'values', label: 'values', value: r.attributes.values });
  const workloads = [...new Map((byRelease.get(ns ? `${ns}/${release}` : `*/${release}`) ?? []).map((w) => [w.address, w])).values()].sort((a, b) => compareStrings(a.address, b.address));
  for (const u of uses) {
    for (const ref of refUses(u.value)) {
      const target = ctx.componentOf(ref.ref.$ref);
      if (!target) continue;
      const valueLoc = ctx.loc(r, u.path);
      if (workloads.length === 0) {
        ctx.graph.unresolved(
          `${r.address.replace(/^tf:/, '')} ${u.label}`,
          `Helm release ${release} is given ${refText(ref.ref)}, but no workload labelled app.kubernetes.io/instance=${release} is in the scan; render the chart (helm template, or --render-helm) and scan the output`,
          valueLoc,
        );
        continue;
      }
      for (const w of workloads) {
        const source = ctx.componentOf(w.address);
        if (!source) continue;
        ctx.addReferenceFlow(source.id, target, ref, [
          { kind: 'tf-helm-value', detail: `${r.address.replace(/^tf:/, '')} ${u.label} = ${refText(ref.ref)}`, location: valueLoc },
          ...ctx.joinEvidence(`${w.type} ${w.name} belongs to Helm release ${release} installed by Terraform ${r.address.replace(/^tf:/, '')}`, ctx.loc(w), ctx.loc(r)),
        ]);
      }
    }
  }
}
