/**
 * A Threagile model indexed for analysis, with the derived data Threagile 0.9.1 computes before rules
 * run (notes §1.11): highest C/I/A including processed and stored data, trust-boundary helpers with
 * the implicit "" network-on-prem boundary for unbounded assets, and RAA. Built once per analysis;
 * every lookup is a map access, so rules stay linear in the model size.
 *
 * Dangling references (an id no entity has) are tolerated here: the validator reports them, and the
 * helpers treat a missing entity as absent rather than throwing.
 */
import {
  CONFIDENTIALITIES,
  CRITICALITIES,
  type Confidentiality,
  type Criticality,
  type TrustBoundaryType,
} from '../model/enums.js';
import type {
  CommunicationLink,
  ModelDataAsset,
  SharedRuntime,
  TechnicalAsset,
  ThreagileModel,
  TrustBoundary,
} from '../model/types.js';
import { isNetworkBoundary } from './classes.js';
import { computeRaa } from './raa.js';

export const confRank = (c: Confidentiality): number => CONFIDENTIALITIES.indexOf(c);
export const critRank = (c: Criticality): number => CRITICALITIES.indexOf(c);
const maxConf = (a: Confidentiality, b: Confidentiality): Confidentiality => (confRank(b) > confRank(a) ? b : a);
const maxCrit = (a: Criticality, b: Criticality): Criticality => (critRank(b) > critRank(a) ? b : a);

