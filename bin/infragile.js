#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ on install (npm's `prepare`).
import('../dist/src/cli/main.js').then((m) => m.main(process.argv)).catch((e) => {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/src/cli/main.js')) {
    process.stderr.write('infragile: not built yet; run `npm ci` (or `npm run build`) in the project first\n');
  } else {
    process.stderr.write(`infragile: internal error: ${e && e.stack ? e.stack : e}\n`);
  }
  process.exit(2);
});
