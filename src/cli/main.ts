/** The command line: one module per command under ./commands, wired here. */
import { Command, CommanderError } from 'commander';
import { UsageError } from './errors.js';
import { toolVersion } from './version.js';


/**
 * Each command module is imported only when that command runs: together they pull in every adapter,
 * rule, report and the YAML libraries, ~0.5 s of module loading that `--version` or a small scan must
 * not pay (docs/performance.md). Order here is the order in `--help`.
 */
const COMMANDS: ReadonlyArray<readonly [name: string, load: () => Promise<Command>]> = [
  ['scan', async () => (await import('./commands/scan.js')).scanCommand()],
  ['graph', async () => (await import('./commands/graph.js')).graphCommand()],
  ['init', async () => (await import('./commands/init.js')).initCommand()],
  ['analyze', async () => (await import('./commands/analyze.js')).analyzeCommand()],
  ['drift', async () => (await import('./commands/drift.js')).driftCommand()],
  ['sync', async () => (await import('./commands/sync.js')).syncCommand()],
  ['explain', async () => (await import('./commands/explain.js')).explainCommand()],
];

/**
 * The program with the commands `argv` needs: only the one it names, none for a bare `--version`,
 * all of them for `--help`, `help` and anything commander must answer with a suggestion.
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command('infragile')
    .description('Infrastructure directories to threat models: architecture graph, drift against threagile.yaml, threats.')
    .version(toolVersion())
    .showHelpAfterError()
    .exitOverride();
  for (const [, load] of commandsFor(argv.slice(2))) program.addCommand(await load());
  for (const c of program.commands) c.exitOverride().showHelpAfterError();
  return program;
}

function commandsFor(args: readonly string[]): ReadonlyArray<readonly [string, () => Promise<Command>]> {
  // The top-level program takes no option with a value, so the first word is the command.
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  const named = COMMANDS.filter(([n]) => n === name);
  if (named.length) return named;
  if (name === undefined && args.length > 0 && args.every((a) => a === '--version' || a === '-V')) return [];
  return COMMANDS;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await (await buildProgram(argv)).parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Help and version exit 0; usage errors exit 2 (DESIGN §6), commander already printed the message.
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof UsageError) {
      process.stderr.write(`infragile: ${e.message}\n`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

