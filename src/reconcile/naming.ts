/** Ids and titles for model elements that reconcile adds (effective model and sync agree on them). */
import { slugId } from '../model/ids.js';

export function newAssetId(componentId: string, taken: ReadonlySet<string>): string {
  const base = slugId(componentId);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** `Calls Auth Service`: link titles must be unique per source asset, and derive from the target's name. */
export function newLinkTitle(targetTitle: string): string {
  return `Calls ${targetTitle}`.slice(0, 60);
}
