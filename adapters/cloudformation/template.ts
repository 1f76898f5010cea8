/**
 * Reading one template file (YAML with short tags, or JSON) into its top-level sections, with the
 * line of every resource, output and nested attribute, and the `infragile:ignore` comments above
 * each resource. Never throws: problems come back as `issues` with a line.
 */
import type { Suppression } from '../../src/graph/resource.js';
import { linesByPath, loadYamlDocuments, splitLines } from '../../src/util/yaml.js';
import { CFN_SCHEMA, UNKNOWN_TAG_KEY } from './schema.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export interface TemplateIssue {
  line: number;
  code: string;
  message: string;
}

export interface ParsedTemplate {
  path: string;
  body: JsonObject;
  /** Line of each resource (by logical id), of each output, and of each resource's nested properties (`Id.Properties.a.b`). */
  resourceLines: Map<string, number>;
  propertyLines: Map<string, Record<string, number>>;
  suppressions: Map<string, Suppression[]>;
  issues: TemplateIssue[];
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const IGNORE = /infragile:ignore\s+(\S+)\s*(.*)$/;

export function parseTemplate(path: string, text: string): ParsedTemplate {
  const out: ParsedTemplate = {
    path,
    body: {},
    resourceLines: new Map(),
    propertyLines: new Map(),
    suppressions: new Map(),
    issues: [],
  };
  if (/\.json$/i.test(path) || /^\s*\{/.test(text)) parseJson(text, out);
  else parseYaml(text, out);
  return out;
}

function parseYaml(text: string, out: ParsedTemplate): void {
  const docs = loadYamlDocuments(text, { schema: CFN_SCHEMA });
  const doc = docs.find((d) => d.error || isObject(d.value));
  if (!doc) {
    out.issues.push({ line: 1, code: 'cfn-empty', message: 'no CloudFormation template in this file' });
    return;
  }
  if (doc.error) {
    out.issues.push({ line: doc.error.line, code: 'yaml-syntax', message: doc.error.message });
    return;
  }
  out.body = doc.value as JsonObject;
  const resources = out.body.Resources;
  const textLines = splitLines(text);
  if (isObject(resources)) {
    for (const [id, r] of Object.entries(resources)) {
      const line = isObject(r) ? doc.lines.get(r) : undefined;
      if (line === undefined) continue;
      out.resourceLines.set(id, line);
      if (isObject(r) && isObject(r.Properties)) out.propertyLines.set(id, linesByPath(r.Properties, doc.lines));
      const sup = suppressionsAbove(textLines, line, out.path);
      if (sup.length) out.suppressions.set(id, sup);
    }
  }
  // Unknown tags (`!Rain::Embed`): one diagnostic each, the rest of the template is read as usual.
  const seen = new Set<object>();
  const walk = (v: unknown, line: number) => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return;
    seen.add(v);
    const here = doc.lines.get(v) ?? line;
    if (isObject(v) && isObject(v[UNKNOWN_TAG_KEY]) && Object.keys(v).length === 1) {
      const tag = String((v[UNKNOWN_TAG_KEY] as JsonObject).tag);
      out.issues.push({ line: here, code: 'cfn-unknown-tag', message: `unknown CloudFormation tag ${tag}; its value is left unevaluated (a pre-processor like rain must expand it)` });
      return;
    }
    for (const x of Array.isArray(v) ? v : Object.values(v)) walk(x, here);
  };
  walk(out.body, doc.contentLine);
}

/** `# infragile:ignore <rule> <reason>` comment lines directly above the resource's key (and on it). */
function suppressionsAbove(lines: string[], line: number, file: string): Suppression[] {
  const out: Suppression[] = [];
  const own = lines[line - 1] ?? '';
  const inline = own.includes('#') ? IGNORE.exec(own.slice(own.indexOf('#'))) : null;
  if (inline) out.push({ ruleId: inline[1]!, reason: inline[2]!.trim(), location: { file, line } });
  for (let i = line - 2; i >= 0; i--) {
    const l = (lines[i] ?? '').trim();
    if (!l.startsWith('#')) break;
    const m = IGNORE.exec(l);
    if (m) out.push({ ruleId: m[1]!, reason: m[2]!.trim(), location: { file, line: i + 1 } });
  }
  return out.sort((a, b) => a.location.line - b.location.line);
}

function parseJson(text: string, out: ParsedTemplate): void {
  try {
    const v: unknown = JSON.parse(text);
    if (!isObject(v)) {
      out.issues.push({ line: 1, code: 'cfn-empty', message: 'the JSON document is not an object; not a CloudFormation template' });
      return;
    }
    out.body = v;
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const line = pos ? lineAt(text, Number(pos[1])) : 1;
    out.issues.push({ line, code: 'json-syntax', message: `invalid JSON: ${msg}` });
    return;
  }
  // JSON gives no lines: recover each resource's line from the text in one pass over its keys.
  const resources = out.body.Resources;
  if (!isObject(resources)) return;
  const start = text.search(/"Resources"\s*:/);
  if (start < 0) return;
  const wanted = new Set(Object.keys(resources));
  const key = /"((?:[^"\\]|\\.)*)"\s*:/g;
  key.lastIndex = start;
  let line = lineAt(text, start);
  let pos = start;
  for (let m = key.exec(text); m && wanted.size > 0; m = key.exec(text)) {
    for (; pos < m.index; pos++) if (text.charCodeAt(pos) === 10) line++;
    if (wanted.has(m[1]!)) {
      out.resourceLines.set(m[1]!, line);
      wanted.delete(m[1]!);
    }
  }
}

function lineAt(text: string, offset: number): number {
  let n = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}
