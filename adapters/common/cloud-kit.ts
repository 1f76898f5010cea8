/**
 * The shared machinery of the catalog-driven cloud semantics (GCP, Azure): index the resources of
 * one scan by address and by name, give each component resource a stable id, turn references into
 * components, and write evidence that points at the attribute's line when the adapter knows it.
 *
 * A provider supplies a catalog (resource type → role) and the passes that read its resource
 * graph; everything here is provider-neutral.
 */
import type { GraphBuilder } from '../../src/graph/builder.js';
import { slug } from '../../src/graph/ids.js';
import { isResourceRef, isTemplateValue, type Resource, type ResourceRef } from '../../src/graph/resource.js';
import type { DataAssetKind, Evidence, Location, SourceRef } from '../../src/graph/types.js';
import type { Encryption, Machine, Protocol, TechnicalAssetType, Technology } from '../../src/model/enums.js';
import { guessProtocol } from './protocols.js';
import { isObj, refOf, str } from './tf-values.js';

/** What a managed cloud product is, in every provider's catalog (AWS, GCP, Azure). */
export interface ProductSpec {
  /** Short, id-safe label of the kind (`cloud-sql`, `gcs`, `rds`), used to disambiguate ids. */
  kind: string;
  /** Human product name for titles and evidence (`Cloud SQL`). */
  product: string;
  type: TechnicalAssetType;
  technology: Technology;
  machine: Machine;
  /** The port clients call when nothing else says. */
  port?: number;
  /** The protocol clients speak when nothing else says. */
  protocol?: Protocol;
}

/** What a component resource type is. */
export interface ComponentSpec extends ProductSpec {
  /** Encryption at rest when the configuration says nothing (cloud storage is encrypted by the provider). */
  encryption?: Encryption;
  /** The data asset this component holds (one per component, named after it). */
  dataAsset?: DataAssetKind;
}

/**
 * One catalog entry per resource type:
 * - `component`: becomes a component;
 * - `fold`: folded into a component, flow or boundary by a pass (`parent` names the attribute whose
 *   reference points at the owning component, so references to the child resolve to the parent);
 * - `boundary`: a network boundary (VPC, subnet).
 */
export type CatalogEntry =
  | { role: 'component'; spec: ComponentSpec }
  | { role: 'fold'; parent?: string[] }
  | { role: 'boundary' };

export type Catalog = Readonly<Record<string, CatalogEntry>>;

/** Labels too generic to be an id on their own (`google_sql_database_instance.main` → `cloud-sql-main`). */
const GENERIC_LABELS = new Set(['this', 'main', 'default', 'example', 'primary', 'test', 'resource', 'instance', 'server', 'app', 'db']);

export class CloudContext {
  readonly byAddress = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();
  private readonly catalogTypes: string[];
  private readonly byTypeAndName = new Map<string, Resource>();
  /** Resource address → the component it is or is folded into. */
  private readonly owner = new Map<string, string>();
  private readonly specs = new Map<string, ComponentSpec>();
  /** Component id → the data assets it stores (its own and its children's). */
  private readonly storedAssets = new Map<string, string[]>();
  /** Resource address → the data asset it holds (a bucket's objects, a secret), so that readers can be recorded. */
  readonly dataAssetOf = new Map<string, string>();

  constructor(
    readonly resources: readonly Resource[],
    readonly graph: GraphBuilder,
    readonly catalog: Catalog,
  ) {
    this.catalogTypes = Object.keys(catalog);
    for (const r of resources) {
      this.byAddress.set(r.address, r);
      const same = this.byType.get(r.type);
      if (same) same.push(r);
      else this.byType.set(r.type, [r]);
      const name = str(r.attributes['name']);
      if (name !== undefined) {
        const key = `${r.type}\0${name}`;
        if (!this.byTypeAndName.has(key)) this.byTypeAndName.set(key, r);
      }
    }
  }

  entry(r: Resource): CatalogEntry | undefined {
    return this.catalog[r.type];
  }

