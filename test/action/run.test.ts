import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { load } from 'js-yaml';
// @ts-expect-error: plain ESM script without types
import { readInputs, run } from '../../action/run.mjs';
import { PROJECT_ROOT } from '../helpers/scan.js';

interface Call {
  argv: string[];
}

function fakeDeps(codes: { scan?: number; drift?: number; baseExists?: boolean } = {}) {
  const calls: Call[] = [];
  const logs: string[] = [];
  const comments: string[] = [];
  const gitCalls: string[][] = [];
  return {
    calls,
    logs,
    comments,
    gitCalls,
    deps: {
      run(argv: string[]) {
        calls.push({ argv });
        const cmd = argv[2];
        if (cmd === 'scan') return { code: codes.scan ?? 0, stderr: 'infragile: 3 risks (1 high, 2 medium), 14 components, coverage 100% — exit 0\n' };
        const out = argv[argv.indexOf('-o') + 1]!;
        writeFileSync(out, '<!-- infragile:drift -->\n## Drift\n');
        return { code: codes.drift ?? 0, stderr: '' };
      },
      git(args: string[]) {
        gitCalls.push(args);
        return codes.baseExists === false ? 1 : 0;
      },
      async comment(file: string) {
        comments.push(readFileSync(file, 'utf8'));
        return 0;
      },
      log: (m: string) => logs.push(m),
    },
  };
}

function env(extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'infragile-run-'));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  return {
    output,
    summary,
    env: {
      INFRAGILE_CLI: JSON.stringify(['node', 'cli.js']),
      INFRAGILE_SARIF_FILE: join(dir, 'out/infragile.sarif'),
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      ...extra,
    },
  };
}

describe('action/run.mjs', () => {
  it('scan only: SARIF, fail-on, outputs, job summary', async () => {
    const e = env({ INFRAGILE_PATHS: 'infra k8s\ncharts', INFRAGILE_FAIL_ON: 'high' });
    const f = fakeDeps();
    expect(await run(e.env, f.deps)).toBe(0);
    expect(f.calls.map((c) => c.argv.slice(2).join(' '))).toEqual([`scan infra k8s charts --format sarif -o ${e.env.INFRAGILE_SARIF_FILE} --summary --fail-on high`]);
    expect(readFileSync(e.output, 'utf8')).toContain('exit-code=0\n');
    expect(readFileSync(e.output, 'utf8')).toContain('summary=infragile: 3 risks');
    expect(readFileSync(e.summary, 'utf8')).toContain('infragile: 3 risks');
    expect(f.comments).toEqual([]);
  });

  it('with a model on a PR: drift SARIF and markdown against origin/<base>, one sticky comment', async () => {
    const e = env({ INFRAGILE_MODEL: 'threagile.yaml', GITHUB_BASE_REF: 'main', INFRAGILE_CONFIG: 'ci/infragile.yaml' });
    const f = fakeDeps();
    expect(await run(e.env, f.deps)).toBe(0);
    const argv = f.calls.map((c) => c.argv.slice(2).join(' '));
    expect(argv[1]).toBe(`drift . --config ci/infragile.yaml --model threagile.yaml --base origin/main --format sarif -o ${e.env.INFRAGILE_SARIF_FILE.replace('.sarif', '-drift.sarif')}`);
    expect(argv[2]).toMatch(/^drift \. --config ci\/infragile.yaml --model threagile.yaml --base origin\/main --format markdown -o .*infragile-drift\.md$/);
    expect(f.comments).toEqual(['<!-- infragile:drift -->\n## Drift\n']);
    expect(readFileSync(e.summary, 'utf8')).toContain('## Drift');
  });

  it('a base ref that cannot be fetched: drift without the delta, with a warning', async () => {
    const e = env({ INFRAGILE_MODEL: 'threagile.yaml', INFRAGILE_BASE_REF: 'origin/release' });
    const f = fakeDeps({ baseExists: false });
    await run(e.env, f.deps);
    expect(f.gitCalls.some((a) => a[0] === 'fetch' && a.includes('+refs/heads/release:refs/remotes/origin/release'))).toBe(true);
    expect(f.calls[1]!.argv).not.toContain('--base');
    expect(f.logs.some((l) => l.startsWith('::warning::') && l.includes('fetch-depth: 0'))).toBe(true);
  });

  it('the gate: findings fail, warn-only passes with a warning, usage errors always fail', async () => {
    const blocking = fakeDeps({ scan: 1 });
    expect(await run(env({ INFRAGILE_FAIL_ON: 'high' }).env, blocking.deps)).toBe(1);
    expect(blocking.logs.some((l) => l.startsWith('::error::'))).toBe(true);

    const warn = fakeDeps({ scan: 1 });
    expect(await run(env({ INFRAGILE_FAIL_ON: 'high', INFRAGILE_WARN_ONLY: 'true' }).env, warn.deps)).toBe(0);
    expect(warn.logs.some((l) => l.startsWith('::warning::'))).toBe(true);

    expect(await run(env({ INFRAGILE_WARN_ONLY: 'true' }).env, fakeDeps({ scan: 2 }).deps)).toBe(2);
    expect(await run(env({ INFRAGILE_MODEL: 'm.yaml', INFRAGILE_WARN_ONLY: 'true' }).env, fakeDeps({ drift: 2 }).deps)).toBe(2);
  });

  it('rejects an unknown fail-on before running anything', async () => {
    const f = fakeDeps();
    expect(await run(env({ INFRAGILE_FAIL_ON: 'severe' }).env, f.deps)).toBe(2);
    expect(f.calls).toEqual([]);
    expect(() => readInputs({ INFRAGILE_FAIL_ON: 'nope' })).toThrow(/fail-on/);
  });
});

describe('action.yml', () => {
  const action = load(readFileSync(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
    runs: { using: string; steps: Array<{ id?: string; env?: Record<string, string>; run?: string }> };
  };

  it('is a composite action with the documented inputs, each passed to the driver', () => {
    expect(action.runs.using).toBe('composite');
    expect(Object.keys(action.inputs).sort()).toEqual(['base-ref', 'comment', 'config', 'fail-on', 'github-token', 'model', 'paths', 'sarif-file', 'version', 'warn-only']);
    const step = action.runs.steps.find((s) => s.id === 'run')!;
    expect(step.run).toContain('action/run.mjs');
    for (const name of Object.keys(action.inputs).filter((n) => n !== 'version'))
      expect(Object.values(step.env!).join(' '), name).toContain(`inputs.${name}`);
  });
});
