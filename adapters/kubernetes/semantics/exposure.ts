/**
 * Internet exposure: Ingress and Gateway API routes (→ Service → workload) and Services of type
 * LoadBalancer / NodePort, each with the evidence chain. Internal load balancers (AWS, GCP, Azure
 * annotations) and internal ingress schemes are not internet exposure.
 */
import type { GraphBuilder } from '../../../src/graph/builder.js';
import { INTERNET_ID, type Evidence } from '../../../src/graph/types.js';
import type { Resource } from '../../../src/graph/resource.js';
import { arr, evidence, labelsOf, namespaceOf, obj, str, type Cluster, type Service, type ServicePort } from './cluster.js';
import { findServicePort, selectedWorkloads, targetPortOf } from './services.js';

/** Annotation → value (lower-cased) that makes a LoadBalancer internal. `*` = any value but false. */
const INTERNAL_LB_ANNOTATIONS: Array<[string, RegExp]> = [
  ['service.beta.kubernetes.io/aws-load-balancer-internal', /^(true|0\.0\.0\.0\/0|\*)$/],
  ['service.beta.kubernetes.io/aws-load-balancer-scheme', /^internal$/],
  ['networking.gke.io/load-balancer-type', /^internal$/],
  ['cloud.google.com/load-balancer-type', /^internal$/],
  ['service.beta.kubernetes.io/azure-load-balancer-internal', /^true$/],
  ['service.beta.kubernetes.io/oci-load-balancer-internal', /^true$/],
  ['service.kubernetes.io/ibm-load-balancer-cloud-provider-ip-type', /^private$/],
];

const INTERNAL_INGRESS_ANNOTATIONS: Array<[string, RegExp]> = [
  ['alb.ingress.kubernetes.io/scheme', /^internal$/],
  ['kubernetes.io/ingress.class', /internal|private/],
  ['networking.gke.io/internal-load-balancer-allow-global-access', /^true$/],
];

function internalBy(annotations: Record<string, string>, table: Array<[string, RegExp]>): string | undefined {
  for (const [k, re] of table) {
    const v = annotations[k];
    if (v !== undefined && re.test(v.toLowerCase())) return `${k}: ${v}`;
  }
  return undefined;
}

/** The exposure flow carries TLS when the edge terminates it (ExposureInit has no `encrypted`). */
function markEncrypted(graph: GraphBuilder, id: string, tls: boolean): void {
  const f = graph.flow(INTERNET_ID, id);
  if (f && tls && f.protocol === 'https') f.encrypted = true;
}

/** Expose the workloads behind a Service, given the evidence that brought traffic to it. */
function exposeService(
  graph: GraphBuilder,
  cluster: Cluster,
  svc: Service,
  port: number | string | undefined,
  chain: Evidence[],
  tls: boolean,
): void {
  const sp = findServicePort(svc, port);
  const targets = selectedWorkloads(cluster, svc);
  if (targets.length === 0) {
    const first = chain[0]!;
    graph.unresolved(`Service ${svc.namespace}/${svc.name}`, `exposed by ${first.detail}, but the Service selects no workload in the scan; add the workload's manifest or fix the selector`, first.location);
    return;
  }
  for (const t of targets) {
    const target = sp ? targetPortOf(t, sp) : undefined;
    graph.exposeToInternet(t.id, {
      evidence: [...chain, { kind: 'k8s-service-selector', detail: `Service ${svc.namespace}/${svc.name}${sp ? `:${sp.port}` : ''} selects ${t.kind} ${t.name}${target !== undefined ? ` (port ${target})` : ''}`, location: svc.resource.location }],
      protocol: tls ? 'https' : 'http',
      port: tls ? 443 : 80,
      confidence: 'declared',
    });
    markEncrypted(graph, t.id, tls);
    const c = graph.component(t.id);
    if (c && tls) c.attributes.tlsAtEdge = true;
  }
}

function backendService(graph: GraphBuilder, cluster: Cluster, r: Resource, name: string | undefined, ns: string, path: string): Service | undefined {
  if (!name) return undefined;
  const svc = cluster.service(ns, name);
  if (!svc) graph.unresolved(`${r.type} ${ns}/${r.name} → Service ${name}`, `no Service named ${name} in namespace ${ns} in the scan; add its manifest to the scanned paths`, evidence('', '', r, path).location);
  return svc;
}