  /** Resources of these types, in the sorted order of the scan. */
  ofType(...types: string[]): Resource[] {
    if (types.length === 1) return this.byType.get(types[0]!) ?? [];
    const wanted = new Set(types);
    return this.resources.filter((r) => wanted.has(r.type));
  }

  /**
   * The resource a value points at: a reference (`google_compute_network.vpc.id`), a string built
   * around one, or a plain name looked up among `types` (`network = "default"`, `server_name = "sql1"`).
   */
  resolve(v: unknown, types?: readonly string[]): Resource | undefined {
    const ref = refOf(v);
    if (ref) return this.byAddress.get(ref.$ref);
    const name = str(v);
    if (name === undefined || !types) return undefined;
    // Full cloud ids (`projects/p/global/networks/vpc`, `/subscriptions/…/virtualNetworks/vnet`) end in the name.
    const last = name.split('/').pop()!;
    for (const t of types) {
      const hit = this.byTypeAndName.get(`${t}\0${name}`) ?? this.byTypeAndName.get(`${t}\0${last}`);
      if (hit) return hit;
    }
    return undefined;
  }

  // ---- components ---------------------------------------------------------------------------

  /** Assign ids to every component resource up front, so that ids depend on the whole set, not on order. */
  allocateIds(): void {
    const components = this.resources.filter((r) => this.entry(r)?.role === 'component');
    const taken = new Set(this.graph.componentIds());
    const candidatesOf = (r: Resource): string[] => {
      const spec = (this.entry(r) as { spec: ComponentSpec }).spec;
      const moduleName = r.group?.replace(/^module\./, '').replace(/\.module\./g, '-');
      return [
        GENERIC_LABELS.has(r.name.toLowerCase()) ? '' : slug(r.name),
        slug(spec.kind, r.name),
        slug(moduleName, spec.kind, r.name),
        slug(moduleName, spec.kind, r.name, r.type),
      ];
    };
    // A candidate shared by two resources is used by neither, so that ids do not depend on order.
    const count = new Map<string, number>();
    for (const r of components) for (const c of new Set(candidatesOf(r))) count.set(c, (count.get(c) ?? 0) + 1);
    for (const r of components) {
      const spec = (this.entry(r) as { spec: ComponentSpec }).spec;
      const candidates = candidatesOf(r);
      const id = candidates.find((c) => c && count.get(c) === 1 && !taken.has(c)) ?? candidates[candidates.length - 1]!;
      taken.add(id);
      this.owner.set(r.address, id);
      this.specs.set(id, spec);
    }
  }

  /** Create the component for a component resource, with its catalog defaults and the overrides. */
  addComponent(r: Resource, extra: { attributes?: Record<string, string | number | boolean | string[] | null>; encryption?: Encryption; technology?: Technology; evidence?: Evidence[] } = {}): string {
    const id = this.owner.get(r.address)!;
    const spec = this.specs.get(id)!;
    const title = str(r.attributes['name']) ?? r.name;
    // An explicit binding to a model asset (DESIGN §4): GCP label / Azure tag `threagile-asset`.
    const binding = ['labels', 'tags'].map((k) => r.attributes[k]).map((m) => (isObj(m) ? str(m['threagile-asset']) : undefined)).find((v) => v);
    const c = this.graph.addComponent({
      id,
      title,
      type: spec.type,
      technology: extra.technology ?? spec.technology,
      machine: spec.machine,
      encryption: extra.encryption ?? spec.encryption ?? 'none',
      sources: [this.source(r)],
      attributes: { resource_type: r.type, ...(binding ? { 'threagile-asset': binding } : {}), ...(extra.attributes ?? {}) },
      evidence: [this.ev(r, 'tf-resource', `${spec.product} ${r.type}.${r.name}`), ...(extra.evidence ?? [])],
      ...(r.multiplicity !== undefined ? { multiplicity: r.multiplicity } : {}),
      ...(r.group !== undefined ? { group: r.group } : {}),
    });
    this.graph.markMapped(r);
    if (spec.dataAsset) {
      const d = this.graph.addDataAsset({
        id: slug(id, spec.dataAsset === 'database' ? 'data' : spec.dataAsset),
        title: `${c.title} (${spec.dataAsset})`,
        kind: spec.dataAsset,
        sources: [this.source(r)],
        evidence: [this.ev(r, 'tf-resource', `${spec.product} ${r.type}.${r.name} holds data`)],
      });
      this.storeAsset(d.id, id);
      this.dataAssetOf.set(r.address, d.id);
    }
    return id;
  }

