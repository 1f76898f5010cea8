/** Options and helpers shared by the commands that scan infrastructure. */
import { existsSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep, basename, join } from 'node:path';
import { Command, Option } from 'commander';
import { formatDiagnostic } from '../diagnostics.js';
import type { ArchitectureGraph, Diagnostic } from '../graph/types.js';
import type { Resource } from '../graph/resource.js';
import { scanGraph, type ScanResult } from '../pipeline.js';
import { recordCounter, recordPhase } from '../util/timings.js';
import { ConfigError, formatProblem, loadConfig, type InfragileConfig } from '../config/index.js';
import { createProgress, progressEnv } from './progress.js';
import { UsageError } from './errors.js';

export interface ScanCliOptions {
  root?: string;
  exclude?: string[];
  maxFileSize?: number;
  gitignore: boolean;
  renderHelm?: boolean;
  helmValues?: string[];
  renderKustomize?: boolean;
  varFile?: string[];
  strict?: boolean;
  quiet?: boolean;
  /** `--config FILE` instead of `.infragile.yaml` at the scan root. */
  config?: string;
  /** Read a live cluster through this kubeconfig context (src/live). */
  kubeContext?: string;
  /** With --kube-context: one namespace instead of all. */
  namespace?: string;
}

/** Adds the options every infra-reading command takes. */
export function addScanOptions(cmd: Command): Command {
  return cmd
    .option('--root <dir>', 'directory locations are reported relative to (default: the current directory when the paths are inside it)')
    .option('--exclude <pattern...>', 'gitignore-style patterns to leave out (repeatable)')
    .option('--no-gitignore', 'do not honour .gitignore files')
    .addOption(new Option('--max-file-size <bytes>', 'skip larger files with a diagnostic').argParser(positiveInt).default(8 * 1024 * 1024))
    .option('--render-helm', 'render Helm chart directories with `helm template` (needs helm on PATH)')
    .option('--helm-values <file...>', 'values files for --render-helm')
    .option('--render-kustomize', 'render kustomization directories with `kubectl kustomize` or `kustomize build`')
    .option('--var-file <file...>', 'extra Terraform variable files')
    .option('--strict', 'exit 2 when a file could not be parsed or a resource type is unmapped')
    .option('-q, --quiet', 'print no diagnostics or progress on stderr')
    .option('-c, --config <file>', 'configuration file (default: .infragile.yaml at the scan root, when present)')
    .option('--kube-context <name>', 'also read a live cluster through this kubeconfig context (read-only: list verbs; Secret names and keys only)')
    .option('--namespace <ns>', 'with --kube-context: read this namespace only (default: all but kube-system, kube-public, kube-node-lease)');
}

/**
 * --kube-context: read the live cluster (its client is imported only then). Cluster problems
 * (unreachable, unknown context, 401, 403) are usage errors: one message, exit 2.
 */
export async function readLive(opts: ScanCliOptions): Promise<{ resources: Resource[]; diagnostics: Diagnostic[] } | undefined> {
  if (!opts.kubeContext) {
    if (opts.namespace) throw new UsageError('--namespace needs --kube-context');
    return undefined;
  }
  const live = await import('../live/index.js');
  try {
    return await live.readCluster({ context: opts.kubeContext, ...(opts.namespace ? { namespace: opts.namespace } : {}) });
  } catch (e) {
    if (e instanceof live.LiveError) throw new UsageError(e.message);
    throw e;
  }
}

/** Scan-root-relative paths to scan: [''] (the root) when none were given, none when only a cluster is read. */
export function scanPaths(rel: string[], live: unknown): string[] {
  if (rel.length) return rel;
  if (live) return [];
  throw new UsageError('give the files or directories to scan (or --kube-context NAME to read a live cluster)');
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`expected a positive whole number, got '${v}'`);
  return n;
}

