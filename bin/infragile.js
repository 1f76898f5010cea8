#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ on install (npm's `prepare`).

// A reader that stops early (`infragile scan … | head`) is not an error: stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

import('../dist/src/cli/main.js').then((m) => m.main(process.argv)).catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('infragile: not built yet; run `npm ci` (or `npm run build`) in the project first\n');
  } else {
    process.stderr.write(`infragile: internal error: ${e && e.stack ? e.stack : e}\n`);
  }
  process.exit(2);
});
