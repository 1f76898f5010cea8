/**
 * GraphBuilder: the one place graph elements are created and merged. Semantics call it; `build()`
 * returns a sorted, deduplicated ArchitectureGraph that does not depend on the order of calls
 * (as long as each semantics processes its resources in the sorted order it receives them in).
 */
import type { Diagnostics } from '../diagnostics.js';
import type { Encryption, Machine, Protocol, Authentication, TechnicalAssetType, Technology, TrustBoundaryType } from '../model/enums.js';
import { compareStrings } from './ids.js';
import type { Resource } from './resource.js';
import {
  CONFIDENCE_ORDER,
  INTERNET_ID,
  type ArchitectureGraph,
  type Attributes,
  type Boundary,
  type Component,
  type Confidence,
  type DataAsset,
  type DataAssetKind,
  type Evidence,
  type FileCoverage,
  type Flow,
  type Location,
  type SourceRef,
  type UnresolvedReference,
} from './types.js';

export interface ComponentInit {
  id: string;
  title: string;
  type: TechnicalAssetType;
  technology: Technology;
  machine: Machine;
  internet?: boolean;
  encryption?: Encryption;
  sources?: SourceRef[];
  multiplicity?: number | string;
  group?: string;
  attributes?: Attributes;
  evidence?: Evidence[];
}

export interface FlowInit {
  source: string;
  target: string;
  protocol: Protocol;
  port?: number;
  authentication?: Authentication;
  encrypted?: boolean;
  confidence: Confidence;
  evidence: Evidence[];
}

export interface BoundaryInit {
  id: string;
  title: string;
  type: TrustBoundaryType;
  parent?: string;
  attributes?: Attributes;
  evidence?: Evidence[];
}

export interface DataAssetInit {
  id: string;
  title: string;
  kind: DataAssetKind;
  sources?: SourceRef[];
  evidence?: Evidence[];
}

export interface ExposureInit {
  evidence: Evidence[];
  port?: number;
  protocol?: Protocol;
  confidence?: Confidence;
}

type Coverage = 'mapped' | 'folded';

export class GraphBuilder {
  private readonly components = new Map<string, Component>();
  private readonly flows = new Map<string, Flow>();
  private readonly boundaries = new Map<string, Boundary>();
  /** component id → boundary ids it was placed in (resolved to one in build()). */
  private readonly placements = new Map<string, Set<string>>();
  private readonly dataAssets = new Map<string, DataAsset>();
  /**
   * The members of each storedBy/processedBy list, so that adding a user is not a scan of the list
   * (a secret read by a thousand services). Keyed by the array: a list replaced by a filter gets a
   * fresh set on its next addition.
   */
  private readonly listMembers = new WeakMap<string[], Set<string>>();
  private readonly coverage = new Map<Resource, Coverage>();
  private readonly unresolvedRefs: UnresolvedReference[] = [];
  /** Bumped whenever a component is added, merged into or removed: indexes over components know when to rebuild. */
  private componentRevision = 0;

  constructor(
    private readonly resources: readonly Resource[],
    readonly diagnostics: Diagnostics,
  ) {}

  // ---- components ---------------------------------------------------------------------------

  /** Add a component, or merge into the one with the same id (sources, evidence and attributes accumulate). */
  addComponent(init: ComponentInit): Component {
    this.componentRevision++;
    const existing = this.components.get(init.id);
    if (!existing) {
      const c: Component = {
        id: init.id,
        title: init.title,
        type: init.type,
        technology: init.technology,
        machine: init.machine,
        internet: init.internet ?? false,
        encryption: init.encryption ?? 'none',
        sources: [...(init.sources ?? [])],
        attributes: { ...(init.attributes ?? {}) },
        evidence: [...(init.evidence ?? [])],
      };
      if (init.multiplicity !== undefined) c.multiplicity = init.multiplicity;
      if (init.group !== undefined) c.group = init.group;
      this.components.set(c.id, c);
      return c;
    }
    existing.internet ||= init.internet ?? false;
    if (existing.encryption === 'none' && init.encryption) existing.encryption = init.encryption;
    if (existing.technology === 'unknown-technology') existing.technology = init.technology;
    existing.sources.push(...(init.sources ?? []));
    existing.evidence.push(...(init.evidence ?? []));
    for (const [k, v] of Object.entries(init.attributes ?? {})) if (!(k in existing.attributes)) existing.attributes[k] = v;
    if (existing.multiplicity === undefined && init.multiplicity !== undefined) existing.multiplicity = init.multiplicity;
    if (existing.group === undefined && init.group !== undefined) existing.group = init.group;
    return existing;
  }

