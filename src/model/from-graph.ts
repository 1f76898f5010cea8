/**
 * ArchitectureGraph → a starter ThreagileModel for `infragile init`. Infra facts (type, technology,
 * machine, internet, encryption, protocols, boundaries, which secrets/databases exist) come from the
 * graph; human knowledge (CIA ratings, data sensitivity, owners) gets conservative defaults plus a
 * `TODO` comment telling the owner what to review. Every asset carries `iac:<source address>` tags so
 * drift can bind it exactly later (DESIGN §4), and its evidence (file:line) in its description.
 *
 * Deterministic: graph elements are sorted by id here, whatever order the graph lists them in.
 */
import type { ArchitectureGraph, Boundary, Component, DataAsset, DataAssetKind, Evidence, Flow, SourceRef } from '../graph/types.js';
import type { Confidentiality, Criticality, Quantity, Usage } from './enums.js';
import { GENERATED_ID, linkId, slugId } from './ids.js';
import { emptyModel, sanitizeTitle } from './defaults.js';
import type { CommunicationLink, ModelDataAsset, TechnicalAsset, ThreagileModel, TrustBoundary } from './types.js';
import type { WriteComments } from './write.js';

export interface FromGraphOptions {
  /** Model title (sanitized to ≤ 31 Excel-safe characters). */
  title: string;
  /** What was scanned, for the overview text (e.g. `infra/`); never an absolute path. */
  scanned?: string;
}

export interface StarterModel {
  model: ThreagileModel;
  comments: WriteComments;
}

/** How many evidence locations a description lists before summarising the rest. */
const MAX_EVIDENCE_IN_DESCRIPTION = 6;

interface Rating {
  confidentiality: Confidentiality;
  integrity: Criticality;
  availability: Criticality;
}

/** Conservative CIA defaults for technical assets: datastores hold data worth protecting. */
const ASSET_RATING: Record<Component['type'], Rating> = {
  datastore: { confidentiality: 'confidential', integrity: 'important', availability: 'important' },
  process: { confidentiality: 'internal', integrity: 'operational', availability: 'operational' },
  'external-entity': { confidentiality: 'internal', integrity: 'operational', availability: 'operational' },
};

/** Data sensitivity by what infra can see; one row per kind (adding a kind touches this table only). */
const DATA_RATING: Record<DataAssetKind, Rating & { quantity: Quantity; usage: Usage; hint: string }> = {
  secret: { confidentiality: 'strictly-confidential', integrity: 'critical', availability: 'important', quantity: 'very-few', usage: 'devops', hint: 'a secret: who may read it, and what it unlocks' },
  credential: { confidentiality: 'strictly-confidential', integrity: 'critical', availability: 'important', quantity: 'very-few', usage: 'devops', hint: 'credentials: what they grant access to' },
  database: { confidentiality: 'confidential', integrity: 'critical', availability: 'important', quantity: 'many', usage: 'business', hint: 'database contents: personal, financial or otherwise sensitive data?' },
  bucket: { confidentiality: 'confidential', integrity: 'important', availability: 'important', quantity: 'many', usage: 'business', hint: 'stored objects: public content or private documents?' },
  volume: { confidentiality: 'confidential', integrity: 'important', availability: 'important', quantity: 'many', usage: 'business', hint: 'files on a persistent volume: what the workload writes there' },
  queue: { confidentiality: 'internal', integrity: 'important', availability: 'important', quantity: 'many', usage: 'business', hint: 'messages in the queue: what they carry' },
  stream: { confidentiality: 'internal', integrity: 'important', availability: 'important', quantity: 'many', usage: 'business', hint: 'events in the stream: what they carry' },
  config: { confidentiality: 'internal', integrity: 'important', availability: 'operational', quantity: 'very-few', usage: 'devops', hint: 'configuration: does it hold endpoints, feature flags, anything secret?' },
};

export function modelFromGraph(graph: ArchitectureGraph, options: FromGraphOptions): StarterModel {
  return new StarterBuilder(graph, options).build();
}

class StarterBuilder {
  private readonly model = emptyModel();
  private readonly comments: Required<Pick<WriteComments, 'entities' | 'fields'>> & WriteComments = { entities: {}, fields: {} };
  /** graph component id → technical asset id */
  private readonly assetIdOf = new Map<string, string>();
  private readonly assetsByGraphId = new Map<string, TechnicalAsset>();
  private readonly dataIdOf = new Map<string, string>();
  private readonly tags = new Set<string>();

