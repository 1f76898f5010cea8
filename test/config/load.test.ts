import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { parseConfig } from '../../src/config/parse.js';
import { closest } from '../../src/config/suggest.js';

const full = `# team settings
version: 1
model: threagile.yaml
exclude:
  - "legacy/**"
  - "**/test/**"
fail-on: high
warn-only: true
fail-on-drift: medium
rules:
  disable: [missing-vault]
  severity:
    missing-waf: low
paths:
  "legacy/**":
    disable: [container-runs-as-root]
  "k8s/prod/**":
    severity: { privileged-container: critical }
bindings:
  auth-service: ["k8s:*/Deployment/auth*"]
  database: "tf:aws_db_instance.main"
`;

describe('parseConfig', () => {
  it('reads every setting with its line', () => {
    const { config, problems } = parseConfig('.infragile.yaml', full);
    expect(problems).toEqual([]);
    expect(config.model).toBe('threagile.yaml');
    expect(config.exclude).toEqual(['legacy/**', '**/test/**']);
    expect(config.failOn).toBe('high');
    expect(config.warnOnly).toBe(true);
    expect(config.failOnDrift).toBe('medium');
    expect(config.rules.disable).toEqual(['missing-vault']);
    expect(config.rules.severity).toEqual([{ rule: 'missing-waf', severity: 'low', line: 13 }]);
    expect(config.paths).toEqual([
      { pattern: 'legacy/**', line: 15, disable: ['container-runs-as-root'], severity: [] },
      { pattern: 'k8s/prod/**', line: 17, disable: [], severity: [{ rule: 'privileged-container', severity: 'critical', line: 18 }] },
    ]);
    expect(config.bindings).toEqual([
      { asset: 'auth-service', pattern: 'k8s:*/Deployment/auth*', line: 20 },
      { asset: 'database', pattern: 'tf:aws_db_instance.main', line: 21 },
    ]);
  });

  it('an empty file is the defaults', () => {
    expect(parseConfig('.infragile.yaml', '').problems).toEqual([]);
    expect(parseConfig('.infragile.yaml', '# nothing yet\n').problems).toEqual([]);
  });

  it('unknown keys: the line and the closest known key', () => {
    const { problems } = parseConfig('.infragile.yaml', 'version: 1\nexlude: ["a/**"]\nfail_on: high\nrules:\n  disabel: [x]\npaths:\n  "a/**":\n    sevrity: {}\nwhatever: 1\n');
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([
      ".infragile.yaml:2: unknown key 'exlude' (did you mean 'exclude'?)",
      ".infragile.yaml:3: unknown key 'fail_on' (did you mean 'fail-on'?)",
      ".infragile.yaml:5: unknown key 'rules.disabel' (did you mean 'disable'?)",
      `.infragile.yaml:8: unknown key 'paths."a/**".sevrity' (did you mean 'severity'?)`,
      '.infragile.yaml:9: unknown key \'whatever\' (known keys: version, model, exclude, fail-on, warn-only, fail-on-drift, rules, paths, bindings)',
    ]);
  });

  it('wrong values: enums, types, version', () => {
    const { problems } = parseConfig('c.yaml', 'version: 2\nfail-on: severe\nwarn-only: maybe\nexclude: {a: 1}\nrules:\n  severity:\n    missing-waf: huge\n');
    expect(problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      "1: version: only 1 is known, got '2'",
      "2: fail-on: expected one of low, medium, elevated, high, critical, got 'severe'",
      '3: warn-only must be true or false',
      '4: exclude must be a list of strings',
      "7: rules.severity.missing-waf: expected one of low, medium, elevated, high, critical, got 'huge'",
    ]);
  });

  it('malformed YAML and non-mapping documents', () => {
    const bad = parseConfig('.infragile.yaml', 'exclude: [a\nfail-on: high\n');
    expect(bad.problems.length).toBeGreaterThan(0);
    expect(bad.problems[0]!.message).toMatch(/^malformed YAML/);
    expect(parseConfig('.infragile.yaml', '- a\n- b\n').problems[0]!.message).toMatch(/expected a mapping/);
    expect(parseConfig('.infragile.yaml', 'a: 1\na: 2\n').problems[0]!.message).toMatch(/malformed YAML/);
  });

  it('aliases are never expanded (no alias bomb)', () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nexclude: *c\n';
    const { problems } = parseConfig('.infragile.yaml', bomb);
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('loadConfig', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'infragile-config-'));

  it('finds .infragile.yaml at the root, defaults without one', async () => {
    const root = dir();
    expect((await loadConfig({ rootDir: root, cwd: root })).exclude).toEqual([]);
    writeFileSync(join(root, '.infragile.yaml'), 'exclude: [vendor/**]\n');
    expect((await loadConfig({ rootDir: root, cwd: root })).exclude).toEqual(['vendor/**']);
  });

  it('rejects with ConfigError with file:line messages, --config must exist', async () => {
    const root = dir();
    writeFileSync(join(root, '.infragile.yaml'), 'exlude: [vendor/**]\n');
    await expect(loadConfig({ rootDir: root, cwd: root })).rejects.toThrow(ConfigError);
    await expect(loadConfig({ rootDir: root, cwd: root })).rejects.toThrow(".infragile.yaml:1: unknown key 'exlude' (did you mean 'exclude'?)");
    await expect(loadConfig({ rootDir: root, cwd: root, explicit: 'nope.yaml' })).rejects.toThrow('nope.yaml:1: cannot read the config file: it does not exist');
  });
});

describe('closest', () => {
  it('suggests only near misses', () => {
    expect(closest('exlcude', ['exclude', 'model'])).toBe('exclude');
    expect(closest('zzzzzz', ['exclude', 'model'])).toBeUndefined();
  });
});
