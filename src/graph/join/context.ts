/**
 * What join rules share: the graph under construction, resources indexed by address and by type,
 * the component each resource address became, the Kubernetes workloads that consume each
 * ConfigMap/Secret, and the one operation that moves a flow's callee onto the component it really is.
 * Everything is indexed once (no pairwise loops over resources or components).
 */
import type { FlowInit, GraphBuilder } from '../builder.js';
import { compareStrings } from '../ids.js';
import { locationOf, type Resource } from '../resource.js';
import { ResourceIndex } from '../resource-index.js';
import type { Component, Evidence, Flow, Location } from '../types.js';
import { JOIN_EVIDENCE } from './types.js';
import type { RefUse } from './values.js';
import { consumersIndex, type Consumer } from './consumers.js';
import { CLOUD_ENDPOINTS, enginePort, type CloudEndpointKind } from './cloud-endpoints.js';
import { plainString } from '../resource.js';
import type { Protocol } from '../../model/enums.js';

/** A managed cloud resource of the scan that a host name or a reference can land on. */
export interface CloudTarget {
  component: Component;
  resource: Resource;
  kind: CloudEndpointKind;
  name: string;
}

const KIND_BY_TYPE: ReadonlyMap<string, CloudEndpointKind> = new Map(CLOUD_ENDPOINTS.flatMap((k) => k.types.map((t) => [t, k] as const)));

export class JoinContext extends ResourceIndex {
  /** Resource address → the component it is (from component sources). */
  private readonly componentByAddress = new Map<string, string>();
  private consumers?: Map<string, Consumer[]>;
  private indexedRevision = -1;

  constructor(
    resources: readonly Resource[],
    readonly graph: GraphBuilder,
  ) {
    super(resources);
    this.reindexComponents();
  }

  /** Rebuild the address → component index (after a rule removed or added components). */
  reindexComponents(): void {
    // Most rules change no component: rebuild only when the builder says something changed.
    const revision = this.graph.componentsRevision();
    if (revision === this.indexedRevision) return;
    this.indexedRevision = revision;
    // An address that several components name goes to the first in id order: keep the smallest id
    // rather than sorting every component after every rule.
    this.componentByAddress.clear();
    for (const c of this.graph.allComponents()) {
      for (const s of c.sources) {
        const had = this.componentByAddress.get(s.address);
        if (had === undefined || compareStrings(c.id, had) < 0) this.componentByAddress.set(s.address, c.id);
      }
    }
  }

