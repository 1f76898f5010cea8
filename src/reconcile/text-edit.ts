/**
 * Surgical edits of a YAML text located with the `yaml` package's Document API: we parse once, find
 * the nodes, and splice new text into the original string, so every byte we do not change (comments,
 * quoting, spacing, key order, anchors) stays exactly as the human wrote it. Re-serialising the whole
 * document would reformat untouched parts.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export interface Edit {
  start: number;
  end: number;
  text: string;
}

export class TextEditor {
  private readonly edits: Array<Edit & { order: number }> = [];
  constructor(readonly text: string) {}

  replace(start: number, end: number, text: string): void {
    this.edits.push({ start, end, text, order: this.edits.length });
  }

  insert(at: number, text: string): void {
    this.replace(at, at, text);
  }

  get changed(): boolean {
    return this.edits.length > 0;
  }

  /** Applies all edits; inserts at the same offset keep the order they were made in. */
  apply(): string {
    let out = this.text;
    const sorted = [...this.edits].sort((a, b) => b.start - a.start || b.order - a.order);
    for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
    return out;
  }

  // ---- positions ---------------------------------------------------------------------------

  lineStart(pos: number): number {
    return this.text.lastIndexOf('\n', pos - 1) + 1;
  }

  /** Offset just after the end of the line containing pos (after its newline). */
  afterLine(pos: number): number {
    const nl = this.text.indexOf('\n', pos);
    return nl < 0 ? this.text.length : nl + 1;
  }

  column(pos: number): number {
    return pos - this.lineStart(pos);
  }

  /** Text to insert at `afterLine(...)`, making sure it starts on a new line. */
  private lines(at: number, lines: string[]): string {
    const prefix = at === this.text.length && !this.text.endsWith('\n') ? '\n' : '';
    return prefix + lines.map((l) => l + '\n').join('');
  }

  // ---- structural helpers ------------------------------------------------------------------

  /** Replace a scalar value with new plain text. */
  setScalar(node: Node, text: string): void {
    const r = node.range!;
    this.replace(r[0], r[1], text);
  }

  /** Add `key: value` lines (already formatted, relative indentation) at the end of a mapping. */
  appendToMap(map: YAMLMap, lines: string[], fallbackIndent: number): void {
    const items = map.items as Pair<Node, Node>[];
    if (map.flow || items.length === 0) {
      // `{}` or an empty flow map: rewrite it as a block under its key.
      const r = map.range!;
      const indent = ' '.repeat(fallbackIndent);
      this.replace(r[0], r[1], '\n' + lines.map((l) => indent + l).join('\n'));
      return;
    }
    const first = items[0]!.key as Node;
    const indent = ' '.repeat(this.column(first.range![0]));
    const last = items[items.length - 1]!;
    const end = lastEnd(last);
    const at = this.afterLine(end - 1 >= 0 ? Math.max(end - 1, 0) : 0);
    this.insert(at, this.lines(at, lines.map((l) => indent + l)));
  }

  /** Add a block under a key whose value is empty (`key:` or `key: ~`), on the following lines. */
  fillEmptyKey(pair: Pair<Node, Node | null>, lines: string[], indentBy = 2): void {
    const key = pair.key as Node;
    const indent = ' '.repeat(this.column(key.range![0]) + indentBy);
    const v = pair.value;
    const block = lines.map((l) => indent + l);
    if (v && isScalar(v) && v.range) {
      this.replace(v.range[0], v.range[1], '');
    }
    const at = this.afterLine(v?.range ? v.range[1] : key.range![1]);
    this.insert(at, this.lines(at, block));
  }

  /** Add a scalar item to a sequence (block or flow). */
  appendToSeq(seq: YAMLSeq, itemText: string): void {
    const r = seq.range!;
    if (seq.flow) {
      const close = this.text.lastIndexOf(']', r[1]);
      const inner = this.text.slice(r[0] + 1, close).trim();
      this.insert(close, inner === '' ? itemText : `, ${itemText}`);
      return;
    }
    const items = seq.items as Node[];
    const last = items[items.length - 1]!;
    const indent = ' '.repeat(this.column(r[0]));
    const at = this.afterLine(Math.max((last.range?.[1] ?? r[1]) - 1, 0));
    this.insert(at, this.lines(at, [`${indent}- ${itemText}`]));
  }

  /** Remove a scalar item from a sequence. */
  removeFromSeq(seq: YAMLSeq, index: number): void {
    const items = seq.items as Node[];
    const item = items[index]!;
    const r = item.range!;
    if (seq.flow) {
      // Remove the item and one adjacent comma.
      const next = items[index + 1];
      if (next) this.replace(r[0], next.range![0], '');
      else if (index > 0) this.replace(items[index - 1]!.range![1], r[1], '');
      else this.replace(r[0], r[1], '');
      return;
    }
    this.replace(this.lineStart(r[0]), this.afterLine(Math.max(r[1] - 1, r[0])), '');
  }

  /** Remove a whole `key: value` entry of a block mapping, including comment lines right above it. */
  removePair(pair: Pair<Node, Node>): void {
    const start = this.lineStart((pair.key as Node).range![0]);
    this.replace(start, this.afterLine(Math.max(lastEnd(pair) - 1, start)), '');
  }
}

/** End offset of a pair's value (or key when the value is empty). */
function lastEnd(pair: Pair<unknown, unknown>): number {
  const v = pair.value as Node | null;
  if (v && v.range) return isMap(v) || isSeq(v) ? v.range[1] : v.range[1];
  return (pair.key as Node).range![1];
}

/** The pair with this key in a mapping node. */
export function pairOf(map: unknown, key: string): Pair<Node, Node> | undefined {
  if (!isMap(map)) return undefined;
  return (map.items as Pair<Node, Node>[]).find((p) => isScalar(p.key) && String(p.key.value) === key);
}

/** A YAML plain scalar when safe, else double-quoted (JSON strings are valid YAML). */
export function yamlString(s: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 _./-]*$/.test(s) && !/^(true|false|yes|no|on|off|null|~|y|n)$/i.test(s) && !/^[0-9.+-]+$/.test(s) && !s.endsWith(' ')
    ? s
    : JSON.stringify(s);
}
