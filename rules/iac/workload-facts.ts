/**
 * Where a container-security fact is written, for Kubernetes workloads and compose services: the
 * line of the exact field when the adapter recorded it (else its nearest parent), so findings point
 * at `privileged: true`, the hostPath volume or the docker.sock mount rather than the resource head.
 */
import type { Resource } from '../../src/graph/resource.js';
import type { Component, Evidence } from '../../src/graph/types.js';
import { attributeEvidence, get, sourceEvidence, type IacView } from './kit.js';

const POD_SPECS = ['spec.template.spec', 'spec.jobTemplate.spec.template.spec', 'spec'];

export interface PodSpecAt {
  resource: Resource;
  path: string;
  spec: Record<string, unknown>;
}

export function podSpecs(view: IacView, c: Component): PodSpecAt[] {
  const out: PodSpecAt[] = [];
  for (const r of view.resourcesOf(c)) {
    if (r.format !== 'k8s') continue;
    for (const path of POD_SPECS) {
      const spec = get(r, path);
      if (spec && typeof spec === 'object' && Array.isArray((spec as { containers?: unknown }).containers)) {
        out.push({ resource: r, path, spec: spec as Record<string, unknown> });
        break;
      }
    }
  }
  return out;
}

export function containersOf(p: PodSpecAt): Array<{ path: string; c: Record<string, unknown> }> {
  const out: Array<{ path: string; c: Record<string, unknown> }> = [];
  for (const kind of ['initContainers', 'containers']) {
    const list = p.spec[kind];
    if (Array.isArray(list)) list.forEach((c, i) => c && typeof c === 'object' && out.push({ path: `${p.path}.${kind}[${i}]`, c: c as Record<string, unknown> }));
  }
  return out;
}

/** Evidence for a compose service field (`privileged`, `volumes`, `pid`, …). */
export function composeEvidence(view: IacView, c: Component, field: string, kind: string, detail: string): Evidence[] {
  return view
    .resourcesOf(c)
    .filter((r) => r.format === 'compose' && r.type === 'service')
    .map((r) => attributeEvidence(r, field, kind, detail));
}

/** Evidence for a fact at a pod-spec path, per workload resource; the component's sources when no resource is at hand. */
export function factEvidence(view: IacView, c: Component, facts: Evidence[]): Evidence[] {
  return facts.length ? facts : sourceEvidence(c);
}
