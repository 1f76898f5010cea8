/**
 * The Terraform functions infragile evaluates: the ones that shape names, tags, lists of security
 * groups, CIDRs and policies. One table; adding a function touches only it. A function either needs
 * plain arguments (`plain: true`: given a reference or unknown, the call stays unknown) or handles
 * symbolic values itself (lists of references, templates of references, jsonencode of a policy).
 * Functions that depend on time or randomness (timestamp, uuid) stay unknown: output is deterministic.
 */
import { createHash } from 'node:crypto';
import { isResourceRef, isTemplateValue, isUnknownValue } from '../../../src/graph/resource.js';
import {
  EvalError,
  EvalLimitError,
  asNumber,
  concatPieces,
  formatNumber,
  isList,
  isObject,
  isPlain,
  isSymbolic,
  piecesOf,
  primitiveText,
  typeName,
  type Value,
  type ValueObject,
} from './values.js';
import { lookupTable } from '../../../src/util/lookup.js';

/** Returned by a function to say "the result cannot be known here" (the caller keeps the call text). */
export const UNKNOWN_RESULT = Symbol('unknown-result');
export type FnResult = Value | typeof UNKNOWN_RESULT;

export interface FnEnv {
  /** Read a scan-root-relative file (file(), templatefile()); undefined when missing or outside the scan. */
  readFile(path: string): string | undefined;
  /** Evaluate a template text with variables (templatefile()). */
  renderTemplate(text: string, vars: ValueObject): Value;
  /** Elements a collection-producing function may create before the evaluation is stopped. */
  maxElements: number;
}

interface FnDef {
  plain: boolean;
  fn: (args: Value[], env: FnEnv) => FnResult;
}

const str = (v: Value, fn: string): string => {
  const t = primitiveText(v);
  if (t === undefined) throw new EvalError(`${fn}: expected a string, got ${typeName(v)}`);
  return t;
};
const num = (v: Value, fn: string): number => {
  const n = asNumber(v);
  if (n === undefined) throw new EvalError(`${fn}: expected a number, got ${typeName(v)}`);
  return n;
};
const list = (v: Value, fn: string): Value[] => {
  if (isList(v)) return v;
  if (isObject(v)) return Object.keys(v).sort().map((k) => v[k]!);
  throw new EvalError(`${fn}: expected a list, got ${typeName(v)}`);
};
const obj = (v: Value, fn: string): ValueObject => {
  if (isObject(v)) return v;
  throw new EvalError(`${fn}: expected a map, got ${typeName(v)}`);
};
/** A structurally known collection (its elements may still be references). */
const isCollection = (v: Value): v is Value[] | ValueObject => isList(v) || isObject(v);

function sortedObject(o: ValueObject): ValueObject {
  const out: ValueObject = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k]!;
  return out;
}

