/**
 * Flows from security-group rules, mapped from the groups to the components that use them: inline
 * ingress/egress blocks, `aws_security_group_rule`, `aws_vpc_security_group_{ingress,egress}_rule`,
 * CloudFormation SecurityGroupIngress/Egress (inline and as resources). SG-to-SG rules give declared
 * flows; `0.0.0.0/0`/`::/0` ingress exposes the members that can actually be reached (public IP);
 * a private CIDR gives inferred flows from the components in the subnets it covers; egress to a
 * public CIDR names an external system.
 */
import { slug } from '../../src/graph/ids.js';
import { isUnknownValue, refsIn, type Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { AwsContext } from './context.js';
import type { Network } from './network.js';
import { keyMatcher, walkKeys } from './network.js';
import { protocolFor, isEncrypted } from './protocols.js';
import { attr, cidrContains, isAnywhere, isObj, isPrivateCidr, list, num, str } from './values.js';

const SG_TYPES = new Set(['aws_security_group', 'aws_default_security_group', 'AWS::EC2::SecurityGroup']);
const RULE_TYPES = ['aws_security_group_rule', 'aws_vpc_security_group_ingress_rule', 'aws_vpc_security_group_egress_rule', 'AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress'];
/** Components whose members should not be paired with every other member of a self-referencing group. */
const MAX_SELF_MEMBERS = 20;

type Peer = { kind: 'sg'; address: string } | { kind: 'component'; id: string } | { kind: 'cidr'; cidr: string } | { kind: 'self' } | { kind: 'unknown'; what: string };

interface Rule {
  sg: string;
  direction: 'ingress' | 'egress';
  peers: Peer[];
  fromPort?: number;
  toPort?: number;
  allPorts: boolean;
  description?: string;
  evidence: Evidence;
  resource: Resource;
}

export function securityGroupFlows(ctx: AwsContext, net: Network): void {
  const g = ctx.graph;
  const sgs = ctx.resources.filter((r) => SG_TYPES.has(r.type));
  const byName = new Map<string, string>();
  for (const s of sgs) {
    g.markFolded(s);
    const n = str(attr(s, 'name', 'GroupName'));
    if (n) byName.set(n, s.address);
  }
  // Members: components naming a group in any *security_group* attribute (theirs or their parts').
  const members = new Map<string, Set<string>>();
  const isGroupKey = keyMatcher(/security_?groups?(_ids?)?$|securitygroupids|groupset|vpc_security_group_ids/i);
  for (const id of [...ctx.specs.keys()].sort()) {
    for (const p of ctx.partsOf(id)) {
      walkKeys(p.attributes, (key, value) => {
        if (!isGroupKey(key)) return false;
        for (const v of list(value)) {
          const t = ctx.target(v);
          const address = t && SG_TYPES.has(t.type) ? t.address : typeof v === 'string' ? byName.get(v) : undefined;
          if (!address) continue;
          let set = members.get(address);
          if (!set) members.set(address, (set = new Set()));
          set.add(id);
          const facts = ctx.network.get(id);
          if (facts && !facts.securityGroups.includes(address)) facts.securityGroups.push(address);
        }
        return true;
      });
    }
  }
  const rules: Rule[] = [];
  for (const s of sgs) {
    for (const dir of ['ingress', 'egress'] as const) {
      const blocks = list(attr(s, dir, dir === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress'));
      blocks.forEach((b, i) => {
        if (isObj(b)) rules.push(ruleOf(ctx, s, s.address, dir, b, byName, `${s.format === 'cfn' ? (dir === 'ingress' ? 'SecurityGroupIngress' : 'SecurityGroupEgress') : dir}[${i}]`));
      });
    }
  }
  for (const r of ctx.ofType(...RULE_TYPES)) {
    g.markFolded(r);
    const sgRef = attr(r, 'security_group_id', 'GroupId');
    const sg = ctx.target(sgRef) ?? (typeof attr(r, 'GroupName') === 'string' ? ctx.byAddress.get(byName.get(str(attr(r, 'GroupName'))!) ?? '') : undefined);
    if (!sg) {
      g.unresolved(describe(sgRef), `${ctx.label(r)} names a security group that is not in the scan (defined elsewhere, or passed in as a parameter); its rule cannot be mapped to components`, r.location);
      continue;
    }
    const dir = /egress/i.test(r.type) || str(attr(r, 'type')) === 'egress' ? 'egress' : 'ingress';
    rules.push(ruleOf(ctx, r, sg.address, dir, r.attributes, byName));
  }

  for (const rule of rules.sort((a, b) => (a.resource.address < b.resource.address ? -1 : a.resource.address > b.resource.address ? 1 : a.evidence.location.line - b.evidence.location.line))) {
    const own = [...(members.get(rule.sg) ?? [])].sort();
    if (own.length === 0) continue;
    const port = rule.allPorts ? undefined : rule.fromPort;
    for (const peer of rule.peers) {
      const peerIds = peer.kind === 'sg' ? [...(members.get(peer.address) ?? [])].sort() : peer.kind === 'component' ? [peer.id] : peer.kind === 'self' ? (own.length <= MAX_SELF_MEMBERS ? own : []) : [];
      if (peer.kind === 'unknown') {
        g.unresolved(peer.what, `${ctx.label(rule.resource)}: the peer of this ${rule.direction} rule is not in the scan; flows through it are missing`, rule.evidence.location);
        continue;
      }
      if (peer.kind === 'cidr') {
        for (const id of own) cidrRule(ctx, net, rule, id, peer.cidr, port);
        continue;
      }
      for (const a of own)
        for (const b of peerIds) {
          const [caller, callee] = rule.direction === 'ingress' ? [b, a] : [a, b];
          const spec = ctx.specs.get(callee);
          const protocol = protocolFor(port, spec?.protocol, spec?.port);
          ctx.addFlow({ source: caller, target: callee, protocol, ...(port !== undefined ? { port } : {}), encrypted: isEncrypted(protocol), confidence: 'declared', evidence: [rule.evidence] });
        }
    }
  }
}

function cidrRule(ctx: AwsContext, net: Network, rule: Rule, id: string, cidr: string, port: number | undefined): void {
  const g = ctx.graph;
  const c = g.component(id);
  if (!c) return;
  const spec = ctx.specs.get(id);
  const protocol = protocolFor(port, spec?.protocol, spec?.port);
  if (rule.direction === 'ingress' && isAnywhere(cidr)) {
    const open = new Set((c.attributes.open_to_internet_ports as string[] | undefined) ?? []);
    open.add(rule.allPorts ? 'all' : rule.fromPort === rule.toPort ? String(rule.fromPort) : `${rule.fromPort}-${rule.toPort}`);
    c.attributes.open_to_internet_ports = [...open].sort();
    const facts = ctx.network.get(id);
    const reachable = facts?.publicIp ?? (c.attributes.publicly_accessible === true ? c.evidence.find((e) => e.kind === 'aws-publicly-accessible') : undefined);
    if (reachable) g.exposeToInternet(id, { protocol, ...(port !== undefined ? { port } : {}), evidence: [rule.evidence, reachable] });
    return;
  }
  if (isAnywhere(cidr)) return; // egress to anywhere: every default group has it; it says nothing
  if (isPrivateCidr(cidr)) {
    if (rule.direction !== 'ingress' || rule.allPorts) return;
    // Components in subnets inside the range may call this one: weaker than an SG-to-SG rule.
    const sgVpc = ctx.target(attr(ctx.byAddress.get(rule.sg)!, 'vpc_id', 'VpcId'))?.address;
    if (!sgVpc) return;
    for (const { cidr: sc, subnet } of net.byCidr) {
      if (subnet.vpc !== sgVpc || !cidrContains(cidr, sc)) continue;
      for (const callerId of ctx.componentsInSubnet(subnet.resource.address)) {
        const caller = ctx.specs.get(callerId);
        // Load balancers and gateways forward to their targets; they do not open database connections.
        if (callerId === id || caller?.type !== 'process' || ['load-balancer', 'gateway', 'reverse-proxy'].includes(caller.technology)) continue;
        ctx.addFlow({ source: callerId, target: id, protocol, ...(port !== undefined ? { port } : {}), encrypted: isEncrypted(protocol), confidence: 'inferred', evidence: [{ ...rule.evidence, detail: `${rule.evidence.detail}; ${ctx.label(subnet.resource)} (${sc}) is inside ${cidr}` }] });
      }
    }
    return;
  }
  // A public range that is not the whole internet: a named external system.
  const extId = slug(rule.description && rule.description.length <= 40 ? rule.description : `external-${cidr}`);
  g.addComponent({ id: extId, title: rule.description ?? `External ${cidr}`, type: 'external-entity', technology: 'web-service-rest', machine: 'virtual', internet: true, attributes: { cidr }, evidence: [rule.evidence], sources: [{ address: rule.resource.address, location: rule.evidence.location }] });
  const [src, dst] = rule.direction === 'egress' ? [id, extId] : [extId, id];
  const p = protocolFor(port);
  if (rule.direction === 'ingress' && !ctx.network.get(id)?.publicIp) return;
  ctx.addFlow({ source: src, target: dst, protocol: p, ...(port !== undefined ? { port } : {}), encrypted: isEncrypted(p), confidence: 'declared', evidence: [rule.evidence] });
}

function ruleOf(ctx: AwsContext, r: Resource, sg: string, direction: 'ingress' | 'egress', b: Record<string, unknown>, byName: Map<string, string>, path?: string): Rule {
  const from = num(b.from_port ?? b.FromPort);
  const to = num(b.to_port ?? b.ToPort) ?? from;
  const proto = str(b.protocol ?? b.ip_protocol ?? b.IpProtocol) ?? '';
  const allPorts = proto === '-1' || proto === 'all' || from === undefined || (from <= 0 && (to ?? 0) >= 65535) || (from === 0 && to === 0 && proto === '-1');
  const peers: Peer[] = [];
  for (const key of ['cidr_blocks', 'ipv6_cidr_blocks', 'cidr_ipv4', 'cidr_ipv6', 'CidrIp', 'CidrIpv6']) {
    for (const v of list(b[key])) {
      // `cidr_blocks = [aws_vpc.main.cidr_block]`: the range is the referenced network's own.
      const net = ctx.target(v);
      const cidr = str(v) ?? (net ? str(attr(net, 'cidr_block', 'CidrBlock')) : undefined);
      if (cidr) peers.push({ kind: 'cidr', cidr });
      else if (v !== undefined) peers.push({ kind: 'unknown', what: describe(v) });
    }
  }
  for (const key of ['security_groups', 'source_security_group_id', 'referenced_security_group_id', 'SourceSecurityGroupId', 'DestinationSecurityGroupId', 'SourceSecurityGroupName']) {
    for (const v of list(b[key])) {
      const t = ctx.target(v);
      if (t && SG_TYPES.has(t.type)) peers.push({ kind: 'sg', address: t.address });
      else if (t && ctx.ownerOf(t)) peers.push({ kind: 'component', id: ctx.ownerOf(t)! });
      else if (typeof v === 'string' && byName.has(v)) peers.push({ kind: 'sg', address: byName.get(v)! });
      else peers.push({ kind: 'unknown', what: describe(v) });
    }
  }
  if (b.self === true || str(b.self) === 'true') peers.push({ kind: 'self' });
  const description = str(b.description ?? b.Description);
  const ports = allPorts ? 'all ports' : from === to ? `port ${from}` : `ports ${from}-${to}`;
  const peerText = peers.map((p) => (p.kind === 'cidr' ? p.cidr : p.kind === 'sg' ? ctx.label(ctx.byAddress.get(p.address)!) : p.kind === 'component' ? p.id : p.kind === 'self' ? 'itself' : p.what)).join(', ');
  const evidence = ctx.evidence(r, 'aws-sg-rule', `${ctx.label(ctx.byAddress.get(sg) ?? r)} allows ${direction} ${proto === '-1' ? '' : `${proto} `}${ports} ${direction === 'ingress' ? 'from' : 'to'} ${peerText || 'nothing'}${description ? ` (${description})` : ''}`, path);
  const rule: Rule = { sg, direction, peers, allPorts, evidence, resource: r };
  if (from !== undefined) rule.fromPort = from;
  if (to !== undefined) rule.toPort = to;
  if (description) rule.description = description;
  return rule;
}

function describe(v: unknown): string {
  if (isUnknownValue(v)) return v.$unknown;
  const refs = refsIn(v);
  if (refs.length) return refs.map((r) => r.$ref + (r.attribute ? `.${r.attribute}` : '')).join(', ');
  return str(v) ?? JSON.stringify(v) ?? 'undefined';
}
