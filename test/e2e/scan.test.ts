/**
 * `infragile scan` as CI runs it, through the built CLI: the --fail-on gate (1 on a high risk, 0 once
 * the risk is accepted in a risk-tracking.yaml beside the model, 0 with --warn-only), the seed
 * article's jq gate on --risks-json, the JSON report's Threagile field names, and exit 2 on a bad
 * model or option. Works on a temporary copy: the fixture folder is never written to.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { FIXTURES, PROJECT_ROOT } from '../helpers/scan.js';

const dir = mkdtempSync(join(tmpdir(), 'infragile-scan-'));
const HIGH = 'admin-port-open-to-internet@bastion@22';

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The seed article's jq gate, evaluated the same way in JS. */
function jqGate(risks: Array<Record<string, unknown>>): Array<Record<string, unknown>> {
  return risks
    .filter((r) => r.severity === 'high' || r.severity === 'critical')
    .filter((r) => r.risk_status !== 'mitigated' && r.risk_status !== 'accepted');
}

beforeAll(() => {
  ensureBuilt();
  cpSync(join(FIXTURES, 'iac-rules/admin-port-open-to-internet/fires'), join(dir, 'infra'), { recursive: true });
  const init = run('init', 'infra', '-o', 'threagile.yaml', '-q');
  expect(init.code, init.stderr + init.stdout).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scan --fail-on', () => {
  it('exits 1 on a high risk, and names it in the text report with its file:line and the gate verdict', () => {
    rmSync(join(dir, 'risk-tracking.yaml'), { force: true });
    const r = run('scan', 'infra', '--model', 'threagile.yaml', '--fail-on', 'high');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^HIGH \(\d+\)$/m);
    expect(r.stdout).toContain(`id:  ${HIGH}`);
    expect(r.stdout).toMatch(/at: {2}infra\/main\.tf:9 /);
    expect(r.stdout).toMatch(/fix: Restrict the rule to known source ranges/);
    expect(r.stdout).not.toMatch(/<b>|<\/b>/);
    expect(r.stdout.trimEnd().split('\n').pop()).toMatch(/^Gate: FAIL, 1 untracked or unmitigated risk at or above high$/);
    // Severity groups: critical first, low last.
    const groups = [...r.stdout.matchAll(/^(CRITICAL|HIGH|ELEVATED|MEDIUM|LOW) \(/gm)].map((m) => m[1]);
    expect(groups).toEqual(['CRITICAL', 'HIGH', 'ELEVATED', 'MEDIUM', 'LOW'].filter((g) => groups.includes(g)));
  });

  it('exits 0 once the risk is accepted in risk-tracking.yaml beside the model', () => {
    writeFileSync(join(dir, 'risk-tracking.yaml'), `${HIGH}:\n  status: accepted\n  justification: bastion is key-only and monitored\n  ticket: SEC-1\n  date: 2026-11-01\n  checked_by: Platform Security\n`);
    const r = run('scan', 'infra', '--model', 'threagile.yaml', '--fail-on', 'high');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`[accepted]`);
    expect(r.stdout).toMatch(/Gate: pass, 0 untracked or unmitigated risks at or above high/);
  });

  it('an expired acceptance counts again, with a warning', () => {
    writeFileSync(join(dir, 'risk-tracking.yaml'), `${HIGH}:\n  status: accepted\n  justification: temporary\n  expires: 2026-01-31\n`);
    const r = run('scan', 'infra', '--model', 'threagile.yaml', '--fail-on', 'high', '--today', '2026-11-22');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/risk-tracking\.yaml:1: warning: .*acceptance expired on 2026-01-31/);
    rmSync(join(dir, 'risk-tracking.yaml'));
  });

  it('--warn-only reports and exits 0', () => {
    const r = run('scan', 'infra', '--model', 'threagile.yaml', '--fail-on', 'high', '--warn-only');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Gate: --warn-only, 1 untracked or unmitigated risk at or above high \(would fail\)/);
  });

  it('without --fail-on there is no gate', () => {
    const r = run('scan', 'infra');
    expect(r.code, r.stderr).toBe(0);
  });

  it('the starter model (no --model) gates the same finding', () => {
    const critical = run('scan', 'infra', '--fail-on', 'critical');
    expect(critical.code, critical.stderr).toBe(0);
    const high = run('scan', 'infra', '--fail-on', 'high');
    expect(high.code, high.stderr).toBe(1);
  });
});

describe('scan JSON and --risks-json', () => {
  it('--risks-json writes Threagile\'s risks.json array; the jq gate works on it unchanged', () => {
    const r = run('scan', 'infra', '--model', 'threagile.yaml', '--risks-json', 'risks.json', '-q');
    expect(r.code).toBe(0);
    const risks = JSON.parse(readFileSync(join(dir, 'risks.json'), 'utf8')) as Array<Record<string, unknown>>;
    expect(Array.isArray(risks)).toBe(true);
    expect(Object.keys(risks[0]!)).toEqual([
      'category', 'risk_status', 'severity', 'exploitation_likelihood', 'exploitation_impact', 'title', 'synthetic_id',
      'most_relevant_data_asset', 'most_relevant_technical_asset', 'most_relevant_trust_boundary', 'most_relevant_shared_runtime',
      'most_relevant_communication_link', 'data_breach_probability', 'data_breach_technical_assets',
    ]);
    expect(jqGate(risks).map((x) => x.synthetic_id)).toEqual([HIGH]);
    writeFileSync(join(dir, 'risk-tracking.yaml'), `${HIGH}:\n  status: mitigated\n  justification: rule removed in PR 12\n`);
    run('scan', 'infra', '--model', 'threagile.yaml', '--risks-json', 'risks.json', '-q');
    expect(jqGate(JSON.parse(readFileSync(join(dir, 'risks.json'), 'utf8')))).toEqual([]);
    rmSync(join(dir, 'risk-tracking.yaml'));
  });

  it('--format json: .risks with Threagile names plus evidence, summary, coverage, gate', () => {
    const r = run('scan', 'infra', '--format', 'json', '--fail-on', 'high', '-o', 'scan.json');
    expect(r.code, r.stderr).toBe(1);
    const doc = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8'));
    expect(jqGate(doc.risks).map((x: Record<string, unknown>) => x.synthetic_id)).toEqual([HIGH]);
    const high = doc.risks.find((x: Record<string, unknown>) => x.synthetic_id === HIGH);
    expect(high.evidence).toContainEqual(expect.objectContaining({ file: 'infra/main.tf', line: 9 }));
    expect(doc.summary.internetFacing).toContain('bastion');
    expect(doc.coverage).toHaveProperty('unmapped');
    expect(doc.gate).toEqual({ failOn: 'high', warnOnly: false, blocking: [HIGH], failed: true });
    expect(doc.model.kind).toBe('starter');
  });

  it('is deterministic', () => {
    const a = run('scan', 'infra', '--format', 'json', '-q');
    const b = run('scan', 'infra', '--format', 'json', '-q');
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('scan usage and model errors exit 2', () => {
  it('an unknown severity', () => {
    expect(run('scan', 'infra', '--fail-on', 'severe').code).toBe(2);
  });
  it('a model that does not exist', () => {
    const r = run('scan', 'infra', '--model', 'nope.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope\.yaml:1: cannot read the model/);
  });
  it('a model with an error', () => {
    writeFileSync(join(dir, 'broken.yaml'), 'title: x\ntechnical_assets:\n  A:\n    id: a\n    type: not-a-type\n');
    const r = run('scan', 'infra', '--model', 'broken.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml:\d+: /);
  });
});
