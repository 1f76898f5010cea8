/**
 * A cloud load balancer created by Terraform/CloudFormation that fronts Kubernetes workloads:
 * - a Service (or Ingress) annotated with the name of the load balancer / static IP to use
 *   (`service.beta.kubernetes.io/aws-load-balancer-name`, `…/azure-pip-name`,
 *   `kubernetes.io/ingress.global-static-ip-name` …) and a resource of that name in the scan;
 * - an AWS Load Balancer Controller `TargetGroupBinding` registering a Service's pods in a target
 *   group of the scan (by ARN or name), whose listener belongs to a load balancer of the scan.
 * The load balancer gets a declared flow to the selected workloads, with evidence from both sides.
 */
import { compareStrings } from '../../ids.js';
import { plainString, refsIn, type Resource } from '../../resource.js';
import type { Evidence, Location } from '../../types.js';
import type { JoinContext } from '../context.js';
import { k8sIndex, namespaceOf, selectorOf, type K8sIndex } from '../k8s-index.js';
import type { JoinRule } from '../types.js';
import { arr, obj, str } from '../values.js';

interface NamedLb {
  annotation: string;
  on: 'Service' | 'Ingress';
  product: string;
  types: readonly string[];
  nameAttributes: readonly string[];
  /** The annotation may list several names, comma-separated. */
  list?: boolean;
}

/** Annotations that name a load balancer or address created outside the cluster. */
const NAMED_LBS: readonly NamedLb[] = [
  { annotation: 'service.beta.kubernetes.io/aws-load-balancer-name', on: 'Service', product: 'AWS load balancer', types: ['aws_lb', 'aws_alb', 'data.aws_lb', 'data.aws_alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer'], nameAttributes: ['name', 'Name'] },
  { annotation: 'alb.ingress.kubernetes.io/load-balancer-name', on: 'Ingress', product: 'AWS load balancer', types: ['aws_lb', 'aws_alb', 'data.aws_lb', 'data.aws_alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer'], nameAttributes: ['name', 'Name'] },
  { annotation: 'service.beta.kubernetes.io/azure-pip-name', on: 'Service', product: 'Azure public IP', types: ['azurerm_public_ip', 'data.azurerm_public_ip'], nameAttributes: ['name'] },
  { annotation: 'networking.gke.io/load-balancer-ip-addresses', on: 'Service', product: 'GCP static address', types: ['google_compute_address', 'data.google_compute_address'], nameAttributes: ['name'], list: true },
  { annotation: 'kubernetes.io/ingress.global-static-ip-name', on: 'Ingress', product: 'GCP global static address', types: ['google_compute_global_address', 'data.google_compute_global_address'], nameAttributes: ['name'] },
];

const TARGET_GROUP_TYPES = ['aws_lb_target_group', 'aws_alb_target_group', 'AWS::ElasticLoadBalancingV2::TargetGroup'];
const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener', 'AWS::ElasticLoadBalancingV2::Listener'];
const LISTENER_RULE_TYPES = ['aws_lb_listener_rule', 'aws_alb_listener_rule', 'AWS::ElasticLoadBalancingV2::ListenerRule'];
const LB_TYPES = new Set(['aws_lb', 'aws_alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer']);

export const loadBalancerRule: JoinRule = {
  id: 'load-balancer',
  description: 'a Service/Ingress annotated with the name of a cloud load balancer or static IP of the scan, or a TargetGroupBinding to a target group of the scan: the load balancer reaches the selected workloads',
  apply(ctx) {
    const annotated = ctx.ofType('Service', 'Ingress').filter((r) => r.format === 'k8s' && NAMED_LBS.some((n) => n.on === r.type && annotationsOf(r)[n.annotation] !== undefined));
    const bindings = ctx.ofType('TargetGroupBinding').filter((r) => r.format === 'k8s');
    if (annotated.length === 0 && bindings.length === 0) return;
    const k8s = k8sIndex(ctx);
    const named = indexByName(ctx);
    for (const r of annotated) joinAnnotated(ctx, k8s, named, r);
    if (bindings.length) {
      const lbsOfTg = loadBalancersOfTargetGroups(ctx);
      const tgByName = new Map<string, Resource>();
      for (const tg of ctx.ofType(...TARGET_GROUP_TYPES)) {
        const n = plainString(tg.attributes.name ?? tg.attributes.Name);
        if (n && !tgByName.has(n)) tgByName.set(n, tg);
      }
      for (const b of bindings) joinBinding(ctx, k8s, tgByName, lbsOfTg, b);
    }
  },
};

