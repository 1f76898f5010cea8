/**
 * "Is there another asset of kind X in the same segment?" without comparing every pair of assets:
 * count the qualifying assets per segment once, then subtract the asset itself and the neighbours the
 * rule excuses. Used by the isolation and segmentation rules.
 */
import type { TechnicalAsset } from '../model/types.js';
import type { ModelIndex } from './model-index.js';

export class SegmentCounter {
  private readonly counts = new Map<string, number>();
  constructor(
    private readonly key: (assetId: string) => string | undefined,
    private readonly qualifies: (a: TechnicalAsset) => boolean,
    assets: readonly TechnicalAsset[],
  ) {
    for (const a of assets) {
      const k = key(a.id);
      if (k !== undefined && qualifies(a)) this.counts.set(k, (this.counts.get(k) ?? 0) + 1);
    }
  }
  /** Whether some qualifying asset other than `asset` and other than the excused ones shares its segment. */
  hasOther(asset: TechnicalAsset, excused: ReadonlySet<string> = new Set()): boolean {
    const k = this.key(asset.id);
    if (k === undefined) return false;
    let n = this.counts.get(k) ?? 0;
    if (this.qualifies(asset)) n--;
    for (const id of excused) if (id !== asset.id) n--;
    return n > 0;
  }
}

/** Ids of assets directly linked with `asset` (either direction) that satisfy `pred` and share its segment. */
export function excusedNeighbours(
  model: ModelIndex,
  asset: TechnicalAsset,
  key: (assetId: string) => string | undefined,
  pred: (a: TechnicalAsset) => boolean,
): Set<string> {
  const out = new Set<string>();
  const k = key(asset.id);
  const consider = (id: string): void => {
    const other = model.asset(id);
    if (other && key(id) === k && pred(other)) out.add(id);
  };
  for (const l of asset.communicationLinks) consider(l.targetId);
  for (const l of model.incoming(asset.id)) consider(l.sourceId);
  return out;
}
