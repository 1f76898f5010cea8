import { relative, resolve, sep } from 'node:path';
import { Command, Option } from 'commander';
import { analyzeModel } from '../../analyze/engine.js';
import { formatIssue } from '../../model/issues.js';
import { scanGraph } from '../../pipeline.js';
import { GitError } from '../../fs/git.js';
import type { FileSystem } from '../../fs/vfs.js';
import { ModelLoadError, runDrift, type DriftRun } from '../../reconcile/run.js';
import { DRIFT_SEVERITIES, severityRank, type Drift, type DriftSeverity } from '../../reconcile/types.js';
import { DRIFT_FORMATS, driftFormats, type DriftFormat } from '../../report/drift-formats.js';
import { rules } from '../../../rules/index.js';
import { addScanOptions, emit, loadCliConfig, readLive, resolveRoot, scanPaths, strictExitCode, type ScanCliOptions } from '../common.js';
import { toolVersion } from '../version.js';
import { summaryLine } from '../progress.js';
import { formatDiagnostic } from '../../diagnostics.js';
import { recordScan } from '../../util/timings.js';
import type { InfragileConfig } from '../../config/index.js';

export interface DriftCliOptions extends ScanCliOptions {
  model: string;
  format: DriftFormat;
  summary?: boolean;
  output?: string;
  failOnDrift?: boolean | string;
  base?: string;
  linkBase?: string;
}

/**
 * A problem the user can fix (unreadable model, bad --base ref, bad option value): one line on stderr,
 * exit 2 (DESIGN §6). Thrown inside this module and turned into the exit code by the actions, so the
 * commands do not depend on main.ts.
 */
export class DriftUsageError extends Error {}

export function reportUsage(e: unknown): void {
  if (!(e instanceof DriftUsageError)) throw e;
  process.stderr.write(`infragile: ${e.message}\n`);
  process.exitCode = 2;
}

/** Scan + reconcile as `drift` and `sync` both need it; usage problems become DriftUsageError (exit 2). */
export async function driftRun(paths: string[], opts: DriftCliOptions & { withRisks?: boolean; loadedConfig?: InfragileConfig }): Promise<DriftRun> {
  // The one read of .infragile.yaml (or --config): excludes for the scan, bindings for reconcile.
  const config = opts.loadedConfig ?? (await loadCliConfig(paths, opts));
  const rootDir = resolveRoot(paths, opts.root);
  const rel = paths.map((p) => relative(rootDir, resolve(p)).split(sep).join('/'));
  // A live cluster (--kube-context) is the working tree's infra; a --base revision is files only.
  const live = await readLive(opts);
  const scan = async (fs?: FileSystem) => {
    const result = await scanGraph({
      rootDir,
      paths: fs ? (rel.length ? rel : ['']) : scanPaths(rel, live),
      ...(fs ? { fs } : live ? { external: live } : {}),
      discover: { exclude: opts.exclude ?? [], maxFileSize: opts.maxFileSize ?? 8 * 1024 * 1024, gitignore: opts.gitignore },
      options: { renderHelm: !!opts.renderHelm, helmValues: opts.helmValues ?? [], renderKustomize: !!opts.renderKustomize, varFiles: opts.varFile ?? [] },
    });
    if (!fs) recordScan(result); // INFRAGILE_TIMINGS (bench): the working tree's scan phases
    // Diagnostics of the working tree only: the base revision's were already seen when it was reviewed.
    if (!fs && !opts.quiet) for (const d of result.graph.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    return result;
  };
  try {
    const run = await runDrift({
      rootDir,
      modelName: opts.model,
      modelPath: resolve(opts.model),
      scan,
      ...(opts.withRisks ? { analyze: (model, scan, assetOf) => analyzeModel(model, { rules, graph: scan.graph, resources: scan.resources, assetOf }).risks } : {}),
      ...(opts.base ? { base: opts.base } : {}),
      config,
      ...(opts.config !== undefined ? { configPath: resolve(opts.config) } : {}),
    });
    if (!opts.quiet) for (const i of run.modelIssues.filter((x) => x.severity === 'error')) process.stderr.write(formatIssue(i) + '\n');
    if (!opts.quiet && run.bindingsFile) for (const d of run.bindingsFile.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
    return run;
  } catch (e) {
    if (e instanceof ModelLoadError) {
      for (const i of e.issues) process.stderr.write(formatIssue(i) + '\n');
      throw new DriftUsageError(e.message);
    }
    if (e instanceof GitError) throw new DriftUsageError(`--base: ${e.message}`);
    throw e;
  }
}

export function failOnDriftSeverity(v: boolean | string | undefined): DriftSeverity | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true) return 'low';
  if ((DRIFT_SEVERITIES as readonly string[]).includes(v)) return v as DriftSeverity;
  throw new DriftUsageError(`--fail-on-drift: expected one of ${DRIFT_SEVERITIES.join(', ')}, got '${v}'`);
}

