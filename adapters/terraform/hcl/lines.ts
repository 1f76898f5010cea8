/**
 * Line recovery for HCL (hcl2json gives no positions): one linear pass over the text that knows
 * strings (with `${}` inside), comments and heredocs. It yields the 1-based line of every top-level
 * block (keyed like Terraform addresses: `resource.aws_lb.web`, `data.aws_vpc.main`, `module.api`,
 * `variable.env`, `output.url`, `local.name`), the lines of nested blocks and attributes relative to
 * their block (`ingress[1].cidr_blocks`, `tags.Name`), the `infragile:ignore` comments directly above
 * each block, and the deepest bracket nesting (the guard in front of hcl2json).
 */

export interface BlockLines {
  line: number;
  /** Nested attribute/block paths → line (`ingress[0]`, `ingress[0].from_port`, `tags`). */
  lines: Record<string, number>;
  suppressions: Array<{ ruleId: string; reason: string; line: number }>;
}

export interface ScanResult {
  blocks: Map<string, BlockLines>;
  /** Deepest bracket nesting seen (`{`, `[`, `(`, `${`). */
  maxDepth: number;
}

type FrameKind = '"' | '${' | '{' | '[' | '(';
interface Frame {
  kind: FrameKind;
  /** For `{`/`[` frames that belong to a block or attribute: the path of it relative to the block. */
  path?: string;
  /** Whether `name = …` / `name {` lines directly inside are recorded (block bodies and object literals). */
  records?: boolean;
  /** Nested block counters by name, for `ingress[0]`, `ingress[1]`. */
  counters?: Map<string, number>;
}

const HEADER = /^([A-Za-z_][\w-]*)((?:\s+(?:"(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*))*)\s*\{/;
const ATTRIBUTE = /^("(?:[^"\\]|\\.)*"|[A-Za-z_][\w-]*)\s*[=:](?![=>])/;
const LABEL = /"((?:[^"\\]|\\.)*)"|([A-Za-z_][\w-]*)/g;
const IGNORE = /infragile:ignore\s+([A-Za-z0-9_.:-]+)\s*(.*)$/;

/** Stop tracking paths past this depth; only the depth counter keeps going (cheap on hostile input). */
const MAX_TRACKED_DEPTH = 64;

