/**
 * GCP networks: the project, VPC networks and subnetworks as trust boundaries; where each compute
 * component sits (network, subnetwork, network tags, service account, public IP); and firewall
 * rules as declared flows (tag/service-account sources) or internet exposure (`0.0.0.0/0` to
 * instances that have an external IP).
 */
import { slug } from '../../src/graph/ids.js';
import type { Resource } from '../../src/graph/resource.js';
import type { CloudContext } from '../common/cloud-kit.js';
import { isInternetCidr } from '../common/cidr.js';
import { block, blocks, bool, dig, str, strList } from '../common/tf-values.js';
import type { Identities } from './identity.js';

/** Where a compute component sits in the network, as far as firewall rules care. */
export interface NetworkMember {
  componentId: string;
  resource: Resource;
  networkKey: string;
  tags: Set<string>;
  /** Service-account keys (see Identities.keyOf). */
  serviceAccounts: Set<string>;
  publicIp: boolean;
}

// Data sources look up networks created elsewhere: they bound components all the same.
const NETWORK = ['google_compute_network', 'data.google_compute_network'];
const SUBNET = ['google_compute_subnetwork', 'data.google_compute_subnetwork'];

export class GcpNetworks {
  /** Network key → members. */
  private readonly members = new Map<string, NetworkMember[]>();
  /** `<network key>\0tag:<tag>` / `<network key>\0sa:<key>` → members, so rules match without scanning every member. */
  private readonly byLabel = new Map<string, NetworkMember[]>();
  private readonly projectBoundary = new Map<string, string>();

  constructor(
    private readonly ctx: CloudContext,
    private readonly identities: Identities,
  ) {}

  /** The stable key of a network value: the network resource's address, or `name:<name>` for one not in the scan (`default`). */
  networkKey(v: unknown): string | undefined {
    const net = this.ctx.resolve(v, NETWORK);
    if (net) return net.address;
    const name = str(v);
    return name ? `name:${name.split('/').pop()}` : undefined;
  }

  subnet(v: unknown): Resource | undefined {
    return this.ctx.resolve(v, SUBNET);
  }

  /** Projects and VPCs/subnets as boundaries (projects outermost). */
  addBoundaries(): void {
    const ctx = this.ctx;
    for (const p of ctx.ofType('google_project')) {
      const projectId = str(p.attributes['project_id']) ?? p.name;
      const id = slug('gcp-project', projectId);
      this.projectBoundary.set(projectId, id);
      ctx.graph.addBoundary({ id, title: `GCP project ${projectId}`, type: 'network-cloud-provider', evidence: [ctx.ev(p, 'tf-resource', `google_project.${p.name}`)] });
      ctx.graph.markMapped(p);
    }
    // Projects named on resources but not declared in the scan.
    for (const r of ctx.resources) {
      const projectId = str(r.attributes['project']);
      if (!projectId || this.projectBoundary.has(projectId)) continue;
      const id = slug('gcp-project', projectId);
      this.projectBoundary.set(projectId, id);
      ctx.graph.addBoundary({ id, title: `GCP project ${projectId}`, type: 'network-cloud-provider', evidence: [ctx.ev(r, 'gcp-project', `${r.type}.${r.name} is in project ${projectId}`, 'project')] });
    }
    for (const n of ctx.ofType(...NETWORK)) {
      const project = this.projectOf(n);
      ctx.graph.addBoundary({
        id: ctx.boundaryId(n),
        title: `VPC ${str(n.attributes['name']) ?? n.name}`,
        type: 'network-cloud-provider',
        evidence: [ctx.ev(n, 'tf-resource', `VPC network ${n.type}.${n.name}`)],
        ...(project ? { parent: project } : {}),
      });
      ctx.graph.markMapped(n);
    }
    for (const s of ctx.ofType(...SUBNET)) {
      const net = ctx.resolve(s.attributes['network'], NETWORK);
      ctx.graph.addBoundary({
        id: ctx.boundaryId(s),
        title: `Subnet ${str(s.attributes['name']) ?? s.name}${str(s.attributes['ip_cidr_range']) ? ` ${str(s.attributes['ip_cidr_range'])}` : ''}`,
        type: 'network-cloud-security-group',
        evidence: [ctx.ev(s, 'tf-resource', `subnetwork ${s.type}.${s.name}`)],
        ...(net ? { parent: ctx.boundaryId(net) } : {}),
      });
      ctx.graph.markMapped(s);
    }
  }

