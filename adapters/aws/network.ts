/**
 * VPCs and subnets as trust boundaries (VPC → public/private subnet tier → subnet), public vs private
 * decided by the route tables (a route to an internet gateway), each component placed by the subnets
 * (or subnet groups, or VPC) it names, and whether it gets a public IP address.
 */
import { slug } from '../../src/graph/ids.js';
import { refsIn, type Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { AwsContext } from './context.js';
import { attr, bool, isObj, kebab, list, str } from './values.js';

const IGW = new Set(['aws_internet_gateway', 'AWS::EC2::InternetGateway']);
const NAT = new Set(['aws_nat_gateway', 'AWS::EC2::NatGateway']);
type Tier = 'public' | 'private';

interface SubnetInfo {
  resource: Resource;
  boundary: string;
  tier: Tier;
  tierBoundary?: string;
  vpcBoundary?: string;
  cidr?: string;
  /** The VPC resource's address. */
  vpc?: string;
  mapsPublicIp: boolean;
  why: Evidence[];
}

export interface Network {
  subnets: Map<string, SubnetInfo>;
  /** Subnet address by CIDR, for SG rules that name a subnet's range. */
  byCidr: Array<{ cidr: string; subnet: SubnetInfo }>;
}

export function buildNetwork(ctx: AwsContext): Network {
  const g = ctx.graph;
  const vpcBoundary = new Map<string, string>();
  for (const v of ctx.resources.filter((r) => ctx.role(r)?.role === 'vpc')) {
    const name = displayName(v);
    const id = boundaryId('vpc', v);
    const cidr = str(attr(v, 'cidr_block', 'CidrBlock'));
    g.addBoundary({ id, title: `VPC ${name}`.slice(0, 60), type: 'network-cloud-provider', evidence: [ctx.evidence(v, 'aws-vpc', `${ctx.label(v)} is a VPC${cidr ? ` (${cidr})` : ''}`)] });
    vpcBoundary.set(v.address, id);
    g.markFolded(v);
  }

  // Route tables that send traffic to an internet gateway (public) or NAT gateway.
  const igwRoute = new Map<string, Evidence>();
  const natRoute = new Set<string>();
  const noteRoute = (rt: Resource | undefined, owner: Resource, route: Record<string, unknown>, path?: string) => {
    if (!rt) return;
    const gw = route.gateway_id ?? route.GatewayId;
    const target = ctx.target(gw);
    if ((target && IGW.has(target.type)) || (str(gw) ?? '').startsWith('igw-')) {
      const dest = str(route.cidr_block ?? route.destination_cidr_block ?? route.DestinationCidrBlock) ?? '';
      igwRoute.set(rt.address, ctx.evidence(owner, 'aws-igw-route', `${ctx.label(owner)} routes ${dest || 'traffic'} to internet gateway ${target ? ctx.label(target) : str(gw)}`, path));
    }
    const nat = ctx.target(route.nat_gateway_id ?? route.NatGatewayId);
    if (nat && NAT.has(nat.type)) natRoute.add(rt.address);
  };
  for (const rt of ctx.ofType('aws_route_table', 'aws_default_route_table')) list(rt.attributes.route).forEach((x, i) => isObj(x) && noteRoute(rt, rt, x, `route[${i}]`));
  for (const r of ctx.ofType('aws_route', 'AWS::EC2::Route')) noteRoute(ctx.target(attr(r, 'route_table_id', 'RouteTableId')), r, r.attributes);
  const subnetTables = new Map<string, string[]>();
  for (const a of ctx.ofType('aws_route_table_association', 'AWS::EC2::SubnetRouteTableAssociation')) {
    const s = ctx.target(attr(a, 'subnet_id', 'SubnetId'));
    const rt = ctx.target(attr(a, 'route_table_id', 'RouteTableId'));
    if (s && rt) subnetTables.set(s.address, [...(subnetTables.get(s.address) ?? []), rt.address]);
  }
  for (const r of ctx.ofType('aws_route', 'AWS::EC2::Route', 'aws_route_table', 'aws_default_route_table', 'aws_route_table_association', 'AWS::EC2::RouteTable', 'AWS::EC2::SubnetRouteTableAssociation')) g.markFolded(r);

  const subnets = new Map<string, SubnetInfo>();
  const byCidr: Network['byCidr'] = [];
  for (const s of ctx.resources.filter((r) => ctx.role(r)?.role === 'subnet')) {
    g.markFolded(s);
    const vpc = ctx.target(attr(s, 'vpc_id', 'VpcId'));
    const vpcId = vpc ? vpcBoundary.get(vpc.address) : undefined;
    const tables = subnetTables.get(s.address) ?? [];
    const igw = tables.map((t) => igwRoute.get(t)).find(Boolean);
    const mapsPublicIp = bool(attr(s, 'map_public_ip_on_launch', 'MapPublicIpOnLaunch')) === true;
    const tier: Tier = igw || (mapsPublicIp && tables.length === 0) ? 'public' : 'private';
    const cidr = str(attr(s, 'cidr_block', 'CidrBlock'));
    const why: Evidence[] = [ctx.evidence(s, 'aws-subnet', `${ctx.label(s)} is a ${tier} subnet${cidr ? ` (${cidr})` : ''}${tables.some((t) => natRoute.has(t)) ? ' with NAT egress' : ''}`)];
    if (igw) why.push(igw);
    const info: SubnetInfo = { resource: s, boundary: boundaryId('subnet', s), tier, mapsPublicIp, why };
    if (cidr) info.cidr = cidr;
    if (vpc) info.vpc = vpc.address;
    if (vpcId) {
      info.vpcBoundary = vpcId;
      info.tierBoundary = `${vpcId}-${tier}`;
    }
    subnets.set(s.address, info);
    if (cidr) byCidr.push({ cidr, subnet: info });
  }
  return { subnets, byCidr };
}

/** Put each component in its subnet, tier or VPC; record whether it has a public IP. */
export function placeComponents(ctx: AwsContext, net: Network): void {
  const g = ctx.graph;
  const isSubnetKey = keyMatcher(/subnet|vpc_zone_identifier|vpczoneidentifier/i);
  const isVpcKey = keyMatcher(/^vpc_?id$/i);
  for (const id of [...ctx.specs.keys()].sort()) {
    const parts = ctx.partsOf(id);
    const own = parts.find((p) => ctx.role(p)?.role === 'component');
    if (!own) continue;
    const found = new Map<string, SubnetInfo>();
    let vpc: string | undefined;
    const visit = (r: Resource, depth: number) => {
      walkKeys(r.attributes, (key, value) => {
        if (!isSubnetKey(key)) {
          if (isVpcKey(key)) vpc ??= refsIn(value).map((x) => ctx.target(x)).find((t) => t && ctx.role(t)?.role === 'vpc')?.address;
          return false;
        }
        for (const ref of refsIn(value)) {
          const t = ctx.target(ref);
          if (!t) continue;
          const s = net.subnets.get(t.address);
          if (s) found.set(t.address, s);
          else if (depth < 2 && /subnet/i.test(t.type)) visit(t, depth + 1); // a DB/cache subnet group
        }
        return true;
      });
    };
    for (const p of parts) visit(p, 0);
    const list = [...found.values()].sort((a, b) => (a.boundary < b.boundary ? -1 : 1));
    const facts = ctx.network.get(id) ?? { publicSubnet: false, securityGroups: [] };
    facts.publicSubnet = list.length > 0 && list.every((s) => s.tier === 'public');
    ctx.network.set(id, facts);
    if (list.length > 0) {
      for (const s of list) {
        ctx.addToSubnet(s.resource.address, id);
        if (s.vpcBoundary) g.addBoundary({ id: s.tierBoundary!, title: `${s.tier} subnets`, type: 'network-cloud-security-group', parent: s.vpcBoundary, evidence: s.why });
        g.addBoundary({ id: s.boundary, title: `subnet ${s.resource.format === 'cfn' ? s.resource.name : ctx.label(s.resource)}`.slice(0, 60), type: 'network-cloud-security-group', ...(s.tierBoundary ? { parent: s.tierBoundary } : {}), evidence: s.why });
      }
      const boundaries = new Set(list.map((s) => s.boundary));
      const tiers = new Set(list.map((s) => s.tierBoundary ?? s.boundary));
      const vpcs = new Set(list.map((s) => s.vpcBoundary ?? s.boundary));
      if (boundaries.size === 1) g.placeIn(list[0]!.boundary, id);
      else if (tiers.size === 1) g.placeIn(list[0]!.tierBoundary ?? list[0]!.boundary, id);
      else if (vpcs.size === 1) g.placeIn(list[0]!.vpcBoundary ?? list[0]!.boundary, id);
    } else if (vpc) {
      const b = ctx.byAddress.get(vpc);
      if (b) g.placeIn(boundaryId('vpc', b), id);
    }
    const ip = publicIp(ctx, own, parts, list);
    if (ip) facts.publicIp = ip;
  }
}

/** Settings (TF and CFN) that give a compute resource a public address, with the path their line is kept under. */
const EXPLICIT_PUBLIC_IP = [
  ['associate_public_ip_address', 'associate_public_ip_address'],
  ['network_interfaces.associate_public_ip_address', 'network_interfaces[0]'],
  ['network_configuration.assign_public_ip', 'network_configuration[0]'],
  ['NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'NetworkConfiguration.AwsvpcConfiguration'],
  ['NetworkInterfaces.AssociatePublicIpAddress', 'NetworkInterfaces[0]'],
  ['LaunchTemplateData.NetworkInterfaces.AssociatePublicIpAddress', 'LaunchTemplateData.NetworkInterfaces[0]'],
  ['AssociatePublicIpAddress', 'AssociatePublicIpAddress'],
] as const;

/** Why a compute resource gets a public address: an explicit setting, or its subnet's default. */
function publicIp(ctx: AwsContext, own: Resource, parts: Resource[], subnets: SubnetInfo[]): Evidence | undefined {
  for (const p of parts) {
    for (const [path, linePath] of EXPLICIT_PUBLIC_IP) {
      const v = attr(p, path);
      if (v === undefined) continue;
      const on = bool(v) === true || str(v) === 'ENABLED';
      if (on) return ctx.evidence(p, 'aws-public-ip', `${ctx.label(p)} sets ${path.split('.').pop()} = ${str(v)}`, linePath);
      return undefined;
    }
  }
  const isEc2 = /aws_instance|AWS::EC2::Instance|autoscaling_group|AutoScalingGroup/.test(own.type);
  if (!isEc2) return undefined;
  const s = subnets.find((x) => x.mapsPublicIp);
  if (s) return ctx.evidence(s.resource, 'aws-public-ip', `${ctx.label(own)} runs in ${ctx.label(s.resource)}, which gives instances a public IP (map_public_ip_on_launch)`);
  return undefined;
}

/**
 * Boundary ids from names: the Name tag, else the label; CloudFormation logical ids (`VPC`) repeat
 * across stacks, so the stack name goes in front of them.
 */
export function boundaryId(kind: 'vpc' | 'subnet', r: Resource): string {
  const tag = tagName(r);
  if (tag && !tag.includes('${')) return slug(kind, tag);
  if (r.format === 'cfn') return slug(kind, r.group, kebab(r.name).toLowerCase() === kind ? undefined : kebab(r.name));
  return slug(kind, r.address.replace(/^tf:/, '').replace(/^module\./, '').replace(/\.module\./g, '-').replace(/aws_(default_)?(vpc|subnet)\./, ''));
}

function displayName(r: Resource): string {
  const tag = tagName(r);
  return tag && !tag.includes('${') ? tag : r.format === 'cfn' ? r.name : r.address.replace(/^tf:/, '');
}

function tagName(r: Resource): string | undefined {
  const tags = r.attributes.tags ?? r.attributes.Tags;
  if (isObj(tags)) return str(tags.Name);
  for (const t of list(tags)) if (isObj(t) && (t.Key === 'Name' || t.key === 'Name')) return str(t.Value ?? t.value);
  return undefined;
}

/** Visit every key in a value; `fn` returns true when it handled the value (no descent). */
function walkKeys(v: unknown, fn: (key: string, value: unknown) => boolean, depth = 0): void {
  if (typeof v !== 'object' || v === null || depth > 12) return;
  if (Array.isArray(v)) {
    for (const x of v) walkKeys(x, fn, depth + 1);
    return;
  }
  if ('$ref' in v || '$template' in v) return;
  // Object.keys, not Object.entries: the walk visits every attribute of every part, and a [key, value]
  // pair per attribute was a measurable share of the garbage.
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!fn(k, o[k])) walkKeys(o[k], fn, depth + 1);
}

/**
 * `re.test(key)`, remembered per key: the same few attribute names (`tags`, `name`, `ingress`) recur
 * on every resource, so a pass asks the regex once per distinct name. Make one per pass (not a
 * module-level cache: no state outlives a scan).
 */
function keyMatcher(re: RegExp): (key: string) => boolean {
  if (re.global || re.sticky) throw new Error('keyMatcher needs a stateless regex');
  const seen = new Map<string, boolean>();
  return (key) => {
    let hit = seen.get(key);
    if (hit === undefined) seen.set(key, (hit = re.test(key)));
    return hit;
  };
}

export { keyMatcher, walkKeys };
