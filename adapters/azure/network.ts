/**
 * Azure networks: VNets and subnets as trust boundaries; NICs (subnet, public IP, NSG) folded into
 * the VMs that use them; NSG rules (inline `security_rule` blocks and `azurerm_network_security_rule`)
 * as internet exposure of the VMs behind them that have a public IP.
 */
import { compareStrings } from '../../src/graph/ids.js';
import type { Resource } from '../../src/graph/resource.js';
import type { Evidence } from '../../src/graph/types.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { isAnywhere, isInternetCidr } from '../common/cidr.js';
import { blocks, list, str, strList } from '../common/tf-values.js';

// Data sources look up networks created elsewhere: they bound components all the same.
const VNET = ['azurerm_virtual_network', 'data.azurerm_virtual_network'];
const SUBNET = ['azurerm_subnet', 'data.azurerm_subnet'];
const NSG = ['azurerm_network_security_group'];
const NIC = ['azurerm_network_interface'];
const PIP = ['azurerm_public_ip'];

interface NicFacts {
  nic: Resource;
  subnet?: Resource;
  publicIp?: Resource | string;
  nsgs: Resource[];
}

/** A VM-like component and what the network in front of it is. */
interface Member {
  componentId: string;
  resource: Resource;
  subnet?: Resource;
  publicIp: Evidence | undefined;
  nsgs: Set<Resource>;
}

interface OpenRule {
  name: string;
  ports: string;
  port?: number;
  source: string;
  evidence: Evidence;
}

export class AzureNetworks {
  private readonly subnetNsgs = new Map<string, Resource[]>();
  private readonly nicNsgs = new Map<string, Resource[]>();
  private readonly members: Member[] = [];

  constructor(private readonly ctx: CloudContext) {}

  /** VNets and subnets as boundaries; NSG associations indexed. */
  addBoundaries(): void {
    const ctx = this.ctx;
    for (const v of ctx.ofType(...VNET)) {
      ctx.graph.addBoundary({
        id: ctx.boundaryId(v),
        title: `VNet ${str(v.attributes['name']) ?? v.name}${strList(v.attributes['address_space']).length ? ` ${strList(v.attributes['address_space']).join(', ')}` : ''}`,
        type: 'network-cloud-provider',
        evidence: [ctx.ev(v, 'tf-resource', `virtual network ${v.type}.${v.name}`)],
      });
      ctx.graph.markMapped(v);
    }
    for (const s of ctx.ofType(...SUBNET)) {
      const vnet = ctx.resolve(s.attributes['virtual_network_name'], VNET) ?? ctx.resolve(s.attributes['virtual_network_id'], VNET);
      const prefixes = [...strList(s.attributes['address_prefixes']), ...strList(s.attributes['address_prefix'])];
      ctx.graph.addBoundary({
        id: ctx.boundaryId(s),
        title: `Subnet ${str(s.attributes['name']) ?? s.name}${prefixes.length ? ` ${prefixes.join(', ')}` : ''}`,
        type: 'network-cloud-security-group',
        evidence: [ctx.ev(s, 'tf-resource', `subnet ${s.type}.${s.name}`)],
        ...(vnet ? { parent: ctx.boundaryId(vnet) } : {}),
      });
      ctx.graph.markMapped(s);
      const legacy = ctx.resolve(s.attributes['network_security_group_id'], NSG);
      if (legacy) this.push(this.subnetNsgs, s.address, legacy);
    }
    for (const a of ctx.ofType('azurerm_subnet_network_security_group_association')) {
      const subnet = ctx.resolve(a.attributes['subnet_id'], SUBNET);
      const nsg = ctx.resolve(a.attributes['network_security_group_id'], NSG);
      if (subnet && nsg) this.push(this.subnetNsgs, subnet.address, nsg);
    }
    for (const a of ctx.ofType('azurerm_network_interface_security_group_association')) {
      const nic = ctx.resolve(a.attributes['network_interface_id'], NIC);
      const nsg = ctx.resolve(a.attributes['network_security_group_id'], NSG);
      if (nic && nsg) this.push(this.nicNsgs, nic.address, nsg);
    }
  }

  private push(map: Map<string, Resource[]>, key: string, r: Resource): void {
    const l = map.get(key) ?? [];
    if (!l.includes(r)) l.push(r);
    map.set(key, l);
  }

  subnet(v: unknown): Resource | undefined {
    return this.ctx.resolve(v, SUBNET);
  }

  nicFacts(v: unknown): NicFacts | undefined {
    const nic = this.ctx.resolve(v, NIC);
    if (!nic) return undefined;
    const ipcs = blocks(nic.attributes['ip_configuration']);
    const subnet = ipcs.map((c) => this.subnet(c['subnet_id'])).find((x) => x);
    const pipValue = ipcs.map((c) => c['public_ip_address_id']).find((x) => x !== undefined && x !== null && x !== '');
    const pip = pipValue === undefined ? undefined : (this.ctx.resolve(pipValue, PIP) ?? str(pipValue) ?? 'a public IP outside the scan');
    const legacy = this.ctx.resolve(nic.attributes['network_security_group_id'], NSG);
    const nsgs = [...(this.nicNsgs.get(nic.address) ?? []), ...(legacy ? [legacy] : [])];
    return { nic, ...(subnet ? { subnet } : {}), ...(pip !== undefined ? { publicIp: pip } : {}), nsgs };
  }

