/**
 * Ids for compose elements: the plain name when it is unique in the scan (so the API platform's
 * `auth-service` stays `auth-service`), else prefixed with the project (`shop-db`, `blog-db`), so
 * that ten example projects that each have a `db` do not merge into one component. Decided over all
 * names at once, never first-come, so the result does not depend on order.
 */
import { slug } from '../../src/graph/ids.js';

export interface Named {
  project: string;
  name: string;
}

export function scopedIds(items: readonly Named[], reserved: ReadonlySet<string> = new Set()): (item: Named) => string {
  const count = new Map<string, number>();
  for (const i of uniqueItems(items)) count.set(slug(i.name), (count.get(slug(i.name)) ?? 0) + 1);
  return (i) => {
    const plain = slug(i.name);
    return count.get(plain) === 1 && !reserved.has(plain) ? plain : slug(i.project, i.name);
  };
}

function uniqueItems(items: readonly Named[]): Named[] {
  const seen = new Map<string, Named>();
  for (const i of items) seen.set(`${i.project}\0${i.name}`, i);
  return [...seen.values()];
}
