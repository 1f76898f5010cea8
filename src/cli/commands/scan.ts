/**
 * `infragile scan <paths…> [--model threagile.yaml] [--format text|json|html|sarif|otm] [-o FILE]
 *   [--fail-on <severity>] [--warn-only] [--risks-json FILE]`: the CI command. Scans the infra,
 * analyzes the starter model (or, with --model, the effective model of the hand-written one) with
 * Threagile's rules and the IaC rules, applies risk tracking and inline suppressions, prints the
 * report and gates the build.
 *
 * Exit codes: 0 ok (or --warn-only); 1 an untracked or unmitigated risk at or above --fail-on;
 * 2 usage errors, an unreadable or invalid model, or --strict with unparseable/unmapped input.
 */
import { join, relative, resolve as resolvePath } from 'node:path';
import { Command, Option } from 'commander';
import { analyzeScan, evaluateGate, SEVERITY_ORDER, type GateSeverity, type ScanAnalysis } from '../../analyze/scan.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { formatIssue } from '../../model/issues.js';
import type { ScanResult } from '../../pipeline.js';
import { bindingsFromConfig } from '../../reconcile/bindings-file.js';
import { SCAN_FORMATS, scanFormats, type ScanFormat } from '../../report/scan-formats.js';
import { rules } from '../../../rules/index.js';
import { addScanOptions, emit, loadCliConfig, resolveRoot, runScan, strictExitCode, type ScanCliOptions } from '../common.js';
import { toolVersion } from '../version.js';
import { UsageError } from '../errors.js';
import { applyConfigToRisks } from '../../config/index.js';
import { summaryLine } from '../progress.js';

export interface ScanAnalysisCliOptions extends ScanCliOptions {
  model?: string;
  riskTracking?: string;
  /** `YYYY-MM-DD` used for acceptance expiry (default: today, UTC); for reproducible CI runs and tests. */
  today?: string;
}

export interface ScanCommandOptions extends ScanAnalysisCliOptions {
  format: ScanFormat;
  summary?: boolean;
  output?: string;
  failOn?: GateSeverity;
  warnOnly?: boolean;
  risksJson?: string;
}

export interface ScanRun {
  scan: ScanResult;
  analysis: ScanAnalysis;
}

/**
 * Scan + analysis as `scan` and `explain` both need it. Model and tracking problems are printed as
 * `file:line: message`; errors become a UsageError (exit 2).
 */
export async function runScanAnalysis(paths: string[], opts: ScanAnalysisCliOptions): Promise<ScanRun> {
  if (opts.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.today)) throw new UsageError(`--today: expected YYYY-MM-DD, got '${opts.today}'`);
  const say = (line: string) => opts.quiet || process.stderr.write(line + '\n');
  let model;
  // The model reader (and its YAML library) is loaded only when there is a model or tracking file.
  const reader = opts.model || opts.riskTracking ? await import('../../model/read.js') : undefined;
  if (opts.model) {
    const read = reader!.readModelFile(opts.model);
    for (const i of read.issues) say(formatIssue(i));
    if (read.issues.some((i) => i.severity === 'error')) throw new UsageError(`${opts.model} is not a valid Threagile model (see the messages above)`);
    model = read.model;
  }
  let extraTracking;
  if (opts.riskTracking) {
    const t = reader!.readRiskTrackingFile(opts.riskTracking);
    for (const i of t.issues) say(formatIssue(i));
    if (t.issues.some((i) => i.severity === 'error')) throw new UsageError(`--risk-tracking: ${opts.riskTracking} could not be read (see the messages above)`);
    extraTracking = t.entries;
  }
  const scan = await runScan(paths, opts);
  // Bindings come from the configuration runScan loaded (validated there: an invalid file already exited 2).
  const place = { rootDir: resolveRoot(paths, opts.root), ...(opts.config !== undefined ? { configPath: resolvePath(opts.config) } : {}) };
  const bindingsFile = opts.model ? bindingsFromConfig(await loadCliConfig(paths, opts), place) : undefined;
  const analysis = analyzeScan({
    graph: scan.graph,
    resources: scan.resources,
    rules,
    ...(model ? { model } : {}),
    ...(bindingsFile ? { bindingsFile } : {}),
    ...(extraTracking ? { extraTracking } : {}),
    ...(opts.today ? { today: opts.today } : {}),
  });
  for (const i of analysis.issues) say(formatIssue(i));
  for (const w of analysis.warnings) say(formatDiagnostic(w));
  if (analysis.issues.some((i) => i.severity === 'error')) throw new UsageError('the analysis reported errors (see the messages above)');
  return { scan, analysis };
}