function annotationsOf(r: Resource): Record<string, unknown> {
  return obj(obj(r.attributes.metadata).annotations);
}

function indexByName(ctx: JoinContext): Map<string, Resource> {
  const m = new Map<string, Resource>();
  for (const n of NAMED_LBS) {
    for (const r of ctx.ofType(...n.types)) {
      const name = n.nameAttributes.map((a) => plainString(r.attributes[a])).find((x) => !!x);
      const key = `${n.annotation}\0${name}`;
      if (name && !m.has(key)) m.set(key, r);
    }
  }
  return m;
}

/** The Services an Ingress routes to (default backend and every path). */
function ingressServices(r: Resource): string[] {
  const spec = obj(r.attributes.spec);
  const names = new Set<string>();
  const add = (b: unknown) => {
    const n = str(obj(obj(b).service).name) ?? str(obj(b).serviceName);
    if (n) names.add(n);
  };
  add(spec.defaultBackend ?? spec.backend);
  for (const rule of arr(spec.rules)) for (const p of arr(obj(obj(rule).http).paths)) add(obj(p).backend);
  return [...names].sort(compareStrings);
}

function joinAnnotated(ctx: JoinContext, k8s: K8sIndex, named: Map<string, Resource>, r: Resource): void {
  const ns = namespaceOf(r);
  const annotationLoc = ctx.loc(r, 'metadata.annotations');
  const services = r.type === 'Service' ? [r] : ingressServices(r).map((n) => k8s.service(ns, n)).filter((s): s is Resource => !!s);
  for (const n of NAMED_LBS) {
    if (n.on !== r.type) continue;
    const value = str(annotationsOf(r)[n.annotation]);
    if (!value) continue;
    for (const name of (n.list ? value.split(',') : [value]).map((s) => s.trim()).filter(Boolean)) {
      const lb = named.get(`${n.annotation}\0${name}`);
      if (!lb) continue; // created by the controller itself: nothing in the scan to join with
      const detail = `${r.type} ${ns}/${r.name} is published through ${n.product} ${name} (${n.annotation}), defined as ${lb.address.replace(/^(tf|cfn):/, '')}`;
      const join = ctx.joinEvidence(detail, annotationLoc, ctx.loc(lb));
      if (!ctx.graph.isCovered(lb)) ctx.graph.markFolded(lb);
      for (const svc of services) link(ctx, k8s, lb, svc, undefined, join);
    }
  }
}

/** Target group address → the load balancers whose listeners (or listener rules) forward to it. */
function loadBalancersOfTargetGroups(ctx: JoinContext): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const tgTypes = new Set(TARGET_GROUP_TYPES);
  const lbOfListener = new Map<string, string>();
  const addTgs = (attrs: unknown, lb: string | undefined) => {
    if (!lb) return;
    for (const ref of refsIn(attrs)) {
      const tg = ctx.byAddress.get(ref.$ref);
      if (tg && tgTypes.has(tg.type)) out.set(tg.address, new Set([...(out.get(tg.address) ?? []), lb]));
    }
  };
  for (const l of ctx.ofType(...LISTENER_TYPES)) {
    const lb = refsIn(l.attributes).map((ref) => ctx.byAddress.get(ref.$ref)).find((x) => x && LB_TYPES.has(x.type));
    if (lb) lbOfListener.set(l.address, lb.address);
    addTgs(l.attributes, lb?.address);
  }
  for (const rule of ctx.ofType(...LISTENER_RULE_TYPES)) {
    const listener = refsIn(rule.attributes).map((ref) => lbOfListener.get(ref.$ref)).find(Boolean);
    addTgs(rule.attributes, listener);
  }
  return out;
}