  /** A VM (or scale set) behind NICs: place it in its subnet and remember what guards it. */
  addVm(componentId: string, r: Resource, nics: NicFacts[], inline?: { subnet?: Resource; publicIp?: boolean; nsg?: Resource }): void {
    const ctx = this.ctx;
    const subnet = nics.find((n) => n.subnet)?.subnet ?? inline?.subnet;
    if (subnet) ctx.graph.placeIn(ctx.boundaryId(subnet), componentId);
    const nsgs = new Set<Resource>([...nics.flatMap((n) => n.nsgs), ...(inline?.nsg ? [inline.nsg] : [])]);
    for (const n of nics) {
      ctx.setOwner(n.nic, componentId);
      ctx.graph.markFolded(n.nic);
      ctx.graph.addComponent({ id: componentId, title: '', type: 'process', technology: 'unknown-technology', machine: 'virtual', sources: [ctx.source(n.nic)] });
      if (n.subnet) for (const s of this.subnetNsgs.get(n.subnet.address) ?? []) nsgs.add(s);
      if (n.publicIp && typeof n.publicIp !== 'string') ctx.setOwner(n.publicIp, componentId);
    }
    if (!nics.length && subnet) for (const s of this.subnetNsgs.get(subnet.address) ?? []) nsgs.add(s);
    const withPip = nics.find((n) => n.publicIp !== undefined);
    let publicIp: Evidence | undefined;
    if (withPip) {
      const pip = withPip.publicIp!;
      publicIp = ctx.ev(withPip.nic, 'azure-public-ip', `NIC azurerm_network_interface.${withPip.nic.name} has public IP ${typeof pip === 'string' ? pip : `azurerm_public_ip.${pip.name}`}`, 'ip_configuration.public_ip_address_id');
    } else if (inline?.publicIp) {
      publicIp = ctx.ev(r, 'azure-public-ip', `${r.type}.${r.name} assigns a public IP to each instance`, 'network_interface');
    }
    ctx.graph.component(componentId)!.attributes['public_ip'] = publicIp !== undefined;
    this.members.push({ componentId, resource: r, ...(subnet ? { subnet } : {}), publicIp, nsgs });
  }

  /** Internet-open inbound Allow rules of an NSG, inline and separate. */
  private openRules(nsg: Resource, separate: Map<string, Resource[]>): OpenRule[] {
    const ctx = this.ctx;
    const out: OpenRule[] = [];
    const consider = (rule: Record<string, unknown>, where: Resource, path: string | undefined) => {
      if ((str(rule['direction']) ?? '').toLowerCase() !== 'inbound' || (str(rule['access']) ?? '').toLowerCase() !== 'allow') return;
      const sources = [...strList(rule['source_address_prefix']), ...strList(rule['source_address_prefixes'])];
      const open = sources.find((s) => isAnywhere(s) || isInternetCidr(s));
      if (!open) return;
      const ranges = [...strList(rule['destination_port_range']), ...strList(rule['destination_port_ranges'])];
      const name = str(rule['name']) ?? where.name;
      const single = ranges.map((p) => /^(\d+)(?:-(\d+))?$/.exec(p)).find((m) => m && (m[2] === undefined || m[1] === m[2]));
      out.push({
        name,
        ports: ranges.join(', ') || '*',
        ...(single ? { port: Number(single[1]) } : {}),
        source: open,
        evidence: ctx.ev(where, 'azure-nsg-open', `NSG ${str(nsg.attributes['name']) ?? nsg.name} rule ${name} allows inbound ${(str(rule['protocol']) ?? '*').toUpperCase()} ${ranges.join(', ') || '*'} from ${open}`, path),
      });
    };
    blocks(nsg.attributes['security_rule']).forEach((rule, i) => consider(rule, nsg, `security_rule[${i}]`));
    for (const r of separate.get(nsg.address) ?? []) consider(r.attributes, r, undefined);
    return out.sort((a, b) => (a.port ?? 99999) - (b.port ?? 99999) || compareStrings(a.name, b.name));
  }

  /** Expose members whose NSGs let the internet in and that have a public IP. */
  applyNsgs(): void {
    const ctx = this.ctx;
    const separate = new Map<string, Resource[]>();
    for (const r of ctx.ofType('azurerm_network_security_rule')) {
      ctx.graph.markFolded(r);
      const nsg = ctx.resolve(r.attributes['network_security_group_name'], NSG) ?? ctx.resolve(r.attributes['network_security_group_id'], NSG);
      if (nsg) this.push(separate, nsg.address, r);
      else ctx.graph.unresolved(`azurerm_network_security_rule.${r.name}.network_security_group_name`, 'the rule\'s NSG is not in the scanned files', r.location);
    }
    const guarded = new Map<Resource, Member[]>();
    for (const m of this.members) for (const n of m.nsgs) guarded.set(n, [...(guarded.get(n) ?? []), m]);
    for (const nsg of ctx.ofType('azurerm_network_security_group')) {
      ctx.graph.markFolded(nsg);
      const rules = this.openRules(nsg, separate);
      if (rules.length === 0) continue;
      const members = guarded.get(nsg) ?? [];
      if (members.length === 0) {
        ctx.graph.diagnostics.info('azure-nsg-unattached', nsg.location, `NSG azurerm_network_security_group.${nsg.name} allows ${rules.map((r) => r.ports).join(', ')} from the internet but is associated with no NIC or subnet in the scanned files: no component is exposed through it`);
        continue;
      }
      for (const m of members) {
        if (!m.publicIp) {
          ctx.graph.component(m.componentId)!.attributes['open_nsg'] = str(nsg.attributes['name']) ?? nsg.name;
          continue;
        }
        for (const rule of rules)
          ctx.expose(m.componentId, [rule.evidence, m.publicIp], { ...(rule.port !== undefined ? { port: rule.port } : {}) });
      }
    }
  }
}

/** Values of a list attribute of references (`network_interface_ids = [azurerm_network_interface.a.id]`). */
export function refList(v: unknown): unknown[] {
  return list(v);
}