export function applyIngress(graph: GraphBuilder, cluster: Cluster, r: Resource): void {
  const ns = namespaceOf(r);
  const spec = obj(r.attributes.spec);
  const annotations = labelsOf(obj(r.attributes.metadata).annotations);
  const internal = internalBy(annotations, INTERNAL_INGRESS_ANNOTATIONS) ?? (/(internal|private)/.test(str(spec.ingressClassName) ?? '') ? `ingressClassName: ${str(spec.ingressClassName)}` : undefined);
  const tlsHosts = new Set<string>();
  let tlsAll = false;
  for (const t of arr(spec.tls).map(obj)) {
    const hosts = arr(t.hosts).map(str).filter((h): h is string => !!h);
    if (hosts.length === 0) tlsAll = true;
    for (const h of hosts) tlsHosts.add(h);
  }
  const backendOf = (b: unknown): { name?: string; port?: number | string } => {
    const o = obj(b);
    const s = obj(o.service);
    if (s.name !== undefined) {
      const p = obj(s.port);
      const port = typeof p.number === 'number' ? p.number : str(p.name);
      return { ...(str(s.name) ? { name: str(s.name)! } : {}), ...(port !== undefined ? { port } : {}) };
    }
    const port = typeof o.servicePort === 'number' ? o.servicePort : str(o.servicePort);
    return { ...(str(o.serviceName) ? { name: str(o.serviceName)! } : {}), ...(port !== undefined ? { port } : {}) };
  };
  const expose = (host: string | undefined, pathText: string, b: unknown, linePath: string) => {
    const { name, port } = backendOf(b);
    const svc = backendService(graph, cluster, r, name, ns, linePath);
    if (!svc) return;
    const tls = tlsAll || (host !== undefined && (tlsHosts.has(host) || [...tlsHosts].some((t) => t.startsWith('*.') && host.endsWith(t.slice(1)))));
    const detail = `Ingress ${ns}/${r.name} routes ${tls ? 'https' : 'http'}://${host ?? '*'}${pathText} to Service ${svc.name}${port !== undefined ? `:${port}` : ''}`;
    if (internal) {
      for (const t of selectedWorkloads(cluster, svc)) {
        const c = graph.component(t.id);
        if (c) c.attributes.internalIngress = internal;
      }
      return;
    }
    exposeService(graph, cluster, svc, port, [evidence('k8s-ingress-rule', detail, r, linePath)], tls);
  };
  if (spec.defaultBackend || spec.backend) expose(undefined, '/', spec.defaultBackend ?? spec.backend, spec.defaultBackend ? 'spec.defaultBackend' : 'spec.backend');
  arr(spec.rules).forEach((rule, i) => {
    const ro = obj(rule);
    const host = str(ro.host);
    arr(obj(ro.http).paths).forEach((p, j) => expose(host, str(obj(p).path) ?? '/', obj(p).backend, `spec.rules[${i}].http.paths[${j}]`));
  });
}

/** Gateway API routes: parentRefs → Gateway (its listeners say whether TLS), backendRefs → Service. */
export function applyRoute(graph: GraphBuilder, cluster: Cluster, r: Resource, gateways: ReadonlyMap<string, Resource>): void {
  const ns = namespaceOf(r);
  const spec = obj(r.attributes.spec);
  const hostnames = arr(spec.hostnames).map(str).filter(Boolean).join(', ') || '*';
  let tls = r.type === 'TLSRoute';
  let internal: string | undefined;
  for (const p of arr(spec.parentRefs).map(obj)) {
    const gw = gateways.get(`${str(p.namespace) ?? ns}/${str(p.name)}`);
    if (!gw) continue;
    const listeners = arr(obj(gw.attributes.spec).listeners).map(obj);
    const section = str(p.sectionName);
    const used = section ? listeners.filter((l) => str(l.name) === section) : listeners;
    if (used.some((l) => /^(HTTPS|TLS)$/.test(str(l.protocol) ?? ''))) tls = true;
    internal ??= internalBy(labelsOf(obj(gw.attributes.metadata).annotations), [...INTERNAL_LB_ANNOTATIONS, ...INTERNAL_INGRESS_ANNOTATIONS]);
  }
  if (internal) return;
  arr(spec.rules).forEach((rule, i) => {
    arr(obj(rule).backendRefs).forEach((b, j) => {
      const bo = obj(b);
      if (bo.kind !== undefined && bo.kind !== 'Service') return;
      const linePath = `spec.rules[${i}].backendRefs[${j}]`;
      const svc = backendService(graph, cluster, r, str(bo.name), str(bo.namespace) ?? ns, linePath);
      if (!svc) return;
      const port = typeof bo.port === 'number' ? bo.port : undefined;
      const detail = `${r.type} ${ns}/${r.name} routes ${hostnames} to Service ${svc.name}${port !== undefined ? `:${port}` : ''}`;
      exposeService(graph, cluster, svc, port, [evidence('k8s-gateway-route', detail, r, linePath)], tls);
    });
  });
}

