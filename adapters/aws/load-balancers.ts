/**
 * Load balancers: listener → target group → targets (instances, ECS services, Lambda functions,
 * Auto Scaling groups) as declared flows LB → target, classic ELB listeners to their instances, and
 * internet exposure of `internet-facing` load balancers with the evidence chain down to the targets.
 */
import { refsIn, type Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { AwsContext } from './context.js';
import { fromLbProtocol, isEncrypted } from './protocols.js';
import { attr, get, isObj, list, num, str } from './values.js';

const V2_LB = ['aws_lb', 'aws_alb', 'AWS::ElasticLoadBalancingV2::LoadBalancer'];
const CLASSIC_LB = ['aws_elb', 'AWS::ElasticLoadBalancing::LoadBalancer'];

interface Target {
  id: string;
  port?: number;
  evidence: Evidence;
}

export function loadBalancerFlows(ctx: AwsContext): void {
  const g = ctx.graph;
  // Targets by the address of what they register with: a target group, or a classic load balancer.
  const targetsOf = (into: Map<string, Target[]>) => (r: Resource | undefined, t: Target) => {
    if (!r) return;
    const l = into.get(r.address) ?? [];
    l.push(t);
    into.set(r.address, l);
  };
  const tgTargets = new Map<string, Target[]>();
  const addTarget = targetsOf(tgTargets);
  const classicTargets = new Map<string, Target[]>();
  const addClassic = targetsOf(classicTargets);

  // Who registers with which target group.
  for (const a of ctx.ofType('aws_lb_target_group_attachment', 'aws_alb_target_group_attachment')) {
    g.markFolded(a);
    const id = ctx.componentOf(a.attributes.target_id);
    if (!id) continue;
    const port = num(a.attributes.port);
    addTarget(ctx.target(a.attributes.target_group_arn), { id, ...(port !== undefined ? { port } : {}), evidence: ctx.evidence(a, 'aws-lb-target', `${ctx.label(a)} registers ${id} with the target group`) });
  }
  for (const tg of ctx.ofType('aws_lb_target_group', 'aws_alb_target_group', 'AWS::ElasticLoadBalancingV2::TargetGroup')) {
    g.markFolded(tg);
    list(attr(tg, 'Targets')).forEach((t, i) => {
      if (!isObj(t)) return;
      const id = ctx.componentOf(t.Id);
      const port = num(t.Port);
      if (id) addTarget(tg, { id, ...(port !== undefined ? { port } : {}), evidence: ctx.evidence(tg, 'aws-lb-target', `${ctx.label(tg)} targets ${id}`, `Targets[${i}]`) });
    });
  }
  for (const id of [...ctx.specs.keys()].sort()) {
    for (const p of ctx.partsOf(id)) {
      list(attr(p, 'load_balancer', 'LoadBalancers')).forEach((lb, i) => {
        if (!isObj(lb)) return;
        const port = num(lb.container_port ?? lb.ContainerPort);
        const ev = ctx.evidence(p, 'aws-lb-target', `${ctx.label(p)} registers container ${str(lb.container_name ?? lb.ContainerName) ?? ''}${port ? `:${port}` : ''} with the load balancer`, p.format === 'tf' ? `load_balancer[${i}]` : `LoadBalancers[${i}]`);
        addTarget(ctx.target(lb.target_group_arn ?? lb.TargetGroupArn), { id, ...(port !== undefined ? { port } : {}), evidence: ev });
        addClassic(ctx.target(lb.elb_name ?? lb.LoadBalancerName), { id, ...(port !== undefined ? { port } : {}), evidence: ev });
      });
      for (const ref of refsIn(attr(p, 'target_group_arns', 'TargetGroupARNs'))) addTarget(ctx.target(ref), { id, evidence: ctx.evidence(p, 'aws-lb-target', `${ctx.label(p)} registers its instances with the target group`) });
      for (const ref of refsIn(attr(p, 'load_balancers', 'LoadBalancerNames'))) addClassic(ctx.target(ref), { id, evidence: ctx.evidence(p, 'aws-lb-target', `${ctx.label(p)} registers its instances with the load balancer`) });
    }
  }
  for (const a of ctx.ofType('aws_autoscaling_attachment', 'aws_elb_attachment')) {
    g.markFolded(a);
    const id = ctx.componentOf(a.attributes.autoscaling_group_name ?? a.attributes.instance);
    if (!id) continue;
    const ev = ctx.evidence(a, 'aws-lb-target', `${ctx.label(a)} attaches ${id}`);
    addTarget(ctx.target(a.attributes.lb_target_group_arn), { id, evidence: ev });
    addClassic(ctx.target(a.attributes.elb), { id, evidence: ev });
  }

  // Listeners (and their rules) forward to target groups.
  const listeners = new Map<string, Array<{ port?: number; protocol: string; tgs: Resource[]; evidence: Evidence[] }>>();
  const forwardTargets = (actions: unknown): Resource[] =>
    list(actions).flatMap((a) => (isObj(a) ? [a.target_group_arn, a.TargetGroupArn, get(a, 'forward.target_group'), get(a, 'ForwardConfig.TargetGroups')] : [])).flatMap((v) => refsIn(v)).map((r) => ctx.target(r)).filter((t): t is Resource => t !== undefined);
  const listenerInfo = new Map<string, { lb: Resource; port?: number; protocol: string; evidence: Evidence }>();
  for (const l of ctx.ofType('aws_lb_listener', 'aws_alb_listener', 'AWS::ElasticLoadBalancingV2::Listener')) {
    g.markFolded(l);
    const lb = ctx.target(attr(l, 'load_balancer_arn', 'LoadBalancerArn'));
    if (!lb) continue;
    const port = num(attr(l, 'port', 'Port'));
    const protocol = str(attr(l, 'protocol', 'Protocol')) ?? (port === 443 ? 'HTTPS' : 'HTTP');
    const evidence = ctx.evidence(l, 'aws-lb-listener', `${ctx.label(l)} listens on ${protocol} ${port ?? ''}`.trim());
    listenerInfo.set(l.address, { lb, ...(port !== undefined ? { port } : {}), protocol, evidence });
    const entry = { ...(port !== undefined ? { port } : {}), protocol, tgs: forwardTargets(attr(l, 'default_action', 'DefaultActions')), evidence: [evidence] };
    listeners.set(lb.address, [...(listeners.get(lb.address) ?? []), entry]);
  }
  for (const rule of ctx.ofType('aws_lb_listener_rule', 'aws_alb_listener_rule', 'AWS::ElasticLoadBalancingV2::ListenerRule')) {
    g.markFolded(rule);
    const l = ctx.target(attr(rule, 'listener_arn', 'ListenerArn'));
    const info = l ? listenerInfo.get(l.address) : undefined;
    if (!info) {
      if (l === undefined) g.unresolved(JSON.stringify(attr(rule, 'listener_arn', 'ListenerArn') ?? null), `${ctx.label(rule)} names a listener that is not in the scan; its targets are not linked to a load balancer`, rule.location);
      continue;
    }
    const entry = { ...(info.port !== undefined ? { port: info.port } : {}), protocol: info.protocol, tgs: forwardTargets(attr(rule, 'action', 'Actions')), evidence: [info.evidence, ctx.evidence(rule, 'aws-lb-rule', `${ctx.label(rule)} forwards matching requests`)] };
    listeners.set(info.lb.address, [...(listeners.get(info.lb.address) ?? []), entry]);
  }

  for (const lb of ctx.ofType(...V2_LB, ...CLASSIC_LB)) {
    const lbId = ctx.ownerOf(lb);
    if (!lbId) continue;
    const classic = CLASSIC_LB.includes(lb.type);
    const internal = lb.format === 'tf' ? str(lb.attributes.internal) === 'true' : str(lb.attributes.Scheme) === 'internal';
    const type = str(attr(lb, 'load_balancer_type', 'Type')) ?? (classic ? 'classic' : 'application');
    const c = g.component(lbId)!;
    c.attributes.scheme = internal ? 'internal' : 'internet-facing';
    c.attributes.lb_type = type;
    if (type === 'network') c.technology = 'load-balancer';
    const entries = classic ? classicListeners(ctx, lb, classicTargets.get(lb.address) ?? []) : (listeners.get(lb.address) ?? []).map((e) => ({ ...e, targets: e.tgs.flatMap((tg) => (tgTargets.get(tg.address) ?? []).map((t) => ({ ...t, tg }))) }));
    const schemeEv = ctx.evidence(lb, 'aws-lb-scheme', `${ctx.label(lb)} is ${internal ? 'internal' : 'internet-facing'}${internal ? '' : lb.format === 'tf' ? ' (internal = false)' : ' (Scheme internet-facing)'}`);
    for (const e of [...entries].sort((a, b) => (a.port ?? 0) - (b.port ?? 0))) {
      for (const t of e.targets) {
        const tgRes = 'tg' in t ? (t as { tg: Resource }).tg : undefined;
        const port = t.port ?? (tgRes ? num(attr(tgRes, 'port', 'Port')) : undefined);
        const protocol = fromLbProtocol(tgRes ? str(attr(tgRes, 'protocol', 'Protocol')) : e.protocol, port);
        const tgEv = tgRes ? [ctx.evidence(tgRes, 'aws-lb-target-group', `${ctx.label(tgRes)} forwards ${str(attr(tgRes, 'protocol', 'Protocol')) ?? ''} to port ${port ?? '?'}`.replace('  ', ' '))] : [];
        ctx.addFlow({ source: lbId, target: t.id, protocol, ...(port !== undefined ? { port } : {}), encrypted: isEncrypted(protocol), confidence: 'declared', evidence: [...e.evidence, ...tgEv, t.evidence] });
        if (!internal) {
          const target = g.component(t.id);
          if (target) {
            target.attributes.internet_via = lbId;
            target.evidence.push({ kind: 'aws-internet-path', detail: `internet → ${ctx.label(lb)} (internet-facing, listener ${e.port ?? '?'}) → ${target.sources[0]?.address.replace(/^(tf|cfn):/, '') ?? t.id}`, location: e.evidence[0]?.location ?? lb.location });
          }
        }
      }
    }
    if (!internal) {
      const first = [...entries].sort((a, b) => (b.port === 443 ? 1 : 0) - (a.port === 443 ? 1 : 0) || (a.port ?? 0) - (b.port ?? 0))[0];
      const protocol = first ? fromLbProtocol(first.protocol, first.port) : 'unknown-protocol';
      g.exposeToInternet(lbId, { protocol, ...(first?.port !== undefined ? { port: first.port } : {}), evidence: [schemeEv, ...entries.flatMap((e) => e.evidence.slice(0, 1))] });
    }
  }
}

type Entry = { port?: number; protocol: string; evidence: Evidence[]; targets: Target[] };

/** Classic ELB: inline listeners; every registered instance receives every listener's traffic. */
function classicListeners(ctx: AwsContext, lb: Resource, targets: Target[]): Entry[] {
  const out: Entry[] = [];
  for (const ref of refsIn(attr(lb, 'instances', 'Instances'))) {
    const id = ctx.componentOf(ref);
    if (id) targets.push({ id, evidence: ctx.evidence(lb, 'aws-lb-target', `${ctx.label(lb)} balances across ${id}`) });
  }
  list(attr(lb, 'listener', 'Listeners')).forEach((l, i) => {
    if (!isObj(l)) return;
    const port = num(l.lb_port ?? l.LoadBalancerPort);
    const instancePort = num(l.instance_port ?? l.InstancePort);
    const protocol = str(l.lb_protocol ?? l.Protocol) ?? 'HTTP';
    const ev = ctx.evidence(lb, 'aws-lb-listener', `${ctx.label(lb)} listens on ${protocol} ${port ?? ''} → instance port ${instancePort ?? '?'}`, lb.format === 'tf' ? `listener[${i}]` : `Listeners[${i}]`);
    out.push({ ...(port !== undefined ? { port } : {}), protocol, evidence: [ev], targets: targets.map((t) => ({ ...t, ...(instancePort !== undefined ? { port: instancePort } : {}) })) });
  });
  if (out.length === 0 && targets.length) out.push({ protocol: 'HTTP', evidence: [], targets });
  return out;
}