  component(id: string): Component | undefined {
    return this.components.get(id);
  }

  hasComponent(id: string): boolean {
    return this.components.has(id);
  }

  /** Ids already taken, for semantics that must pick a unique id. */
  componentIds(): IterableIterator<string> {
    return this.components.keys();
  }

  // ---- flows --------------------------------------------------------------------------------

  /** Add a flow caller → callee; signals for the same pair merge into one flow with all evidence. */
  addFlow(init: FlowInit): Flow | undefined {
    if (init.source === init.target) return undefined;
    const id = `${init.source}>${init.target}`;
    const existing = this.flows.get(id);
    if (!existing) {
      const f: Flow = {
        id,
        source: init.source,
        target: init.target,
        protocol: init.protocol,
        authentication: init.authentication ?? 'none',
        encrypted: init.encrypted ?? false,
        confidence: init.confidence,
        evidence: [...init.evidence],
      };
      if (init.port !== undefined) f.port = init.port;
      this.flows.set(id, f);
      return f;
    }
    const stronger = CONFIDENCE_ORDER.indexOf(init.confidence) < CONFIDENCE_ORDER.indexOf(existing.confidence);
    if (stronger || existing.protocol === 'unknown-protocol') {
      if (init.protocol !== 'unknown-protocol') existing.protocol = init.protocol;
      if (init.port !== undefined) existing.port = init.port;
    } else if (existing.port === undefined && init.port !== undefined) existing.port = init.port;
    if (stronger) existing.confidence = init.confidence;
    existing.encrypted ||= init.encrypted ?? false;
    if (existing.authentication === 'none' && init.authentication) existing.authentication = init.authentication;
    existing.evidence.push(...init.evidence);
    return existing;
  }

  flow(source: string, target: string): Flow | undefined {
    return this.flows.get(`${source}>${target}`);
  }

  /** Mark a component internet-facing: adds the `internet` component and a flow internet → component. */
  exposeToInternet(componentId: string, init: ExposureInit): void {
    const c = this.components.get(componentId);
    if (!c) return;
    c.internet = true;
    this.addComponent({
      id: INTERNET_ID,
      title: 'Internet',
      type: 'external-entity',
      technology: 'client-system',
      machine: 'physical',
      internet: true,
    });
    const flow: FlowInit = {
      source: INTERNET_ID,
      target: componentId,
      protocol: init.protocol ?? 'unknown-protocol',
      confidence: init.confidence ?? 'declared',
      evidence: init.evidence,
    };
    if (init.port !== undefined) flow.port = init.port;
    this.addFlow(flow);
  }

  // ---- passes after semantics (the cross-format join) ---------------------------------------

  /** Every component so far, in id order. */
  listComponents(): Component[] {
    return sortById([...this.components.values()]);
  }

  /** Changes whenever the set of components or their sources may have changed. */
  componentsRevision(): number {
    return this.componentRevision;
  }

  /** Every component so far, in no particular order (for indexes that do not depend on it). */
  allComponents(): IterableIterator<Component> {
    return this.components.values();
  }

  /** Every flow so far, in id order. */
  listFlows(): Flow[] {
    return sortById([...this.flows.values()]);
  }

  /** Drop a flow (e.g. one that a join moved onto another component). */
  removeFlow(source: string, target: string): void {
    this.flows.delete(`${source}>${target}`);
  }

  /** Drop a component that turned out to be another one, with its placements and data-asset uses. */
  removeComponent(id: string): void {
    this.componentRevision++;
    this.components.delete(id);
    this.placements.delete(id);
    for (const d of this.dataAssets.values()) {
      d.storedBy = d.storedBy.filter((x) => x !== id);
      d.processedBy = d.processedBy.filter((x) => x !== id);
    }
  }

  /** Whether a semantics marked the resource mapped or folded. */
  isCovered(resource: Resource): boolean {
    return this.coverage.has(resource);
  }

  // ---- boundaries ---------------------------------------------------------------------------

