/**
 * `infragile explain` through the built CLI: a risk (rule, model facts, evidence file:line per hop,
 * the exposure path from the internet), a component, a flow, and an unknown id (exit 2 with the
 * closest ids).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { FIXTURES, PROJECT_ROOT } from '../helpers/scan.js';


function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: FIXTURES, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
});

describe('explain', () => {
  it('a risk: rule, STRIDE, CWE, model facts and the evidence chain file:line per hop', () => {
    const r = run('explain', 'iac-rules/admin-port-open-to-internet/fires', 'admin-port-open-to-internet@bastion@22');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Risk admin-port-open-to-internet@bastion@22$/m);
    expect(r.stdout).toMatch(/admin-port-open-to-internet: Administrative Port Open to the Internet \(iac rule\)/);
    expect(r.stdout).toMatch(/STRIDE elevation-of-privilege, CWE-284/);
    expect(r.stdout).toMatch(/technical asset bastion .*internet yes/);
    expect(r.stdout).toMatch(/^ {2}1\. iac-rules\/admin-port-open-to-internet\/fires\/main\.tf:9 {2}\S/m);
    expect(r.stdout).toMatch(/Reachable from the internet \(1 hop\)\n {2}1\. internet → bastion \(ssh:22, declared\)\n {7}iac-rules\/admin-port-open-to-internet\/fires\/main\.tf:\d+ /);
    expect(r.stdout).toMatch(/^Mitigation: /m);
  });

  it('a Threagile risk on a scanned model names its IaC evidence too', () => {
    const r = run('explain', 'iac-rules/datastore-exposed-to-internet/fires', 'datastore-exposed-to-internet@db');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/compose\.yaml:11 /);
  });

  it('a component: sources, evidence, flows', () => {
    const r = run('explain', 'iac-rules/datastore-exposed-to-internet/fires', 'db');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Component db "db"/m);
    expect(r.stdout).toMatch(/compose:orders\/db at iac-rules\/datastore-exposed-to-internet\/fires\/compose\.yaml:8/);
    expect(r.stdout).toMatch(/← internet/);
    expect(r.stdout).toMatch(/datastore-exposed-to-internet@db/);
  });

  it('a flow: its evidence', () => {
    const r = run('explain', 'iac-rules/datastore-exposed-to-internet/fires', 'api>db');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Flow api>db$/m);
    expect(r.stdout).toMatch(/^ {2}1\. iac-rules\/datastore-exposed-to-internet\/fires\/compose\.yaml:\d+ {2}\S/m);
  });

  it('an unknown id: exit 2 with the closest ids', () => {
    const r = run('explain', 'iac-rules/admin-port-open-to-internet/fires', 'admin-port-open-to-internet@bastion@23');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no risk, component, flow, boundary or data asset has the id 'admin-port-open-to-internet@bastion@23'; closest: admin-port-open-to-internet@bastion@22/);
  });
});