/** The scan root: --root, else the current directory if every path is inside it, else their common ancestor. */
export function resolveRoot(paths: string[], root: string | undefined, cwd = process.cwd()): string {
  if (root) return resolve(cwd, root);
  const abs = paths.map((p) => resolve(cwd, p));
  if (abs.every((p) => p === cwd || p.startsWith(cwd + sep))) return cwd;
  const dirs = abs.map((p) => (existsSync(p) && !/\.[A-Za-z0-9]+$/.test(basename(p)) ? p : dirname(p)));
  let common = dirs[0]!;
  for (const d of dirs.slice(1)) while (!(d === common || d.startsWith(common + sep))) common = dirname(common);
  return common;
}

export async function runScan(paths: string[], opts: ScanCliOptions): Promise<ScanResult> {
  await loadCliConfig(paths, opts);
  const rootDir = resolveRoot(paths, opts.root);
  const rel = paths.map((p) => {
    const r = relative(rootDir, resolve(p));
    return r.split(sep).join('/');
  });
  const live = await readLive(opts);
  const progress = createProgress(progressEnv(opts.quiet));
  const result = await scanGraph({
    rootDir,
    onProgress: (e) => progress.update(e),
    paths: scanPaths(rel, live),
    ...(live ? { external: live } : {}),
    discover: { exclude: opts.exclude ?? [], maxFileSize: opts.maxFileSize ?? 8 * 1024 * 1024, gitignore: opts.gitignore },
    options: {
      renderHelm: !!opts.renderHelm,
      helmValues: opts.helmValues ?? [],
      renderKustomize: !!opts.renderKustomize,
      varFiles: opts.varFile ?? [],
    },
  });
  progress.done();
  recordPhase('discover', result.timings.discover);
  for (const [format, ms] of Object.entries(result.timings.parse)) recordPhase(`parse:${format}`, ms);
  recordPhase('semantics+graph', result.timings.semantics);
  recordCounter('resources', result.resources.length);
  recordCounter('files', result.graph.coverage.files.scanned);
  if (!opts.quiet) for (const d of result.graph.diagnostics) process.stderr.write(formatDiagnostic(d) + '\n');
  return result;
}

/** Exit code 2 under --strict when the input was not fully understood. */
export function strictExitCode(graph: ArchitectureGraph, strict: boolean | undefined): number {
  if (!strict) return 0;
  const errors = graph.diagnostics.filter((d) => d.severity === 'error').length;
  return errors > 0 || graph.coverage.unmapped.length > 0 ? 2 : 0;
}

/** Write to -o atomically (temp file + rename), or to stdout. */
export function emit(text: string, output: string | undefined): void {
  if (!output) {
    process.stdout.write(text.endsWith('\n') ? text : text + '\n');
    return;
  }
  const target = isAbsolute(output) ? output : resolve(output);
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.tmp`);
  writeFileSync(tmp, text.endsWith('\n') ? text : text + '\n');
  renameSync(tmp, target);
}

/**
 * The configuration in force (`--config FILE`, else `.infragile.yaml` at the scan root, else defaults),
 * with its `exclude` patterns added to the options. An invalid file prints each problem as
 * `file:line: message` and exits 2 (UsageError): a setting the user believes is in force must never be
 * silently ignored.
 */
export async function loadCliConfig(paths: string[], opts: ScanCliOptions): Promise<InfragileConfig> {
  const loaded = configOf.get(opts);
  if (loaded) return loaded;
  let config: InfragileConfig;
  try {
    config = await loadConfig({ rootDir: resolveRoot(paths, opts.root), ...(opts.config !== undefined ? { explicit: opts.config } : {}) });
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const p of e.problems) process.stderr.write(formatProblem(p) + '\n');
    const n = e.problems.length;
    throw new UsageError(`${e.problems[0]!.file} is not a valid configuration (${n} problem${n === 1 ? '' : 's'}); see docs/config.md`);
  }
  if (config.exclude.length) opts.exclude = [...(opts.exclude ?? []), ...config.exclude];
  configOf.set(opts, config);
  return config;
}

/** Loaded once per command invocation (its options object), however many helpers ask. */
const configOf = new WeakMap<ScanCliOptions, InfragileConfig>();

