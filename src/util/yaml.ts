/**
 * Fast YAML for IaC files (js-yaml 4): multi-document files are split here, so that one bad document
 * does not lose the others; every mapping and sequence gets its 1-based line through js-yaml's
 * `listener`; alias bombs, deep nesting and merge-key floods are refused per document with a reason.
 * (Threagile models use the `yaml` package instead: see src/model.)
 */
import * as jsyaml from 'js-yaml';
import { CORE_SCHEMA, load, YAMLException, type Schema } from 'js-yaml';

/** Core YAML 1.2 plus merge keys (`<<`); no timestamps (dates stay strings). */
export const IAC_SCHEMA: Schema = CORE_SCHEMA.extend({
  // `types` is exported at run time by js-yaml 4 but missing from its type declarations.
  implicit: [(jsyaml as unknown as { types: { merge: jsyaml.Type } }).types.merge],
});

export const YAML_LIMITS = {
  /** Nested collections per document. */
  maxDepth: 200,
  /** Nodes a document may expand to once aliases are followed (alias bombs). */
  maxExpandedNodes: 1_000_000,
  maxMergeKeys: 10_000,
  /** Documents per file: far above any real manifest set, and bounds the work a file can ask for. */
  maxDocuments: 100_000,
};

export interface YamlDocument {
  /** 1-based line of the document's first line (after its `---`). */
  startLine: number;
  /** 1-based line of its first content (non-blank, non-comment) line, or startLine when empty. */
  contentLine: number;
  /** The document's own text, comments included (e.g. Helm's `# Source:` lines). */
  text: string;
  /** The loaded value; undefined when the document is empty or failed (see `error`). */
  value: unknown;
  /** 1-based line of each mapping and sequence in `value`. */
  lines: WeakMap<object, number>;
  error?: { line: number; message: string };
}

export interface YamlLoadOptions {
  schema?: Schema;
}

/** Split into documents at `---` lines and load each one. Never throws. */
export function loadYamlDocuments(text: string, opts: YamlLoadOptions = {}): YamlDocument[] {
  const out: YamlDocument[] = [];
  const chunks = splitDocuments(text);
  const kept = Math.min(chunks.length, YAML_LIMITS.maxDocuments);
  for (let i = 0; i < kept; i++) out.push(loadChunk(chunks[i]!.text, chunks[i]!.startLine, opts.schema ?? IAC_SCHEMA));
  if (chunks.length > kept) {
    // One error document where the first skipped document starts, so adapters report it like any YAML error.
    const first = chunks[kept]!.startLine;
    out.push({
      startLine: first,
      contentLine: first,
      text: '',
      value: undefined,
      lines: new WeakMap(),
      error: { line: first, message: `more than ${YAML_LIMITS.maxDocuments} YAML documents in one file; the ${chunks.length - kept} from here on are skipped` },
    });
  }
  return out;
}

interface Chunk {
  text: string;
  startLine: number;
}

/** Lines as js-yaml counts them (CRLF, LF and a lone CR each end a line), so that its line numbers index this array. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function splitDocuments(text: string): Chunk[] {
  const lines = splitLines(text);
  const chunks: Chunk[] = [];
  let start = 0;
  let cur: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^---(\s|$)/.test(l)) {
      if (cur.length || chunks.length || start > 0) chunks.push({ text: cur.join('\n'), startLine: start + 1 });
      // Content after `--- ` on the same line belongs to the new document, which then starts on this line.
      const rest = l.slice(3).trim();
      const inline = rest !== '' && !rest.startsWith('#');
      cur = inline ? [' '.repeat(4) + rest] : [];
      start = inline ? i : i + 1;
    } else if (/^\.\.\.(\s|$)/.test(l)) {
      chunks.push({ text: cur.join('\n'), startLine: start + 1 });
      cur = [];
      start = i + 1;
    } else cur.push(l);
  }
  chunks.push({ text: cur.join('\n'), startLine: start + 1 });
  return chunks;
}

function loadChunk(text: string, startLine: number, schema: Schema): YamlDocument {
  const lines = new WeakMap<object, number>();
  const contentIdx = text.split('\n').findIndex((l) => l.trim() !== '' && !l.trimStart().startsWith('#') && !l.startsWith('%'));
  const doc: YamlDocument = {
    startLine,
    contentLine: startLine + Math.max(0, contentIdx),
    text,
    value: undefined,
    lines,
  };
  if (contentIdx < 0) return doc;
  const opened: number[] = [];
  try {
    doc.value = load(text, {
      schema,
      json: false,
      maxDepth: YAML_LIMITS.maxDepth,
      maxTotalMergeKeys: YAML_LIMITS.maxMergeKeys,
      listener(this: unknown, event: string, state: { line: number; result: unknown }) {
        if (event === 'open') opened.push(state.line);
        else {
          const line = opened.pop();
          const r = state.result;
          if (line !== undefined && typeof r === 'object' && r !== null && !lines.has(r)) lines.set(r, startLine + line);
        }
      },
    } as Parameters<typeof load>[1]);
  } catch (e) {
    const line = e instanceof YAMLException && e.mark ? startLine + e.mark.line : doc.contentLine;
    const reason = e instanceof YAMLException ? e.reason : (e as Error).message;
    doc.error = { line, message: `invalid YAML: ${reason}` };
    doc.value = undefined;
    return doc;
  }
  const expanded = expandedSize(doc.value, YAML_LIMITS.maxExpandedNodes);
  if (expanded > YAML_LIMITS.maxExpandedNodes) {
    doc.error = {
      line: doc.contentLine,
      message: `YAML aliases expand this document to more than ${YAML_LIMITS.maxExpandedNodes} nodes (an alias bomb?); document skipped`,
    };
    doc.value = undefined;
  }
  return doc;
}

/** Node count once aliases are followed, computed in time linear in the distinct nodes; stops past `limit`. */
function expandedSize(value: unknown, limit: number): number {
  const memo = new Map<object, number>();
  const size = (v: unknown): number => {
    if (typeof v !== 'object' || v === null) return 1;
    const known = memo.get(v);
    if (known !== undefined) return known;
    memo.set(v, limit + 1); // a cycle counts as too large
    let n = 1;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      n += size(child);
      if (n > limit) break;
    }
    memo.set(v, n);
    return n;
  };
  return size(value);
}

/**
 * Dotted paths → lines for every mapping and sequence under `root` (`spec.template.spec.containers[0]`),
 * for Resource.lines. `prefix` is prepended as given.
 */
export function linesByPath(root: unknown, lines: WeakMap<object, number>, prefix = ''): Record<string, number> {
  const out: Record<string, number> = {};
  const seen = new Set<object>();
  const walk = (v: unknown, path: string) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    const line = lines.get(v);
    if (line !== undefined && path) out[path] = line;
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${path}[${i}]`));
    else for (const [k, x] of Object.entries(v)) walk(x, path ? `${path}.${k}` : k);
  };
  walk(root, prefix);
  return out;
}