  constructor(
    private readonly graph: ArchitectureGraph,
    private readonly options: FromGraphOptions,
  ) {}

  build(): StarterModel {
    const m = this.model;
    m.title = sanitizeTitle(this.options.title);
    m.author = { name: 'TODO' };
    m.businessCriticality = 'important';
    const components = [...this.graph.components].sort(byId);
    const flows = [...this.graph.flows].sort((a, b) => compare(a.source, b.source) || compare(a.target, b.target) || compare(a.id, b.id));
    const boundaries = [...this.graph.boundaries].sort(byId);
    const dataAssets = [...this.graph.dataAssets].sort(byId);

    this.comments.header = [
      `Starter Threagile model generated by \`infragile init\`${this.options.scanned ? ` from ${this.options.scanned}` : ''}.`,
      'Infrastructure facts (types, technologies, exposure, links, boundaries) come from the scanned files;',
      'fields marked TODO are conservative guesses that only a human can confirm. Keep the `iac:` tags:',
      'they bind each asset to its infrastructure for `infragile drift`.',
    ].join('\n');
    this.comments.fields.model = {
      author: 'TODO: who owns this threat model',
      business_criticality: 'TODO: review how critical this system is to the business (archive … mission-critical)',
    };
    m.businessOverview.description = `${this.options.scanned ? `Generated from ${this.options.scanned}: ` : ''}${components.length} technical assets, ${flows.length} communication links, ${boundaries.length} trust boundaries, ${dataAssets.length} data assets.`;
    m.technicalOverview.description = 'Derived from infrastructure as code by infragile; see each asset description for the evidence (file:line).';

    this.dataAssets(dataAssets);
    this.technicalAssets(components);
    this.links(flows);
    this.dataUsage(dataAssets);
    this.trustBoundaries(boundaries);
    m.tagsAvailable = [...this.tags].sort(compare);
    // Ids may differ from graph ids (slugged, de-duplicated): order the output by what is written.
    m.technicalAssets.sort(byId);
    m.dataAssets.sort(byId);
    m.trustBoundaries.sort(byId);
    return { model: m, comments: this.comments };
  }

  private dataAssets(dataAssets: DataAsset[]): void {
    const titles = new UniqueTitles();
    const ordered = allocateIds(dataAssets, this.dataIdOf);
    for (const d of ordered) {
      const id = this.dataIdOf.get(d.id)!;
      const rating = DATA_RATING[d.kind];
      const asset: ModelDataAsset = {
        title: titles.take(d.title, id),
        id,
        description: describe(`${capitalize(d.kind)} seen in infrastructure`, d.sources, d.evidence),
        usage: rating.usage,
        tags: [],
        origin: '',
        owner: '',
        quantity: rating.quantity,
        confidentiality: rating.confidentiality,
        integrity: rating.integrity,
        availability: rating.availability,
        justificationCiaRating: 'Conservative default from infragile init; not reviewed yet.',
      };
      this.model.dataAssets.push(asset);
      this.comments.fields[`data_assets/${id}`] = {
        quantity: 'TODO: review how many records this is (very-few, few, many, very-many)',
        confidentiality: `TODO: review the rating of ${rating.hint}`,
      };
    }
  }