  /** Record that a component stores a data asset at rest. */
  storeAsset(assetId: string, componentId: string): void {
    this.graph.useDataAsset(assetId, componentId, 'stored');
    const l = this.storedAssets.get(componentId) ?? [];
    if (!l.includes(assetId)) l.push(assetId);
    this.storedAssets.set(componentId, l);
  }

  /**
   * Record that `caller` reads or writes what `target` holds: the child's own asset when the target
   * is a folded child (a container, a secret), every asset of the component when it is the component.
   */
  recordAccess(caller: string, target: Resource): void {
    const own = this.dataAssetOf.get(target.address);
    const id = this.componentOf(target);
    const isComponent = this.entry(target)?.role === 'component';
    const assets = isComponent && id ? (this.storedAssets.get(id) ?? []) : own ? [own] : [];
    for (const a of assets) this.graph.useDataAsset(a, caller, 'processed');
  }

  /** The component a resource is, or is folded into. */
  componentOf(r: Resource | undefined): string | undefined {
    return r ? this.owner.get(r.address) : undefined;
  }

  /** Record that a folded resource belongs to a component (references to it then resolve there). */
  setOwner(r: Resource, componentId: string): void {
    if (!this.owner.has(r.address)) this.owner.set(r.address, componentId);
  }

  spec(componentId: string): ComponentSpec | undefined {
    return this.specs.get(componentId);
  }

  /**
   * Follow `parent` attributes of folded resources to their owning component (a Cloud SQL database
   * to its instance, a Key Vault secret to its vault), in as many steps as needed.
   */
  assignFoldOwners(): void {
    const visit = (r: Resource, depth: number): string | undefined => {
      const known = this.owner.get(r.address);
      if (known || depth > 4) return known;
      const e = this.entry(r);
      if (e?.role !== 'fold' || !e.parent) return undefined;
      for (const attr of e.parent) {
        const target = this.resolve(r.attributes[attr], this.parentTypes);
        const id = target ? visit(target, depth + 1) : undefined;
        if (id) {
          this.owner.set(r.address, id);
          return id;
        }
      }
      return undefined;
    };
    for (const r of this.resources) visit(r, 0);
  }

  /** Types a plain-name parent may be looked up among: every component and fold type of the catalog. */
  private get parentTypes(): string[] {
    return this.catalogTypes;
  }

  // ---- evidence -----------------------------------------------------------------------------

  source(r: Resource): SourceRef {
    return { address: r.address, location: { ...r.location } };
  }

  /**
   * The location of a nested attribute: tries the path as given, then shorter prefixes, then the
   * resource. A segment without an index also matches the first block of that name (`network_interface`
   * → `network_interface[0]`), the adapter's spelling for nested blocks.
   */
  loc(r: Resource, path?: string): Location {
    if (path && r.lines) {
      const parts = path.split('.');
      for (let n = parts.length; n > 0; n--) {
        const prefix = parts.slice(0, n);
        for (const key of [prefix.join('.'), prefix.map((p) => (p.endsWith(']') ? p : `${p}[0]`)).join('.')]) {
          const line = r.lines[key];
          if (line) return { ...r.location, line };
        }
      }
    }
    return { ...r.location };
  }

  ev(r: Resource, kind: string, detail: string, path?: string): Evidence {
    return { kind, detail, location: this.loc(r, path) };
  }

  // ---- flows --------------------------------------------------------------------------------

