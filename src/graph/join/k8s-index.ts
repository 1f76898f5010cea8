/**
 * Kubernetes lookups the join rules need, indexed once: Services by namespace/name and the
 * workloads a label selector picks (by one label pair, then filtered: never all workloads × all
 * Services).
 */
import { compareStrings } from '../ids.js';
import type { Resource } from '../resource.js';
import type { JoinContext } from './context.js';
import { obj, str } from './values.js';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'];

export interface K8sIndex {
  service(namespace: string, name: string): Resource | undefined;
  /** Workload resources whose pod labels match every pair of the selector, in address order. */
  selected(namespace: string, selector: Record<string, string>): Resource[];
}

export function namespaceOf(r: Resource): string {
  return str(obj(r.attributes.metadata).namespace) ?? 'default';
}

function podLabels(r: Resource): Record<string, unknown> {
  const spec = obj(r.attributes.spec);
  if (r.type === 'Pod') return obj(obj(r.attributes.metadata).labels);
  if (r.type === 'CronJob') return obj(obj(obj(obj(obj(spec.jobTemplate).spec).template).metadata).labels);
  return obj(obj(obj(spec.template).metadata).labels);
}

export function k8sIndex(ctx: JoinContext): K8sIndex {
  const services = new Map<string, Resource>();
  for (const s of ctx.ofType('Service')) if (s.format === 'k8s') services.set(`${namespaceOf(s)}/${s.name}`, s);
  const byLabel = new Map<string, Resource[]>();
  for (const w of ctx.ofType(...WORKLOAD_KINDS)) {
    if (w.format !== 'k8s') continue;
    for (const [k, v] of Object.entries(podLabels(w))) {
      if (typeof v !== 'string') continue;
      const key = `${namespaceOf(w)}\0${k}=${v}`;
      byLabel.set(key, [...(byLabel.get(key) ?? []), w]);
    }
  }
  return {
    service: (ns, name) => services.get(`${ns}/${name}`),
    selected(ns, selector) {
      const pairs = Object.entries(selector);
      if (pairs.length === 0) return [];
      const lists = pairs.map(([k, v]) => byLabel.get(`${ns}\0${k}=${v}`) ?? []);
      const smallest = lists.reduce((a, b) => (b.length < a.length ? b : a));
      return smallest.filter((w) => pairs.every(([k, v]) => podLabels(w)[k] === v)).sort((a, b) => compareStrings(a.address, b.address));
    },
  };
}

export function selectorOf(service: Resource): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(obj(service.attributes.spec).selector))) if (typeof v === 'string') out[k] = v;
  return out;
}
