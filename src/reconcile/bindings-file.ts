/**
 * `.infragile.yaml` at the scan root: `bindings: { <asset-id>: [<pattern>, …] }`. Kept beside the infra
 * for teams that do not want binding tags in their threagile.yaml.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { Diagnostic } from '../graph/types.js';

export const BINDINGS_FILE = '.infragile.yaml';

export interface FileBinding {
  asset: string;
  pattern: string;
  line: number;
}

export interface BindingsFile {
  file: string;
  bindings: FileBinding[];
  diagnostics: Diagnostic[];
}

/** Never throws: problems become diagnostics and the readable entries are kept. */
export function readBindingsFile(file: string, text: string): BindingsFile {
  const lines = new LineCounter();
  const out: BindingsFile = { file, bindings: [], diagnostics: [] };
  const problem = (line: number, message: string) =>
    out.diagnostics.push({ severity: 'error', code: 'bindings-file', message, location: { file, line } });
  const lineOf = (node: unknown) => {
    const r = (node as { range?: [number, number, number] } | null)?.range;
    return r ? lines.linePos(r[0]).line : 1;
  };
  let doc;
  try {
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: false });
  } catch (e) {
    problem(1, `cannot parse: ${(e as Error).message}`);
    return out;
  }
  for (const err of doc.errors) problem(err.linePos?.[0]?.line ?? 1, err.message.split('\n')[0]!);
  if (doc.errors.length) return out;
  if (!isMap(doc.contents)) {
    if (doc.contents !== null) problem(1, 'expected a mapping with a `bindings:` key');
    return out;
  }
  const bindings = doc.contents.get('bindings', true);
  if (bindings === undefined || bindings === null) return out;
  if (!isMap(bindings)) {
    problem(lineOf(bindings), '`bindings` must map asset ids to lists of address patterns');
    return out;
  }
  for (const pair of bindings.items) {
    const asset = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (!asset) {
      problem(lineOf(pair.key), 'a binding key must be a technical asset id');
      continue;
    }
    const values = isSeq(pair.value) ? pair.value.items : [pair.value];
    for (const v of values) {
      if (isScalar(v) && typeof v.value === 'string' && v.value.trim()) out.bindings.push({ asset, pattern: v.value.trim(), line: lineOf(v) });
      else problem(lineOf(v ?? pair.key), `bindings.${asset}: each pattern must be a string such as "k8s:*/Deployment/${asset}"`);
    }
  }
  return out;
}