  private technicalAssets(components: Component[]): void {
    const titles = new UniqueTitles();
    // Titles are handed out in the order of the ids written, so a clash suffixes the same asset every time.
    const ordered = allocateIds(components, this.assetIdOf);
    for (const c of ordered) {
      const id = this.assetIdOf.get(c.id)!;
      const rating = ASSET_RATING[c.type];
      const tags = [...new Set(c.sources.map((s) => iacTag(s.address)))].sort(compare);
      for (const t of tags) this.tags.add(t);
      const isInternet = c.id === 'internet';
      const multiplicity = typeof c.multiplicity === 'number' ? c.multiplicity : undefined;
      const asset: TechnicalAsset = {
        title: titles.take(c.title, id),
        id,
        description: isInternet
          ? 'Anyone on the internet: the source of every flow into an internet-facing asset.'
          : describe(`${capitalize(c.type === 'datastore' ? 'datastore' : c.type === 'external-entity' ? 'external system' : 'workload')} seen in infrastructure`, c.sources, c.evidence),
        type: c.type,
        usage: 'business',
        usedAsClientByHuman: false,
        outOfScope: isInternet,
        justificationOutOfScope: isInternet ? 'The public internet is not operated by us.' : '',
        size: 'service',
        technology: c.technology,
        tags,
        internet: c.internet,
        machine: c.machine,
        encryption: c.encryption,
        owner: '',
        confidentiality: rating.confidentiality,
        integrity: rating.integrity,
        availability: rating.availability,
        justificationCiaRating: 'Conservative default from infragile init; not reviewed yet.',
        multiTenant: false,
        redundant: multiplicity !== undefined && multiplicity > 1,
        customDevelopedParts: false,
        dataAssetsProcessed: [],
        dataAssetsStored: [],
        dataFormatsAccepted: [],
        diagramTweakOrder: 0,
        communicationLinks: [],
      };
      this.model.technicalAssets.push(asset);
      this.assetsByGraphId.set(c.id, asset);
      const key = `technical_assets/${id}`;
      if (isInternet) {
        this.comments.fields[key] = { used_as_client_by_human: 'TODO: set to true if people use this system from their browsers or apps' };
      } else {
        this.comments.fields[key] = {
          owner: 'TODO: the team that owns this asset',
          confidentiality:
            c.type === 'datastore'
              ? 'TODO: review confidentiality/integrity/availability: defaults assume this datastore holds sensitive data'
              : 'TODO: review confidentiality/integrity/availability of this asset itself (its data is rated on the data assets)',
          custom_developed_parts: 'TODO: true if your team writes code that runs here (enables code-level risk rules)',
        };
      }
    }
  }

  private links(flows: Flow[]): void {
    const usedIds = new Map<string, Set<string>>(); // source asset id → link ids taken
    for (const f of flows) {
      const source = this.assetsByGraphId.get(f.source);
      const target = this.assetsByGraphId.get(f.target);
      if (!source || !target) continue;
      const taken = usedIds.get(source.id) ?? new Set<string>();
      usedIds.set(source.id, taken);
      const base = f.port !== undefined ? `${target.title} on ${f.port}` : `To ${target.title}`;
      let title = base;
      for (let n = 2; taken.has(linkId(source.id, title)); n++) title = `${base} (${n})`;
      taken.add(linkId(source.id, title));
      const link: CommunicationLink = {
        id: linkId(source.id, title),
        title,
        sourceId: source.id,
        targetId: target.id,
        description: describe(`${capitalize(f.confidence)} flow`, [], f.evidence),
        protocol: f.protocol,
        authentication: f.authentication,
        authorization: f.authentication === 'none' ? 'none' : 'technical-user',
        tags: [],
        vpn: false,
        ipFiltered: false,
        readonly: false,
        usage: 'business',
        dataAssetsSent: [],
        dataAssetsReceived: [],
        diagramTweakWeight: 1,
        diagramTweakConstraint: false,
      };
      source.communicationLinks.push(link);
      if (f.authentication === 'none' && f.source !== 'internet') {
        this.comments.fields[`links/${link.id}`] = { authentication: 'TODO: no authentication was visible in infrastructure; set what the caller really uses' };
      }
    }
  }

  /** data_assets_processed/stored, and the data exchanged on links into the assets that store it. */
  private dataUsage(dataAssets: DataAsset[]): void {
    const storedBy = new Map<string, Set<string>>(); // asset id → data ids stored
    for (const d of dataAssets) {
      const dataId = this.dataIdOf.get(d.id)!;
      for (const cid of [...d.storedBy].sort(compare)) {
        const a = this.assetsByGraphId.get(cid);
        if (!a) continue;
        add(a.dataAssetsStored, dataId);
        add(a.dataAssetsProcessed, dataId);
        const set = storedBy.get(a.id) ?? new Set<string>();
        set.add(dataId);
        storedBy.set(a.id, set);
      }
      for (const cid of [...d.processedBy].sort(compare)) {
        const a = this.assetsByGraphId.get(cid);
        if (a) add(a.dataAssetsProcessed, dataId);
      }
    }
    for (const a of this.model.technicalAssets) {
      a.dataAssetsProcessed.sort(compare);
      a.dataAssetsStored.sort(compare);
      for (const l of a.communicationLinks) {
        // A caller that processes data its callee stores reads and writes it over this link.
        const stored = storedBy.get(l.targetId);
        if (!stored) continue;
        const shared = a.dataAssetsProcessed.filter((d) => stored.has(d));
        l.dataAssetsSent = [...shared];
        l.dataAssetsReceived = [...shared];
      }
    }
  }

