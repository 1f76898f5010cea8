import { Command, Option } from 'commander';
import { addScanOptions, emit, runScan, strictExitCode, type ScanCliOptions } from '../common.js';
import { graphSummary } from '../../report/summary.js';

export function scanCommand(): Command {
  const cmd = new Command('scan')
    .description('scan infrastructure files: architecture summary, coverage and threats')
    .argument('<paths...>', 'files or directories to scan')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('-o, --output <file>', 'write to a file instead of stdout');
  addScanOptions(cmd).action(async (paths: string[], opts: ScanCliOptions & { format: string; output?: string }) => {
    const { graph } = await runScan(paths, opts);
    emit(opts.format === 'json' ? JSON.stringify(graph, null, 2) : graphSummary(graph), opts.output);
    process.exitCode = strictExitCode(graph, opts.strict);
  });
  cmd.addHelpText('after', '\nExamples:\n  infragile scan fixtures/api-platform/k8s\n  infragile scan infra/ --exclude "**/test/**" --strict\n');
  return cmd;
}