  /** The project boundary a resource belongs to: its `project` attribute, or the only project in the scan. */
  projectOf(r: Resource): string | undefined {
    const p = str(r.attributes['project']);
    if (p) return this.projectBoundary.get(p);
    return this.projectBoundary.size === 1 ? [...this.projectBoundary.values()][0] : undefined;
  }

  /**
   * Register a compute component's network position and place it in the innermost boundary known
   * (subnet, else VPC, else project).
   */
  place(componentId: string, r: Resource, where: { network?: unknown; subnetwork?: unknown; tags?: string[]; serviceAccounts?: string[]; publicIp?: boolean }): void {
    const ctx = this.ctx;
    const subnet = where.subnetwork !== undefined ? this.subnet(where.subnetwork) : undefined;
    const netKey = this.networkKey(where.network) ?? (subnet ? this.networkKey(subnet.attributes['network']) : undefined) ?? (where.publicIp !== undefined ? 'name:default' : undefined);
    if (subnet) ctx.graph.placeIn(ctx.boundaryId(subnet), componentId);
    else if (netKey && ctx.byAddress.has(netKey)) ctx.graph.placeIn(ctx.boundaryId(ctx.byAddress.get(netKey)!), componentId);
    else {
      const project = this.projectOf(r);
      if (project) ctx.graph.placeIn(project, componentId);
    }
    if (where.publicIp === undefined || !netKey) return; // not a firewall target (managed services)
    let list = this.members.get(netKey);
    if (!list) this.members.set(netKey, (list = []));
    const member: NetworkMember = {
      componentId,
      resource: r,
      networkKey: netKey,
      tags: new Set(where.tags ?? []),
      serviceAccounts: new Set(where.serviceAccounts ?? []),
      publicIp: where.publicIp,
    };
    list.push(member);
    for (const label of [...[...member.tags].map((t) => `tag:${t}`), ...[...member.serviceAccounts].map((s) => `sa:${s}`)]) {
      const key = `${netKey}\0${label}`;
      this.byLabel.set(key, [...(this.byLabel.get(key) ?? []), member]);
    }
  }

  /** Members of a network selected by tags or service accounts; all members when neither is given. */
  private select(netKey: string, tags: string[], sas: string[]): NetworkMember[] {
    if (tags.length === 0 && sas.length === 0) return this.members.get(netKey) ?? [];
    const out = new Set<NetworkMember>();
    for (const label of [...tags.map((t) => `tag:${t}`), ...sas.map((s) => `sa:${s}`)]) for (const m of this.byLabel.get(`${netKey}\0${label}`) ?? []) out.add(m);
    return [...out];
  }

  /** Place a managed service (no firewall semantics) in its project. */
  placeInProject(componentId: string, r: Resource): void {
    const project = this.projectOf(r);
    if (project) this.ctx.graph.placeIn(project, componentId);
  }

