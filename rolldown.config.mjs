/**
 * The CLI as one bundle (`npm run build`: tsc, then this). Node 20 has no module compile cache, and
 * loading ~250 compiled modules one by one cost more than half of a small scan (docs/decisions.md,
 * "The CLI is bundled"). Commands, report formats and the YAML library stay dynamic imports, so they
 * become chunks loaded only by the runs that use them.
 *
 * Input is tsc's output (dist/src/cli/main.js): type checking stays with tsc, and tests run the
 * TypeScript sources through vitest; the end-to-end tests run this bundle through bin/infragile.js.
 */
import { defineConfig } from 'rolldown';

export default defineConfig({
  input: { main: 'dist/src/cli/main.js' },
  platform: 'node',
  // Packages that load their own WASM or are only used against a live cluster stay in node_modules.
  external: [/^node:/, /^@cdktf\/hcl2json(\/|$)/, /^@hpcc-js\/wasm-graphviz(\/|$)/, /^@kubernetes\/client-node(\/|$)/],
  output: { dir: 'dist/cli', format: 'esm', cleanDir: true, chunkFileNames: '[name]-[hash].js' },
});
