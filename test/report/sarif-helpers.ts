/** Shared by the SARIF tests: a drift run with risks on a fixture, and Microsoft's validator. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { analyzeModel } from '../../src/analyze/engine.js';
import { runDrift } from '../../src/reconcile/run.js';
import { rules } from '../../rules/index.js';
import { scanGraph } from '../../src/pipeline.js';
import { buildSarif, diskLineCounter, rootUri, type SarifInput } from '../../src/report/sarif.js';
import { PROJECT_ROOT } from '../helpers/scan.js';
import type * as Sarif from 'sarif';

export async function driftAndRisks(rootDir: string, paths: string[], modelFile: string) {
  const run = await runDrift({
    rootDir,
    modelName: modelFile,
    modelPath: join(rootDir, modelFile),
    scan: (fs) => scanGraph({ rootDir, paths, ...(fs ? { fs } : {}) }),
  });
  const analysis = analyzeModel(run.result.effective.model, { rules, graph: run.scan.graph });
  return { run, analysis };
}

export async function sarifFor(rootDir: string, paths: string[], modelFile: string, command: 'scan' | 'drift'): Promise<Sarif.Log> {
  const { run, analysis } = await driftAndRisks(rootDir, paths, modelFile);
  const input: SarifInput = {
    command,
    toolVersion: '0.1.0',
    rootUri: rootUri(rootDir),
    graph: run.scan.graph,
    model: { model: run.model, file: modelFile },
    lineCount: diskLineCounter(rootDir),
    ...(command === 'scan'
      ? { rules: rules.map((r) => ({ category: r.category, family: r.family })), risks: analysis.risks }
      : { drift: run.report.drift }),
  };
  return buildSarif(input);
}

/** Runs `sarif-multitool validate`; returns the validator's own SARIF log (its results are the problems). */
export function validateSarif(log: Sarif.Log): Sarif.Log {
  const dir = mkdtempSync(join(tmpdir(), 'infragile-sarif-'));
  const file = join(dir, 'in.sarif');
  const out = join(dir, 'out.sarif');
  writeFileSync(file, JSON.stringify(log, null, 2));
  const bin = resolve(PROJECT_ROOT, 'node_modules/.bin/sarif-multitool');
  try {
    execFileSync(bin, ['validate', file, '-o', out, '--log', 'ForceOverwrite'], { stdio: 'pipe', env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' } });
  } catch {
    /* exit code 1 when it found problems: the output file says which */
  }
  return JSON.parse(readFileSync(out, 'utf8')) as Sarif.Log;
}
