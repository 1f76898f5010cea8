/**
 * Relative Attacker Attractiveness as Threagile 0.9.1 computes it (raa/raa/raa.go semantics, notes
 * §1.11): a raw score from the asset's own and its data's ratings, technology factors (the identity /
 * datastore factor stacks with the others in v1), the multi-tenant factor, normalised to the min/max
 * of all raw scores, plus a third of the positive gap to the most attractive outgoing neighbour.
 */
import { CONFIDENTIALITIES, CRITICALITIES, QUANTITIES } from '../model/enums.js';
import type { TechnicalAsset } from '../model/types.js';
import type { ModelIndex } from './model-index.js';

const ASSET_C = [8, 13, 21, 34, 55];
const ASSET_IA = [5, 8, 13, 21, 34];
const STORED_C = [5, 8, 13, 21, 34];
const STORED_IA = [3, 5, 8, 13, 21];
const TRANSFERRED = [2, 3, 5, 8, 13];
const QUANTITY_FACTOR = [1, 2, 3, 5];

function raw(index: ModelIndex, asset: TechnicalAsset): number {
  if (asset.outOfScope) return 0;
  let score =
    ASSET_C[CONFIDENTIALITIES.indexOf(asset.confidentiality)]! +
    ASSET_IA[CRITICALITIES.indexOf(asset.integrity)]! +
    ASSET_IA[CRITICALITIES.indexOf(asset.availability)]!;
  // Processed and stored are summed separately: data listed in both counts twice, as in Threagile.
  for (const d of index.processedAndStored(asset)) {
    const q = QUANTITY_FACTOR[QUANTITIES.indexOf(d.quantity)]!;
    score += STORED_C[CONFIDENTIALITIES.indexOf(d.confidentiality)]! * q;
    score += STORED_IA[CRITICALITIES.indexOf(d.integrity)]! * q;
    score += STORED_IA[CRITICALITIES.indexOf(d.availability)]!;
  }
  for (const link of asset.communicationLinks) {
    for (const d of [...index.sent(link), ...index.received(link)]) {
      const q = QUANTITY_FACTOR[QUANTITIES.indexOf(d.quantity)]!;
      score += TRANSFERRED[CONFIDENTIALITIES.indexOf(d.confidentiality)]! * q;
      score += TRANSFERRED[CRITICALITIES.indexOf(d.integrity)]! * q;
      score += TRANSFERRED[CRITICALITIES.indexOf(d.availability)]!;
    }
  }
  const t = asset.technology;
  if (t === 'load-balancer' || t === 'reverse-proxy') score /= 5.5;
  if (t === 'monitoring') score /= 5;
  if (t === 'container-platform') score *= 5;
  if (t === 'vault') score *= 2;
  if (t === 'build-pipeline' || t === 'sourcecode-repository' || t === 'artifact-registry') score *= 2;
  if (t === 'identity-provider' || t === 'identity-store-database' || t === 'identity-store-ldap') score *= 2.5;
  else if (asset.type === 'datastore') score *= 2;
  if (asset.multiTenant) score *= 1.5;
  return score;
}

export function computeRaa(index: ModelIndex): Map<string, number> {
  const raws = new Map<string, number>();
  for (const a of index.assets) raws.set(a.id, raw(index, a));
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of raws.values()) {
    if (v > max) max = v;
    if (v < min) min = v;
  }
  if (!(min < max)) max = min + 1;
  const spread = max - min;
  const relative = (x: number): number => {
    const percent = ((x - min) / spread) * 100;
    return percent <= 0 ? 1 : percent;
  };
  const result = new Map<string, number>();
  for (const a of index.assets) {
    const own = raws.get(a.id)!;
    let pivot = 0;
    if (!a.outOfScope) {
      for (const link of a.communicationLinks) {
        const target = index.asset(link.targetId);
        const delta = relative(target ? raws.get(target.id)! : 0) - relative(own);
        if (delta > 0 && delta / 3 > pivot) pivot = delta / 3;
      }
    }
    result.set(a.id, relative(own + pivot));
  }
  return result;
}
