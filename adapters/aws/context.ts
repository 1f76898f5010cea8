/**
 * The state the AWS passes share: resources indexed by address, each component resource's stable id,
 * which component a folded resource belongs to, and evidence helpers that point at the attribute's
 * own line when the adapter knows it.
 */
import type { FlowInit, GraphBuilder } from '../../src/graph/builder.js';
import { slug } from '../../src/graph/ids.js';
import { isResourceRef, locationOf, type Resource, type ResourceRef } from '../../src/graph/resource.js';
import { ResourceIndex } from '../../src/graph/resource-index.js';
import type { Evidence, Location, SourceRef } from '../../src/graph/types.js';
import { roleOf, type ComponentSpec, type Role } from './catalog.js';
import { attr, kebab, refAddress, str } from './values.js';

/** Labels that say nothing on their own: the module name (or the product) is used with them. */
const GENERIC = new Set(['this', 'main', 'default', 'example', 'primary', 'test', 'resource', 'instance', 'server', 'app', 'db', 'lb', 'alb', 'bucket', 'queue', 'topic', 'table', 'function', 'lambda', 'cluster', 'service']);

/**
 * What a generic label is qualified with: the innermost Terraform module (`module.api.aws_lb.this` →
 * `api`), else the root directory of a multi-root scan (`tf:examples/complete//aws_instance.this` →
 * `complete`), else the CloudFormation stack.
 */
function contextName(r: Resource): string | undefined {
  const addr = r.address.replace(/^(tf|cfn):/, '');
  const modules = [...addr.matchAll(/module\.([^.[\]]+)/g)].map((m) => m[1]!);
  if (modules.length) return modules[modules.length - 1];
  if (r.format === 'tf' && addr.includes('//')) return addr.slice(0, addr.indexOf('//')).split('/').pop();
  return r.format === 'cfn' ? r.group?.split('/').pop() : undefined;
}

export interface NetworkFacts {
  /** Why it has a public IP address, when it does. */
  publicIp?: Evidence;
  /** In a subnet routed to an internet gateway. */
  publicSubnet: boolean;
  /** Security group addresses it is a member of. */
  securityGroups: string[];
}

export class AwsContext extends ResourceIndex {
  /** Resource address → component id (the component it is, or the one it was folded into). */
  private readonly owners = new Map<string, string>();
  readonly specs = new Map<string, ComponentSpec>();
  /** Component id → where it sits in the network (filled by the network pass). */
  readonly network = new Map<string, NetworkFacts>();
  /** Subnet address → components placed in it. */
  private readonly subnetMembers = new Map<string, string[]>();

  addToSubnet(subnet: string, componentId: string): void {
    const l = this.subnetMembers.get(subnet) ?? [];
    if (!l.includes(componentId)) l.push(componentId);
    this.subnetMembers.set(subnet, l);
  }

  componentsInSubnet(subnet: string): string[] {
    return [...(this.subnetMembers.get(subnet) ?? [])].sort();
  }

  constructor(
    resources: readonly Resource[],
    readonly graph: GraphBuilder,
  ) {
    super(resources);
  }

  role(r: Resource): Role | undefined {
    return roleOf(r.type);
  }

  /** The resource a reference points at (instance keys dropped), if it is in this scan. */
  target(ref: ResourceRef | unknown): Resource | undefined {
    return isResourceRef(ref) ? this.byAddress.get(refAddress(ref)) : undefined;
  }

  /** Add a flow; a caller of a datastore also processes the data it holds. */
  addFlow(init: FlowInit): void {
    this.graph.addFlow(init);
    if (this.specs.get(init.target)?.data && init.source !== init.target) this.graph.useDataAsset(`${init.target}-data`, init.source, 'processed');
  }

  /** The component a resource is or belongs to. */
  ownerOf(r: Resource | undefined): string | undefined {
    return r ? this.owners.get(r.address) : undefined;
  }

  /** The component a reference lands on. */
  componentOf(ref: unknown): string | undefined {
    return this.ownerOf(this.target(ref));
  }

  /** The component resource and the folded resources that belong to it, for reading its settings. */
  partsOf(componentId: string): Resource[] {
    if (!this.parts) {
      this.parts = new Map();
      for (const r of this.resources) {
        const id = this.owners.get(r.address);
        if (!id) continue;
        let l = this.parts.get(id);
        if (!l) this.parts.set(id, (l = []));
        l.push(r);
      }
    }
    return this.parts.get(componentId) ?? [];
  }
  private parts?: Map<string, Resource[]>;

  setOwner(r: Resource, componentId: string): void {
    this.parts = undefined;
    if (!this.owners.has(r.address)) this.owners.set(r.address, componentId);
  }

  /**
   * A stable id from names: the resource's own name attribute when it is plain text, else its label
   * (with the module or stack name in front when the label is generic, like `this`).
   */
  idFor(r: Resource, spec: ComponentSpec, taken: (id: string) => boolean): string {
    const named = spec.names?.map((p) => str(attr(r, p))).find((s) => s !== undefined && s.trim() !== '' && !s.includes('${'));
    const label = r.format === 'cfn' ? kebab(r.name) : r.name;
    // The module/stack name matters only for a generic label: look it up only then.
    const moduleName = named === undefined && GENERIC.has(label.toLowerCase()) ? contextName(r) : undefined;
    const base = named ?? (moduleName ? `${moduleName}-${label === 'this' || label === 'main' ? spec.kind : label}` : label);
    let id = slug(base);
    if (GENERIC.has(id)) id = slug(spec.kind, id);
    if (taken(id)) id = slug(id, spec.kind);
    if (taken(id)) id = slug(r.address.replace(/^(tf|cfn):/, '').replace(/^module\./, '').replace(/\.module\./g, '-'));
    return id;
  }

  source(r: Resource): SourceRef {
    return { address: r.address, location: r.location };
  }

  evidence(r: Resource, kind: string, detail: string, path?: string): Evidence {
    return { kind, detail, location: this.loc(r, path) };
  }

  loc(r: Resource, path?: string): Location {
    return locationOf(r, path);
  }

  /** `aws_lb.web` / `Web` as a user reads it in evidence. */
  label(r: Resource): string {
    // Prefix checks instead of two regex replaces: every evidence text calls this.
    let a = r.address;
    if (a.startsWith('tf:')) a = a.slice(3);
    if (a.startsWith('cfn:')) a = a.slice(4);
    return a;
  }
}
