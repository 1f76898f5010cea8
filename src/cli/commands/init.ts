import { existsSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { modelFromGraph } from '../../model/from-graph.js';
import { formatIssue } from '../../model/issues.js';
import { validateModel } from '../../model/validate.js';
import { writeModel } from '../../model/write.js';
import { timed } from '../../util/timings.js';
import { addScanOptions, emit, runScan, strictExitCode, type ScanCliOptions } from '../common.js';

interface InitOptions extends ScanCliOptions {
  output?: string;
  title?: string;
  force?: boolean;
}

export function initCommand(): Command {
  const cmd = new Command('init')
    .description('write a starter Threagile model (v1 / 0.9.1) from infrastructure files; TODO comments mark what a human must review')
    .argument('[paths...]', 'files or directories to scan (optional with --kube-context)')
    .option('-o, --output <file>', 'write the model to a file (atomically) instead of stdout')
    .option('--title <title>', 'model title (default: the scanned directory name; at most 31 characters)')
    .option('--force', 'overwrite the output file if it exists');
  addScanOptions(cmd).action(async (paths: string[], opts: InitOptions) => {
    if (opts.output && existsSync(opts.output) && !opts.force) {
      // A usage error (exit 2, DESIGN §6): said once on stderr, nothing scanned or written.
      process.stderr.write(`infragile: ${opts.output} already exists; pass --force to overwrite it (or use 'infragile sync' to update a model in place)\n`);
      process.exitCode = 2;
      return;
    }
    const { graph } = await runScan(paths, opts);
    const title = opts.title ?? defaultTitle(paths[0] ?? '.');
    const { model, comments } = await timed('model', () => modelFromGraph(graph, { title, scanned: paths.join(' ') }));
    const text = await timed('report', () => writeModel(model, { comments }));
    // Our own output must load in Threagile 0.9.1: the model is checked by the validator the reader
    // runs on a user's model, in memory. Re-parsing the written text (the `yaml` parser) cost ~2.2 s of
    // CPU at 1,000 services, three times the write itself; that the writer's text reads back as this
    // model is proven per fixture system by test/model/init-roundtrip.test.ts.
    const problems = validateModel({ ...model, file: opts.output ?? 'threagile.yaml' }).filter((i) => i.severity === 'error');
    if (problems.length) {
      throw new Error(`internal error: the generated model does not validate:\n${problems.map(formatIssue).join('\n')}`);
    }
    emit(text, opts.output);
    if (opts.output && !opts.quiet) {
      process.stderr.write(`wrote ${opts.output}: ${model.technicalAssets.length} technical assets, ${model.dataAssets.length} data assets, ${model.trustBoundaries.length} trust boundaries; review the TODO comments\n`);
    }
    process.exitCode = strictExitCode(graph, opts.strict);
  });
  cmd.addHelpText('after', '\nExamples:\n  infragile init k8s/ -o threagile.yaml\n  infragile init infra/ compose.yaml --title "Shop Platform" > threagile.yaml\n');
  return cmd;
}

/** The scanned directory's name (a file's parent directory), e.g. `fixtures/shop/k8s` → `k8s`. */
export function defaultTitle(path: string): string {
  const abs = resolve(path);
  let dir = abs;
  try {
    if (!statSync(abs).isDirectory()) dir = dirname(abs);
  } catch {
    /* a path that does not exist was already reported by the scan; use it as written */
  }
  return basename(dir) || 'Threat Model';
}
