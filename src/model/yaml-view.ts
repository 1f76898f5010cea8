/**
 * A small typed view over a `yaml` (eemeli) document for reading Threagile models: map entries with
 * merge keys (`<<`) applied the way YAML 1.1 defines them, the 1-based line of every key, and scalar
 * readers that turn wrong types into ModelIssues instead of throwing.
 *
 * We walk the AST rather than `toJS()` so every field keeps its own source line (drift and SARIF
 * point at `threagile.yaml:LINE`).
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type LineCounter, type Node, type Pair } from 'yaml';
import type { ModelIssue } from './types.js';

/** Aliases followed while reading one model; far above any real model, low enough to stop an alias bomb. */
const ALIAS_BUDGET = 10_000;

export class ReadContext {
  readonly issues: ModelIssue[] = [];
  private aliasesLeft = ALIAS_BUDGET;
  private aliasBombReported = false;

  constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
  ) {}

  lineOf(node: unknown, fallback = 1): number {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? this.lines.linePos(range[0]).line : fallback;
  }

  error(line: number, message: string): void {
    this.issues.push({ severity: 'error', file: this.file, line, message });
  }
  warning(line: number, message: string): void {
    this.issues.push({ severity: 'warning', file: this.file, line, message });
  }

  /** Follows aliases (within the budget); anything else is returned as is. */
  deref(node: unknown, line: number): unknown {
    let current = node;
    let hops = 0;
    while (isAlias(current)) {
      if (this.aliasesLeft-- <= 0 || hops++ > 100) {
        if (!this.aliasBombReported) this.error(line, 'too many YAML alias expansions (alias bomb?); the rest of the aliases were not followed');
        this.aliasBombReported = true;
        return null;
      }
      current = current.resolve(this.doc) ?? null;
    }
    return current;
  }
}

export interface Entry {
  key: string;
  /** Line of the key as written; for a key inherited through `<<`, the line of that `<<`. */
  line: number;
  value: unknown;
}

