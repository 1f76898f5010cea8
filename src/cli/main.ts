/** The command line: one module per command under ./commands, wired here. */
import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { graphCommand } from './commands/graph.js';
import { analyzeCommand } from './commands/analyze.js';
import { initCommand } from './commands/init.js';
import { scanCommand } from './commands/scan.js';
import { driftCommand } from './commands/drift.js';
import { syncCommand } from './commands/sync.js';
import { explainCommand } from './commands/explain.js';

const pkg = createRequire(import.meta.url)('../../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('infragile')
    .description('Infrastructure directories to threat models: architecture graph, drift against threagile.yaml, threats.')
    .version(pkg.version)
    .showHelpAfterError()
    .exitOverride();
  program.addCommand(scanCommand());
  program.addCommand(graphCommand());
  program.addCommand(initCommand());
  program.addCommand(analyzeCommand());
  program.addCommand(driftCommand());
  program.addCommand(syncCommand());
  program.addCommand(explainCommand());
  for (const c of program.commands) c.exitOverride().showHelpAfterError();
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
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

/** An error the user caused and can fix (bad option value, unreadable model): exit 2 with the message only. */
export class UsageError extends Error {}
