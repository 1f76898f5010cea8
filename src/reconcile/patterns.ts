// Binding patterns over IaC source addresses, e.g. `k8s:*/Deployment/auth*`, `tf:module.api.*`, `compose:cart`.
/**
 * `*` matches any run of characters (including `/` and `.`); matching ignores case because Threagile
 * lower-cases tags.
 */
export const IAC_TAG_PREFIX = 'iac:';

export interface AddressPattern {
  text: string;
  test(address: string): boolean;
  /** No wildcard: can be looked up directly. */
  exact: boolean;
}

export function compilePattern(text: string): AddressPattern {
  const lower = text.trim().toLowerCase();
  if (!lower.includes('*')) return { text, exact: true, test: (a) => a.toLowerCase() === lower };
  const re = new RegExp('^' + lower.split('*').map(escapeRegExp).join('.*') + '$');
  return { text, exact: false, test: (a) => re.test(a.toLowerCase()) };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The pattern inside an `iac:` tag, or undefined for other tags. */
export function iacPattern(tag: string): string | undefined {
  const t = tag.trim();
  return t.toLowerCase().startsWith(IAC_TAG_PREFIX) ? t.slice(IAC_TAG_PREFIX.length) : undefined;
}

/** The tag that binds exactly this address, lower-cased as Threagile lower-cases every tag (same spelling as `init` writes). */
export function iacTag(address: string): string {
  return `${IAC_TAG_PREFIX}${address}`.toLowerCase().replace(/\s+/g, '-');
}
