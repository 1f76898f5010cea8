/** `infragile --version` answers from package.json without loading the CLI bundle (bin/infragile.js). */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { PROJECT_ROOT } from '../helpers/scan.js';
import { toolVersion } from '../../src/cli/version.js';

const version = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

beforeAll(() => {
  ensureBuilt();
});

describe('--version', () => {
  it('prints the package version, short and long form, through the fast path and the full CLI alike', () => {
    for (const flag of ['--version', '-V']) {
      const r = run(flag);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`${version}\n`);
    }
    // Not alone on the line: commander answers, from the bundle.
    const full = run('--version', '--no-color');
    expect(full.stdout + full.stderr).toContain(version);
  });

  it('reports the same version from the sources (reports name their producer with it)', () => {
    expect(toolVersion()).toBe(version);
  });
});
