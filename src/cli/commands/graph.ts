import { Command, Option } from 'commander';
import { graphFormats } from '../../report/graph-formats.js';
import { addScanOptions, emit, runScan, strictExitCode, type ScanCliOptions } from '../common.js';

export function graphCommand(): Command {
  const cmd = new Command('graph')
    .description('build the architecture graph of infrastructure files and print it')
    .argument('[paths...]', 'files or directories to scan (optional with --kube-context)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(Object.keys(graphFormats)).default('json'))
    .option('-o, --output <file>', 'write to a file instead of stdout');
  addScanOptions(cmd).action(async (paths: string[], opts: ScanCliOptions & { format: string; output?: string }) => {
    const { graph } = await runScan(paths, opts);
    emit(await graphFormats[opts.format]!(graph), opts.output);
    process.exitCode = strictExitCode(graph, opts.strict);
  });
  cmd.addHelpText('after', '\nExamples:\n  infragile graph k8s/ --format mermaid\n  infragile graph infra/ -f dot -o graph.dot\n');
  return cmd;
}
