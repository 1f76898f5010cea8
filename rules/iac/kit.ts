/**
 * What every rules/iac module shares: the rule definition (family 'iac' plus a severity rationale),
 * an indexed view of the graph the rule reads (components by id, flows by target, the resources
 * behind each component, the model asset bound to each component), and the one way to turn a
 * finding into a Threagile-shaped Risk with a stable synthetic id `<rule-id>@<component-id>[@<detail>]`
 * and its IaC evidence.
 *
 * The view is built once per graph (WeakMap cache) so fifteen rules cost one linear pass, not fifteen.
 */
import { makeRisk } from '../../src/analyze/risk.js';
import type { Risk, RiskCategory, Rule, RuleContext } from '../../src/analyze/types.js';
import type { ModelIndex } from '../../src/analyze/model-index.js';
import { locationOf, type Resource } from '../../src/graph/resource.js';
import { INTERNET_ID, type ArchitectureGraph, type Boundary, type Component, type Evidence, type Flow, type Location } from '../../src/graph/types.js';
import type { DataBreachProbability, ExploitationImpact, ExploitationLikelihood } from '../../src/model/enums.js';
import type { TechnicalAsset } from '../../src/model/types.js';

/** Rule metadata plus why the rule rates its findings the way it does (docs/rules.md prints it). */
export interface IacCategory extends RiskCategory {
  severityRationale: string;
}

// IaC rules read the RuleContext's optional `resources` (exact lines, facts the semantics keep only
// as a flag) and `assetOf` (reconcile's component → asset binding). Without them a rule still works,
// with coarser locations and component ids as asset ids.

/** What a finding is about: a component, or a resource/boundary with no component of its own. */
export interface Anchor {
  id: string;
  title: string;
  /** The model technical asset, when the anchor is a component. */
  component?: Component;
}

export interface Finding {
  anchor: Anchor;
  /** Third synthetic-id part, when one component can have several findings of the rule. */
  detail?: string;
  likelihood: ExploitationLikelihood;
  impact: ExploitationImpact;
  /** What is wrong, plain text; the title becomes `<b>Rule title</b> risk at <b>Component</b>: what`. */
  what: string;
  evidence: Evidence[];
  dataBreachProbability?: DataBreachProbability;
  dataAsset?: string;
  boundary?: string;
  /** Other components the finding puts at risk (default: the anchor's). */
  affected?: readonly string[];
}

export function anchorOf(c: Component): Anchor {
  return { id: c.id, title: c.title, component: c };
}

export class IacView {
  readonly model: ModelIndex;
  readonly graph: ArchitectureGraph;
  /** Components in id order, without the internet and without out-of-scope assets. */
  readonly components: readonly Component[];
  private readonly byId = new Map<string, Component>();
  private readonly flowsTo = new Map<string, Flow[]>();
  private readonly boundaryOf = new Map<string, Boundary>();
  private readonly resourceByAddress = new Map<string, Resource>();
  private readonly resourcesByType = new Map<string, Resource[]>();
  private readonly assetOf: RuleContext['assetOf'];
  private readonly componentBySource = new Map<string, Component>();
  readonly hasResources: boolean;
  private readonly inScopeIds: Set<string>;

  constructor(model: ModelIndex, graph: ArchitectureGraph, extras: Pick<RuleContext, 'resources' | 'assetOf'>) {
    this.model = model;
    this.graph = graph;
    this.assetOf = extras.assetOf;
    this.hasResources = extras.resources !== undefined;
    for (const c of graph.components) {
      this.byId.set(c.id, c);
      for (const s of c.sources) if (!this.componentBySource.has(s.address)) this.componentBySource.set(s.address, c);
    }
    for (const f of graph.flows) {
      const list = this.flowsTo.get(f.target) ?? [];
      list.push(f);
      this.flowsTo.set(f.target, list);
    }
    for (const list of this.flowsTo.values()) list.sort((a, b) => cmp(a.id, b.id));
    for (const b of graph.boundaries) for (const m of b.members) this.boundaryOf.set(m, b);
    for (const r of extras.resources ?? []) {
      this.resourceByAddress.set(r.address, r);
      const list = this.resourcesByType.get(r.type) ?? [];
      list.push(r);
      this.resourcesByType.set(r.type, list);
    }
    this.components = [...graph.components]
      .filter((c) => c.id !== INTERNET_ID && !this.asset(c.id)?.outOfScope)
      .sort((a, b) => cmp(a.id, b.id));
    this.inScopeIds = new Set(this.components.map((c) => c.id));
  }

