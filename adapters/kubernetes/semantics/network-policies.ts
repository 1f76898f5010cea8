/**
 * NetworkPolicies: allowed flows (confidence `declared`) between the pods a policy selects and the
 * pods its rules name, and boundary evidence (does a namespace deny by default?). Peers that stand
 * for whole namespaces or CIDRs become attributes, not flows: they allow traffic, they do not say
 * which component makes it.
 */
import type { GraphBuilder } from '../../../src/graph/builder.js';
import type { Resource } from '../../../src/graph/resource.js';
import { arr, describeSelector, evidence, namespaceOf, obj, str, type Cluster, type Obj, type Workload } from './cluster.js';
import { containerPort, containerPortSpec, flowProtocol, soleContainerPort } from './services.js';
import type { WorkloadClass } from './workloads.js';

export interface NamespacePolicy {
  defaultDenyIngress?: Resource;
  defaultDenyEgress?: Resource;
  policies: Resource[];
}

type Direction = 'ingress' | 'egress';

function isEmptySelector(v: unknown): boolean {
  const o = obj(v);
  return Object.keys(obj(o.matchLabels)).length === 0 && arr(o.matchExpressions).length === 0;
}

function addListAttr(graph: GraphBuilder, w: Workload, key: string, values: string[]): void {
  const c = graph.component(w.id);
  if (!c) return;
  const prev = Array.isArray(c.attributes[key]) ? (c.attributes[key] as string[]) : [];
  c.attributes[key] = [...new Set([...prev, ...values])].sort();
}

export function applyNetworkPolicy(
  graph: GraphBuilder,
  cluster: Cluster,
  r: Resource,
  classes: ReadonlyMap<Workload, WorkloadClass>,
  byNamespace: Map<string, NamespacePolicy>,
): void {
  const ns = namespaceOf(r);
  const spec = obj(r.attributes.spec);
  let entry = byNamespace.get(ns);
  if (!entry) byNamespace.set(ns, (entry = { policies: [] }));
  entry.policies.push(r);
  const types = arr(spec.policyTypes).map(str);
  const policyTypes = types.length ? types : ['Ingress', ...(spec.egress !== undefined ? ['Egress'] : [])];
  const selectsAll = isEmptySelector(spec.podSelector);
  if (selectsAll && policyTypes.includes('Ingress') && arr(spec.ingress).length === 0) entry.defaultDenyIngress ??= r;
  if (selectsAll && policyTypes.includes('Egress') && arr(spec.egress).length === 0) entry.defaultDenyEgress ??= r;

  const selected = cluster.select(ns, spec.podSelector, true);
  if (selected.length === 0 && !selectsAll) {
    graph.unresolved(`NetworkPolicy ${ns}/${r.name} podSelector ${describeSelector(spec.podSelector)}`, `selects no workload in namespace ${ns} in the scan; check the labels against the pod templates`, evidence('', '', r, 'spec.podSelector').location);
    return;
  }
  for (const dir of ['ingress', 'egress'] as const) {
    if (!policyTypes.includes(dir === 'ingress' ? 'Ingress' : 'Egress')) continue;
    arr(spec[dir]).forEach((rule, i) => applyRule(graph, cluster, r, ns, dir, obj(rule), `spec.${dir}[${i}]`, selected, classes));
  }
}

function applyRule(
  graph: GraphBuilder,
  cluster: Cluster,
  r: Resource,
  ns: string,
  dir: Direction,
  rule: Obj,
  path: string,
  selected: Workload[],
  classes: ReadonlyMap<Workload, WorkloadClass>,
): void {
  const peers = arr(dir === 'ingress' ? rule.from : rule.to).map(obj);
  const ports = arr(rule.ports).map(obj).map((p) => (typeof p.port === 'number' ? p.port : str(p.port)));
  const anywhereKey = dir === 'ingress' ? 'ingressFromAnywhere' : 'egressToAnywhere';
  if (peers.length === 0) {
    for (const w of selected) {
      const c = graph.component(w.id);
      if (c) c.attributes[anywhereKey] = true;
    }
    return;
  }
  for (const peer of peers) {
    const ipBlock = obj(peer.ipBlock);
    if (str(ipBlock.cidr)) {
      const cidr = str(ipBlock.cidr)!;
      for (const w of selected) {
        if (cidr === '0.0.0.0/0' || cidr === '::/0') {
          const c = graph.component(w.id);
          if (c) c.attributes[anywhereKey] = true;
        } else addListAttr(graph, w, dir === 'ingress' ? 'ingressFromCidrs' : 'egressToCidrs', [cidr]);
      }
      continue;
    }
    const hasNs = peer.namespaceSelector !== undefined;
    const namespaces = hasNs ? cluster.selectNamespaces(peer.namespaceSelector) : [ns];
    // A peer that stands for whole namespaces (no pod selector, or an empty one) is not a caller.
    if (peer.podSelector === undefined || isEmptySelector(peer.podSelector)) {
      const label = hasNs ? (isEmptySelector(peer.namespaceSelector) ? ['*'] : namespaces.length ? namespaces : [`namespaceSelector ${describeSelector(peer.namespaceSelector)}`]) : [ns];
      for (const w of selected) addListAttr(graph, w, dir === 'ingress' ? 'ingressFromNamespaces' : 'egressToNamespaces', label);
      continue;
    }
    const others = namespaces.flatMap((n) => cluster.select(n, peer.podSelector, true));
    if (others.length === 0) {
      graph.unresolved(
        `NetworkPolicy ${ns}/${r.name} ${dir === 'ingress' ? 'from' : 'to'} podSelector ${describeSelector(peer.podSelector)}`,
        `matches no workload${hasNs ? ` in namespaces ${namespaces.join(', ') || '(none matched)'}` : ` in namespace ${ns}`} in the scan; check the labels against the pod templates`,
        evidence('', '', r, path).location,
      );
      continue;
    }
    for (const w of selected) {
      for (const o of others) {
        const [caller, callee] = dir === 'ingress' ? [o, w] : [w, o];
        const sole = ports.length ? (ports[0] !== undefined ? containerPortSpec(callee, ports[0]) : undefined) : soleContainerPort(callee);
        const port = ports.length ? containerPort(callee, ports[0]) : sole?.port;
        const guess = flowProtocol({ ...(port !== undefined ? { port } : {}), ...(sole ? { sp: sole } : {}), callee: classes.get(callee)! });
        const portText = ports.length ? ` on port${ports.length > 1 ? 's' : ''} ${ports.map(String).join(', ')}` : '';
        const flow: Parameters<GraphBuilder['addFlow']>[0] = {
          source: caller.id,
          target: callee.id,
          protocol: guess.protocol,
          encrypted: guess.encrypted,
          confidence: 'declared',
          evidence: [evidence('k8s-networkpolicy-allow', `NetworkPolicy ${ns}/${r.name} allows ${caller.kind} ${caller.namespace}/${caller.name} → ${callee.kind} ${callee.namespace}/${callee.name}${portText}`, r, path)],
        };
        if (port !== undefined) flow.port = port;
        graph.addFlow(flow);
      }
    }
  }
}
