/**
 * Mutation operators for the fuzzer: each takes a file's text and a random source and returns a
 * malformed variant of the kinds real repositories and attackers produce.
 */

/** Deterministic PRNG (mulberry32) so that a failing mutant can be replayed from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const at = (r: Rand, n: number) => Math.floor(r() * Math.max(1, n));

const SPECIALS = [': ', '- ', '{', '}', '[', ']', '&a ', '*a', '*missing', '!!binary ', '!Ref ', '!Rain::Embed x', '|', '>', '%YAML 1.1', '@', '`', '\t', '"', "'", '#', '---', '...', '${', '${var.x', '{{ .Values.x }}', '<<: *a', '? ', ',', '\\', '\u2028', '\uffff'];

export const MUTATORS: Record<string, (text: string, r: Rand) => string> = {
  byteFlip(t, r) {
    if (!t) return t;
    const i = at(r, t.length);
    return t.slice(0, i) + String.fromCharCode(t.charCodeAt(i) ^ (1 << at(r, 7))) + t.slice(i + 1);
  },
  truncate(t, r) {
    return t.slice(0, at(r, t.length));
  },
  deleteLine(t, r) {
    const ls = t.split('\n');
    ls.splice(at(r, ls.length), 1 + at(r, 3));
    return ls.join('\n');
  },
  duplicateLine(t, r) {
    const ls = t.split('\n');
    const i = at(r, ls.length);
    ls.splice(i, 0, ...ls.slice(i, i + 1 + at(r, 4)));
    return ls.join('\n');
  },
  special(t, r) {
    const i = at(r, t.length);
    return t.slice(0, i) + pick(r, SPECIALS) + t.slice(i);
  },
  reindent(t, r) {
    const ls = t.split('\n');
    const i = at(r, ls.length);
    ls[i] = (r() < 0.5 ? '   ' : '') + (ls[i] ?? '').replace(/^ {1,3}/, '');
    return ls.join('\n');
  },
  deepNesting(t, r) {
    const depth = 200 + at(r, 5000);
    const kind = at(r, 3);
    const deep = kind === 0 ? '['.repeat(depth) + ']'.repeat(depth) : kind === 1 ? '{a: '.repeat(depth) + '1' + '}'.repeat(depth) : 'x = ' + '{ a = '.repeat(depth) + '1' + ' }'.repeat(depth);
    const ls = t.split('\n');
    ls.splice(at(r, ls.length), 0, `deep: ${deep}`);
    return ls.join('\n');
  },
  longLine(t, r) {
    const ls = t.split('\n');
    ls.splice(at(r, ls.length), 0, `long: ${'x'.repeat(100_000 + at(r, 400_000))}`);
    return ls.join('\n');
  },
  bom(t) {
    return '\ufeff' + t;
  },
  crlf(t) {
    return t.replace(/\n/g, '\r\n');
  },
  nul(t, r) {
    const i = at(r, t.length);
    return t.slice(0, i) + '\0' + t.slice(i);
  },
  aliasBomb(t) {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]`);
    return `${lines.join('\n')}\n${t}`;
  },
  unclosedHcl(t, r) {
    const ls = t.split('\n');
    ls.splice(at(r, ls.length), 0, pick(r, ['resource "aws_s3_bucket" "x" {', 'module "m" {\n  source = "./nowhere"', 'locals {\n  a = [for i in range(100000000) : i]\n}', 'variable "v" {\n  default = <<EOT\nunterminated']));
    return ls.join('\n');
  },
  wrongType(t, r) {
    // Replace a scalar value with a list or a map, or a map with a scalar.
    const ls = t.split('\n');
    const i = at(r, ls.length);
    const line = ls[i] ?? '';
    const m = /^(\s*[^:#]+:)\s*(.*)$/.exec(line);
    if (!m) return t;
    ls[i] = `${m[1]} ${pick(r, ['[1, 2, 3]', '{a: b}', '~', '12345678901234567890', 'true', '"', '[[[]]]', '-1', '.nan', '0x1F'])}`;
    return ls.join('\n');
  },
  prototypeName(t, r) {
    // A word (a kind, a type, a key, a function name) becomes a name Object.prototype also has: a
    // table lookup by input must miss, not find the inherited member.
    const words = [...t.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)];
    if (!words.length) return t;
    const w = pick(r, words);
    const name = pick(r, ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf', 'prototype', 'length']);
    return t.slice(0, w.index) + name + t.slice(w.index + w[0].length);
  },
  swapDocuments(t, r) {
    const docs = t.split(/^---$/m);
    if (docs.length < 2) return t;
    const i = at(r, docs.length);
    const j = at(r, docs.length);
    [docs[i], docs[j]] = [docs[j]!, docs[i]!];
    return docs.join('---');
  },
};

export const MUTATOR_NAMES = Object.keys(MUTATORS).sort();

/** Apply 1–3 random mutations. Returns the text and the names applied (for the failure message). */
export function mutate(text: string, r: Rand): { text: string; applied: string[] } {
  const applied: string[] = [];
  let out = text;
  for (let n = 1 + at(r, 3); n > 0; n--) {
    const name = pick(r, MUTATOR_NAMES);
    applied.push(name);
    out = MUTATORS[name]!(out, r);
  }
  return { text: out, applied };
}