  /** A real, in-scope component (not the internet, not an out-of-scope asset). */
  inScope(componentId: string): boolean {
    return this.inScopeIds.has(componentId);
  }

  component(id: string): Component | undefined {
    return this.byId.get(id);
  }
  incoming(componentId: string): readonly Flow[] {
    return this.flowsTo.get(componentId) ?? [];
  }
  /** Flows from the internet component to this one: exposure, with the evidence that opened it. */
  fromInternet(componentId: string): Flow[] {
    return this.incoming(componentId).filter((f) => f.source === INTERNET_ID);
  }
  boundary(componentId: string): Boundary | undefined {
    return this.boundaryOf.get(componentId);
  }
  /** The component a resource address was built into (first by id when several claim it). */
  componentOf(address: string): Component | undefined {
    return this.componentBySource.get(address);
  }
  resource(address: string): Resource | undefined {
    return this.resourceByAddress.get(address);
  }
  ofType(...types: string[]): Resource[] {
    return types.flatMap((t) => this.resourcesByType.get(t) ?? []);
  }
  /** The parsed resources a component was built from, in source order. */
  resourcesOf(c: Component): Resource[] {
    return c.sources.map((s) => this.resourceByAddress.get(s.address)).filter((r): r is Resource => r !== undefined);
  }
  assetId(componentId: string): string {
    return this.assetOf?.(componentId) ?? componentId;
  }
  asset(componentId: string): TechnicalAsset | undefined {
    return this.model.asset(this.assetId(componentId));
  }
}

const views = new WeakMap<ArchitectureGraph, { ctx: RuleContext; view: IacView }>();

export function viewOf(ctx: RuleContext): IacView | undefined {
  if (!ctx.graph) return undefined;
  const cached = views.get(ctx.graph);
  // The engine hands every rule the same context objects: same model, resources and binding → same view.
  if (cached && cached.ctx.model === ctx.model && cached.ctx.resources === ctx.resources && cached.ctx.assetOf === ctx.assetOf) return cached.view;
  const view = new IacView(ctx.model, ctx.graph, ctx);
  views.set(ctx.graph, { ctx, view });
  return view;
}

export function iacRule(category: IacCategory, findings: (view: IacView) => Finding[]): Rule {
  return {
    family: 'iac',
    category,
    generateRisks(ctx: RuleContext): Risk[] {
      const view = viewOf(ctx);
      if (!view) return [];
      return findings(view).map((f) => toRisk(category, view, f));
    },
  };
}

