/**
 * Kubernetes semantics: what the objects of a cluster mean for a threat model. Workloads become
 * components; Services, Ingresses, routes and NetworkPolicies become flows and exposure; namespaces
 * become trust boundaries; Secrets and volumes become data assets. Kinds not in ../kinds.ts stay
 * unmapped (counted), never dropped silently.
 */
import type { Semantics } from '../../../src/graph/adapter.js';
import type { GraphBuilder } from '../../../src/graph/builder.js';
import { slug } from '../../../src/graph/ids.js';
import type { Resource } from '../../../src/graph/resource.js';
import type { Evidence } from '../../../src/graph/types.js';
import { FOLDED_KINDS } from '../kinds.js';
import { Cluster, evidence, namespaceOf, obj, type Workload } from './cluster.js';
import { addConfigFlows } from './config-flows.js';
import { addSecretAssets, addUnmountedPvcs, DataAssetIds, linkWorkloadSecrets, linkWorkloadVolumes } from './data-assets.js';
import { applyIngress, applyRoute, applyServiceExposure } from './exposure.js';
import { applyNetworkPolicy, type NamespacePolicy } from './network-policies.js';
import { addWorkloadComponent, assignIds, classifyWorkload, type WorkloadClass } from './workloads.js';

const ROUTE_KINDS = new Set(['HTTPRoute', 'GRPCRoute', 'TLSRoute']);

export const kubernetesSemantics: Semantics = {
  meta: { id: 'kubernetes', description: 'Kubernetes objects: workloads, Services, Ingress/Gateway routes, NetworkPolicies, namespaces, Secrets, volumes' },
  accepts(resource: Resource): boolean {
    return resource.format === 'k8s';
  },
  apply(resources: readonly Resource[], graph: GraphBuilder): void {
    const cluster = new Cluster(resources);
    assignIds(cluster);
    const classes = new Map<Workload, WorkloadClass>();
    for (const w of cluster.workloads) {
      const cls = classifyWorkload(w);
      classes.set(w, cls);
      addWorkloadComponent(graph, cluster, w, cls);
      graph.markMapped(w.resource);
    }

    const ids = new DataAssetIds(cluster);
    addSecretAssets(graph, cluster, ids);
    for (const w of cluster.workloads) {
      linkWorkloadSecrets(graph, cluster, ids, w);
      linkWorkloadVolumes(graph, cluster, w, classes.get(w)!);
      addConfigFlows(graph, cluster, w, classes);
    }
    addUnmountedPvcs(graph, cluster);

    for (const svc of [...cluster.services.values()]) {
      if (svc.type !== 'ExternalName' && Object.keys(svc.selector).length > 0 && cluster.selectByLabels(svc.namespace, svc.selector).length === 0) {
        graph.unresolved(
          `Service ${svc.namespace}/${svc.name} selector ${Object.entries(svc.selector).map(([k, v]) => `${k}=${v}`).join(', ')}`,
          `selects no workload in namespace ${svc.namespace} in the scan; add the workload's manifest or fix the selector`,
          svc.resource.location,
        );
      }
      applyServiceExposure(graph, cluster, svc);
    }

    const gateways = new Map<string, Resource>();
    for (const r of resources) if (r.type === 'Gateway') gateways.set(`${namespaceOf(r)}/${r.name}`, r);
    const policies = new Map<string, NamespacePolicy>();
    for (const r of resources) {
      if (r.type === 'Ingress') applyIngress(graph, cluster, r);
      else if (ROUTE_KINDS.has(r.type)) applyRoute(graph, cluster, r, gateways);
      else if (r.type === 'NetworkPolicy') applyNetworkPolicy(graph, cluster, r, classes, policies);
    }

    addAutoscaling(graph, cluster, resources);
    addNamespaceBoundaries(graph, cluster, policies);

    for (const r of resources) if (FOLDED_KINDS.has(r.type) || ROUTE_KINDS.has(r.type)) graph.markFolded(r);
  },
};

