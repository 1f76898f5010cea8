/**
 * `bindings:` reach reconcile from the one configuration loader: the file in force (`.infragile.yaml`,
 * or `--config FILE` instead of it) gives both the settings and the bindings, for `drift`, `sync` and
 * `scan --model` alike.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { driftRun } from '../../src/cli/commands/drift.js';
import { runScanAnalysis } from '../../src/cli/commands/scan.js';
import { DRIFT_FIXTURE } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'infragile-bindings-config-'));
const BIND = 'bindings:\n  audit-log-store:\n    - "k8s:*/StatefulSet/session-cache"\n';

beforeAll(() => {
  cpSync(join(DRIFT_FIXTURE, 'k8s-drifted'), join(dir, 'k8s'), { recursive: true });
  cpSync(join(DRIFT_FIXTURE, 'threagile.yaml'), join(dir, 'threagile.yaml'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const opts = (config?: string) => ({ root: dir, gitignore: false, quiet: true, model: join(dir, 'threagile.yaml'), format: 'text' as const, ...(config ? { config: join(dir, config) } : {}) });
const sessionCache = async (config?: string) => {
  const run = await driftRun([join(dir, 'k8s')], opts(config));
  const scan = await runScanAnalysis([join(dir, 'k8s')], { ...opts(config), today: '2026-01-01' });
  return { drift: run.result.binding.bindings.find((b) => b.component === 'session-cache'), scan: scan.analysis.assetOf.get('session-cache') };
};

describe('bindings from the configuration in force', () => {
  it('.infragile.yaml at the root: drift and scan --model bind through it', async () => {
    writeFileSync(join(dir, '.infragile.yaml'), BIND);
    const r = await sessionCache();
    expect(r.drift).toMatchObject({ asset: 'audit-log-store', method: 'bindings-file' });
    expect(r.drift!.location).toEqual({ file: '.infragile.yaml', line: 3 });
    expect(r.scan).toBe('audit-log-store');
    rmSync(join(dir, '.infragile.yaml'));
  });

  it('--config FILE: its bindings apply, and a .infragile.yaml it replaces is not read', async () => {
    writeFileSync(join(dir, 'ci-config.yaml'), BIND);
    const r = await sessionCache('ci-config.yaml');
    expect(r.drift).toMatchObject({ asset: 'audit-log-store', method: 'bindings-file' });
    expect(r.scan).toBe('audit-log-store');

    writeFileSync(join(dir, '.infragile.yaml'), BIND);
    writeFileSync(join(dir, 'no-bindings.yaml'), 'version: 1\n');
    const replaced = await sessionCache('no-bindings.yaml');
    expect(replaced.drift?.method).not.toBe('bindings-file');
    expect(replaced.scan).not.toBe('audit-log-store');
    rmSync(join(dir, '.infragile.yaml'));
  });
});