/** Threagile's Go zero value for "no boundary": id "" and type network-on-prem (a network boundary). */
interface BoundaryRef {
  id: string;
  type: TrustBoundaryType;
}
const NO_BOUNDARY: BoundaryRef = { id: '', type: 'network-on-prem' };

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export class ModelIndex {
  readonly model: ThreagileModel;
  /** Technical assets sorted by id (Threagile's rule iteration order). */
  readonly assets: readonly TechnicalAsset[];
  readonly dataAssets: readonly ModelDataAsset[];
  readonly trustBoundaries: readonly TrustBoundary[];
  readonly sharedRuntimes: readonly SharedRuntime[];
  /** Every communication link: by source asset id, then in file order. */
  readonly links: readonly CommunicationLink[];
  private readonly assetById = new Map<string, TechnicalAsset>();
  private readonly dataById = new Map<string, ModelDataAsset>();
  private readonly boundaryById = new Map<string, TrustBoundary>();
  private readonly runtimeById = new Map<string, SharedRuntime>();
  private readonly linkById = new Map<string, CommunicationLink>();
  private readonly incomingByTarget = new Map<string, CommunicationLink[]>();
  private readonly directBoundaryByAsset = new Map<string, TrustBoundary>();
  private readonly parentByBoundary = new Map<string, TrustBoundary>();
  private readonly runtimesByAsset = new Map<string, SharedRuntime[]>();
  private readonly directLinkPairs = new Set<string>();
  private raaByAsset: Map<string, number> | undefined;
  private readonly highestByAsset = new Map<TechnicalAsset, { c: Confidentiality; i: Criticality; a: Criticality }>();

  constructor(model: ThreagileModel) {
    this.model = model;
    this.assets = [...model.technicalAssets].sort(byId);
    this.dataAssets = [...model.dataAssets].sort(byId);
    this.trustBoundaries = [...model.trustBoundaries].sort(byId);
    this.sharedRuntimes = [...model.sharedRuntimes].sort(byId);
    for (const d of model.dataAssets) this.dataById.set(d.id, d);
    for (const a of this.assets) this.assetById.set(a.id, a);
    const links: CommunicationLink[] = [];
    for (const a of this.assets) {
      for (const l of a.communicationLinks) {
        links.push(l);
        this.linkById.set(l.id, l);
        const list = this.incomingByTarget.get(l.targetId) ?? [];
        list.push(l);
        this.incomingByTarget.set(l.targetId, list);
        this.directLinkPairs.add(`${l.sourceId}\u0000${l.targetId}`);
      }
    }
    this.links = links;
    for (const list of this.incomingByTarget.values()) list.sort(byId);
    for (const b of this.trustBoundaries) {
      this.boundaryById.set(b.id, b);
      for (const assetId of b.technicalAssetsInside) this.directBoundaryByAsset.set(assetId, b);
    }
    for (const b of this.trustBoundaries) for (const nested of b.trustBoundariesNested) this.parentByBoundary.set(nested, b);
    for (const r of this.sharedRuntimes) {
      this.runtimeById.set(r.id, r);
      for (const assetId of r.technicalAssetsRunning) {
        const list = this.runtimesByAsset.get(assetId) ?? [];
        list.push(r);
        this.runtimesByAsset.set(assetId, list);
      }
    }
  }

  asset(id: string): TechnicalAsset | undefined {
    return this.assetById.get(id);
  }
  dataAsset(id: string): ModelDataAsset | undefined {
    return this.dataById.get(id);
  }
  trustBoundary(id: string): TrustBoundary | undefined {
    return this.boundaryById.get(id);
  }
  sharedRuntime(id: string): SharedRuntime | undefined {
    return this.runtimeById.get(id);
  }
  link(id: string): CommunicationLink | undefined {
    return this.linkById.get(id);
  }
  /** Links whose target is the asset, ordered by link id. */
  incoming(assetId: string): readonly CommunicationLink[] {
    return this.incomingByTarget.get(assetId) ?? [];
  }
  directBoundary(assetId: string): TrustBoundary | undefined {
    return this.directBoundaryByAsset.get(assetId);
  }
  parentBoundary(boundaryId: string): TrustBoundary | undefined {
    return this.parentByBoundary.get(boundaryId);
  }
  runtimesOf(assetId: string): readonly SharedRuntime[] {
    return this.runtimesByAsset.get(assetId) ?? [];
  }

  private data(ids: readonly string[]): ModelDataAsset[] {
    const out: ModelDataAsset[] = [];
    for (const id of ids) {
      const d = this.dataById.get(id);
      if (d) out.push(d);
    }
    return out;
  }
  processedAndStored(asset: TechnicalAsset): ModelDataAsset[] {
    return [...this.data(asset.dataAssetsProcessed), ...this.data(asset.dataAssetsStored)];
  }
  sent(link: CommunicationLink): ModelDataAsset[] {
    return this.data(link.dataAssetsSent);
  }
  received(link: CommunicationLink): ModelDataAsset[] {
    return this.data(link.dataAssetsReceived);
  }

  // ── highest C/I/A ────────────────────────────────────────────────────────────────────────────────
  /** Own rating raised by every processed and stored data asset (memoised: rules ask often). */
  private highestOfAsset(asset: TechnicalAsset): { c: Confidentiality; i: Criticality; a: Criticality } {
    let h = this.highestByAsset.get(asset);
    if (!h) {
      h = { c: asset.confidentiality, i: asset.integrity, a: asset.availability };
      for (const d of this.processedAndStored(asset)) {
        h.c = maxConf(h.c, d.confidentiality);
        h.i = maxCrit(h.i, d.integrity);
        h.a = maxCrit(h.a, d.availability);
      }
      this.highestByAsset.set(asset, h);
    }
    return h;
  }
  highestConfidentiality(asset: TechnicalAsset): Confidentiality {
    return this.highestOfAsset(asset).c;
  }
  highestIntegrity(asset: TechnicalAsset): Criticality {
    return this.highestOfAsset(asset).i;
  }
  highestAvailability(asset: TechnicalAsset): Criticality {
    return this.highestOfAsset(asset).a;
  }
  linkHighestConfidentiality(link: CommunicationLink): Confidentiality {
    return [...this.sent(link), ...this.received(link)].reduce<Confidentiality>((h, d) => maxConf(h, d.confidentiality), 'public');
  }
  linkHighestIntegrity(link: CommunicationLink): Criticality {
    return [...this.sent(link), ...this.received(link)].reduce<Criticality>((h, d) => maxCrit(h, d.integrity), 'archive');
  }
  linkHighestAvailability(link: CommunicationLink): Criticality {
    return [...this.sent(link), ...this.received(link)].reduce<Criticality>((h, d) => maxCrit(h, d.availability), 'archive');
  }
  /** Assets inside the boundary or any boundary nested in it (ids, boundary order then nesting). */
  assetsInsideRecursive(boundary: TrustBoundary, seen = new Set<string>()): string[] {
    if (seen.has(boundary.id)) return []; // a nesting cycle is a model error; do not loop on it
    seen.add(boundary.id);
    const out = [...boundary.technicalAssetsInside];
    for (const n of boundary.trustBoundariesNested) {
      const nb = this.boundaryById.get(n);
      if (nb) out.push(...this.assetsInsideRecursive(nb, seen));
    }
    return out;
  }
  private assetsOf(ids: readonly string[]): TechnicalAsset[] {
    const out: TechnicalAsset[] = [];
    for (const id of ids) {
      const a = this.assetById.get(id);
      if (a) out.push(a);
    }
    return out;
  }
  boundaryHighest(boundary: TrustBoundary): { c: Confidentiality; i: Criticality; a: Criticality } {
    return this.highestOf(this.assetsOf(this.assetsInsideRecursive(boundary)));
  }
  runtimeHighest(runtime: SharedRuntime): { c: Confidentiality; i: Criticality; a: Criticality } {
    return this.highestOf(this.assetsOf(runtime.technicalAssetsRunning));
  }
  private highestOf(assets: TechnicalAsset[]): { c: Confidentiality; i: Criticality; a: Criticality } {
    let c: Confidentiality = 'public';
    let i: Criticality = 'archive';
    let a: Criticality = 'archive';
    for (const t of assets) {
      c = maxConf(c, this.highestConfidentiality(t));
      i = maxCrit(i, this.highestIntegrity(t));
      a = maxCrit(a, this.highestAvailability(t));
    }
    return { c, i, a };
  }
  /** Own ratings only, Fibonacci-weighted (Threagile's HighestSensitivityScore). */
  highestSensitivityScore(asset: TechnicalAsset): number {
    return C_WEIGHT[confRank(asset.confidentiality)]! + IA_WEIGHT[critRank(asset.integrity)]! + IA_WEIGHT[critRank(asset.availability)]!;
  }

  // ── trust boundaries ─────────────────────────────────────────────────────────────────────────────
  /** The direct boundary, replaced by its parent (one level) when it is not a network boundary. */
  private networkBoundaryRef(assetId: string): BoundaryRef {
    const direct = this.directBoundaryByAsset.get(assetId);
    if (!direct) return NO_BOUNDARY;
    if (isNetworkBoundary(direct.type)) return direct;
    return this.parentByBoundary.get(direct.id) ?? NO_BOUNDARY;
  }
  /** The id of the network boundary the asset counts as inside ("" = the implicit unbounded one). */
  networkBoundaryId(assetId: string): string {
    return this.networkBoundaryRef(assetId).id;
  }
  /** The id of the execution-environment boundary the asset is directly inside, if any. */
  executionEnvironmentId(assetId: string): string | undefined {
    const b = this.directBoundaryByAsset.get(assetId);
    return b && b.type === 'execution-environment' ? b.id : undefined;
  }
  isAcrossTrustBoundaryNetworkOnly(link: CommunicationLink): boolean {
    const source = this.networkBoundaryRef(link.sourceId);
    const target = this.networkBoundaryRef(link.targetId);
    return source.id !== target.id && isNetworkBoundary(target.type);
  }
  isSameTrustBoundaryNetworkOnly(a: string, b: string): boolean {
    return this.networkBoundaryRef(a).id === this.networkBoundaryRef(b).id;
  }
  isSameExecutionEnvironment(a: string, b: string): boolean {
    const ba = this.directBoundaryByAsset.get(a);
    const bb = this.directBoundaryByAsset.get(b);
    return !!ba && !!bb && ba.type === 'execution-environment' && bb.type === 'execution-environment' && ba.id === bb.id;
  }
  /** Boundary id and every ancestor id. */
  private boundaryChain(boundaryId: string): string[] {
    const chain: string[] = [];
    const seen = new Set<string>();
    let current: string | undefined = boundaryId;
    while (current !== undefined && !seen.has(current)) {
      seen.add(current);
      chain.push(current);
      current = this.parentByBoundary.get(current)?.id;
    }
    return chain;
  }
  isSharingSameParentTrustBoundary(a: string, b: string): boolean {
    const ba = this.directBoundaryByAsset.get(a);
    const bb = this.directBoundaryByAsset.get(b);
    if (!ba && !bb) return true;
    if (!ba || !bb) return false;
    if (ba.id === bb.id) return true;
    const chainA = new Set(this.boundaryChain(ba.id));
    return this.boundaryChain(bb.id).some((id) => chainA.has(id));
  }
  hasDirectConnection(a: string, b: string): boolean {
    return this.directLinkPairs.has(`${a}\u0000${b}`) || this.directLinkPairs.has(`${b}\u0000${a}`);
  }
  isTaggedWithAnyTraversingUp(asset: TechnicalAsset, tags: readonly string[]): boolean {
    if (isTaggedWithAny(asset.tags, tags)) return true;
    const direct = this.directBoundaryByAsset.get(asset.id);
    if (direct && this.boundaryChain(direct.id).some((id) => isTaggedWithAny(this.boundaryById.get(id)?.tags ?? [], tags))) return true;
    return this.runtimesOf(asset.id).some((r) => isTaggedWithAny(r.tags, tags));
  }

  // ── RAA ──────────────────────────────────────────────────────────────────────────────────────────
  /** Relative Attacker Attractiveness in percent (may exceed 100). */
  raa(assetId: string): number {
    this.raaByAsset ??= computeRaa(this);
    return this.raaByAsset.get(assetId) ?? 0;
  }
}

/** Confidentiality weights public … strictly-confidential (HighestSensitivityScore, RAA for assets). */
export const C_WEIGHT = [8, 13, 21, 34, 55] as const;
/** Integrity/availability weights archive … mission-critical. */
export const IA_WEIGHT = [5, 8, 13, 21, 34] as const;

/** Case-insensitive tag match, as Threagile's ContainsCaseInsensitiveAny. */
export function isTaggedWithAny(tags: readonly string[], wanted: readonly string[]): boolean {
  // Called per element by many rules: an untagged element (most links) needs no set at all.
  if (tags.length === 0 || wanted.length === 0) return false;
  const lower = new Set(wanted.map((t) => t.trim().toLowerCase()));
  return tags.some((t) => lower.has(t.trim().toLowerCase()));
}

/** `aws:ec2` has base tag `aws`; `aws` has base tag `aws`. */
export function isTaggedWithBaseTag(tags: readonly string[], base: string): boolean {
  const b = base.trim().toLowerCase();
  return tags.some((t) => {
    const tag = t.trim().toLowerCase();
    return tag === b || tag.startsWith(b + ':');
  });
}
