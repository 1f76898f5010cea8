/**
 * Reading resource attributes the same way for Terraform (nested blocks are arrays of objects, as
 * hcl2json gives them) and CloudFormation (Properties as written): dotted paths that step through
 * one-element block lists, references, plain strings, booleans, ports, and policy documents that may
 * be objects, JSON strings, or JSON templates with references inside.
 */
import { isResourceRef, isTemplateValue, plainString, refsIn, type Resource, type ResourceRef } from '../../src/graph/resource.js';

export function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `a.b.c` from a value; a block list of one (`a = [{ b = … }]`) is stepped through. */
export function get(v: unknown, path: string): unknown {
  // Segment by segment with indexOf rather than path.split('.'): this runs for every attribute
  // lookup of every AWS resource, and most paths are one segment (`name`, `engine`).
  let cur = v;
  let start = 0;
  for (;;) {
    const dot = path.indexOf('.', start);
    const key = dot < 0 ? (start === 0 ? path : path.slice(start)) : path.slice(start, dot);
    if (Array.isArray(cur) && cur.length === 1 && isObj(cur[0])) cur = cur[0];
    if (!isObj(cur) || isResourceRef(cur) || isTemplateValue(cur)) return undefined;
    cur = cur[key];
    if (dot < 0) return cur;
    start = dot + 1;
  }
}

/** The first of several paths that is set (TF spelling and CFN spelling side by side). */
export function attr(r: Resource, ...paths: string[]): unknown {
  for (const p of paths) {
    const v = get(r.attributes, p);
    if (v !== undefined && v !== null) return v;
  }
  return undefined;
}

export function str(v: unknown): string | undefined {
  return plainString(v);
}

export function bool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  const s = plainString(v)?.toLowerCase();
  return s === 'true' ? true : s === 'false' ? false : undefined;
}

export function num(v: unknown): number | undefined {
  const s = plainString(v);
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}

/** Lists (or a single value) as an array. Blocks given as one object become a list of one. */
export function list(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

/** A reference's resource address without an instance key (`tf:aws_subnet.a[0]` → `tf:aws_subnet.a`). */
export function refAddress(ref: ResourceRef): string {
  return ref.$ref.replace(/\[[^\]]*\]$/, '');
}

/** References anywhere in the given attribute paths. */
export function refsAt(r: Resource, ...paths: string[]): ResourceRef[] {
  const out: ResourceRef[] = [];
  for (const p of paths) {
    const v = get(r.attributes, p);
    // Most paths are unset or plain text: only objects can hold references.
    if (typeof v === 'object' && v !== null) for (const ref of refsIn(v)) out.push(ref);
  }
  return out;
}

/** A policy statement, normalised. */
export interface Statement {
  effect: 'Allow' | 'Deny';
  actions: string[];
  /** Resource entries: references (to the resource or its ARN) and literal strings. */
  resources: unknown[];
  principals: unknown[];
  hasCondition: boolean;
}

/** A private-use character: legal inside JSON strings (a NUL is not), never in real policies. */
const PLACEHOLDER = (i: number) => `\uE000ref${i}\uE000`;

/**
 * A policy document from an object (CFN, jsonencode), a JSON string (heredoc) or a JSON template
 * whose pieces include references (`"${aws_s3_bucket.x.arn}/*"`): references are swapped for
 * placeholders, the JSON parsed, and placed back. Terraform `aws_iam_policy_document` data sources
 * (`statement` blocks) are read too. Undefined when it is none of these.
 */
export function policyStatements(doc: unknown, byAddress?: (a: string) => Resource | undefined, depth = 0): Statement[] | undefined {
  if (depth > 4) return undefined;
  if (isResourceRef(doc) && byAddress) {
    const target = byAddress(refAddress(doc));
    if (target && target.type === 'data.aws_iam_policy_document') return policyDocumentData(target);
    if (target) {
      const p = target.attributes.policy ?? target.attributes.PolicyDocument;
      return p === undefined ? undefined : policyStatements(p, byAddress, depth + 1);
    }
    return undefined;
  }
  let obj: unknown = doc;
  if (typeof doc === 'string' || isTemplateValue(doc)) {
    const pieces = typeof doc === 'string' ? [doc] : doc.$template;
    const refs: unknown[] = [];
    const text = pieces.map((p) => (typeof p === 'string' ? p : (refs.push(p), PLACEHOLDER(refs.length - 1)))).join('');
    try {
      obj = restore(JSON.parse(text), refs);
    } catch {
      return undefined;
    }
  }
  if (!isObj(obj)) return undefined;
  const st = obj.Statement ?? obj.statement;
  return list(st).filter(isObj).map((s) => ({
    effect: s.Effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.Action ?? s.Actions).map((a) => str(a) ?? '').filter(Boolean),
    resources: list(s.Resource ?? s.Resources),
    principals: list(s.Principal),
    hasCondition: s.Condition !== undefined,
  }));
}

function policyDocumentData(r: Resource): Statement[] {
  return list(r.attributes.statement).filter(isObj).map((s) => ({
    effect: s.effect === 'Deny' ? 'Deny' : 'Allow',
    actions: list(s.actions).map((a) => str(a) ?? '').filter(Boolean),
    resources: list(s.resources),
    principals: list(s.principals),
    hasCondition: s.condition !== undefined,
  }));
}

function restore(v: unknown, refs: unknown[]): unknown {
  if (typeof v === 'string') {
    if (!v.includes('\uE000')) return v;
    const parts = v.split(/\uE000ref(\d+)\uE000/);
    const out: unknown[] = [];
    parts.forEach((p, i) => {
      if (i % 2 === 1) out.push(refs[Number(p)]);
      else if (p) out.push(p);
    });
    return out.length === 1 ? out[0] : { $template: out };
  }
  if (Array.isArray(v)) return v.map((x) => restore(x, refs));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, restore(x, refs)]));
  return v;
}

/** `true` when a CIDR is the whole internet. */
export function isAnywhere(cidr: string): boolean {
  return cidr === '0.0.0.0/0' || cidr === '::/0';
}

/** RFC 1918 / RFC 6598 / link-local / ULA: an address inside someone's network, not the internet. */
export function isPrivateCidr(cidr: string): boolean {
  const ip = parseV4(cidr);
  if (ip === undefined) return /^f[cd]/i.test(cidr) || cidr.startsWith('fe80');
  const [a, b] = [ip.addr >>> 24, (ip.addr >>> 16) & 0xff];
  return a === 10 || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b < 128) || a === 127 || (a === 169 && b === 254);
}

export function parseV4(cidr: string): { addr: number; bits: number } | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)(?:\/(\d+))?$/.exec(cidr.trim());
  if (!m) return undefined;
  const o = m.slice(1, 5).map(Number);
  if (o.some((x) => x > 255)) return undefined;
  const bits = m[5] === undefined ? 32 : Number(m[5]);
  return { addr: ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0, bits };
}

/** Whether `inner` lies within `outer` (IPv4 only). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseV4(outer);
  const i = parseV4(inner);
  if (!o || !i || i.bits < o.bits) return false;
  const mask = o.bits === 0 ? 0 : (~0 << (32 - o.bits)) >>> 0;
  return ((o.addr & mask) >>> 0) === ((i.addr & mask) >>> 0);
}

/** Split `camelCase`/`PascalCase` logical ids into words before slugging: `UserService` → `user-service`. */
export function kebab(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2');
}
