/**
 * Explicit bindings written in the infra: k8s annotation or label `threagile.io/asset`, compose label
 * `threagile.io/asset`, cloud tag or label `threagile-asset`. Semantics may surface them as component
 * attributes; where they do not (yet), we read them from the resources behind the component's sources.
 */
import type { Resource } from '../graph/resource.js';
import { locationOf } from '../graph/resource.js';
import type { Component, Location } from '../graph/types.js';

export const K8S_KEY = 'threagile.io/asset';
export const CLOUD_KEY = 'threagile-asset';

export interface InfraLabel {
  asset: string;
  /** `annotation threagile.io/asset`, `tag threagile-asset`. */
  how: string;
  location: Location;
}

/**
 * Every asset id the component's infra names, once each: first the one its semantics surfaced as an
 * attribute (Kubernetes and compose do; they know where each kind keeps it), then, as a fallback for
 * semantics that do not, the labels and tags read from the resources behind its sources (which also
 * keeps a disagreement between the sources of a merged component visible).
 */
export function infraLabels(component: Component, resourcesByAddress: ReadonlyMap<string, Resource>): InfraLabel[] {
  const fromResources: InfraLabel[] = [];
  for (const src of component.sources) {
    const r = resourcesByAddress.get(src.address);
    if (r) fromResources.push(...labelsOf(r));
  }
  const out: InfraLabel[] = [];
  for (const key of [K8S_KEY, CLOUD_KEY]) {
    const v = component.attributes[key];
    if (typeof v !== 'string' || !v.trim()) continue;
    const asset = v.trim();
    // Where the resource shows the same value, it says how and on which line it is written.
    out.push(fromResources.find((l) => l.asset === asset) ?? { asset, how: `attribute ${key}`, location: component.sources[0]?.location ?? { file: '', line: 0 } });
  }
  const seen = new Set(out.map((l) => l.asset));
  for (const l of fromResources) {
    if (seen.has(l.asset)) continue;
    seen.add(l.asset);
    out.push(l);
  }
  return out;
}

function labelsOf(r: Resource): InfraLabel[] {
  const a = r.attributes;
  const out: InfraLabel[] = [];
  const push = (value: unknown, how: string, path: string) => {
    if (typeof value === 'string' && value.trim()) out.push({ asset: value.trim(), how, location: locationOf(r, path) });
  };
  if (r.format === 'k8s') {
    const meta = obj(a['metadata']);
    const tmeta = obj(obj(obj(a['spec'])['template'])['metadata']);
    push(obj(meta['annotations'])[K8S_KEY], `annotation ${K8S_KEY}`, 'metadata.annotations');
    push(obj(meta['labels'])[K8S_KEY], `label ${K8S_KEY}`, 'metadata.labels');
    push(obj(tmeta['annotations'])[K8S_KEY], `pod annotation ${K8S_KEY}`, 'spec.template.metadata.annotations');
    push(obj(tmeta['labels'])[K8S_KEY], `pod label ${K8S_KEY}`, 'spec.template.metadata.labels');
  } else if (r.format === 'compose') {
    for (const [value, how] of [
      [keyed(a['labels'], K8S_KEY), `label ${K8S_KEY}`],
      [keyed(obj(a['deploy'])['labels'], K8S_KEY), `deploy label ${K8S_KEY}`],
    ] as const)
      push(value, how, 'labels');
  } else {
    // Terraform `tags`/`labels` maps (AWS, GCP, Azure) and CloudFormation `Tags: [{Key, Value}]`.
    for (const field of ['tags', 'labels', 'Tags', 'Labels']) {
      const body = field in a ? a[field] : obj(a['Properties'])[field];
      push(keyed(body, CLOUD_KEY), `${field === 'labels' || field === 'Labels' ? 'label' : 'tag'} ${CLOUD_KEY}`, field);
    }
  }
  return out;
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** A value by key from a map, a `["k=v"]` list (compose) or a `[{Key, Value}]` list (CloudFormation). */
function keyed(v: unknown, key: string): unknown {
  if (Array.isArray(v)) {
    for (const item of v) {
      if (typeof item === 'string' && item.startsWith(`${key}=`)) return item.slice(key.length + 1);
      const o = obj(item);
      if (o['Key'] === key) return o['Value'];
    }
    return undefined;
  }
  return obj(v)[key];
}