  addBoundary(init: BoundaryInit): Boundary {
    const existing = this.boundaries.get(init.id);
    if (existing) {
      existing.evidence.push(...(init.evidence ?? []));
      if (existing.parent === undefined && init.parent !== undefined) existing.parent = init.parent;
      if (init.attributes) existing.attributes = { ...init.attributes, ...(existing.attributes ?? {}) };
      return existing;
    }
    const b: Boundary = { id: init.id, title: init.title, type: init.type, members: [], evidence: [...(init.evidence ?? [])] };
    if (init.parent !== undefined) b.parent = init.parent;
    if (init.attributes) b.attributes = { ...init.attributes };
    this.boundaries.set(b.id, b);
    return b;
  }

  /** Place a component in a boundary. Placed in several, it ends up in the innermost (see build()). */
  placeIn(boundaryId: string, componentId: string): void {
    let set = this.placements.get(componentId);
    if (!set) this.placements.set(componentId, (set = new Set()));
    set.add(boundaryId);
  }

  // ---- data assets --------------------------------------------------------------------------

  addDataAsset(init: DataAssetInit): DataAsset {
    const existing = this.dataAssets.get(init.id);
    if (existing) {
      existing.sources.push(...(init.sources ?? []));
      existing.evidence.push(...(init.evidence ?? []));
      return existing;
    }
    const d: DataAsset = {
      id: init.id,
      title: init.title,
      kind: init.kind,
      storedBy: [],
      processedBy: [],
      sources: [...(init.sources ?? [])],
      evidence: [...(init.evidence ?? [])],
    };
    this.dataAssets.set(d.id, d);
    return d;
  }

  dataAsset(id: string): DataAsset | undefined {
    return this.dataAssets.get(id);
  }

  /** Record that a component stores (at rest) or processes a data asset. */
  useDataAsset(dataAssetId: string, componentId: string, how: 'stored' | 'processed'): void {
    const d = this.dataAssets.get(dataAssetId);
    if (!d) return;
    const list = how === 'stored' ? d.storedBy : d.processedBy;
    let members = this.listMembers.get(list);
    if (!members) this.listMembers.set(list, (members = new Set(list)));
    if (members.has(componentId)) return;
    members.add(componentId);
    list.push(componentId);
  }

  // ---- coverage -----------------------------------------------------------------------------

  /** The resource became (part of) a component. */
  markMapped(resource: Resource): void {
    this.coverage.set(resource, 'mapped');
  }

  /** The resource was folded into a component, a flow or a boundary. */
  markFolded(resource: Resource): void {
    if (this.coverage.get(resource) !== 'mapped') this.coverage.set(resource, 'folded');
  }

  unresolved(reference: string, reason: string, location: Location): void {
    this.unresolvedRefs.push({ reference, reason, location: { ...location } });
  }

  // ---- result -------------------------------------------------------------------------------

  build(files: FileCoverage): ArchitectureGraph {
    this.resolvePlacements();
    const mapped: Record<string, number> = {};
    const folded: Record<string, number> = {};
    const unmapped: ArchitectureGraph['coverage']['unmapped'] = [];
    for (const r of this.resources) {
      const c = this.coverage.get(r);
      if (c === 'mapped') mapped[r.type] = (mapped[r.type] ?? 0) + 1;
      else if (c === 'folded') folded[r.type] = (folded[r.type] ?? 0) + 1;
      else unmapped.push({ type: r.type, address: r.address, location: r.location });
    }
    const components = sortById([...this.components.values()]).map((c) => ({
      ...c,
      sources: sortSources(c.sources),
      evidence: sortEvidence(c.evidence),
      attributes: sortKeys(c.attributes),
    }));
    const flows = sortById([...this.flows.values()])
      .filter((f) => this.components.has(f.source) && this.components.has(f.target))
      .map((f) => ({ ...f, evidence: sortEvidence(f.evidence) }));
    const boundaries = sortById([...this.boundaries.values()]).map((b) => ({
      ...b,
      members: [...new Set(b.members)].sort(compareStrings),
      ...(b.attributes ? { attributes: sortKeys(b.attributes) } : {}),
      evidence: sortEvidence(b.evidence),
    }));
    const dataAssets = sortById([...this.dataAssets.values()]).map((d) => ({
      ...d,
      storedBy: [...d.storedBy].sort(compareStrings),
      processedBy: [...d.processedBy].sort(compareStrings),
      sources: sortSources(d.sources),
      evidence: sortEvidence(d.evidence),
    }));
    return {
      components,
      flows,
      boundaries: pruneEmptyBoundaries(boundaries),
      dataAssets,
      coverage: {
        mapped: sortKeys(mapped),
        folded: sortKeys(folded),
        unmapped: unmapped.sort((a, b) => compareStrings(a.address, b.address) || compareLocations(a.location, b.location)),
        unresolved: dedupeUnresolved(this.unresolvedRefs),
        files: { ...files, byAdapter: sortKeys(files.byAdapter), unclaimed: [...files.unclaimed].sort(compareStrings) },
      },
      diagnostics: this.diagnostics.list(),
    };
  }