/** LoadBalancer and NodePort Services expose their workloads (unless an internal-LB annotation says otherwise). */
export function applyServiceExposure(graph: GraphBuilder, cluster: Cluster, svc: Service): void {
  if (svc.type !== 'LoadBalancer' && svc.type !== 'NodePort') return;
  const internal = svc.type === 'LoadBalancer' ? internalBy(svc.annotations, INTERNAL_LB_ANNOTATIONS) : undefined;
  if (internal) {
    for (const t of selectedWorkloads(cluster, svc)) {
      const c = graph.component(t.id);
      if (c) c.attributes.internalLoadBalancer = internal;
    }
    return;
  }
  const sslCert = svc.annotations['service.beta.kubernetes.io/aws-load-balancer-ssl-cert'];
  const sslPorts = (svc.annotations['service.beta.kubernetes.io/aws-load-balancer-ssl-ports'] ?? '443,https').split(',').map((s) => s.trim());
  const ranges = arr(obj(svc.resource.attributes.spec).loadBalancerSourceRanges).map(str).filter((s): s is string => !!s);
  const targets = selectedWorkloads(cluster, svc);
  if (targets.length === 0) {
    graph.unresolved(`Service ${svc.namespace}/${svc.name}`, `${svc.type} Service selects no workload in the scan; add the workload's manifest or fix the selector`, svc.resource.location);
    return;
  }
  const isTls = (sp: ServicePort) => sp.port === 443 || (sslCert !== undefined && (sslPorts.includes(String(sp.port)) || (sp.name !== undefined && sslPorts.includes(sp.name))));
  // One internet flow per workload: the TLS port speaks for it when there is one (80 usually redirects).
  const ordered = [...svc.ports].sort((a, b) => Number(isTls(b)) - Number(isTls(a)));
  for (const sp of ordered.length ? ordered : [undefined]) {
    const edgeTls = sp !== undefined && isTls(sp);
    const how = svc.type === 'NodePort' ? `NodePort${sp?.nodePort ? ` ${sp.nodePort}` : ''} on every node` : `LoadBalancer${sslCert ? ' (TLS terminated at the AWS load balancer)' : ''}`;
    for (const t of targets) {
      const target = sp ? targetPortOf(t, sp) : undefined;
      graph.exposeToInternet(t.id, {
        evidence: [
          evidence(`k8s-service-${svc.type.toLowerCase()}`, `Service ${svc.namespace}/${svc.name} type ${how}${sp ? ` port ${sp.port}` : ''} → ${t.kind} ${t.name}${target !== undefined ? `:${target}` : ''}`, svc.resource),
        ],
        protocol: edgeTls ? 'https' : sp?.port === 80 || /^http/.test(sp?.name ?? '') ? 'http' : 'unknown-protocol',
        ...(sp ? { port: sp.port } : {}),
        confidence: 'declared',
      });
      markEncrypted(graph, t.id, edgeTls);
      const c = graph.component(t.id);
      if (!c) continue;
      c.attributes.exposedBy = [...new Set([...(Array.isArray(c.attributes.exposedBy) ? c.attributes.exposedBy : []), `${svc.type} ${svc.name}`])].sort();
      if (sslCert) c.attributes.tlsTerminatedAtLoadBalancer = true;
      if (ranges.length) c.attributes.loadBalancerSourceRanges = ranges;
    }
  }
}