  /** Firewall rules → flows between tagged members, and exposure of members with an external IP. */
  applyFirewalls(): void {
    const ctx = this.ctx;
    for (const fw of ctx.ofType('google_compute_firewall')) {
      ctx.graph.markFolded(fw);
      const direction = (str(fw.attributes['direction']) ?? 'INGRESS').toUpperCase();
      const allows = blocks(fw.attributes['allow']);
      if (direction !== 'INGRESS' || allows.length === 0 || bool(fw.attributes['disabled'], false)) continue;
      const netKey = this.networkKey(fw.attributes['network']) ?? 'name:default';
      const members = this.members.get(netKey) ?? [];
      const targetTags = strList(fw.attributes['target_tags']);
      const targetSas = this.identities.keysOf(fw.attributes['target_service_accounts']);
      const targets = this.select(netKey, targetTags, targetSas);
      const { port, protocol, ports } = portsOf(allows);
      const name = str(fw.attributes['name']) ?? fw.name;
      const scope = targetTags.length ? `target tags ${targetTags.join(', ')}` : targetSas.length ? 'target service accounts' : 'all instances in the network';
      if (targets.length === 0 && members.length > 0 && (targetTags.length || targetSas.length)) {
        ctx.graph.unresolved(`google_compute_firewall.${fw.name}`, `no instance in the scan carries ${scope}; check the tags or service accounts`, fw.location);
      }
      const ranges = strList(fw.attributes['source_ranges']);
      const sourceTags = strList(fw.attributes['source_tags']);
      const sourceSas = this.identities.keysOf(fw.attributes['source_service_accounts']);
      // An ingress rule with no source at all admits 0.0.0.0/0 (GCP's default; terraform-provider-google#6789).
      const noSource = fw.attributes['source_ranges'] === undefined && sourceTags.length === 0 && sourceSas.length === 0;
      const open = noSource ? '0.0.0.0/0 (no source given: GCP defaults to any address)' : ranges.find(isInternetCidr);
      if (open) {
        for (const t of targets) {
          if (!t.publicIp) {
            // Open to the internet but no external IP: reachable only through a load balancer or NAT'd peer.
            ctx.graph.component(t.componentId)!.attributes['open_firewall'] = name;
            continue;
          }
          ctx.expose(t.componentId, [
            ctx.ev(fw, 'gcp-firewall-open', `firewall ${name} allows ${ports} from ${open} to ${scope}`, noSource ? undefined : 'source_ranges'),
            t.resource.type === 'google_container_cluster'
              ? ctx.ev(t.resource, 'gcp-external-ip', `GKE ${t.resource.name} nodes have external IPs (private_cluster_config.enable_private_nodes is not set)`, 'private_cluster_config')
              : ctx.ev(t.resource, 'gcp-external-ip', `${t.resource.type}.${t.resource.name} has an external IP (access_config)`, 'network_interface.access_config'),
          ], { ...(port !== undefined ? { port } : {}), ...(protocol ? { protocol } : {}) });
        }
      }
      if (sourceTags.length === 0 && sourceSas.length === 0) continue;
      const sources = this.select(netKey, sourceTags, sourceSas);
      for (const s of sources)
        for (const t of targets)
          ctx.flow(s.componentId, t.componentId, {
            ...(port !== undefined ? { port } : {}),
            ...(protocol ? { protocol } : {}),
            confidence: 'declared',
            evidence: [ctx.ev(fw, 'gcp-firewall-rule', `firewall ${name} allows ${ports} from ${sourceTags.length ? `tags ${sourceTags.join(', ')}` : 'source service accounts'} to ${scope}`)],
          });
    }
  }
}

/** The first concrete port of the allow blocks, and a readable summary of all of them. */
function portsOf(allows: Record<string, unknown>[]): { port?: number; protocol?: 'ssh'; ports: string } {
  const summary: string[] = [];
  let port: number | undefined;
  for (const a of allows) {
    const proto = (str(a['protocol']) ?? 'all').toLowerCase();
    const ps = strList(a['ports']);
    if (ps.length === 0) summary.push(`${proto} all ports`);
    for (const p of ps) {
      summary.push(`${proto}/${p}`);
      const m = /^(\d+)(?:-(\d+))?$/.exec(p);
      if (port === undefined && m && (m[2] === undefined || m[1] === m[2])) port = Number(m[1]);
    }
  }
  return { ...(port !== undefined ? { port } : {}), ports: summary.join(', ') || 'all' };
}

/** Network position of GCP compute resources, from their own attributes or an instance template. */
export function computePosition(r: Resource, template?: Resource): { network?: unknown; subnetwork?: unknown; tags: string[]; serviceAccount?: unknown; publicIp: boolean } {
  const src = template ?? r;
  if (r.type === 'google_container_cluster') {
    const nodeConfig = block(r.attributes['node_config']);
    return {
      network: r.attributes['network'] ?? 'default',
      subnetwork: r.attributes['subnetwork'],
      tags: strList(nodeConfig?.['tags']),
      serviceAccount: nodeConfig?.['service_account'],
      publicIp: !bool(dig(r.attributes['private_cluster_config'], 'enable_private_nodes'), false),
    };
  }
  const nics = blocks(src.attributes['network_interface']);
  const nic = nics[0];
  return {
    network: nic?.['network'] ?? (nic?.['subnetwork'] ? undefined : 'default'),
    subnetwork: nic?.['subnetwork'],
    tags: strList(src.attributes['tags']),
    serviceAccount: dig(src.attributes['service_account'], 'email'),
    publicIp: nics.some((n) => n['access_config'] !== undefined && n['access_config'] !== null),
  };
}