  /** A flow caller → callee whose protocol comes from the port or, failing that, the callee's kind. */
  flow(source: string, target: string, init: { port?: number; protocol?: Protocol; encrypted?: boolean; confidence: 'declared' | 'configured' | 'inferred'; evidence: Evidence[] }): void {
    const spec = this.specs.get(target);
    const port = init.port ?? spec?.port ?? this.portAttribute(target);
    const guess = init.protocol
      ? { protocol: init.protocol, encrypted: init.encrypted ?? /encrypted|https|wss|ssh|ldaps|ftps|sftp/.test(init.protocol) }
      : spec?.protocol
        ? { protocol: spec.protocol, encrypted: /encrypted|https|wss/.test(spec.protocol) }
        : guessProtocol({ ...(port !== undefined ? { port } : {}), ...(spec ? { technology: spec.technology } : {}) });
    this.graph.addFlow({
      source,
      target,
      protocol: guess.protocol,
      encrypted: init.encrypted ?? guess.encrypted,
      confidence: init.confidence,
      evidence: init.evidence,
      ...(port !== undefined ? { port } : {}),
    });
  }

  /** A port the provider pass recorded on the component (e.g. from a database engine). */
  private portAttribute(componentId: string): number | undefined {
    const p = this.graph.component(componentId)?.attributes['port'];
    return typeof p === 'number' ? p : undefined;
  }

  /** Expose a component to the internet with the evidence chain. */
  expose(componentId: string, evidence: Evidence[], opts: { port?: number; protocol?: Protocol; confidence?: 'declared' | 'configured' | 'inferred' } = {}): void {
    const spec = this.specs.get(componentId);
    const port = opts.port ?? spec?.port ?? this.portAttribute(componentId);
    const protocol = opts.protocol ?? spec?.protocol ?? guessProtocol({ ...(port !== undefined ? { port } : {}), ...(spec ? { technology: spec.technology } : {}) }).protocol;
    this.graph.exposeToInternet(componentId, {
      evidence,
      protocol,
      confidence: opts.confidence ?? 'declared',
      ...(port !== undefined ? { port } : {}),
    });
  }

  /**
   * Flows from configuration: every reference under `paths` (env vars, app settings, connection
   * strings, annotations) that names another component is a call from `caller` to it.
   */
  configuredFlows(r: Resource, caller: string, topKeys: readonly string[], isConfigPath: (path: string) => boolean): void {
    for (const key of topKeys) {
      walkRefs(r.attributes[key], key, (ref, path, envName) => {
        if (!isConfigPath(path)) return;
        const target = this.byAddress.get(ref.$ref);
        const callee = this.componentOf(target);
        if (!target) return;
        this.recordAccess(caller, target);
        if (!callee || callee === caller) return;
        this.flow(caller, callee, {
          confidence: 'configured',
          evidence: [this.ev(r, 'tf-config-reference', `${r.type}.${r.name} ${envName ? `${envName} (${path})` : path} references ${target.type}.${target.name}${ref.attribute ? `.${ref.attribute}` : ''}`, path)],
        });
      });
    }
  }

  // ---- boundaries ---------------------------------------------------------------------------

  boundaryId(r: Resource): string {
    return slug(r.type.replace(/^(data\.)?(google_compute_|azurerm_)/, '$1'), r.group?.replace(/^module\./, ''), r.name);
  }
}

/**
 * Visit every reference inside a value with its dotted path (`template[0].spec[0].containers[0].env[1].value`)
 * and the nearest enclosing entry's plain `name` (an env var's name, never its value).
 */
export function walkRefs(value: unknown, path: string, visit: (ref: ResourceRef, path: string, name?: string) => void, depth = 0, name?: string): void {
  if (depth > 32 || value === null || typeof value !== 'object') return;
  if (isResourceRef(value)) return visit(value, path, name);
  if (isTemplateValue(value)) {
    for (const p of value.$template) if (isResourceRef(p)) visit(p, path, name);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walkRefs(v, `${path}[${i}]`, visit, depth + 1, name));
    return;
  }
  if (isObj(value)) {
    const own = str(value['name']) ?? name;
    for (const [k, v] of Object.entries(value)) if (!(k === 'name' && str(v) !== undefined)) walkRefs(v, `${path}.${k}`, visit, depth + 1, own);
  }
}
