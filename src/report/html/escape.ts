/**
 * HTML escaping. Every name, path, message and attribute value in the report goes through one of
 * these: infra names are user input (a Service may be called `<script>`), and the report is opened
 * in a browser.
 */
const TEXT: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text content and quoted attribute values alike (quotes escaped too, so it is safe in both). */
export function esc(value: string | number | boolean): string {
  return String(value).replace(/[&<>"']/g, (c) => TEXT[c]!);
}

/** A space-separated token list for a data attribute: tokens are ids, anything else is dropped. */
export function tokens(values: readonly string[]): string {
  return esc([...new Set(values)].filter((v) => /^[A-Za-z0-9_.:>-]+$/.test(v)).sort().join(' '));
}

/** A CSS class fragment from a enum-like value (`information-disclosure`): letters, digits, dashes only. */
export function cls(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9-]/g, '-');
}
