/**
 * Parses and validates the text of `.infragile.yaml`. Validation is strict on purpose: a misspelt key
 * (`exlude`) that is silently ignored is a setting the user believes is in force, so every unknown key,
 * wrong type or unknown enum value is a problem with its line, and the CLI exits 2 (DESIGN §6).
 * parseConfig never throws. Kept apart from the loader so that the YAML library is imported only
 * when a config file exists (docs/performance.md).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { didYouMean } from './suggest.js';
import {
  DRIFT_SEVERITIES,
  RISK_SEVERITIES,
  RULE_KEYS,
  TOP_LEVEL_KEYS,
  emptyConfig,
  type ConfigProblem,
  type InfragileConfig,
  type RuleSettings,
} from './types.js';
import type { RiskSeverity } from '../model/enums.js';
import type { DriftSeverity } from '../reconcile/types.js';

export interface ParsedConfig {
  config: InfragileConfig;
  problems: ConfigProblem[];
}

/** Parse a config text; problems are collected, readable settings kept. */
export function parseConfig(file: string, text: string): ParsedConfig {
  const config = emptyConfig(file);
  const problems: ConfigProblem[] = [];
  const lines = new LineCounter();
  const problem = (line: number, message: string) => problems.push({ file, line, message });
  const lineOf = (node: unknown): number => {
    const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return r ? lines.linePos(r[0]).line : 1;
  };

  let doc;
  try {
    // Nodes are walked, never converted with toJS, so aliases are never expanded (no alias bomb).
    doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  } catch (e) {
    problem(1, `cannot parse: ${(e as Error).message.split('\n')[0]}`);
    return { config, problems };
  }
  for (const err of doc.errors) problem(err.linePos?.[0]?.line ?? lineOf({ range: err.pos }), `malformed YAML: ${err.message.split('\n')[0]}`);
  if (doc.errors.length) return { config, problems };
  if (doc.contents === null || (isScalar(doc.contents) && (doc.contents.value === null || doc.contents.value === ''))) return { config, problems };
  if (!isMap(doc.contents)) {
    problem(lineOf(doc.contents), `expected a mapping of settings (${TOP_LEVEL_KEYS.join(', ')})`);
    return { config, problems };
  }

  const keyName = (pair: Pair): string | undefined => (isScalar(pair.key) ? String(pair.key.value) : undefined);

  const stringOf = (node: unknown, what: string): string | undefined => {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim() !== '') return node.value.trim();
    problem(lineOf(node), `${what} must be a non-empty string`);
    return undefined;
  };
  const stringList = (node: unknown, what: string): string[] => {
    // A single string is accepted where a list is expected: `exclude: legacy/**`.
    if (isScalar(node) && typeof node.value === 'string') return node.value.trim() ? [node.value.trim()] : [];
    if (!isSeq(node)) {
      problem(lineOf(node), `${what} must be a list of strings`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.items) {
      const s = stringOf(item, `each entry of ${what}`);
      if (s !== undefined) out.push(s);
    }
    return out;
  };
  const enumOf = <T extends string>(node: unknown, what: string, values: readonly T[]): T | undefined => {
    const v = isScalar(node) ? String(node.value) : undefined;
    if (v !== undefined && (values as readonly string[]).includes(v)) return v as T;
    problem(lineOf(node), `${what}: expected one of ${values.join(', ')}, got ${v === undefined ? 'a ' + nodeKind(node) : `'${v}'`}`);
    return undefined;
  };
  const mapOf = (node: unknown, what: string): YAMLMap | undefined => {
    if (isMap(node)) return node;
    if (isScalar(node) && node.value === null) return undefined; // `rules:` with nothing under it
    problem(lineOf(node), `${what} must be a mapping`);
    return undefined;
  };
  const ruleSettings = (map: YAMLMap, into: RuleSettings, where: string, allowed: readonly string[]): Pair[] => {
    const rest: Pair[] = [];
    for (const pair of map.items) {
      const k = keyName(pair);
      if (k === 'disable') into.disable.push(...stringList(pair.value, `${where}disable`));
      else if (k === 'severity') {
        const m = mapOf(pair.value, `${where}severity`);
        for (const p of m?.items ?? []) {
          const rule = keyName(p);
          if (!rule) {
            problem(lineOf(p.key), `${where}severity: keys must be rule ids`);
            continue;
          }
          const sev = enumOf<RiskSeverity>(p.value, `${where}severity.${rule}`, RISK_SEVERITIES);
          if (sev) into.severity.push({ rule, severity: sev, line: lineOf(p.value) });
        }
      } else if (k !== undefined && allowed.includes(k)) rest.push(pair);
      else problem(lineOf(pair.key), `unknown key '${where}${k ?? '?'}'${didYouMean(k ?? '', [...RULE_KEYS, ...allowed])}`);
    }
    return rest;
  };

  for (const pair of doc.contents.items) {
    const key = keyName(pair);
    const value = pair.value;
    switch (key) {
      case 'version': {
        if (!(isScalar(value) && (value.value === 1 || value.value === '1'))) problem(lineOf(value), `version: only 1 is known, got '${isScalar(value) ? String(value.value) : nodeKind(value)}'`);
        break;
      }
      case 'model': {
        const s = stringOf(value, 'model');
        if (s) config.model = s;
        break;
      }
      case 'exclude':
        config.exclude.push(...stringList(value, 'exclude'));
        break;
      case 'fail-on': {
        const s = enumOf<RiskSeverity>(value, 'fail-on', RISK_SEVERITIES);
        if (s) config.failOn = s;
        break;
      }
      case 'fail-on-drift': {
        const s = enumOf<DriftSeverity>(value, 'fail-on-drift', DRIFT_SEVERITIES);
        if (s) config.failOnDrift = s;
        break;
      }
      case 'warn-only': {
        if (isScalar(value) && typeof value.value === 'boolean') config.warnOnly = value.value;
        else problem(lineOf(value), `warn-only must be true or false`);
        break;
      }
      case 'rules': {
        const m = mapOf(value, 'rules');
        if (m) ruleSettings(m, config.rules, 'rules.', []);
        break;
      }
      case 'paths': {
        const m = mapOf(value, 'paths');
        for (const p of m?.items ?? []) {
          const pattern = keyName(p);
          if (!pattern) {
            problem(lineOf(p.key), 'paths: keys must be path patterns such as "legacy/**"');
            continue;
          }
          const settings = mapOf(p.value, `paths."${pattern}"`);
          if (!settings) continue;
          const entry = { pattern, line: lineOf(p.key), disable: [], severity: [] };
          ruleSettings(settings, entry, `paths."${pattern}".`, []);
          config.paths.push(entry);
        }
        break;
      }
      case 'bindings': {
        const m = mapOf(value, 'bindings');
        for (const p of m?.items ?? []) {
          const asset = keyName(p);
          if (!asset) {
            problem(lineOf(p.key), 'bindings: keys must be technical asset ids');
            continue;
          }
          const values = isSeq(p.value) ? p.value.items : [p.value];
          for (const v of values) {
            if (isScalar(v) && typeof v.value === 'string' && v.value.trim()) config.bindings.push({ asset, pattern: v.value.trim(), line: lineOf(v) });
            else problem(lineOf(v ?? p.key), `bindings.${asset}: each pattern must be a string such as "k8s:*/Deployment/${asset}"`);
          }
        }
        break;
      }
      default:
        problem(lineOf(pair.key), `unknown key '${key ?? '?'}'${didYouMean(key ?? '', TOP_LEVEL_KEYS)}`);
    }
  }
  return { config, problems };
}

function nodeKind(node: unknown): string {
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) return typeof node.value;
  return String((node as Node | null)?.constructor?.name ?? 'nothing');
}
