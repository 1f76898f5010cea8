/**
 * Which model trust boundary each infra boundary corresponds to, for `boundary` drift: by name first
 * (`backend` ~ `Backend Network`), else by the strict majority of its bound members' model boundaries.
 * Infra boundaries that correspond to nothing give no boundary drift (we cannot say where the asset is).
 */
import { compareStrings } from '../graph/ids.js';
import type { ArchitectureGraph } from '../graph/types.js';
import type { ThreagileModel } from '../model/types.js';
import { isSubset, keyString, nameKey } from './names.js';

export interface BoundaryMap {
  /** model asset id → the innermost model boundary that lists it. */
  modelBoundaryOf: Map<string, string>;
  /** infra component id → the infra boundary it is directly in. */
  infraBoundaryOf: Map<string, string>;
  /** infra boundary id → model boundary id. */
  modelFor: Map<string, string>;
  /** Whether model boundary `a` is `b`, nests inside it, or contains it. */
  related(a: string, b: string): boolean;
}

export function mapBoundaries(graph: ArchitectureGraph, model: ThreagileModel, assetOf: ReadonlyMap<string, string>): BoundaryMap {
  const parent = new Map<string, string>();
  for (const b of model.trustBoundaries) for (const n of b.trustBoundariesNested) parent.set(n, b.id);
  const depth = (id: string) => {
    let d = 0;
    for (let p = parent.get(id); p && d < 64; p = parent.get(p)) d++;
    return d;
  };
  const modelBoundaryOf = new Map<string, string>();
  for (const b of model.trustBoundaries) {
    for (const a of b.technicalAssetsInside) {
      const cur = modelBoundaryOf.get(a);
      if (!cur || depth(b.id) > depth(cur)) modelBoundaryOf.set(a, b.id);
    }
  }
  const infraBoundaryOf = new Map<string, string>();
  for (const b of graph.boundaries) for (const m of b.members) infraBoundaryOf.set(m, b.id);

  const byName = new Map<string, string>();
  for (const b of model.trustBoundaries) for (const k of [nameKey(b.title), nameKey(b.id)]) if (k.length && !byName.has(keyString(k))) byName.set(keyString(k), b.id);

  // `data` (namespace) ~ `Data Tier`: every token of one name in the other, and only one model boundary fits.
  const partialName = (...names: string[]): string | undefined => {
    for (const n of names) {
      const k = nameKey(n);
      const fits = model.trustBoundaries.filter((b) => [nameKey(b.title), nameKey(b.id)].some((bk) => isSubset(k, bk) || isSubset(bk, k)));
      if (fits.length === 1) return fits[0]!.id;
    }
    return undefined;
  };
  const modelFor = new Map<string, string>();
  for (const ib of graph.boundaries) {
    const named =
      [nameKey(ib.title), nameKey(ib.id)].map((k) => byName.get(keyString(k))).find((x) => x !== undefined) ?? partialName(ib.title, ib.id);
    if (named) {
      modelFor.set(ib.id, named);
      continue;
    }
    const votes = new Map<string, number>();
    let voters = 0;
    for (const m of ib.members) {
      const asset = assetOf.get(m);
      const mb = asset ? modelBoundaryOf.get(asset) : undefined;
      if (!mb) continue;
      voters++;
      votes.set(mb, (votes.get(mb) ?? 0) + 1);
    }
    const top = [...votes].sort((a, b) => b[1] - a[1] || compareStrings(a[0], b[0]))[0];
    if (top && top[1] * 2 > voters) modelFor.set(ib.id, top[0]);
  }
  const ancestors = (id: string) => {
    const out = new Set<string>([id]);
    for (let p = parent.get(id); p && !out.has(p); p = parent.get(p)) out.add(p);
    return out;
  };
  return {
    modelBoundaryOf,
    infraBoundaryOf,
    modelFor,
    related: (a, b) => ancestors(a).has(b) || ancestors(b).has(a),
  };
}
