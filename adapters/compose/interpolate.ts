/**
 * Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`, `${VAR+alt}`, nested defaults, and `$$` for a
 * literal `$`. Variables come from the `.env` beside the project only: the shell environment of the
 * machine running infragile is deliberately not read, so results do not depend on who runs the scan.
 *
 * A variable whose name looks secret (`DB_PASSWORD`, `API_TOKEN`, …) is substituted with
 * `REDACTED_VALUE`, never its value: the resolved text lands in resource attributes, and a secret
 * must not reach any output. Endpoint detection still works on the rest of the string.
 */
import { isSecretName } from '../common/endpoints.js';

export const REDACTED_VALUE = '***';

export type VarLookup = (name: string) => string | undefined;

export interface InterpolationIssue {
  kind: 'required' | 'unset' | 'syntax';
  variable: string;
  message: string;
}

export interface Interpolated {
  value: string;
  /** A secret-named variable contributed to the value (so the value was partly redacted). */
  redacted: boolean;
}

/** Interpolate one string. Issues are reported through `onIssue`; the result is what compose would use. */
export function interpolateString(input: string, lookup: VarLookup, onIssue: (i: InterpolationIssue) => void): Interpolated {
  if (!input.includes('$')) return { value: input, redacted: false };
  const state = { redacted: false };
  const value = expand(input, lookup, onIssue, state, 0);
  return { value, redacted: state.redacted };
}

function expand(s: string, lookup: VarLookup, onIssue: (i: InterpolationIssue) => void, state: { redacted: boolean }, depth: number): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c !== '$') {
      out += c;
      i++;
      continue;
    }
    const next = s[i + 1];
    if (next === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const end = matchingBrace(s, i + 1);
      if (end < 0) {
        onIssue({ kind: 'syntax', variable: s.slice(i, i + 20), message: 'unterminated "${" in a value; kept as written' });
        out += s.slice(i);
        break;
      }
      out += resolveBraced(s.slice(i + 2, end), lookup, onIssue, state, depth);
      i = end + 1;
      continue;
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
    if (m) {
      out += valueOf(m[0], lookup, onIssue, state, true);
      i += 1 + m[0].length;
      continue;
    }
    out += '$';
    i++;
  }
  return out;
}

function matchingBrace(s: string, open: number): number {
  let depth = 0;
  for (let j = open; j < s.length; j++) {
    if (s[j] === '{') depth++;
    else if (s[j] === '}' && --depth === 0) return j;
  }
  return -1;
}

function resolveBraced(body: string, lookup: VarLookup, onIssue: (i: InterpolationIssue) => void, state: { redacted: boolean }, depth: number): string {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([\s\S]*))?$/.exec(body);
  if (!m) {
    onIssue({ kind: 'syntax', variable: body, message: `invalid interpolation "\${${truncate(body)}}"; substituted an empty string` });
    return '';
  }
  const [, name, op, arg = ''] = m as unknown as [string, string, string | undefined, string | undefined];
  const raw = lookup(name);
  const set = raw !== undefined;
  const nonEmpty = set && raw !== '';
  const nested = () => (depth > 20 ? arg : expand(arg, lookup, onIssue, state, depth + 1));
  switch (op) {
    case undefined:
      return valueOf(name, lookup, onIssue, state, true);
    case ':-':
      return nonEmpty ? valueOf(name, lookup, onIssue, state, false) : nested();
    case '-':
      return set ? valueOf(name, lookup, onIssue, state, false) : nested();
    case ':?':
    case '?':
      if (op === ':?' ? nonEmpty : set) return valueOf(name, lookup, onIssue, state, false);
      onIssue({ kind: 'required', variable: name, message: `required variable ${name} is not set${arg ? ` (${truncate(arg)})` : ''}; add it to .env` });
      return '';
    case ':+':
      return nonEmpty ? nested() : '';
    case '+':
      return set ? nested() : '';
    default:
      return '';
  }
}

function valueOf(name: string, lookup: VarLookup, onIssue: (i: InterpolationIssue) => void, state: { redacted: boolean }, warnUnset: boolean): string {
  const v = lookup(name);
  if (v === undefined) {
    if (warnUnset) onIssue({ kind: 'unset', variable: name, message: `variable ${name} is not set (no .env entry, no default); an empty string was substituted, as docker compose does` });
    return '';
  }
  if (isSecretName(name)) {
    state.redacted = true;
    return REDACTED_VALUE;
  }
  return v;
}

function truncate(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
