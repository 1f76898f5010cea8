/**
 * Whether infra forbids a call between two components, for `blocked-flow` drift. Read from the
 * resources behind the components, conservatively: we only say "blocked" when the policy is plain
 * enough to be sure (anything we cannot evaluate counts as allowed).
 * - Kubernetes: a NetworkPolicy selecting the callee (policyTypes Ingress, or an `ingress` field)
 *   isolates it; a rule allows the caller when its `from` is empty, or names a podSelector matching the
 *   caller's pod labels in the policy's namespace. namespaceSelector / ipBlock / matchExpressions are
 *   treated as allowing. Egress policies on the caller likewise.
 * - docker-compose: two services that share no network cannot reach each other.
 */
import { matchesLabelSelector } from '../util/label-selector.js';
import { compareStrings } from '../graph/ids.js';
import type { Resource } from '../graph/resource.js';
import { locationOf } from '../graph/resource.js';
import type { Component, Evidence, Location } from '../graph/types.js';

export interface Verdict {
  blocked: boolean;
  evidence: Evidence[];
}

interface Pod {
  namespace: string;
  labels: Record<string, string>;
}

export class Isolation {
  private readonly policiesByNs = new Map<string, Resource[]>();
  private readonly byAddress: Map<string, Resource>;

  constructor(resources: readonly Resource[]) {
    this.byAddress = new Map(resources.map((r) => [r.address, r]));
    for (const r of resources) {
      if (r.format === 'k8s' && r.type === 'NetworkPolicy') {
        const ns = namespaceOf(r.address);
        const l = this.policiesByNs.get(ns);
        if (l) l.push(r);
        else this.policiesByNs.set(ns, [r]);
      }
    }
  }

  /** Is a call caller → callee forbidden by infra? */
  check(caller: Component, callee: Component): Verdict {
    const k8s = this.k8sCheck(caller, callee);
    if (k8s.blocked) return k8s;
    return this.composeCheck(caller, callee);
  }

  private k8sCheck(caller: Component, callee: Component): Verdict {
    const from = this.pod(caller);
    const to = this.pod(callee);
    if (!from || !to) return { blocked: false, evidence: [] };
    for (const [dir, subject, peer] of [
      ['ingress', to, from],
      ['egress', from, to],
    ] as const) {
      const selecting = (this.policiesByNs.get(subject.namespace) ?? []).filter((p) => appliesTo(p, dir) && selects(spec(p)['podSelector'], subject.labels));
      if (selecting.length === 0) continue;
      const allowed = selecting.some((p) => this.allows(p, dir, peer, subject.namespace));
      if (!allowed) {
        return {
          blocked: true,
          evidence: selecting
            .sort((a, b) => compareStrings(a.address, b.address))
            .map((p) => ({
              kind: 'k8s-network-policy',
              detail: `NetworkPolicy ${p.name} isolates ${dir} of ${dir === 'ingress' ? callee.id : caller.id} and allows no ${dir === 'ingress' ? 'traffic from ' + caller.id : 'traffic to ' + callee.id}`,
              location: p.location,
            })),
        };
      }
    }
    return { blocked: false, evidence: [] };
  }

  private pod(c: Component): Pod | undefined {
    for (const s of c.sources) {
      const r = this.byAddress.get(s.address);
      if (!r || r.format !== 'k8s') continue;
      const a = r.attributes;
      const body = r.type === 'Pod' ? a : r.type === 'CronJob' ? obj(obj(obj(obj(a['spec'])['jobTemplate'])['spec'])['template']) : obj(obj(a['spec'])['template']);
      const labels = strings(obj(obj(body['metadata'])['labels']));
      if (Object.keys(labels).length > 0 || r.type === 'Pod') return { namespace: namespaceOf(r.address), labels };
    }
    return undefined;
  }

  private composeCheck(caller: Component, callee: Component): Verdict {
    const a = this.composeService(caller);
    const b = this.composeService(callee);
    if (!a || !b) return { blocked: false, evidence: [] };
    const na = networksOf(a);
    const nb = networksOf(b);
    if (na === undefined || nb === undefined) return { blocked: false, evidence: [] };
    if (na.some((n) => nb.includes(n))) return { blocked: false, evidence: [] };
    return {
      blocked: true,
      evidence: [
        { kind: 'compose-networks', detail: `${a.name} is only on network(s) ${na.join(', ') || 'none'} and ${b.name} only on ${nb.join(', ') || 'none'}: they share no network`, location: networksLocation(a) },
        { kind: 'compose-networks', detail: `${b.name} is only on network(s) ${nb.join(', ') || 'none'}`, location: networksLocation(b) },
      ],
    };
  }