function toRisk(category: IacCategory, view: IacView, f: Finding): Risk {
  const c = f.anchor.component;
  const assetId = c ? view.assetId(c.id) : '';
  const title = (c && view.model.asset(assetId)?.title) || f.anchor.title;
  const affected = f.affected ? [...new Set(f.affected.map((id) => view.assetId(id)))].sort(cmp) : assetId ? [assetId] : [];
  const risk = makeRisk(category, {
    likelihood: f.likelihood,
    impact: f.impact,
    title: `<b>${category.title}</b> risk at <b>${escapeHtml(title)}</b>: ${escapeHtml(f.what)}`,
    idParts: f.detail ? [f.anchor.id, f.detail] : [f.anchor.id],
    dataBreachProbability: f.dataBreachProbability ?? 'possible',
    dataBreachTechnicalAssets: affected,
    ...(assetId ? { mostRelevantTechnicalAsset: assetId } : {}),
    ...(f.dataAsset ? { mostRelevantDataAsset: f.dataAsset } : {}),
    ...(f.boundary ? { mostRelevantTrustBoundary: f.boundary } : {}),
  });
  risk.evidence = uniqueEvidence(f.evidence.length || !c ? f.evidence : sourceEvidence(c));
  return risk;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Evidence sorted by place and deduplicated: a finding lists each file:line once per fact. */
export function uniqueEvidence(list: readonly Evidence[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const e of list) seen.set(`${e.location.file}\u0000${e.location.line}\u0000${e.kind}\u0000${e.detail}`, e);
  return [...seen.values()].sort(
    (a, b) => cmp(a.location.file, b.location.file) || a.location.line - b.location.line || cmp(a.kind, b.kind) || cmp(a.detail, b.detail),
  );
}

/** Where the component is defined: one `iac-source` evidence per source. */
export function sourceEvidence(c: Component): Evidence[] {
  return c.sources.map((s) => ({ kind: 'iac-source', detail: `${s.address} defines ${c.id}`, location: s.location }));
}

/**
 * The location of a nested attribute: the deepest known line along the dotted path (adapters record
 * lines for maps and list items, not always for scalars), else the resource's own.
 */
export function attributeLocation(r: Resource, path: string): Location {
  let p = path;
  for (;;) {
    if (r.lines?.[p]) return locationOf(r, p);
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
    if (cut <= 0) return r.location;
    p = p.slice(0, cut);
  }
}

export function attributeEvidence(r: Resource, path: string, kind: string, detail: string): Evidence {
  return { kind, detail, location: attributeLocation(r, path) };
}

/** Evidence from the component's own evidence list whose detail mentions a word (e.g. `privileged`). */
export function evidenceMentioning(c: Component, pattern: RegExp): Evidence[] {
  return c.evidence.filter((e) => pattern.test(e.detail));
}

/** Names that suggest a secret: passwords, tokens, keys, credentials (never applied to values). */
export const SECRET_NAME = /(pass(word|wd)?|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential|auth[_-]?key|client[_-]?secret|signing[_-]?key)/i;
/** Names that look secret but hold none (a path to a mounted file, a reference to a vault entry). */
export const NOT_A_SECRET_VALUE = /(_FILE|_PATH|_REF|_ARN|_NAME|_ID|_URL)$/i;

export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !NOT_A_SECRET_VALUE.test(name);
}

export function strList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [];
}

/** Attribute lookup on the parsed body by dotted path with `[i]` indexes; first path that exists wins. */
export function get(r: Resource, ...paths: string[]): unknown {
  for (const path of paths) {
    let v: unknown = r.attributes;
    for (const part of path.split('.').flatMap((seg) => seg.split(/\[(\d+)\]/).filter(Boolean))) {
      if (v === null || typeof v !== 'object') {
        v = undefined;
        break;
      }
      // Terraform blocks come as one-element lists: step into them when a name follows.
      if (Array.isArray(v) && !/^\d+$/.test(part)) v = v[0];
      v = v === null || typeof v !== 'object' ? undefined : (v as Record<string, unknown>)[part];
    }
    if (v !== undefined) return v;
  }
  return undefined;
}

/** A boolean as IaC writes it (`true`, `"true"`), else undefined. */
export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'True') return true;
  if (v === 'false' || v === 'False') return false;
  return undefined;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^\d+$/.test(v.trim())) return Number(v);
  return undefined;
}

/** A lower-case `[a-z0-9-]` id part from any name (resource names, env var names). */
export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'x';
}

/** Components whose sources include a cloud resource read from Terraform or CloudFormation. */
export function isCloudComponent(c: Component): boolean {
  return c.sources.some((s) => s.address.startsWith('tf:') || s.address.startsWith('cfn:'));
}
