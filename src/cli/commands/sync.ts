import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { syncModel } from '../../reconcile/sync.js';
import { unifiedDiff } from '../../reconcile/unified-diff.js';
import { addScanOptions } from '../common.js';
import { driftRun, reportUsage, type DriftCliOptions } from './drift.js';

export function syncCommand(): Command {
  const cmd = new Command('sync')
    .description('apply the structural drift to the model file in place, keeping every comment and hand-written field')
    .argument('<paths...>', 'files or directories to scan')
    .requiredOption('-m, --model <file>', 'the hand-written Threagile model to update')
    .option('--dry-run', 'print a unified diff of the change instead of writing it')
    .option('--prune', 'delete model assets that have no infra behind them (default: tag them infragile-missing)');
  addScanOptions(cmd).action(async (paths: string[], opts: SyncOptions) => {
    try {
      await syncAction(paths, opts);
    } catch (e) {
      reportUsage(e);
    }
  });
  cmd.addHelpText('after', '\nExamples:\n  infragile sync k8s/ --model threagile.yaml --dry-run\n  infragile sync infra/ -m threagile.yaml --prune\n');
  return cmd;
}

type SyncOptions = DriftCliOptions & { dryRun?: boolean; prune?: boolean };

async function syncAction(paths: string[], opts: SyncOptions): Promise<void> {
  const run = await driftRun(paths, { ...opts, format: 'text' });
  const text = readFileSync(opts.model, 'utf8');
  const res = syncModel(text, run.model, run.scan.graph, run.result.binding, run.result.drift, { prune: !!opts.prune });
  if (!opts.quiet) for (const s of res.skipped) process.stderr.write(`${opts.model}: not applied (${s.fingerprint}): ${s.reason}\n`);
  if (opts.dryRun) {
    process.stdout.write(res.changed ? unifiedDiff(text, res.text, opts.model, `${opts.model} (synced)`) : `${opts.model}: already in sync\n`);
    return;
  }
  if (!res.changed) {
    process.stdout.write(`${opts.model}: already in sync\n`);
    return;
  }
  writeAtomically(resolve(opts.model), res.text);
  const lines = res.actions.map((a) => `  ${a.kind}: ${a.detail}`);
  process.stdout.write(`${opts.model}: ${res.actions.length} change(s) written\n${lines.join('\n')}\n`);
}

/** Temp file beside the model, then rename: a crash never leaves a half-written model. Bytes as given (no newline added). */
function writeAtomically(target: string, text: string): void {
  const tmp = join(dirname(target), `.${basename(target)}.${process.pid}.sync.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, target);
}