function joinBinding(ctx: JoinContext, k8s: K8sIndex, tgByName: Map<string, Resource>, lbsOfTg: Map<string, Set<string>>, b: Resource): void {
  const ns = namespaceOf(b);
  const spec = obj(b.attributes.spec);
  const arn = str(spec.targetGroupARN);
  const tgName = str(spec.targetGroupName) ?? (arn ? /:targetgroup\/([^/]+)\//.exec(arn)?.[1] : undefined);
  const svcRef = obj(spec.serviceRef);
  const svc = k8s.service(ns, str(svcRef.name) ?? '');
  const tg = tgName ? tgByName.get(tgName) : undefined;
  if (!tg || !svc) {
    if (tgName && !tg && tgByName.size > 0)
      ctx.graph.unresolved(`TargetGroupBinding ${ns}/${b.name} → target group ${tgName}`, `no target group named ${tgName} in the scan; scan the Terraform/CloudFormation that creates it`, ctx.loc(b, 'spec'));
    return;
  }
  ctx.graph.markFolded(b);
  const bindingLoc = ctx.loc(b, 'spec');
  const lbs = [...(lbsOfTg.get(tg.address) ?? [])].sort(compareStrings).map((a) => ctx.byAddress.get(a)!);
  const detail = `TargetGroupBinding ${ns}/${b.name} registers Service ${ns}/${svc.name} in target group ${tgName} (${tg.address.replace(/^(tf|cfn):/, '')})`;
  const join = ctx.joinEvidence(detail, bindingLoc, ctx.loc(tg));
  if (lbs.length === 0) {
    for (const w of k8s.selected(ns, selectorOf(svc))) ctx.addComponentEvidence(ctx.componentOf(w.address)?.id ?? '', join);
    return;
  }
  const port = svcRef.port;
  for (const lb of lbs) link(ctx, k8s, lb, svc, typeof port === 'number' || typeof port === 'string' ? port : undefined, join);
}

/** The flow lb → each workload the Service selects (or, when the cloud side is not a component, evidence and an attribute on the workloads). */
function link(ctx: JoinContext, k8s: K8sIndex, lb: Resource, svc: Resource, servicePort: number | string | undefined, join: Evidence[]): void {
  const ns = namespaceOf(svc);
  const lbComponent = ctx.componentOf(lb.address);
  const workloads = k8s.selected(ns, selectorOf(svc));
  const ports = arr(obj(svc.attributes.spec).ports).map(obj);
  const sp = ports.find((p) => servicePort === undefined || p.port === servicePort || p.name === servicePort) ?? ports[0];
  const target = sp ? (typeof sp.targetPort === 'number' ? sp.targetPort : typeof sp.port === 'number' ? sp.port : undefined) : undefined;
  const svcLoc: Location = ctx.loc(svc);
  for (const w of workloads) {
    const c = ctx.componentOf(w.address);
    if (!c) continue;
    const lbName = lbComponent?.id ?? lb.address.replace(/^(tf|cfn):/, '');
    c.attributes.cloudLoadBalancer = [...new Set([...(Array.isArray(c.attributes.cloudLoadBalancer) ? c.attributes.cloudLoadBalancer : []), lbName])].sort(compareStrings);
    if (!lbComponent) {
      ctx.addComponentEvidence(c.id, join);
      continue;
    }
    lbComponent.attributes.kubernetesServices = [...new Set([...(Array.isArray(lbComponent.attributes.kubernetesServices) ? lbComponent.attributes.kubernetesServices : []), `${ns}/${svc.name}`])].sort(compareStrings);
    ctx.addComponentEvidence(lbComponent.id, join);
    ctx.addFlow({
      source: lbComponent.id,
      target: c.id,
      protocol: 'unknown-protocol',
      ...(target !== undefined ? { port: target } : {}),
      confidence: 'declared',
      evidence: [...join, { kind: 'k8s-service-selector', detail: `Service ${ns}/${svc.name} selects ${w.type} ${w.name}`, location: svcLoc }],
    });
  }
}