export function driftCommand(): Command {
  const cmd = new Command('drift')
    .description('compare the infrastructure with the hand-written threagile.yaml: bindings, drift, and with --base what a change did')
    .argument('[paths...]', 'files or directories to scan (optional with --kube-context)')
    .requiredOption('-m, --model <file>', 'the hand-written Threagile model')
    .addOption(new Option('-f, --format <format>', 'output format').choices(DRIFT_FORMATS).default('text'))
    .option('--summary', 'print a one-line summary on stderr at the end (for CI logs)')
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--fail-on-drift [severity]', `exit 1 on drift at or above this severity (${DRIFT_SEVERITIES.join(', ')}; default low). With --base, only drift the change introduced counts`)
    .option('--base <git-ref>', 'also build the graph at this revision (read with git, the working tree is untouched) and report what the change did')
    .option('--link-base <url>', 'blob URL prefix for file links in markdown, e.g. https://github.com/org/repo/blob/<sha>');
  addScanOptions(cmd).action(async (paths: string[], opts: DriftCliOptions) => {
    try {
      await driftAction(paths, opts);
    } catch (e) {
      reportUsage(e);
    }
  });
  cmd.addHelpText(
    'after',
    '\nExamples:\n  infragile drift k8s/ --model threagile.yaml\n  infragile drift infra/ -m threagile.yaml --base origin/main --format markdown -o drift.md --fail-on-drift medium\n',
  );
  return cmd;
}

async function driftAction(paths: string[], opts: DriftCliOptions): Promise<void> {
  const config = await loadCliConfig(paths, opts);
  const threshold = failOnDriftSeverity(opts.failOnDrift ?? config.failOnDrift);
  const run = await driftRun(paths, { ...opts, withRisks: !!opts.base, loadedConfig: config });
  const { report } = run;
  const rootDir = resolveRoot(paths, opts.root);
  const text = await driftFormats[opts.format]({
    run,
    paths,
    ...(opts.kubeContext ? { kubeContext: opts.kubeContext } : {}),
    rootDir,
    modelFile: relative(rootDir, resolve(opts.model)).split(sep).join('/'),
    ...(opts.linkBase ? { linkBase: opts.linkBase } : {}),
    toolVersion: toolVersion(),
  });
  emit(text, opts.output);
  const strict = strictExitCode(run.scan.graph, opts.strict);
  if (strict) {
    process.exitCode = strict;
    return;
  }
  if (threshold) {
    const counted: Drift[] = report.base ? report.base.drift.introduced : report.drift;
    if (counted.some((d) => severityRank(d.severity) >= severityRank(threshold))) process.exitCode = 1;
  }
  if (opts.summary) process.stderr.write(summaryLine({ drift: report.drift.length, graph: run.scan.graph, exitCode: Number(process.exitCode ?? 0) }) + '\n');
}
