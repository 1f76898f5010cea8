/**
 * `infragile analyze --model threagile.yaml [--output DIR]`: Threagile's analysis as a drop-in
 * replacement for `threagile -model … -output …`: writes risks.json, stats.json,
 * technical-assets.json (0.9.1 shapes) and data-flow-diagram.dot. A risk-tracking.yaml beside the
 * model is merged in. Model errors: `file:line: message` on stderr, exit 2. Findings never change
 * the exit code here (use `scan --fail-on` to gate).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { analyzeModel } from '../../analyze/engine.js';
import { STILL_AT_RISK } from '../../analyze/order.js';
import { RISK_SEVERITIES } from '../../model/enums.js';
import { formatIssue } from '../../model/issues.js';
import { readModelFile } from '../../model/read.js';
import { dataFlowDiagramDot } from '../../report/threagile-dot.js';
import { risksJson, statsJson, technicalAssetsJson } from '../../report/threagile-json.js';
import { rules } from '../../../rules/index.js';

export interface AnalyzeOptions {
  model: string;
  output?: string;
  skipRiskRules?: string;
  failOnOrphanedRiskTracking?: boolean;
  /** `YYYY-MM-DD` used for acceptance expiry (default: today, UTC). */
  today?: string;
}

export interface CommandIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

const processIo: CommandIo = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

function writeAtomically(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/** Runs the command; returns the exit code. */
export async function runAnalyzeCommand(opts: AnalyzeOptions, io: CommandIo = processIo): Promise<number> {
  const { model, issues } = readModelFile(opts.model);
  for (const issue of issues) io.stderr(formatIssue(issue) + '\n');
  if (issues.some((i) => i.severity === 'error')) return 2;

  const skipRules = (opts.skipRiskRules ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const result = analyzeModel(model, {
    rules,
    skipRules,
    orphansAreErrors: !!opts.failOnOrphanedRiskTracking,
    ...(opts.today ? { today: opts.today } : {}),
  });
  for (const issue of result.issues) io.stderr(formatIssue(issue) + '\n');
  if (result.issues.some((i) => i.severity === 'error')) return 2;

  const dir = resolve(opts.output ?? '.');
  const files: Array<[string, string]> = [
    ['risks.json', risksJson(result.risks)],
    ['stats.json', statsJson(result.risks)],
    ['technical-assets.json', technicalAssetsJson(result.index)],
    ['data-flow-diagram.dot', dataFlowDiagramDot(result.index)],
  ];
  try {
    mkdirSync(dir, { recursive: true });
    for (const [name, text] of files) writeAtomically(join(dir, name), text);
  } catch (e) {
    io.stderr(`infragile: cannot write to ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return 2;
  }
  const bySeverity = [...RISK_SEVERITIES]
    .reverse()
    .map((s) => `${result.risks.filter((r) => r.severity === s).length} ${s}`)
    .join(', ');
  const open = result.risks.filter((r) => STILL_AT_RISK.has(r.riskStatus)).length;
  io.stdout(`${result.risks.length} risks (${bySeverity}), ${open} still at risk; wrote ${files.map(([n]) => n).join(', ')} to ${opts.output ?? '.'}\n`);
  return 0;
}

export function analyzeCommand(): Command {
  const cmd = new Command('analyze')
    .description("analyze a Threagile model like `threagile -model … -output …`: risks.json, stats.json, technical-assets.json, data-flow-diagram.dot")
    .requiredOption('-m, --model <file>', 'the threagile.yaml to analyze (a risk-tracking.yaml beside it is merged in)')
    .option('-o, --output <dir>', 'directory to write the outputs to', '.')
    .option('--skip-risk-rules <ids>', 'comma-separated rule ids to skip (as Threagile)')
    .option('--fail-on-orphaned-risk-tracking', 'treat risk tracking entries that match no risk as errors (exit 2), as Threagile 0.9.1 does by default')
    .action(async (opts: AnalyzeOptions) => {
      process.exitCode = await runAnalyzeCommand(opts);
    });
  cmd.addHelpText('after', '\nExamples:\n  infragile analyze --model threagile.yaml --output out/\n  infragile analyze -m threagile.yaml --skip-risk-rules missing-vault,missing-build-infrastructure\n');
  return cmd;
}