export function scanHclLines(src: string): ScanResult {
  const blocks = new Map<string, BlockLines>();
  const stack: Frame[] = [];
  let maxDepth = 0;
  let heredoc: string | undefined;
  let blockComment = false;
  let pendingComments: Array<{ text: string; line: number }> = [];
  let current: BlockLines | undefined;
  let currentKey = '';

  const lines = src.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    let line = lines[i]!;
    if (heredoc !== undefined) {
      if (line.trim() === heredoc) heredoc = undefined;
      continue;
    }
    let from = 0;
    if (blockComment) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      blockComment = false;
      from = end + 2;
    }
    const trimmed = line.slice(from).trimStart();
    if (trimmed === '') {
      pendingComments = [];
      continue;
    }
    if (trimmed.startsWith('#') || trimmed.startsWith('//')) {
      pendingComments.push({ text: trimmed, line: lineNo });
      continue;
    }

    // Record what this line declares, given the frame it starts in.
    const top = stack[stack.length - 1];
    const openedBy: { path?: string; block?: boolean } = {};
    if (stack.length === 0) {
      const m = HEADER.exec(trimmed);
      if (m) {
        const labels = [...m[2]!.matchAll(LABEL)].map((x) => x[1] ?? x[2]!);
        currentKey = [m[1], ...labels].join('.');
        current = { line: lineNo, lines: {}, suppressions: [] };
        for (const c of pendingComments) {
          const ig = IGNORE.exec(c.text);
          if (ig) current.suppressions.push({ ruleId: ig[1]!, reason: ig[2]!.trim(), line: c.line });
        }
        if (!blocks.has(currentKey)) blocks.set(currentKey, current);
        openedBy.path = '';
        openedBy.block = true;
      }
    } else if (top && top.records && stack.length <= MAX_TRACKED_DEPTH && current) {
      const base = top.path ?? '';
      const join = (name: string) => (base ? `${base}.${name}` : name);
      const attr = ATTRIBUTE.exec(trimmed);
      const head = attr ? undefined : HEADER.exec(trimmed);
      if (attr) {
        const name = attr[1]!.startsWith('"') ? attr[1]!.slice(1, -1) : attr[1]!;
        const path = join(name);
        if (stack.length === 1 && currentKey === 'locals') {
          if (!blocks.has(`local.${name}`)) blocks.set(`local.${name}`, { line: lineNo, lines: {}, suppressions: [] });
        } else if (!(path in current.lines)) current.lines[path] = lineNo;
        openedBy.path = path;
      } else if (head) {
        const labels = [...head[2]!.matchAll(LABEL)].map((x) => x[1] ?? x[2]!);
        // `dynamic "ingress" {` describes `ingress` blocks: record it as `dynamic.ingress[n]`.
        const name = head[1] === 'dynamic' && labels[0] ? `dynamic.${labels[0]}` : head[1]!;
        const counters = (top.counters ??= new Map());
        const n = counters.get(name) ?? 0;
        counters.set(name, n + 1);
        const path = join(`${name}[${n}]`);
        current.lines[path] = lineNo;
        openedBy.path = path;
        openedBy.block = true;
      }
    }
    pendingComments = [];

    // Walk the characters to keep the bracket stack right.
    let first = true;
    for (let j = from; j < line.length; j++) {
      const c = line[j]!;
      const f = stack[stack.length - 1];
      if (f?.kind === '"') {
        if (c === '\\') j++;
        else if (c === '"') stack.pop();
        else if ((c === '$' || c === '%') && line[j + 1] === c && line[j + 2] === '{') j += 2;
        else if ((c === '$' || c === '%') && line[j + 1] === '{') {
          stack.push({ kind: '${' });
          j++;
          if (stack.length > maxDepth) maxDepth = stack.length;
        }
        continue;
      }
      if (c === '"') {
        stack.push({ kind: '"' });
        continue;
      }
      if (c === '#' || (c === '/' && line[j + 1] === '/')) break;
      if (c === '/' && line[j + 1] === '*') {
        const end = line.indexOf('*/', j + 2);
        if (end < 0) {
          blockComment = true;
          break;
        }
        j = end + 1;
        continue;
      }
      if (c === '<' && line[j + 1] === '<') {
        const m = /^<<-?\s*([A-Za-z_][\w-]*)\s*$/.exec(line.slice(j));
        if (m) {
          heredoc = m[1];
          break;
        }
      }
      if (c === '{' || c === '[' || c === '(') {
        const frame: Frame = { kind: c };
        if (first && openedBy.path !== undefined && c !== '(') {
          frame.path = openedBy.path;
          frame.records = c === '{';
        } else if (c === '{' && f?.path !== undefined && f.kind === '[') {
          // Objects inside a list attribute: keep the list's path, do not record their keys.
          frame.path = f.path;
        }
        first = false;
        stack.push(frame);
        if (stack.length > maxDepth) maxDepth = stack.length;
      } else if (c === '}' || c === ']' || c === ')') {
        const want = c === '}' ? ['{', '${'] : c === ']' ? ['['] : ['('];
        // Pop to the matching opener; a stray closer is left for hcl2json to report.
        for (let k = stack.length - 1; k >= 0; k--) {
          if (want.includes(stack[k]!.kind)) {
            stack.length = k;
            break;
          }
          if (stack[k]!.kind === '"') break;
        }
      }
    }
    // Strings do not span lines in HCL: recover from an unterminated one.
    while (stack.length && stack[stack.length - 1]!.kind === '"') stack.pop();
  }
  return { blocks, maxDepth };
}

/** The deepest bracket nesting of a JSON text (strings skipped): the guard for `.tf.json`. */
export function jsonDepth(src: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < src.length; i++) {
    const c = src.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) max = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return max;
}
