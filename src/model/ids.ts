/** Threagile id conventions shared by the reader, the validator and the writer. */

/** Threagile 0.9.1's id syntax (data assets, technical assets, boundaries, runtimes, risk categories). */
export const THREAGILE_ID = /^[a-zA-Z0-9-]+$/;

/** What infragile itself generates: lower-case only, because risk tracking lower-cases ids (notes §3.5). */
export const GENERATED_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * Threagile's link id: `<source-id>>` + the title lower-cased, every run of non-alphanumerics replaced
 * by `-`, leading/trailing `-` trimmed (e.g. `ERP System Traffic` → `erp-system-traffic`).
 */
export function linkId(sourceId: string, title: string): string {
  const normalized = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${sourceId}>${normalized}`;
}

/** A lower-case `[a-z0-9-]` id from any name (empty input gives `x`). */
export function slugId(name: string): string {
  const s = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s || 'x';
}

/** Threagile lower-cases and trims tags before checking them against `tags_available`. */
export function normalizeTag(tag: string): string {
  return tag.trim().toLowerCase();
}
