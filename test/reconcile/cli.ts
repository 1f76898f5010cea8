/**
 * Run the drift and sync commands in this process (the test runner forks workers, so chdir is safe):
 * independent of a compiled dist/ that other work may be rebuilding at the same moment, and fast.
 */
import { Command, CommanderError } from 'commander';
import { driftCommand } from '../../src/cli/commands/drift.js';
import { syncCommand } from '../../src/cli/commands/sync.js';

export async function runCli(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const oldOut = process.stdout.write.bind(process.stdout);
  const oldErr = process.stderr.write.bind(process.stderr);
  const oldCwd = process.cwd();
  process.stdout.write = ((s: string | Uint8Array) => (out.push(String(s)), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string | Uint8Array) => (err.push(String(s)), true)) as typeof process.stderr.write;
  process.exitCode = 0;
  const program = new Command('infragile').exitOverride();
  program.addCommand(driftCommand().exitOverride());
  program.addCommand(syncCommand().exitOverride());
  try {
    process.chdir(cwd);
    await program.parseAsync(['node', 'infragile', ...args]);
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } finally {
    process.chdir(oldCwd);
    process.stdout.write = oldOut;
    process.stderr.write = oldErr;
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, stdout: out.join(''), stderr: err.join('') };
}