  private trustBoundaries(boundaries: Boundary[]): void {
    const titles = new UniqueTitles();
    const boundaryIdOf = new Map<string, string>();
    const ordered = allocateIds(boundaries, boundaryIdOf);
    const placed = new Set<string>();
    const byId = new Map<string, TrustBoundary>();
    for (const b of ordered) {
      const id = boundaryIdOf.get(b.id)!;
      const inside: string[] = [];
      for (const member of b.members) {
        const assetId = this.assetIdOf.get(member);
        // Threagile: directly inside at most one boundary. The graph guarantees it; guard anyway.
        if (assetId === undefined || placed.has(assetId)) continue;
        placed.add(assetId);
        inside.push(assetId);
      }
      const tb: TrustBoundary = {
        title: titles.take(b.title, id),
        id,
        description: describe('Trust boundary seen in infrastructure', [], b.evidence),
        type: b.type,
        tags: [],
        technicalAssetsInside: inside.sort(compare),
        trustBoundariesNested: [],
      };
      byId.set(b.id, tb);
      this.model.trustBoundaries.push(tb);
    }
    for (const b of boundaries) {
      if (b.parent === undefined) continue;
      const parent = byId.get(b.parent);
      const child = boundaryIdOf.get(b.id);
      if (parent && child && b.parent !== b.id) parent.trustBoundariesNested.push(child);
    }
    for (const tb of this.model.trustBoundaries) tb.trustBoundariesNested.sort(compare);
  }
}

/** `iac:<address>`, lower-cased as Threagile lower-cases every tag. */
export function iacTag(address: string): string {
  return `iac:${address}`.toLowerCase().replace(/\s+/g, '-');
}

/**
 * A description listing where an element was seen, one `file:line` per line so a reviewer can jump to
 * each (written as a YAML block scalar).
 */
/**
 * Gives each graph element a unique model id (recorded in `idOf`, graph id → model id) and returns
 * the elements in the order of those ids, the order the model is written in.
 */
function allocateIds<T extends { id: string }>(items: readonly T[], idOf: Map<string, string>): T[] {
  const ids = new UniqueIds();
  for (const x of items) idOf.set(x.id, ids.take(x.id));
  return [...items].sort((a, b) => compare(idOf.get(a.id)!, idOf.get(b.id)!));
}

function describe(lead: string, sources: SourceRef[], evidence: Evidence[]): string {
  const lines = [`${lead}.`];
  const srcs = [...sources].sort((a, b) => compare(a.address, b.address) || compare(where(a.location), where(b.location)));
  if (srcs.length) lines.push('Sources:', ...srcs.map((s) => `- ${s.address} (${where(s.location)})`));
  const ev = [...evidence].sort((a, b) => compare(where(a.location), where(b.location)) || compare(a.kind, b.kind) || compare(a.detail, b.detail));
  const shown = ev.slice(0, MAX_EVIDENCE_IN_DESCRIPTION);
  if (shown.length) lines.push('Evidence:', ...shown.map((e) => `- ${redact(e.detail)} (${where(e.location)})`));
  if (ev.length > shown.length) lines.push(`- and ${ev.length - shown.length} more (infragile explain shows all)`);
  return lines.join('\n');
}

function where(l: { file: string; line: number; template?: string }): string {
  return `${l.file}:${l.line}${l.template ? ` [${l.template}]` : ''}`;
}

/**
 * Defence in depth: adapters never put secret values in evidence, but a URL with inline credentials or a
 * `password=…` fragment must not reach a model file even if one slips through.
 */
export function redact(text: string): string {
  return text
    .replace(/(\w+:\/\/)[^\s/@:]+:[^\s/@]+@/g, '$1***@')
    .replace(/\b(password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key)(\s*[=:]\s*)([^\s,;&]+)/gi, '$1$2***');
}

class UniqueIds {
  private readonly taken = new Set<string>();
  take(wanted: string): string {
    const base = GENERATED_ID.test(wanted) ? wanted : slugId(wanted);
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }
}

/** Titles are YAML map keys and must be unique per collection; a clash gets the id appended. */
class UniqueTitles {
  private readonly taken = new Set<string>();
  take(wanted: string, id: string): string {
    let title = wanted.trim() || id;
    if (this.taken.has(title)) title = `${title} (${id})`;
    for (let n = 2; this.taken.has(title); n++) title = `${wanted} (${id}-${n})`;
    this.taken.add(title);
    return title;
  }
}

function add(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return compare(a.id, b.id);
}