function uniq(values: Value[]): Value[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Go-style verbs used by Terraform's format(): %s %d %v %q %f %%, with optional width/precision. */
/** Width and flags of a verb (`%03d`, `%-5d`). */
function pad(text: string, spec: string): string {
  const m = /^([-+ 0#]*)(\d*)/.exec(spec)!;
  const width = Number(m[2] || 0);
  if (text.length >= width) return text;
  if (m[1]!.includes('-')) return text.padEnd(width);
  return m[1]!.includes('0') ? (text.startsWith('-') ? `-${text.slice(1).padStart(width - 1, '0')}` : text.padStart(width, '0')) : text.padStart(width);
}

function format(args: Value[]): FnResult {
  const spec = args[0];
  if (typeof spec !== 'string') return UNKNOWN_RESULT;
  const pieces: Parameters<typeof concatPieces>[0] = [];
  let argi = 1;
  let last = 0;
  const re = /%(%|[-+ 0#]*\d*(?:\.\d+)?([sdvqftbeEgGxXo]))/g;
  for (let m = re.exec(spec); m; m = re.exec(spec)) {
    pieces.push(spec.slice(last, m.index));
    last = re.lastIndex;
    if (m[1] === '%') {
      pieces.push('%');
      continue;
    }
    const arg = args[argi++];
    if (arg === undefined) throw new EvalError('format: not enough arguments');
    const verb = m[2]!;
    if (verb === 's' || verb === 'v') {
      const p = piecesOf(arg);
      if (!p) {
        if (verb === 'v' && isPlain(arg)) pieces.push(JSON.stringify(arg));
        else return UNKNOWN_RESULT;
      } else pieces.push(...p);
    } else if (!isPlain(arg)) return UNKNOWN_RESULT;
    else if (verb === 'd') pieces.push(pad(String(Math.trunc(num(arg, 'format'))), m[1]!));
    else if (verb === 'q') pieces.push(JSON.stringify(str(arg, 'format')));
    else if (verb === 'f') {
      const prec = /\.(\d+)/.exec(m[1]!);
      pieces.push(num(arg, 'format').toFixed(prec ? Number(prec[1]) : 6));
    } else if (verb === 'x' || verb === 'X') {
      const s = Math.trunc(num(arg, 'format')).toString(16);
      pieces.push(verb === 'X' ? s.toUpperCase() : s);
    } else pieces.push(primitiveText(arg) ?? JSON.stringify(arg));
  }
  pieces.push(spec.slice(last));
  return concatPieces(pieces);
}

/**
 * jsonencode: plain values become JSON text; a value holding references (a policy naming a bucket ARN)
 * becomes a TemplateValue whose text is the JSON around each reference, so semantics can still find them.
 */
function jsonencode(v: Value): FnResult {
  if (isPlain(v)) return JSON.stringify(sortForJson(v));
  const marks: Array<Parameters<typeof concatPieces>[0][number]> = [];
  const replace = (x: Value): unknown => {
    if (isResourceRef(x) || isUnknownValue(x)) {
      marks.push(x);
      return `\u0000${marks.length - 1}\u0000`;
    }
    if (isTemplateValue(x)) {
      const parts = x.$template.map((p) => {
        if (typeof p === 'string') return p;
        marks.push(p);
        return `\u0000${marks.length - 1}\u0000`;
      });
      return parts.join('');
    }
    if (Array.isArray(x)) return x.map(replace);
    if (typeof x === 'object' && x !== null) {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) o[k] = replace((x as ValueObject)[k]!);
      return o;
    }
    return x;
  };
  const text = JSON.stringify(replace(v));
  const pieces: Parameters<typeof concatPieces>[0] = [];
  // A reference stands inside its JSON string: `"Resource":"` + ref + `"`.
  for (const [i, part] of text.split(/\\u0000(\d+)\\u0000/).entries()) {
    if (i % 2 === 0) pieces.push(part);
    else pieces.push(marks[Number(part)]!);
  }
  return concatPieces(pieces);
}

function sortForJson(v: Value): unknown {
  if (Array.isArray(v)) return v.map(sortForJson);
  if (isObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) o[k] = sortForJson(v[k]!);
    return o;
  }
  return v;
}

function jsonToValue(x: unknown): Value {
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map(jsonToValue);
  if (typeof x === 'object') {
    const o: ValueObject = {};
    for (const [k, v] of Object.entries(x as object)) o[k] = jsonToValue(v);
    return o;
  }
  return null;
}

// ---- IPv4 CIDR arithmetic (cidrsubnet/cidrhost): IPv6 stays unknown ------------------------------

function parseCidr(s: string): { base: number; bits: number } | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(s.trim());
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const bits = Number(m[5]);
  if (octets.some((o) => o > 255) || bits > 32) return undefined;
  const addr = ((octets[0]! << 24) >>> 0) + (octets[1]! << 16) + (octets[2]! << 8) + octets[3]!;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (addr & mask) >>> 0, bits };
}

function ipText(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function cidrsubnet(args: Value[]): FnResult {
  const c = parseCidr(str(args[0]!, 'cidrsubnet'));
  if (!c) return UNKNOWN_RESULT;
  const newbits = num(args[1]!, 'cidrsubnet');
  const netnum = num(args[2]!, 'cidrsubnet');
  const bits = c.bits + newbits;
  if (bits > 32 || netnum >= 2 ** newbits || netnum < 0) throw new EvalError('cidrsubnet: prefix extension does not fit');
  const base = (c.base + netnum * 2 ** (32 - bits)) >>> 0;
  return `${ipText(base)}/${bits}`;
}

function cidrhost(args: Value[]): FnResult {
  const c = parseCidr(str(args[0]!, 'cidrhost'));
  if (!c) return UNKNOWN_RESULT;
  const host = num(args[1]!, 'cidrhost');
  const size = 2 ** (32 - c.bits);
  const offset = host < 0 ? size + host : host;
  if (offset < 0 || offset >= size) throw new EvalError('cidrhost: host number out of range');
  return ipText((c.base + offset) >>> 0);
}

const hash = (algo: string) => (a: Value[]) => createHash(algo).update(str(a[0]!, algo)).digest('hex');

function flatten(v: Value[], out: Value[] = []): Value[] {
  for (const x of v) if (isList(x)) flatten(x, out);
  else out.push(x);
  return out;
}

function range(args: Value[], env: FnEnv): Value {
  const nums = args.map((a) => num(a, 'range'));
  const [start, end, step] = nums.length === 1 ? [0, nums[0]!, 1] : [nums[0]!, nums[1]!, nums[2] ?? (nums[1]! >= nums[0]! ? 1 : -1)];
  if (step === 0) throw new EvalError('range: step must not be 0');
  const count = Math.max(0, Math.ceil((end - start) / step));
  if (count > env.maxElements) throw new EvalLimitError(`range() of ${count} elements is over the limit of ${env.maxElements}`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

export const FUNCTIONS: Record<string, FnDef> = lookupTable({
  // numbers
  abs: { plain: true, fn: (a) => Math.abs(num(a[0]!, 'abs')) },
  ceil: { plain: true, fn: (a) => Math.ceil(num(a[0]!, 'ceil')) },
  floor: { plain: true, fn: (a) => Math.floor(num(a[0]!, 'floor')) },
  max: { plain: true, fn: (a) => Math.max(...a.map((x) => num(x, 'max'))) },
  min: { plain: true, fn: (a) => Math.min(...a.map((x) => num(x, 'min'))) },
  pow: { plain: true, fn: (a) => num(a[0]!, 'pow') ** num(a[1]!, 'pow') },
  signum: { plain: true, fn: (a) => Math.sign(num(a[0]!, 'signum')) },
  log: { plain: true, fn: (a) => Math.log(num(a[0]!, 'log')) / Math.log(num(a[1]!, 'log')) },
  parseint: { plain: true, fn: (a) => parseInt(str(a[0]!, 'parseint'), num(a[1]!, 'parseint')) },
  sum: { plain: true, fn: (a) => list(a[0]!, 'sum').reduce<number>((s, x) => s + num(x, 'sum'), 0) },
  // strings
  chomp: { plain: true, fn: (a) => str(a[0]!, 'chomp').replace(/(\r?\n)+$/, '') },
  format: { plain: false, fn: format },
  formatlist: {
    plain: true,
    fn: (a) => {
      const lists = a.slice(1).filter(isList);
      const n = lists.length ? Math.min(...lists.map((l) => l.length)) : 1;
      return Array.from({ length: n }, (_, i) => format([a[0]!, ...a.slice(1).map((x) => (isList(x) ? x[i]! : x))]) as Value);
    },
  },
  indent: { plain: true, fn: (a) => str(a[1]!, 'indent').replace(/\n/g, `\n${' '.repeat(num(a[0]!, 'indent'))}`) },
  join: {
    plain: false,
    fn: (a) => {
      const sep = primitiveText(a[0]!);
      if (sep === undefined) return UNKNOWN_RESULT;
      if (a.slice(1).some((l) => !isList(l))) return UNKNOWN_RESULT;
      const items = a.slice(1).flatMap((l) => l as Value[]);
      const pieces: Parameters<typeof concatPieces>[0] = [];
      for (const [i, x] of items.entries()) {
        const p = piecesOf(x);
        if (!p) return UNKNOWN_RESULT;
        if (i > 0) pieces.push(sep);
        pieces.push(...p);
      }
      return concatPieces(pieces);
    },
  },
  lower: { plain: true, fn: (a) => str(a[0]!, 'lower').toLowerCase() },
  upper: { plain: true, fn: (a) => str(a[0]!, 'upper').toUpperCase() },
  title: { plain: true, fn: (a) => str(a[0]!, 'title').replace(/\b\w/g, (c) => c.toUpperCase()) },
  trimspace: { plain: true, fn: (a) => str(a[0]!, 'trimspace').trim() },
  trim: {
    plain: true,
    fn: (a) => {
      const cut = new Set(str(a[1]!, 'trim'));
      let s = str(a[0]!, 'trim');
      while (s && cut.has(s[0]!)) s = s.slice(1);
      while (s && cut.has(s[s.length - 1]!)) s = s.slice(0, -1);
      return s;
    },
  },
  trimprefix: { plain: true, fn: (a) => { const s = str(a[0]!, 'trimprefix'), p = str(a[1]!, 'trimprefix'); return s.startsWith(p) ? s.slice(p.length) : s; } },
  trimsuffix: { plain: true, fn: (a) => { const s = str(a[0]!, 'trimsuffix'), p = str(a[1]!, 'trimsuffix'); return p && s.endsWith(p) ? s.slice(0, -p.length) : s; } },
  replace: {
    plain: true,
    fn: (a) => {
      const s = str(a[0]!, 'replace');
      const search = str(a[1]!, 'replace');
      const by = str(a[2]!, 'replace').replace(/\$\{(\d+)\}/g, '$$$1');
      const re = /^\/(.*)\/$/.exec(search);
      if (re) {
        try {
          return s.replace(new RegExp(re[1]!, 'g'), by);
        } catch {
          throw new EvalError('replace: invalid regular expression');
        }
      }
      return s.split(search).join(str(a[2]!, 'replace'));
    },
  },
  split: { plain: true, fn: (a) => { const s = str(a[1]!, 'split'); return s === '' ? [] : s.split(str(a[0]!, 'split')); } },
  substr: {
    plain: true,
    fn: (a) => {
      const chars = [...str(a[0]!, 'substr')];
      let off = num(a[1]!, 'substr');
      if (off < 0) off += chars.length;
      const len = num(a[2]!, 'substr');
      return chars.slice(off, len < 0 ? undefined : off + len).join('');
    },
  },
  strrev: { plain: true, fn: (a) => [...str(a[0]!, 'strrev')].reverse().join('') },
  startswith: { plain: true, fn: (a) => str(a[0]!, 'startswith').startsWith(str(a[1]!, 'startswith')) },
  endswith: { plain: true, fn: (a) => str(a[0]!, 'endswith').endsWith(str(a[1]!, 'endswith')) },
  regex: {
    plain: true,
    fn: (a) => {
      let m: RegExpExecArray | null;
      try {
        m = new RegExp(str(a[0]!, 'regex')).exec(str(a[1]!, 'regex'));
      } catch {
        return UNKNOWN_RESULT;
      }
      if (!m) throw new EvalError('regex: no match');
      if (m.groups) return { ...m.groups } as ValueObject;
      return m.length > 1 ? m.slice(1).map((x) => x ?? null) : m[0];
    },
  },
  // collections
  length: {
    plain: false,
    fn: (a) => {
      const v = a[0]!;
      if (typeof v === 'string') return [...v].length;
      if (isList(v)) return v.length;
      if (isObject(v)) return Object.keys(v).length;
      return UNKNOWN_RESULT;
    },
  },
  keys: { plain: false, fn: (a) => (isObject(a[0]!) ? Object.keys(a[0]).sort() : UNKNOWN_RESULT) },
  // values(aws_subnet.private) / tolist(...) of a resource with instances: a list holding the reference.
  values: { plain: false, fn: (a) => (isObject(a[0]!) ? Object.keys(a[0]).sort().map((k) => (a[0] as ValueObject)[k]!) : isResourceRef(a[0]!) ? [a[0]] : UNKNOWN_RESULT) },
  lookup: {
    plain: false,
    fn: (a) => {
      const m = a[0]!;
      const k = primitiveText(a[1]!);
      if (!isObject(m) || k === undefined) return UNKNOWN_RESULT;
      if (k in m) return m[k]!;
      if (a.length > 2) return a[2]!;
      throw new EvalError(`lookup: no key "${k}"`);
    },
  },
  element: {
    plain: false,
    fn: (a) => {
      const l = a[0]!;
      const i = asNumber(a[1]!);
      if (!isList(l) || i === undefined) return UNKNOWN_RESULT;
      if (l.length === 0) throw new EvalError('element: empty list');
      return l[((Math.trunc(i) % l.length) + l.length) % l.length]!;
    },
  },
  concat: { plain: false, fn: (a) => (a.every(isList) ? a.flat() : UNKNOWN_RESULT) },
  merge: {
    plain: false,
    fn: (a) => {
      const out: ValueObject = {};
      for (const m of a) {
        if (m === null) continue;
        if (!isObject(m)) return UNKNOWN_RESULT;
        Object.assign(out, m);
      }
      return sortedObject(out);
    },
  },
  flatten: { plain: false, fn: (a) => (isList(a[0]!) ? flatten(a[0]) : UNKNOWN_RESULT) },
  distinct: { plain: false, fn: (a) => (isList(a[0]!) ? uniq(a[0]) : UNKNOWN_RESULT) },
  compact: { plain: false, fn: (a) => (isList(a[0]!) ? a[0].filter((x) => x !== null && x !== '') : UNKNOWN_RESULT) },
  contains: { plain: true, fn: (a) => list(a[0]!, 'contains').some((x) => JSON.stringify(x) === JSON.stringify(a[1])) },
  index: {
    plain: true,
    fn: (a) => {
      const i = list(a[0]!, 'index').findIndex((x) => JSON.stringify(x) === JSON.stringify(a[1]));
      if (i < 0) throw new EvalError('index: value not in list');
      return i;
    },
  },
  reverse: { plain: false, fn: (a) => (isList(a[0]!) ? [...a[0]].reverse() : UNKNOWN_RESULT) },
  slice: {
    plain: false,
    fn: (a) => {
      const s = asNumber(a[1]!);
      const e = asNumber(a[2]!);
      return isList(a[0]!) && s !== undefined && e !== undefined ? a[0].slice(s, e) : UNKNOWN_RESULT;
    },
  },
  sort: { plain: true, fn: (a) => list(a[0]!, 'sort').map((x) => str(x, 'sort')).sort() },
  range: { plain: true, fn: range },
  zipmap: {
    plain: false,
    fn: (a) => {
      const ks = a[0]!;
      const vs = a[1]!;
      if (!isList(ks) || !isList(vs) || !ks.every((k) => primitiveText(k) !== undefined)) return UNKNOWN_RESULT;
      const out: ValueObject = {};
      ks.forEach((k, i) => (out[primitiveText(k)!] = vs[i] ?? null));
      return sortedObject(out);
    },
  },
  coalesce: { plain: false, fn: (a) => { for (const x of a) { if (isSymbolic(x)) return isUnknownValue(x) ? UNKNOWN_RESULT : x; if (x !== null && x !== '') return x; } throw new EvalError('coalesce: no non-null argument'); } },
  coalescelist: { plain: false, fn: (a) => { for (const x of a) { if (!isList(x)) return UNKNOWN_RESULT; if (x.length) return x; } return []; } },
  one: {
    plain: false,
    fn: (a) => {
      const l = a[0]!;
      if (!isList(l)) return UNKNOWN_RESULT;
      if (l.length > 1) throw new EvalError('one: more than one element');
      return l[0] ?? null;
    },
  },
  tolist: { plain: false, fn: (a) => (isList(a[0]!) ? a[0] : isObject(a[0]!) ? list(a[0], 'tolist') : isResourceRef(a[0]!) ? [a[0]] : UNKNOWN_RESULT) },
  toset: {
    plain: false,
    fn: (a) => {
      const l = a[0]!;
      if (!isList(l)) return UNKNOWN_RESULT;
      const u = uniq(l);
      // Sets are unordered in Terraform; sort plain strings so output never depends on input order.
      return u.every((x) => typeof x === 'string') ? (u as string[]).sort() : u;
    },
  },
  tomap: { plain: false, fn: (a) => (isObject(a[0]!) ? a[0] : UNKNOWN_RESULT) },
  tostring: { plain: false, fn: (a) => { const v = a[0]!; if (v === null) return null; const t = primitiveText(v); return t ?? (isSymbolic(v) ? v : UNKNOWN_RESULT); } },
  tonumber: { plain: true, fn: (a) => (a[0] === null ? null : num(a[0]!, 'tonumber')) },
  tobool: { plain: true, fn: (a) => { const v = a[0]!; if (v === null || typeof v === 'boolean') return v; if (v === 'true' || v === 'false') return v === 'true'; throw new EvalError('tobool: not a boolean'); } },
  jsonencode: { plain: false, fn: (a) => jsonencode(a[0]!) },
  jsondecode: {
    plain: true,
    fn: (a) => {
      try {
        return jsonToValue(JSON.parse(str(a[0]!, 'jsondecode')));
      } catch {
        throw new EvalError('jsondecode: invalid JSON');
      }
    },
  },
  base64encode: { plain: true, fn: (a) => Buffer.from(str(a[0]!, 'base64encode')).toString('base64') },
  base64decode: { plain: true, fn: (a) => Buffer.from(str(a[0]!, 'base64decode'), 'base64').toString('utf8') },
  md5: { plain: true, fn: hash('md5') },
  sha1: { plain: true, fn: hash('sha1') },
  sha256: { plain: true, fn: hash('sha256') },
  cidrsubnet: { plain: true, fn: cidrsubnet },
  cidrhost: { plain: true, fn: cidrhost },
  cidrnetmask: { plain: true, fn: (a) => { const c = parseCidr(str(a[0]!, 'cidrnetmask')); return c ? ipText(c.bits === 0 ? 0 : (0xffffffff << (32 - c.bits)) >>> 0) : UNKNOWN_RESULT; } },
  file: { plain: true, fn: (a, env) => { const t = env.readFile(str(a[0]!, 'file')); if (t === undefined) throw new EvalError('file: not found in the scan'); return t; } },
  fileexists: { plain: true, fn: (a, env) => env.readFile(str(a[0]!, 'fileexists')) !== undefined },
  templatefile: {
    plain: false,
    fn: (a, env) => {
      const path = primitiveText(a[0]!);
      if (path === undefined || !isCollection(a[1] ?? {})) return UNKNOWN_RESULT;
      const t = env.readFile(path);
      if (t === undefined) throw new EvalError('templatefile: not found in the scan');
      return env.renderTemplate(t, (a[1] ?? {}) as ValueObject);
    },
  },
  basename: { plain: true, fn: (a) => str(a[0]!, 'basename').replace(/\/+$/, '').split('/').pop() ?? '' },
  dirname: { plain: true, fn: (a) => { const s = str(a[0]!, 'dirname'); const i = s.lastIndexOf('/'); return i < 0 ? '.' : s.slice(0, i) || '/'; } },
  abspath: { plain: true, fn: (a) => str(a[0]!, 'abspath') },
  setunion: { plain: false, fn: (a) => (a.every(isList) ? uniq(a.flat()) : UNKNOWN_RESULT) },
  setintersection: {
    plain: true,
    fn: (a) => {
      const [first, ...rest] = a.map((x) => list(x, 'setintersection'));
      return uniq((first ?? []).filter((x) => rest.every((l) => l.some((y) => JSON.stringify(y) === JSON.stringify(x)))));
    },
  },
  alltrue: { plain: true, fn: (a) => list(a[0]!, 'alltrue').every((x) => x === true || x === 'true') },
  anytrue: { plain: true, fn: (a) => list(a[0]!, 'anytrue').some((x) => x === true || x === 'true') },
  sensitive: { plain: false, fn: (a) => a[0]! },
  nonsensitive: { plain: false, fn: (a) => a[0]! },
  // Terraform 0.11 spellings still met in old code.
  list: { plain: false, fn: (a) => a },
  map: {
    plain: false,
    fn: (a) => {
      const out: ValueObject = {};
      for (let i = 0; i + 1 < a.length; i += 2) {
        const k = primitiveText(a[i]!);
        if (k === undefined) return UNKNOWN_RESULT;
        out[k] = a[i + 1]!;
      }
      return sortedObject(out);
    },
  },
  // Non-deterministic or apply-time only: always unknown.
  timestamp: { plain: true, fn: () => UNKNOWN_RESULT },
  uuid: { plain: true, fn: () => UNKNOWN_RESULT },
  bcrypt: { plain: true, fn: () => UNKNOWN_RESULT },
});

export { formatNumber };
