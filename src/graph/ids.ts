const CLEAN_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Stable ids: lower-case `[a-z0-9-]`, derived from names only (never from file order). */
export function slug(...parts: Array<string | number | undefined>): string {
  const joined = parts.filter((p) => p !== undefined && p !== '').join('-');
  // Most ids are slugs already (`svc-00016`, `ns-team-0`): the rewrite below would return them unchanged.
  if (CLEAN_SLUG.test(joined)) return joined;
  const s = joined
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'unnamed';
}

/** Threagile's link id: `<source-id>>` + the title lower-cased, runs of non-alphanumerics as `-`, trimmed. */
export function linkId(sourceId: string, title: string): string {
  return `${sourceId}>${title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '')}`;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