  private composeService(c: Component): Resource | undefined {
    for (const s of c.sources) {
      const r = this.byAddress.get(s.address);
      if (r && r.format === 'compose' && r.type === 'service') return r;
    }
    return undefined;
  }

  /**
   * Whether one of the policy's rules lets `peer` through. A namespaceSelector is evaluated against the
   * automatic `kubernetes.io/metadata.name` label and the labels of Namespace resources in the scan;
   * when it needs labels we have not seen, or names an ipBlock, we assume it allows.
   */
  private allows(p: Resource, dir: 'ingress' | 'egress', peer: Pod, ns: string): boolean {
    const rules = spec(p)[dir];
    if (!Array.isArray(rules)) return false; // isolated, nothing allowed
    for (const rule of rules) {
      const peers = obj(rule)[dir === 'ingress' ? 'from' : 'to'];
      if (!Array.isArray(peers) || peers.length === 0) return true;
      for (const x of peers) {
        const o = obj(x);
        if (o['ipBlock'] !== undefined) return true;
        const podOk = o['podSelector'] === undefined || selects(o['podSelector'], peer.labels);
        if (o['namespaceSelector'] !== undefined) {
          const nsLabels = this.namespaceLabels(peer.namespace);
          if (nsLabels === undefined && !onlyNameSelector(o['namespaceSelector'])) return true;
          if (selects(o['namespaceSelector'], nsLabels ?? { 'kubernetes.io/metadata.name': peer.namespace }) && podOk) return true;
        } else if (peer.namespace === ns && podOk) return true;
      }
    }
    return false;
  }

  private namespaceLabels(ns: string): Record<string, string> | undefined {
    const r = this.byAddress.get(`k8s:Namespace/${ns}`) ?? this.byAddress.get(`k8s:/Namespace/${ns}`);
    if (!r) return undefined;
    return { ...strings(obj(obj(r.attributes['metadata'])['labels'])), 'kubernetes.io/metadata.name': ns };
  }
}

/** `k8s:shop/Deployment/cart` → `shop`; cluster-scoped or unnamespaced → `default`. */
function namespaceOf(address: string): string {
  const parts = address.replace(/^k8s:/, '').split('/');
  return parts.length >= 3 && parts[0] ? parts[0] : 'default';
}

function spec(r: Resource): Record<string, unknown> {
  return obj(r.attributes['spec']);
}

function appliesTo(p: Resource, dir: 'ingress' | 'egress'): boolean {
  const s = spec(p);
  const types = Array.isArray(s['policyTypes']) ? (s['policyTypes'] as unknown[]).map(String) : undefined;
  if (types) return types.some((t) => t.toLowerCase() === dir);
  // Without policyTypes, Kubernetes assumes Ingress, plus Egress when an egress section exists.
  return dir === 'ingress' || s['egress'] !== undefined;
}

/** A Kubernetes label selector; absent or empty selects all. */
function selects(selector: unknown, labels: Record<string, string>): boolean {
  return selector === undefined || selector === null || matchesLabelSelector(selector, labels);
}

function onlyNameSelector(sel: unknown): boolean {
  const s = obj(sel);
  const keys = Object.keys(strings(obj(s['matchLabels'])));
  return s['matchExpressions'] === undefined && keys.length > 0 && keys.every((k) => k === 'kubernetes.io/metadata.name');
}

/** Networks a compose service is attached to; undefined when written in a way we cannot read. */
function networksOf(r: Resource): string[] | undefined {
  const n = r.attributes['networks'];
  if (n === undefined || n === null) return r.attributes['network_mode'] === undefined && r.attributes['networkMode'] === undefined ? ['default'] : undefined;
  if (Array.isArray(n) && n.length === 0) return ['default'];
  if (Array.isArray(n)) {
    // The compose adapter normalises to `{ name, aliases, location }`; raw files have strings.
    const names = n.map((x) => (typeof x === 'string' ? x : typeof obj(x)['name'] === 'string' ? (obj(x)['name'] as string) : undefined));
    return names.every((x) => x !== undefined) ? (names as string[]) : undefined;
  }
  if (typeof n === 'object') return Object.keys(n as object);
  return undefined;
}

function networksLocation(r: Resource): Location {
  const n = r.attributes['networks'];
  const first = Array.isArray(n) ? obj(n[0])['location'] : undefined;
  const l = obj(first);
  return typeof l['file'] === 'string' && typeof l['line'] === 'number' ? { file: l['file'], line: l['line'] } : locationOf(r, 'networks');
}

function obj(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function strings(o: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(o)) if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  return out;
}
