/** Scan a fixture and run the scan analysis (starter model, or a model file) the way `scan` does. */
import { join } from 'node:path';
import { analyzeScan, type ScanAnalysis } from '../../src/analyze/scan.js';
import { readModelFile } from '../../src/model/read.js';
import { rules } from '../../rules/index.js';
import { FIXTURES, scanDir } from '../helpers/scan.js';

export async function scanFixture(dir: string, opts: { model?: string; today?: string } = {}): Promise<ScanAnalysis> {
  const scan = await scanDir(dir);
  const model = opts.model ? readModelFile(join(FIXTURES, opts.model)).model : undefined;
  return analyzeScan({ graph: scan.graph, resources: scan.resources, rules, ...(model ? { model } : {}), today: opts.today ?? '2026-01-01' });
}

/** `file:line` of every evidence of the risks of one rule. */
export function locations(a: ScanAnalysis, ruleId: string): string[] {
  return a.risks.filter((r) => r.category === ruleId).flatMap((r) => (r.evidence ?? []).map((e) => `${e.location.file}:${e.location.line}`));
}

export function ids(a: ScanAnalysis, ruleId: string): string[] {
  return a.risks.filter((r) => r.category === ruleId).map((r) => r.syntheticId);
}