/** One boundary per namespace that holds a workload; its NetworkPolicies say whether it is a flat network. */
function addNamespaceBoundaries(graph: GraphBuilder, cluster: Cluster, policies: ReadonlyMap<string, NamespacePolicy>): void {
  for (const ns of [...cluster.namespaces.keys()].sort()) {
    const workloads = cluster.workloadsIn(ns);
    if (workloads.length === 0) continue;
    const nsObject = cluster.namespaces.get(ns)?.resource;
    const policy = policies.get(ns);
    const ev: Evidence[] = [
      nsObject
        ? evidence('k8s-namespace', `Namespace ${ns}`, nsObject)
        : { kind: 'k8s-namespace', detail: `${workloads[0]!.kind} ${workloads[0]!.name} and others run in namespace ${ns} (no Namespace object in the scan)`, location: workloads[0]!.resource.location },
    ];
    // Before NetworkPolicy went GA, default deny was a Namespace annotation (Sock Shop still ships it).
    const legacy = cluster.namespaces.get(ns)?.objects.find((o) => /DefaultDeny/.test(String(obj(obj(o.attributes.metadata).annotations)['net.beta.kubernetes.io/network-policy'] ?? '')));
    const legacyDeny = legacy !== undefined;
    if (legacy) ev.push(evidence('k8s-namespace-default-deny', `Namespace ${ns} annotation net.beta.kubernetes.io/network-policy sets ingress isolation DefaultDeny`, legacy));
    if (policy?.defaultDenyIngress) ev.push(evidence('k8s-networkpolicy-default-deny', `NetworkPolicy ${ns}/${policy.defaultDenyIngress.name} denies all ingress by default`, policy.defaultDenyIngress));
    if (policy?.defaultDenyEgress && policy.defaultDenyEgress !== policy.defaultDenyIngress) ev.push(evidence('k8s-networkpolicy-default-deny', `NetworkPolicy ${ns}/${policy.defaultDenyEgress.name} denies all egress by default`, policy.defaultDenyEgress));
    const id = slug('ns', ns);
    graph.addBoundary({
      id,
      title: `namespace ${ns}`,
      type: 'network-policy-namespace-isolation',
      attributes: {
        namespace: ns,
        defaultDeny: policy?.defaultDenyIngress !== undefined || legacyDeny,
        defaultDenyEgress: policy?.defaultDenyEgress !== undefined,
        networkPolicies: (policy?.policies ?? []).map((p) => p.name).sort(),
      },
      evidence: ev,
    });
    for (const w of workloads) graph.placeIn(id, w.id);
    for (const o of cluster.namespaces.get(ns)?.objects ?? []) graph.markFolded(o);
  }
}

/** HorizontalPodAutoscalers: the replica range is the workload's cardinality when it sets no replicas itself. */
function addAutoscaling(graph: GraphBuilder, cluster: Cluster, resources: readonly Resource[]): void {
  const byTarget = new Map(cluster.workloads.map((w) => [`${w.namespace}/${w.kind}/${w.name}`, w]));
  for (const r of resources) {
    if (r.type !== 'HorizontalPodAutoscaler') continue;
    const spec = obj(r.attributes.spec);
    const ref = obj(spec.scaleTargetRef);
    const w = byTarget.get(`${namespaceOf(r)}/${String(ref.kind)}/${String(ref.name)}`);
    const c = w ? graph.component(w.id) : undefined;
    if (!c) continue;
    const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
    const range = typeof spec.maxReplicas === 'number' ? `${min}-${spec.maxReplicas}` : `${min}+`;
    c.attributes.autoscaling = range;
    if (typeof obj(w!.resource.attributes.spec).replicas !== 'number') c.multiplicity = range;
    c.evidence.push(evidence('k8s-hpa', `HorizontalPodAutoscaler ${namespaceOf(r)}/${r.name} scales ${w!.kind} ${w!.name} between ${range} replicas`, r));
  }
}