  /** Each component ends up directly inside at most one boundary: the innermost of those it was placed in. */
  private resolvePlacements(): void {
    const chain = (id: string): string[] => {
      const out: string[] = [];
      for (let b = this.boundaries.get(id); b && !out.includes(b.id); b = b.parent ? this.boundaries.get(b.parent) : undefined) out.push(b.id);
      return out;
    };
    for (const [componentId, set] of [...this.placements].sort((a, b) => compareStrings(a[0], b[0]))) {
      if (!this.components.has(componentId)) continue;
      const candidates = [...set].filter((id) => this.boundaries.has(id)).sort(compareStrings);
      if (candidates.length === 0) continue;
      // The innermost: the candidate with the longest ancestor chain.
      const chosen = candidates.reduce((best, id) => (chain(id).length > chain(best).length ? id : best));
      const ancestors = new Set(chain(chosen));
      const unrelated = candidates.filter((id) => !ancestors.has(id));
      if (unrelated.length > 0) {
        const c = this.components.get(componentId)!;
        const loc = c.sources[0]?.location ?? { file: '', line: 0 };
        this.diagnostics.info(
          'boundary-overlap',
          loc,
          `${componentId} is in trust boundaries ${[chosen, ...unrelated].join(', ')}; Threagile allows one, kept ${chosen}`,
        );
      }
      this.boundaries.get(chosen)!.members.push(componentId);
    }
  }
}

function sortById<T extends { id: string }>(items: T[]): T[] {
  return items.sort((a, b) => compareStrings(a.id, b.id));
}

function compareLocations(a: Location, b: Location): number {
  return compareStrings(a.file, b.file) || a.line - b.line;
}

function sortEvidence(items: Evidence[]): Evidence[] {
  // Most elements carry one piece of evidence: nothing to deduplicate or order.
  if (items.length < 2) return [...items];
  const seen = new Set<string>();
  const out: Evidence[] = [];
  for (const e of items) {
    const key = `${e.kind}\0${e.detail}\0${e.location.file}\0${e.location.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.sort(
    (a, b) => compareLocations(a.location, b.location) || compareStrings(a.kind, b.kind) || compareStrings(a.detail, b.detail),
  );
}

function sortSources(items: SourceRef[]): SourceRef[] {
  if (items.length < 2) return [...items];
  const seen = new Set<string>();
  const out: SourceRef[] = [];
  for (const s of items) {
    const key = `${s.address}\0${s.location.file}\0${s.location.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(s);
  }
  return out.sort((a, b) => compareStrings(a.address, b.address) || compareLocations(a.location, b.location));
}

function sortKeys<T>(obj: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const k of Object.keys(obj).sort(compareStrings)) out[k] = obj[k]!;
  return out;
}

function dedupeUnresolved(items: UnresolvedReference[]): UnresolvedReference[] {
  const seen = new Set<string>();
  return items
    .filter((u) => {
      const key = `${u.reference}\0${u.reason}\0${u.location.file}\0${u.location.line}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .sort((a, b) => compareLocations(a.location, b.location) || compareStrings(a.reference, b.reference) || compareStrings(a.reason, b.reason));
}

/** Drop boundaries that hold no component, directly or through nested boundaries. */
function pruneEmptyBoundaries(boundaries: Boundary[]): Boundary[] {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const live = new Set<string>();
  for (const b of boundaries) {
    if (b.members.length === 0) continue;
    for (let cur: Boundary | undefined = b; cur && !live.has(cur.id); cur = cur.parent ? byId.get(cur.parent) : undefined) live.add(cur.id);
  }
  return boundaries
    .filter((b) => live.has(b.id))
    .map((b) => {
      if (b.parent !== undefined && !live.has(b.parent)) {
        const { parent: _dropped, ...rest } = b;
        return rest;
      }
      return b;
    });
}