  /** The component a resource address became, if any. */
  componentOf(address: string): Component | undefined {
    const id = this.componentByAddress.get(address.replace(/\[[^\]]*\]$/, ''));
    return id ? this.graph.component(id) : undefined;
  }

  /** Workloads that read ConfigMap/Secret `namespace/name` (env, envFrom, volumes), in id order. */
  consumersOf(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): Consumer[] {
    this.consumers ??= consumersIndex(this.ofType('Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'), (a) => this.componentOf(a)?.id);
    return this.consumers.get(`${kind}/${namespace}/${name}`) ?? [];
  }

  /** The cloud resource a literal host names (`orders-db.….rds.amazonaws.com` → RDS `orders-db`). */
  cloudTargetForHost(host: string): CloudTarget | undefined {
    this.cloudByName ??= this.buildCloudIndex();
    const h = host.toLowerCase().replace(/\.$/, '');
    for (const kind of CLOUD_ENDPOINTS) {
      const name = kind.host.exec(h)?.groups?.name;
      if (!name) continue;
      const hit = this.cloudByName.get(`${kind.product}\0${name}`) ?? (kind.memberSuffix ? this.cloudByName.get(`${kind.product}\0${name.replace(kind.memberSuffix, '')}`) : undefined);
      if (hit) return hit;
    }
    return undefined;
  }
  private cloudByName?: Map<string, CloudTarget>;

  private buildCloudIndex(): Map<string, CloudTarget> {
    const m = new Map<string, CloudTarget>();
    for (const kind of CLOUD_ENDPOINTS) {
      for (const r of this.ofType(...kind.types)) {
        const component = this.componentOf(r.address);
        const name = kind.nameAttributes.map((a) => plainString(r.attributes[a])).find((x) => x !== undefined && x !== '');
        if (!component || !name) continue;
        const key = `${kind.product}\0${name.toLowerCase()}`;
        if (!m.has(key)) m.set(key, { component, resource: r, kind, name });
      }
    }
    return m;
  }

  /** How clients reach a component made from resource `r`: the protocol and port a bare host or a reference implies. */
  clientOf(r: Resource | undefined, component: Component): { protocol: Protocol; port?: number } {
    const kind = r ? KIND_BY_TYPE.get(r.type) : undefined;
    const engine = typeof component.attributes.engine === 'string' ? component.attributes.engine : undefined;
    const port = enginePort(engine) ?? kind?.port;
    const protocol: Protocol = kind?.protocol ?? (component.technology === 'database' ? 'sql-access-protocol' : 'unknown-protocol');
    return port !== undefined ? { protocol, port } : { protocol };
  }

  loc(r: Resource, path?: string): Location {
    return locationOf(r, path);
  }

  /** One join evidence per side: each names the other side's file:line, so both locations are kept. */
  joinEvidence(detail: string, a: Location, b: Location): Evidence[] {
    return [
      { kind: JOIN_EVIDENCE, detail: `${detail} (other side: ${where(b)})`, location: a },
      { kind: JOIN_EVIDENCE, detail: `${detail} (other side: ${where(a)})`, location: b },
    ];
  }

  /** Add a flow and, when the callee stores data, record that the caller processes it. */
  addFlow(init: FlowInit): void {
    this.graph.addFlow(init);
    for (const d of this.dataStoredBy(init.target)) this.graph.useDataAsset(d, init.source, 'processed');
  }

  /**
   * The flow a configuration value implies: `source` calls the component `use.ref` became, with the
   * protocol and port its clients use (clientOf), a port written right after the reference winning.
   */
  addReferenceFlow(source: string, target: Component, use: RefUse, evidence: Evidence[]): void {
    const client = this.clientOf(this.byAddress.get(use.ref.$ref), target);
    const port = use.port ?? client.port;
    this.addFlow({
      source,
      target: target.id,
      protocol: client.protocol,
      ...(port !== undefined ? { port } : {}),
      confidence: 'configured',
      evidence,
    });
  }

  /** Add evidence to a component (a join is a reason to believe both sides describe it). */
  addComponentEvidence(id: string, evidence: Evidence[]): void {
    this.graph.component(id)?.evidence.push(...evidence);
  }

  /**
   * Move every flow into each `from` component onto its `to` (same protocol, port, confidence, plus
   * the join evidence), then drop the `from` component when nothing else touches it. One pass over
   * the flows for all moves. Returns, per `from`, the callers moved.
   */
  retarget(moves: ReadonlyMap<string, Move>): Map<string, string[]> {
    const moved = new Map<string, string[]>();
    if (moves.size === 0) return moved;
    const callers = new Set<string>();
    for (const f of this.graph.listFlows()) {
      if (moves.has(f.source)) callers.add(f.source);
      const move = moves.get(f.target);
      if (!move) continue;
      const init: FlowInit = { source: f.source, target: move.to, protocol: f.protocol, authentication: f.authentication, encrypted: f.encrypted, confidence: f.confidence, evidence: [...f.evidence, ...move.evidence(f)] };
      if (init.protocol === 'unknown-protocol' && move.protocol) init.protocol = move.protocol;
      const port = f.port ?? move.port;
      if (port !== undefined) init.port = port;
      this.graph.removeFlow(f.source, f.target);
      this.addFlow(init);
      moved.set(f.target, [...(moved.get(f.target) ?? []), f.source]);
    }
    // An external entity that also calls something (rare) stays: it is still needed as a caller.
    for (const from of moves.keys()) if (!callers.has(from)) this.graph.removeComponent(from);
    return moved;
  }

  private dataStoredBy(componentId: string): string[] {
    this.storedIndex ??= this.buildStoredIndex();
    return this.storedIndex.get(componentId) ?? [];
  }
  private storedIndex?: Map<string, string[]>;

  private buildStoredIndex(): Map<string, string[]> {
    const m = new Map<string, string[]>();
    for (const c of this.graph.listComponents()) {
      const id = `${c.id}-data`;
      if (this.graph.dataAsset(id)?.storedBy.includes(c.id)) m.set(c.id, [id]);
    }
    return m;
  }
}

export interface Move {
  to: string;
  /** The join evidence for one moved flow. */
  evidence: (flow: Flow) => Evidence[];
  /** Filled in when the flow did not say (a bare host names no port or scheme). */
  protocol?: Protocol;
  port?: number;
}

export function where(l: Location): string {
  return `${l.file}:${l.line}`;
}
