/**
 * Conformance with Threagile 0.9.1: `analyze` of the v1 demo model must reproduce the reference
 * risks.json (every synthetic id, with severity, likelihood, impact, data breach probability and
 * assets, status and title) and stats.json. Reads ../shared/corpus; skipped when it is absent.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/analyze/engine.js';
import { readModelFile } from '../../src/model/read.js';
import { risksJson, statsJson } from '../../src/report/threagile-json.js';
import { rules } from '../../rules/index.js';
import { PROJECT_ROOT } from '../helpers/scan.js';
import { runAnalyzeCommand } from '../../src/cli/commands/analyze.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus');
const DEMO = join(CORPUS, 'threagile/v1-0.9.1/demo/example/threagile.yaml');
const REFERENCE = join(CORPUS, 'threagile/reference-outputs/v1-demo-example');

interface JsonRisk {
  category: string;
  risk_status: string;
  severity: string;
  exploitation_likelihood: string;
  exploitation_impact: string;
  title: string;
  synthetic_id: string;
  most_relevant_data_asset: string;
  most_relevant_technical_asset: string;
  most_relevant_trust_boundary: string;
  most_relevant_shared_runtime: string;
  most_relevant_communication_link: string;
  data_breach_probability: string;
  data_breach_technical_assets: string[] | null;
}

/** One comparable line per risk; duplicate ids (a v1 quirk) are told apart by title. */
function key(r: JsonRisk): string {
  return `${r.synthetic_id} | ${r.title}`;
}
function facts(r: JsonRisk): string {
  return JSON.stringify({
    status: r.risk_status,
    severity: r.severity,
    likelihood: r.exploitation_likelihood,
    impact: r.exploitation_impact,
    dbp: r.data_breach_probability,
    dbta: r.data_breach_technical_assets === null ? null : [...r.data_breach_technical_assets].sort(),
    mr: [r.most_relevant_technical_asset, r.most_relevant_communication_link, r.most_relevant_trust_boundary, r.most_relevant_shared_runtime, r.most_relevant_data_asset],
  });
}

describe.skipIf(!existsSync(DEMO))('Threagile 0.9.1 conformance (v1 demo model)', () => {
  const read = () => {
    const { model, issues } = readModelFile(DEMO);
    expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
    return model;
  };

  it('reproduces risks.json: all synthetic ids, with the same facts and titles', () => {
    const model = read();
    const started = performance.now();
    const result = analyzeModel(model, { rules, today: '2026-01-01' });
    const ms = performance.now() - started;
    let warm = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 20; i++) {
      const fresh = read();
      const t0 = performance.now();
      analyzeModel(fresh, { rules, today: '2026-01-01' });
      warm = Math.min(warm, performance.now() - t0);
    }
    const ours = JSON.parse(risksJson(result.risks)) as JsonRisk[];
    const reference = JSON.parse(readFileSync(join(REFERENCE, 'risks.json'), 'utf8')) as JsonRisk[];
    console.log(`analyze of the demo model: first run ${ms.toFixed(1)} ms, warm ${warm.toFixed(1)} ms (analyze only), ${ours.length} risks`);

    const refByKey = new Map(reference.map((r) => [key(r), r]));
    const ourByKey = new Map(ours.map((r) => [key(r), r]));
    const missing = [...refByKey.keys()].filter((k) => !ourByKey.has(k)).sort();
    const extra = [...ourByKey.keys()].filter((k) => !refByKey.has(k)).sort();
    const differing = [...refByKey.entries()]
      .filter(([k, r]) => ourByKey.has(k) && facts(ourByKey.get(k)!) !== facts(r))
      .map(([k, r]) => `${k}\n  ours: ${facts(ourByKey.get(k)!)}\n  ref:  ${facts(r)}`);
    expect({ missing, extra, differing }).toEqual({ missing: [], extra: [], differing: [] });
    expect(ours.map((r) => r.synthetic_id).sort()).toEqual(reference.map((r) => r.synthetic_id).sort());
    expect(ours).toHaveLength(84);
  });

  it('reproduces stats.json byte for byte', () => {
    const result = analyzeModel(read(), { rules, today: '2026-01-01' });
    expect(statsJson(result.risks)).toBe(readFileSync(join(REFERENCE, 'stats.json'), 'utf8').trim());
  });

  it('`infragile analyze` writes the four files and the same risks', async () => {
    const out = mkdtempSync(join(tmpdir(), 'infragile-analyze-'));
    const io = { out: [] as string[], err: [] as string[] };
    const code = await runAnalyzeCommand({ model: DEMO, output: out }, { stdout: (s) => io.out.push(s), stderr: (s) => io.err.push(s) });
    expect(code).toBe(0);
    for (const f of ['risks.json', 'stats.json', 'technical-assets.json', 'data-flow-diagram.dot']) expect(existsSync(join(out, f))).toBe(true);
    const written = JSON.parse(readFileSync(join(out, 'risks.json'), 'utf8')) as JsonRisk[];
    expect(written).toHaveLength(84);
    const ta = JSON.parse(readFileSync(join(out, 'technical-assets.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    const refTa = JSON.parse(readFileSync(join(REFERENCE, 'technical-assets.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(ta).sort()).toEqual(Object.keys(refTa).sort());
    for (const id of Object.keys(refTa)) {
      const { RAA: ourRaa, ...ourRest } = ta[id]!;
      const { RAA: refRaa, ...refRest } = refTa[id]!;
      expect(ourRaa as number).toBeCloseTo(refRaa as number, 9);
      expect(normalizeLinks(ourRest)).toEqual(normalizeLinks(refRest));
    }
    expect(io.out.join('')).toMatch(/84 risks/);
  });
});

/** Threagile builds each asset's links from a Go map (random order); ours keep file order. */
function normalizeLinks(asset: Record<string, unknown>): Record<string, unknown> {
  const links = [...(asset.CommunicationLinks as Array<{ Id: string }>)].sort((a, b) => (a.Id < b.Id ? -1 : 1));
  return { ...asset, CommunicationLinks: links };
}
