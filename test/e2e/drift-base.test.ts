/**
 * `drift --base` as a PR pipeline runs it: a git repository built here with two commits (the second
 * renames a manifest, deletes one and exposes a service) plus an uncommitted change in the working
 * tree. The report must describe what the change did, and git's index and working tree must be
 * exactly as they were.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES } from '../helpers/scan.js';
import { runCli } from '../reconcile/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'infragile-drift-base-'));
const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
const run = (...args: string[]) => runCli(dir, ...args);

const SESSION_CACHE = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: session-cache, namespace: services}
spec:
  selector: {matchLabels: {app: session-cache}}
  template:
    metadata: {labels: {app: session-cache}}
    spec:
      containers: [{name: redis, image: "redis:7.2", ports: [{containerPort: 6379}]}]
`;

let statusBefore = '';
beforeAll(() => {
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  cpSync(join(FIXTURES, 'api-platform/k8s'), join(dir, 'infra'), { recursive: true });
  cpSync(join(FIXTURES, 'api-platform/threagile.yaml'), join(dir, 'threagile.yaml'));
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  // The change: a rename (same content), a deleted manifest, and a service made internet-facing.
  mkdirSync(join(dir, 'infra/app'));
  git('mv', 'infra/services.yaml', 'infra/app/services.yaml');
  git('rm', '-q', 'infra/postgresql-store.yaml');
  const svc = readFileSync(join(dir, 'infra/app/services.yaml'), 'utf8');
  const exposed = svc.replace(/(kind: Service\nmetadata:\n  name: user-service\n  namespace: services\nspec:\n)/, '$1  type: LoadBalancer\n');
  expect(exposed).not.toBe(svc);
  writeFileSync(join(dir, 'infra/app/services.yaml'), exposed);
  git('add', '.');
  git('commit', '-q', '-m', 'head');
  // Uncommitted: the working tree is what is compared, not HEAD.
  writeFileSync(join(dir, 'infra/session-cache.yaml'), SESSION_CACHE);
  statusBefore = git('status', '--porcelain');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('drift --base', () => {
  it('reports what the change did, drift introduced and risks', async () => {
    const r = await run('drift', 'infra', '--model', 'threagile.yaml', '--base', 'HEAD~1', '--format', 'json', '-q');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    const g = report.base.graph;
    expect(report.base.ref).toBe('HEAD~1');
    expect(report.base.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(g.components.added.map((c: { id: string }) => c.id)).toEqual(['session-cache']);
    expect(g.components.removed.map((c: { id: string }) => c.id)).toEqual(['postgresql-store']);
    // The renamed file moved auth/user/notification; their identity did not change.
    const changedIds = g.components.changed.map((c: { id: string }) => c.id);
    expect(changedIds).not.toContain('auth-service');
    expect(g.exposure.added).toEqual(['user-service']);
    expect(g.flows.removed.map((f: { id: string }) => f.id)).toEqual(expect.arrayContaining(['auth-service>postgresql-store', 'user-service>postgresql-store']));
    expect(g.flows.added.map((f: { id: string }) => f.id)).toContain('internet>user-service');
    const introduced = report.base.drift.introduced.map((d: { fingerprint: string }) => d.fingerprint).sort();
    expect(introduced).toEqual(['exposure:user-service', 'missing-component:postgresql-store', 'unmodeled-component:session-cache']);
    expect(report.base.drift.resolved).toEqual([]);
    // New locations point at the renamed file.
    const exposure = report.drift.find((d: { fingerprint: string }) => d.fingerprint === 'exposure:user-service');
    expect(exposure.evidence[0].location.file).toBe('infra/app/services.yaml');
    expect(Array.isArray(report.base.risks.added)).toBe(true);
    expect(report.base.risks.added.length + report.base.risks.removed.length).toBeGreaterThan(0);
  });

  it('never touches the working tree or the index', async () => {
    await run('drift', 'infra', '--model', 'threagile.yaml', '--base', 'HEAD~1', '-q');
    expect(git('status', '--porcelain')).toBe(statusBefore);
    expect(existsSync(join(dir, 'infra/postgresql-store.yaml'))).toBe(false);
  });

  it('fails on introduced drift only with --fail-on-drift, and says why a bad ref is bad', async () => {
    expect((await run('drift', 'infra', '--model', 'threagile.yaml', '--base', 'HEAD~1', '--fail-on-drift', '-q')).code).toBe(1);
    // Against HEAD only the uncommitted session cache is new, and it is medium: not enough for `high`.
    expect((await run('drift', 'infra', '--model', 'threagile.yaml', '--base', 'HEAD', '--fail-on-drift', 'high', '-q')).code).toBe(0);
    expect((await run('drift', 'infra', '--model', 'threagile.yaml', '--base', 'HEAD', '--fail-on-drift', 'medium', '-q')).code).toBe(1);
    expect((await run('drift', 'infra', '--model', 'threagile.yaml', '--fail-on-drift', 'bogus', '-q')).code).toBe(2);
    const bad = await run('drift', 'infra', '--model', 'threagile.yaml', '--base', 'no-such-ref');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown revision 'no-such-ref'/);
  });

  it('writes a PR comment with the marker, the change table and a Mermaid diagram', async () => {
    const r = await run('drift', 'infra', '--model', 'threagile.yaml', '--base', 'HEAD~1', '--format', 'markdown', '--link-base', 'https://github.com/acme/platform/blob/abc123', '-q');
    expect(r.stdout.startsWith('<!-- infragile:drift -->\n')).toBe(true);
    expect(r.stdout).toContain('This change introduces 3 drifts and resolves 0.');
    expect(r.stdout).toContain('🌐 exposed | `user-service`');
    expect(r.stdout).toContain('](https://github.com/acme/platform/blob/abc123/infra/app/services.yaml#L');
    expect(r.stdout).toMatch(/```mermaid\nflowchart LR\n/);
  });
});
