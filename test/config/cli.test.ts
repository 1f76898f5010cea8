/**
 * The configuration and terminal UX as a user meets them through the CLI: a bad .infragile.yaml is
 * `file:line: message` and exit 2 (never a stack trace), settings take effect, `--summary` prints one
 * line, SARIF/OTM come out of `scan`/`drift`/`graph`, and every command's --help has examples.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { FIXTURES, PROJECT_ROOT } from '../helpers/scan.js';
import { createProgress, summaryLine, type ProgressEnv } from '../../src/cli/progress.js';

const dir = mkdtempSync(join(tmpdir(), 'infragile-cli-config-'));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
  cpSync(join(FIXTURES, 'api-platform'), dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (text: string | undefined) => {
  const p = join(dir, '.infragile.yaml');
  if (text === undefined) rmSync(p, { force: true });
  else writeFileSync(p, text);
};

describe('.infragile.yaml through the CLI', () => {
  it('unknown keys: file:line, did-you-mean, exit 2, no stack trace (scan, drift, graph)', () => {
    config('version: 1\nexlude: ["x/**"]\n');
    for (const args of [['scan', 'k8s'], ['drift', 'k8s', '--model', 'threagile.yaml'], ['graph', 'k8s']]) {
      const r = run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(".infragile.yaml:2: unknown key 'exlude' (did you mean 'exclude'?)");
      expect(r.stderr).toMatch(/infragile: \.infragile\.yaml is not a valid configuration \(1 problem\)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });

  it('malformed YAML and a missing --config: exit 2 with the reason', () => {
    config('exclude: [a\nfail-on: high\n');
    const bad = run(['scan', 'k8s']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^\.infragile\.yaml:\d+: malformed YAML: /m);
    config(undefined);
    const missing = run(['scan', 'k8s', '--config', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml:1: cannot read the config file: it does not exist');
  });

  it('settings take effect: fail-on, rules disabled, severity overrides, exclude', () => {
    config(undefined);
    const plain = JSON.parse(run(['scan', 'k8s', '--format', 'json']).stdout);
    const categories = [...new Set(plain.risks.map((r: { category: string }) => r.category))] as string[];
    expect(categories.length).toBeGreaterThan(2);
    const [gone, rerated] = categories;
    config(`fail-on: low\nrules:\n  disable: [${gone}]\n  severity: { ${rerated}: critical }\n`);
    const r = run(['scan', 'k8s', '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc.risks.some((x: { category: string }) => x.category === gone)).toBe(false);
    expect(doc.risks.filter((x: { category: string }) => x.category === rerated).every((x: { severity: string }) => x.severity === 'critical')).toBe(true);
    expect(doc.gate.failOn).toBe('low');
    expect(run(['scan', 'k8s', '--format', 'json', '--warn-only']).code).toBe(0);

    config('exclude: ["k8s/**"]\n');
    expect(JSON.parse(run(['graph', 'k8s']).stdout).components).toEqual([]);
    config(undefined);
  });
});

describe('formats and the summary line', () => {
  it('scan --format sarif -o, --summary on stderr', () => {
    config(undefined);
    const r = run(['scan', 'k8s', '--model', 'threagile.yaml', '--format', 'sarif', '-o', 'out.sarif', '--summary', '-q']);
    expect(r.code).toBe(0);
    expect(r.stderr.trim()).toMatch(/^infragile: \d+ risks \(\d+ \w+(, \d+ \w+)?\), \d+ drift findings?, \d+ components, coverage \d+% — exit 0$/);
    const log = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results.length).toBeGreaterThan(0);
    expect(log.runs[0].results.some((x: { locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'threagile.yaml' || x.locations[0]!.physicalLocation.artifactLocation.uri.startsWith('k8s/'))).toBe(true);
  });

  it('drift --format sarif, scan/graph --format otm', () => {
    const d = run(['drift', 'k8s', '--model', 'threagile.yaml', '--format', 'sarif', '--summary', '-q']);
    expect(d.code).toBe(0);
    expect(JSON.parse(d.stdout).runs[0].automationDetails.id).toBe('infragile/drift/');
    expect(d.stderr).toMatch(/^infragile: \d+ drift findings?, \d+ components, coverage \d+% — exit 0$/m);
    expect(JSON.parse(run(['scan', 'k8s', '--format', 'otm', '-q']).stdout).otmVersion).toBe('0.2.0');
    expect(JSON.parse(run(['graph', 'k8s', '--format', 'otm', '-q']).stdout).components.length).toBeGreaterThan(0);
  });

  it('summaryLine', () => {
    const graph = { components: [{}, {}], coverage: { mapped: { a: 3 }, folded: { b: 0 }, unmapped: [{}] } } as never;
    expect(summaryLine({ risks: [{ severity: 'high' }, { severity: 'critical' }, { severity: 'high' }, { severity: 'low' }], drift: 2, graph, exitCode: 1 })).toBe(
      'infragile: 4 risks (1 critical, 2 high), 2 drift findings, 2 components, coverage 75% — exit 1',
    );
  });
});

describe('progress', () => {
  const fake = (over: Partial<ProgressEnv>) => {
    let t = 0;
    const out: string[] = [];
    const env: ProgressEnv = { isTTY: true, quiet: false, ci: false, write: (s) => out.push(s), now: () => t, ...over };
    return { env, out, at: (ms: number) => (t = ms) };
  };

  it('silent for the first second, then one rewriting line, cleared at the end', () => {
    const f = fake({});
    const p = createProgress(f.env);
    f.at(500);
    p.update({ phase: 'parsing', detail: '1/10 files' });
    expect(f.out).toEqual([]);
    f.at(1200);
    p.update({ phase: 'parsing', detail: '5/10 files' });
    f.at(1250);
    p.update({ phase: 'parsing', detail: '6/10 files' }); // throttled
    f.at(1400);
    p.update({ phase: 'graph' });
    p.done();
    expect(f.out).toEqual([
      '\rinfragile: parsing 5/10 files (1.2s)',
      `\rinfragile: graph (1.4s)${' '.repeat(13)}`, // padded over the longer line before it
      `\r${' '.repeat(36)}\r`,
    ]);
  });

  it('never on a non-TTY, with --quiet, or in CI', () => {
    for (const over of [{ isTTY: false }, { quiet: true }, { ci: true }]) {
      const f = fake(over);
      const p = createProgress(f.env);
      f.at(5000);
      p.update({ phase: 'parsing' });
      p.done();
      expect(f.out).toEqual([]);
    }
  });
});

describe('--help', () => {
  it('every command shows examples', () => {
    const top = run(['--help']);
    const commands = [...top.stdout.matchAll(/^  (\w+) /gm)].map((m) => m[1]!).filter((c) => c !== 'help');
    expect(commands).toEqual(expect.arrayContaining(['scan', 'graph', 'init', 'analyze', 'drift', 'sync']));
    for (const c of commands) {
      const h = run([c, '--help']);
      expect(h.code, c).toBe(0);
      expect(h.stdout, c).toMatch(/Examples:\n {2}infragile /);
    }
  });
});
