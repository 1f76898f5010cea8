/**
 * One drift run as the CLI performs it, minus argument parsing: read the model, scan, reconcile, and
 * with a base ref do the same at that revision (read through git, never from the working tree) and
 * compare. Scanning and risk analysis are passed in, so this module depends on no adapter or rule.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { Risk } from '../analyze/types.js';
import { loadConfig } from '../config/load.js';
import type { InfragileConfig } from '../config/types.js';
import type { FileSystem } from '../fs/vfs.js';
import { GitFileSystem } from '../fs/git.js';
import type { ArchitectureGraph } from '../graph/types.js';
import { readModel } from '../model/read.js';
import type { ModelIssue, ThreagileModel } from '../model/types.js';
import type { ScanResult } from '../pipeline.js';
import { bindingsFromConfig, configFileInRoot, type BindingsFile } from './bindings-file.js';
import { readBindingsFile } from './bindings-text.js';
import { diffDrift, diffGraphs } from './graph-diff.js';
import { neighbourhood } from './neighbourhood.js';
import { reconcile, type Reconciliation } from './reconcile.js';
import { buildReport, diffRisks, type BaseComparison, type DriftReport } from './report.js';

export class ModelLoadError extends Error {
  constructor(
    message: string,
    readonly issues: ModelIssue[] = [],
  ) {
    super(message);
  }
}

export interface DriftRequest {
  /** Absolute scan root. */
  rootDir: string;
  /** Model path as the user gave it (shown in reports), and its absolute path. */
  modelName: string;
  modelPath: string;
  scan: (fs?: FileSystem) => Promise<ScanResult>;
  /**
   * Risks of a model (the effective one) over its scan, with reconcile's component → asset binding (so
   * IaC rules name the same assets as `scan --model`); omitted → no risk delta.
   */
  analyze?: (model: ThreagileModel, scan: ScanResult, assetOf: ReadonlyMap<string, string>) => Risk[];
  base?: string;
  /**
   * The configuration in force, as the CLI loaded it (`.infragile.yaml` or `--config`): its `bindings`
   * bind infra to model assets. Omitted → loaded from `<rootDir>/.infragile.yaml` by the same loader.
   */
  config?: InfragileConfig;
  /** Absolute path of an explicit `--config` file; at `--base` the file at that path is read (when inside rootDir). */
  configPath?: string;
}

export interface DriftRun {
  report: DriftReport;
  model: ThreagileModel;
  modelText: string;
  modelIssues: ModelIssue[];
  scan: ScanResult;
  result: Reconciliation;
  bindingsFile?: BindingsFile;
}

/** Read and parse a model; throws ModelLoadError when it cannot be used at all. */
export function loadModel(name: string, text: string): { model: ThreagileModel; issues: ModelIssue[] } {
  const { model, issues } = readModel({ file: name, text }, { validate: false });
  const errors = issues.filter((i) => i.severity === 'error');
  if (errors.length > 0 && model.technicalAssets.length === 0) throw new ModelLoadError(`${name} is not a usable Threagile model`, issues);
  return { model, issues };
}

/**
 * The bindings at `--base`: the configuration file as it was at that revision, parsed by the config
 * loader's parser. A config outside the repository (an explicit `--config` elsewhere) has no revisions:
 * the working tree's bindings apply to both sides.
 */
function baseBindings(req: DriftRequest, gitFs: GitFileSystem, current: BindingsFile | undefined): BindingsFile | undefined {
  const rel = configFileInRoot(req);
  if (rel === undefined) return current;
  if (!gitFs.exists(rel) || gitFs.size(rel) === undefined) return undefined;
  return readBindingsFile(rel, gitFs.readBytes(rel).toString('utf8'));
}

export async function runDrift(req: DriftRequest): Promise<DriftRun> {
  let modelText: string;
  try {
    modelText = readFileSync(req.modelPath, 'utf8');
  } catch (e) {
    throw new ModelLoadError(`cannot read the model ${req.modelName}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const { model, issues } = loadModel(req.modelName, modelText);
  const scan = await req.scan();
  const bindingsFile = bindingsFromConfig(req.config ?? (await loadConfig({ rootDir: req.rootDir })), req);
  const result = reconcile({ graph: scan.graph, model, resources: scan.resources, ...(bindingsFile ? { bindingsFile } : {}) });

  let base: BaseComparison | undefined;
  let baseGraph: ArchitectureGraph | undefined;
  if (req.base) {
    const gitFs = new GitFileSystem(req.rootDir, req.base);
    const baseScan = await req.scan(gitFs);
    baseGraph = baseScan.graph;
    const baseModelText = gitShow(req.modelPath, gitFs.commit) ?? modelText;
    let baseModel = model;
    try {
      baseModel = loadModel(req.modelName, baseModelText).model;
    } catch {
      /* an unusable model at base: compare against today's model */
    }
    const atBase = baseBindings(req, gitFs, bindingsFile);
    const baseResult = reconcile({ graph: baseScan.graph, model: baseModel, resources: baseScan.resources, ...(atBase ? { bindingsFile: atBase } : {}) });
    base = {
      ref: req.base,
      commit: gitFs.commit,
      graph: diffGraphs(baseScan.graph, scan.graph),
      drift: diffDrift(baseResult.drift, result.drift),
    };
    if (req.analyze) base.risks = diffRisks(req.analyze(baseResult.effective.model, baseScan, baseResult.binding.assetOf), req.analyze(result.effective.model, scan, result.binding.assetOf));
  }
  const report = buildReport({
    model: req.modelName,
    modelAssets: model.technicalAssets.length,
    graph: scan.graph,
    bindings: result.binding.bindings,
    candidates: result.binding.candidates,
    ignored: result.binding.ignored,
    drift: result.drift,
    effectiveChanges: result.effective.changes,
    ...(base ? { base } : {}),
    diagram: neighbourhood(scan.graph, base?.graph, result.drift, baseGraph),
  });
  return { report, model, modelText, modelIssues: issues, scan, result, ...(bindingsFile ? { bindingsFile } : {}) };
}

/** The model's text at a commit, or undefined when it did not exist there (or is outside the repository). */
function gitShow(modelPath: string, commit: string): string | undefined {
  try {
    return execFileSync('git', ['show', `${commit}:./${basename(modelPath)}`], { cwd: dirname(modelPath), stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 256 * 1024 * 1024 }).toString('utf8');
  } catch {
    return undefined;
  }
}
