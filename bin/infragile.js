#!/usr/bin/env node
// Thin launcher: the CLI is compiled and bundled into dist/cli on install (npm's `prepare`).

// `--version` alone answers from package.json without loading the CLI: it is what scripts and CI
// probes call most, and it must cost no more than Node's own start-up.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version + '\n');
} else {
  // A reader that stops early (`infragile scan … | head`) is not an error: stop quietly.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e) => {
      if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  try {
    const { main } = await import('../dist/cli/main.js');
    await main(process.argv);
  } catch (e) {
    if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli/main.js')) {
      process.stderr.write('infragile: not built yet; run `npm ci` (or `npm run build`) in the project first\n');
    } else {
      process.stderr.write(`infragile: internal error: ${e && e.stack ? e.stack : e}\n`);
    }
    process.exit(2);
  }
}
