/** The built CLI as users run it: bin/infragile.js, which loads the bundle in dist/cli. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './scan.js';

export const CLI = join(PROJECT_ROOT, 'bin/infragile.js');

/** `npm test` builds first; a lone `npx vitest run` on a fresh clone may not have: build then. */
export function ensureBuilt(): boolean {
  if (!existsSync(join(PROJECT_ROOT, 'dist/cli/main.js'))) spawnSync('npm', ['run', 'build'], { cwd: PROJECT_ROOT, stdio: 'ignore' });
  return existsSync(join(PROJECT_ROOT, 'dist/cli/main.js'));
}
