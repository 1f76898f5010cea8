/**
 * Lines of scalars. js-yaml tells us where each mapping and sequence starts; the line of a scalar
 * item (`- "80:80"`, `KEY: value`) is found by a bounded search of the text from its parent's line.
 */
import type { Location } from '../../src/graph/types.js';
import { splitLines } from '../../src/util/yaml.js';

export class FileText {
  readonly lines: string[];
  constructor(
    readonly path: string,
    text: string,
  ) {
    // Counted as js-yaml counts them, since the search starts from js-yaml's lines.
    this.lines = splitLines(text);
  }

  loc(line: number): Location {
    return { file: this.path, line: Math.max(1, line) };
  }

  /** First 1-based line in [from, to] matching `re`, else undefined. */
  find(from: number, to: number, re: RegExp): number | undefined {
    const end = Math.min(to, this.lines.length);
    for (let l = Math.max(1, from); l <= end; l++) if (re.test(this.lines[l - 1]!)) return l;
    return undefined;
  }

  /** The line of mapping key `key` (any indentation) in [from, to]. */
  keyLine(from: number, to: number, key: string): number | undefined {
    return this.find(from, to, new RegExp(`^\\s*(-\\s+)?["']?${escapeRe(key)}["']?\\s*:(\\s|$)`));
  }

  /** The line of sequence item text `item` (`- 80:80`, `- "KEY=value"`) in [from, to]. */
  itemLine(from: number, to: number, item: string): number | undefined {
    return this.find(from, to, new RegExp(`(^\\s*-\\s*|[\\[,]\\s*)["']?${escapeRe(item)}`));
  }

  /** Comment lines directly above `line` (contiguous), plus a trailing comment on the line itself. */
  commentsAbove(line: number): Array<{ line: number; text: string }> {
    const out: Array<{ line: number; text: string }> = [];
    const own = this.lines[line - 1];
    const trailing = own?.match(/\s#\s?(.*)$/);
    if (trailing) out.push({ line, text: trailing[1]! });
    for (let l = line - 1; l >= 1; l--) {
      const t = this.lines[l - 1]!.trim();
      if (!t.startsWith('#')) break;
      out.push({ line: l, text: t.replace(/^#+\s?/, '') });
    }
    return out;
  }
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
