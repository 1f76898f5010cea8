/**
 * The drift fixtures (fixtures/drift/api-platform): each infra variant carries known drift, and
 * together they cover every kind of DESIGN §4; the traps (renamed services, tooling, out-of-scope
 * and external assets, the internet) must never be reported.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DRIFT_KINDS, type Drift } from '../../src/reconcile/types.js';
import { FIXTURES } from '../helpers/scan.js';
import { DRIFT_FIXTURE, driftOf } from './helpers.js';

const k8s = join(DRIFT_FIXTURE, 'k8s-drifted');
const compose = join(DRIFT_FIXTURE, 'compose-renamed');
const tf = join(DRIFT_FIXTURE, 'terraform-unencrypted');

const summary = (list: Drift[]) => list.map((d) => d.fingerprint).sort();

describe('drift on the k8s-drifted variant', async () => {
  const r = await driftOf(k8s);

  it('reports exactly the planted drift', () => {
    expect(summary(r.drift)).toEqual(
      [
        'unmodeled-component:session-cache',
        'missing-component:audit-log-store',
        'unmodeled-flow:user-service>notification-service',
        'unverified-flow:api-gateway>auth-service-link',
        'blocked-flow:auth-service>db-auth-link',
        'exposure:user-service',
        'protocol:api-gateway>user-service-link',
        'boundary:notification-service',
        'type:object-storage',
        'technology:object-storage',
      ].sort(),
    );
  });

  it('gives severities, model lines and infra evidence', () => {
    const by = new Map(r.drift.map((d) => [d.fingerprint, d]));
    expect(by.get('exposure:user-service')).toMatchObject({ severity: 'high', expected: 'internet: false', actual: 'internet: true', modelLocation: { file: 'threagile.yaml', line: 232 } });
    expect(by.get('exposure:user-service')!.evidence[0]!.location).toEqual({ file: 'services.yaml', line: 56 });
    expect(by.get('protocol:api-gateway>user-service-link')).toMatchObject({ severity: 'high', expected: 'https', actual: 'http' });
    expect(by.get('protocol:api-gateway>user-service-link')!.evidence.map((e) => `${e.location.file}:${e.location.line}`)).toContain('edge.yaml:23');
    expect(by.get('blocked-flow:auth-service>db-auth-link')!.evidence[0]).toMatchObject({ kind: 'k8s-network-policy', location: { file: 'data.yaml', line: 82 } });
    expect(by.get('boundary:notification-service')).toMatchObject({ expected: 'internal-network', actual: 'data-tier' });
    expect(by.get('type:object-storage')).toMatchObject({ expected: 'process', actual: 'datastore', modelLocation: { line: 374 } });
    expect(by.get('unverified-flow:api-gateway>auth-service-link')!.severity).toBe('info');
    for (const d of r.drift) {
      if (d.kind !== 'unmodeled-component') expect(d.modelLocation?.line, d.fingerprint).toBeGreaterThan(0);
      if (!['missing-component', 'unverified-flow'].includes(d.kind)) expect(d.evidence.length, d.fingerprint).toBeGreaterThan(0);
      for (const e of d.evidence) expect(e.location.line).toBeGreaterThan(0);
    }
  });

  it('binds renamed services by name, the annotated gateway by label, and ignores tooling', () => {
    const b = Object.fromEntries(r.binding.bindings.map((x) => [x.component, `${x.asset} ${x.method}`]));
    expect(b).toMatchObject({
      'edge-proxy': 'api-gateway infra-label',
      'auth-svc': 'auth-service name',
      notifications: 'notification-service name',
      postgres: 'postgresql-store name',
      'user-service': 'user-service name',
      'object-storage': 'object-storage name',
    });
    expect(r.binding.ignored.map((i) => i.component)).toEqual(['fluent-bit', 'internet', 'prometheus']);
    // The session cache is not guessed onto the audit log store: it is a candidate with a paste-able tag.
    expect(r.binding.candidates).toEqual([
      expect.objectContaining({ component: 'session-cache', assets: ['audit-log-store'], suggestion: expect.stringContaining('iac:k8s:services/statefulset/session-cache') }),
    ]);
  });

  it('never reports the traps', () => {
    const fingerprints = r.drift.map((d) => d.fingerprint).join(' ');
    for (const trap of ['fluent-bit', 'prometheus', 'legacy-reporting', 'third-party-provider', 'auth-svc', 'notifications', 'internet']) expect(fingerprints).not.toContain(trap);
    const involved = new Set(r.drift.flatMap((d) => d.components));
    for (const tooling of ['fluent-bit', 'prometheus', 'internet']) expect(involved.has(tooling)).toBe(false);
  });

  it('carries no secret values', () => {
    expect(JSON.stringify(r)).not.toMatch(/Sup3r|never-printed/);
  });
});

describe('drift on the compose-renamed variant', async () => {
  const r = await driftOf(compose);
  it('binds every renamed service and reports only the blocked call and the absent assets', () => {
    expect(summary(r.drift)).toEqual(['blocked-flow:api-gateway>notification-service-link', 'missing-component:audit-log-store', 'missing-component:object-storage']);
    const blocked = r.drift.find((d) => d.kind === 'blocked-flow')!;
    expect(blocked.evidence[0]!.location).toEqual({ file: 'compose.yaml', line: 15 });
    expect(r.binding.bindings.find((b) => b.component === 'db')).toMatchObject({ asset: 'postgresql-store', method: 'structure' });
    expect(r.binding.ignored.map((i) => i.component)).toContain('datadog-agent');
  });
});

describe('drift on the terraform-unencrypted variant', async () => {
  const r = await driftOf(tf);
  it('reports encryption at rest against the model', () => {
    const d = r.drift.find((x) => x.kind === 'encryption')!;
    expect(d).toMatchObject({ severity: 'high', asset: 'postgresql-store', expected: 'data-with-symmetric-shared-key', actual: 'none' });
    expect(d.evidence[0]!.location).toEqual({ file: 'main.tf', line: 3 });
  });
});

describe('every drift kind is covered by the fixtures', async () => {
  const all = [...(await driftOf(k8s)).drift, ...(await driftOf(compose)).drift, ...(await driftOf(tf)).drift];
  it.each(DRIFT_KINDS.map((k) => [k]))('%s', (kind) => {
    expect(all.some((d) => d.kind === kind)).toBe(true);
  });
});

describe('the seed API platform matches its own model', async () => {
  it.each([['k8s'], ['compose'], ['helm-rendered']])('%s: no drift', async (variant) => {
    const r = await driftOf(join(FIXTURES, 'api-platform', variant), join(FIXTURES, 'api-platform/threagile.yaml'));
    expect(r.drift).toEqual([]);
    expect(r.binding.bindings.map((b) => b.asset).sort()).toEqual(['api-gateway', 'auth-service', 'notification-service', 'postgresql-store', 'third-party-provider', 'user-service']);
  });
});