export function scanCommand(): Command {
  const cmd = new Command('scan')
    .description('scan infrastructure files for threats: Threagile rules and IaC rules, each risk with its file:line; gates CI with --fail-on')
    .argument('[paths...]', 'files or directories to scan (optional with --kube-context)')
    .option('-m, --model <file>', 'hand-written threagile.yaml: analyze its effective model (a risk-tracking.yaml beside it is merged in)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(SCAN_FORMATS).default('text'))
    .option('--summary', 'print a one-line summary on stderr at the end (for CI logs)')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an untracked or unmitigated risk is at or above this severity').choices([...SEVERITY_ORDER]))
    .option('--warn-only', 'report, never fail on risks (exit 0): the first step of a rollout')
    .option('--risks-json <file>', "also write Threagile's risks.json array (jq gates work on it unchanged)")
    .option('--risk-tracking <file>', 'a risk tracking file to apply (besides the model\'s own)')
    .option('--today <date>', 'date (YYYY-MM-DD) for acceptance expiry; default today (UTC)');
  addScanOptions(cmd).action(async (paths: string[], opts: ScanCommandOptions) => {
    // .infragile.yaml: excludes, model, fail-on/warn-only defaults (flags win), rules disabled or re-rated.
    const config = await loadCliConfig(paths, opts);
    const rootDir = resolveRoot(paths, opts.root);
    if (opts.model === undefined && config.model) opts.model = join(rootDir, config.model);
    const { scan, analysis: analyzed } = await runScanAnalysis(paths, opts);
    const analysis = { ...analyzed, risks: applyConfigToRisks(analyzed.risks, config).risks };
    const gate = evaluateGate(analysis.risks, opts.failOn ?? config.failOn, opts.warnOnly ?? config.warnOnly ?? false);
    const modelRef = opts.model && analysis.modelKind === 'effective' ? { model: analysis.model, file: relative(rootDir, resolvePath(opts.model)).split('\\').join('/') } : undefined;
    const report = await scanFormats[opts.format]({
      analysis,
      graph: scan.graph,
      gate,
      ...(opts.model ? { modelFile: opts.model } : {}),
      ...(modelRef ? { modelRef } : {}),
      paths,
      ...(opts.kubeContext ? { kubeContext: opts.kubeContext } : {}),
      rootDir,
      rules,
      toolVersion: toolVersion(),
    });
    emit(report, opts.output);
    if (opts.risksJson) {
      try {
        emit((await import('../../report/scan-json.js')).risksJsonArray(analysis), opts.risksJson);
      } catch (e) {
        throw new UsageError(`--risks-json: cannot write ${opts.risksJson}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    const strict = strictExitCode(scan.graph, opts.strict);
    process.exitCode = strict || (gate.failed ? 1 : 0);
    if (opts.summary) process.stderr.write(summaryLine({ risks: analysis.risks, ...(analysis.reconciliation ? { drift: analysis.reconciliation.drift.length } : {}), graph: scan.graph, exitCode: process.exitCode }) + '\n');
  });
  cmd.addHelpText(
    'after',
    [
      '',
      'Examples:',
      '  infragile scan infra/ --fail-on high --warn-only      # roll out: report only',
      '  infragile scan infra/ --fail-on high                  # then block',
      '  infragile scan k8s/ --model threagile.yaml --format json -o scan.json --risks-json risks.json',
      '',
      'Suppress one finding in the IaC with a comment on the resource: # infragile:ignore <rule-id> <reason>',
      '',
    ].join('\n'),
  );
  return cmd;
}