function isMergeKeyNode(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

function keyText(key: unknown): string | undefined {
  if (isScalar(key)) {
    const v = key.value;
    if (v === null || v === undefined) return '';
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  }
  return undefined;
}

/**
 * The entries of a mapping node, in file order, with merge keys applied: explicit keys win over merged
 * ones, and earlier merge sources win over later ones (YAML merge key spec). Returns undefined (and
 * reports) when the node is not a mapping; null/empty values give an empty list.
 */
export function mapEntries(ctx: ReadContext, node: unknown, what: string, line: number): Entry[] | undefined {
  const n = ctx.deref(node, line);
  if (n === null || n === undefined || (isScalar(n) && (n.value === null || n.value === ''))) return [];
  if (!isMap(n)) {
    ctx.error(ctx.lineOf(n, line), `${what} must be a mapping (key: value), found ${describe(n)}`);
    return undefined;
  }
  const own: Entry[] = [];
  const merged: Entry[] = [];
  for (const pair of n.items as Pair<unknown, unknown>[]) {
    const pairLine = ctx.lineOf(pair.key, ctx.lineOf(pair.value, line));
    if (isMergeKeyNode(pair.key)) {
      collectMerge(ctx, pair.value, pairLine, merged, what, 0);
      continue;
    }
    const key = keyText(pair.key);
    if (key === undefined) {
      ctx.error(pairLine, `${what}: a key must be a plain string`);
      continue;
    }
    own.push({ key, line: pairLine, value: pair.value });
  }
  // Duplicate keys: yaml.v3 rejects them ("already defined"); report the later one at its own line.
  const firstAt = new Map<string, number>();
  const unique: Entry[] = [];
  for (const e of own) {
    const prior = firstAt.get(e.key);
    if (prior !== undefined) {
      ctx.error(e.line, `${what}: duplicate key '${e.key}' (already defined at line ${prior}); the first one is used`);
      continue;
    }
    firstAt.set(e.key, e.line);
    unique.push(e);
  }
  const seen = new Set(unique.map((e) => e.key));
  const out = [...unique];
  for (const e of merged) {
    if (seen.has(e.key)) continue;
    seen.add(e.key);
    out.push(e);
  }
  return out;
}

function collectMerge(ctx: ReadContext, value: unknown, line: number, into: Entry[], what: string, depth: number): void {
  const src = ctx.deref(value, line);
  if (isSeq(src)) {
    for (const item of src.items) collectMerge(ctx, item, line, into, what, depth);
    return;
  }
  if (!isMap(src)) {
    ctx.error(line, `${what}: a merge key '<<' must refer to a mapping`);
    return;
  }
  if (depth > 50) {
    ctx.error(line, `${what}: merge keys nested too deeply`);
    return;
  }
  // The merged mapping may itself use merge keys; resolve it recursively, keeping the `<<` line.
  const inner = mapEntries(ctx, src, what, line) ?? [];
  for (const e of inner) into.push({ key: e.key, line, value: e.value });
}

export function describe(node: unknown): string {
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : `${typeof node.value} '${String(node.value)}'`;
  if (node === null || node === undefined) return 'nothing';
  return 'an unexpected value';
}

/** Readers for one field of an entity: each reports a wrong type at the field's line and returns the default. */
export class FieldReader {
  readonly byKey: Map<string, Entry>;

  constructor(
    private readonly ctx: ReadContext,
    entries: Entry[],
    /** e.g. `technical asset 'Web Server'`, used in messages. */
    readonly what: string,
    /** Keys this kind of entity knows; others are reported once as ignored. */
    known?: ReadonlySet<string>,
  ) {
    this.byKey = new Map(entries.map((e) => [e.key, e]));
    if (known) {
      for (const e of entries) {
        if (!known.has(e.key)) ctx.warning(e.line, `${what}: unknown key '${e.key}' is ignored by Threagile`);
      }
    }
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  lineOf(key: string): number | undefined {
    return this.byKey.get(key)?.line;
  }

  /** field → line, for every key present. */
  fieldLines(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, e] of this.byKey) out[k] = e.line;
    return out;
  }

  node(key: string): unknown {
    const e = this.byKey.get(key);
    return e ? this.ctx.deref(e.value, e.line) : undefined;
  }

  /** The field's entry and (alias-resolved) value; undefined when the key is absent or null, which every reader takes as its default. */
  private valueOf(key: string): { e: Entry; n: unknown } | undefined {
    const e = this.byKey.get(key);
    if (!e) return undefined;
    const n = this.ctx.deref(e.value, e.line);
    return n === null || n === undefined ? undefined : { e, n };
  }

  /** A string; numbers and booleans are taken as written (Go's yaml.v3 does the same for string fields). */
  str(key: string, fallback = ''): string {
    const set = this.valueOf(key);
    if (!set) return fallback;
    const { e, n } = set;
    if (isScalar(n)) {
      const v = n.value;
      if (v === null || v === undefined) return fallback;
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return n.source ?? String(v);
    }
    this.ctx.error(e.line, `${this.what}: '${key}' must be a string, found ${describe(n)}`);
    return fallback;
  }

  bool(key: string, fallback = false): boolean {
    const set = this.valueOf(key);
    if (!set) return fallback;
    const { e, n } = set;
    if (isScalar(n)) {
      if (n.value === null) return fallback;
      if (typeof n.value === 'boolean') return n.value;
      // yaml.v3 also accepts the YAML 1.1 spellings when the target is a bool.
      if (typeof n.value === 'string') {
        const s = n.value.toLowerCase();
        if (['yes', 'on', 'y'].includes(s)) return true;
        if (['no', 'off', 'n'].includes(s)) return false;
      }
    }
    this.ctx.error(e.line, `${this.what}: '${key}' must be true or false, found ${describe(n)}`);
    return fallback;
  }

  int(key: string, fallback = 0): number {
    const set = this.valueOf(key);
    if (!set) return fallback;
    const { e, n } = set;
    if (isScalar(n)) {
      if (n.value === null) return fallback;
      if (typeof n.value === 'number' && Number.isInteger(n.value)) return n.value;
      if (typeof n.value === 'string' && /^-?\d+$/.test(n.value.trim())) return Number(n.value.trim());
    }
    this.ctx.error(e.line, `${this.what}: '${key}' must be a whole number, found ${describe(n)}`);
    return fallback;
  }

  /** A list of strings; a single scalar is accepted as a one-element list (yaml.v3 does not, so we warn). */
  strList(key: string): string[] {
    const set = this.valueOf(key);
    if (!set) return [];
    const { e, n } = set;
    if (isScalar(n)) {
      if (n.value === null || n.value === '') return [];
      this.ctx.error(e.line, `${this.what}: '${key}' must be a list, found ${describe(n)}`);
      return [];
    }
    if (!isSeq(n)) {
      this.ctx.error(e.line, `${this.what}: '${key}' must be a list, found ${describe(n)}`);
      return [];
    }
    const out: string[] = [];
    for (const item of n.items) {
      const it = this.ctx.deref(item, e.line);
      if (isScalar(it) && it.value !== null && typeof it.value !== 'object' && typeof it.value !== 'symbol') {
        out.push(typeof it.value === 'string' ? it.value : (it.source ?? String(it.value)));
      } else if (isScalar(it) && it.value === null) {
        continue; // `- ` with nothing: yaml.v3 gives "", which Threagile then rejects as an unknown reference; skip quietly
      } else {
        this.ctx.error(this.ctx.lineOf(it, e.line), `${this.what}: every item of '${key}' must be a string, found ${describe(it)}`);
      }
    }
    return out;
  }

  /** A map of string → string (questions, abuse cases); null values become ''. */
  strMap(key: string): Record<string, string> {
    const e = this.byKey.get(key);
    if (!e) return {};
    const entries = mapEntries(this.ctx, e.value, `${this.what}: '${key}'`, e.line) ?? [];
    const out: Record<string, string> = {};
    for (const en of entries) {
      const v = this.ctx.deref(en.value, en.line);
      if (v === null || v === undefined || (isScalar(v) && v.value === null)) out[en.key] = '';
      else if (isScalar(v) && typeof v.value !== 'object') out[en.key] = typeof v.value === 'string' ? v.value : (v.source ?? String(v.value));
      else this.ctx.error(en.line, `${this.what}: '${key}' → '${en.key}' must be a string, found ${describe(v)}`);
    }
    return out;
  }

  /** Entries of a nested mapping (e.g. `communication_links`). */
  entries(key: string): Entry[] {
    const e = this.byKey.get(key);
    if (!e) return [];
    return mapEntries(this.ctx, e.value, `${this.what}: '${key}'`, e.line) ?? [];
  }
}

export function isNodeLike(v: unknown): v is Node {
  return isMap(v) || isSeq(v) || isScalar(v) || isAlias(v);
}
