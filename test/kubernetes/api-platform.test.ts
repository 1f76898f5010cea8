import { mkdtempSync, writeFileSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphSummary } from '../../src/report/summary.js';
import { scanDir, PROJECT_ROOT } from '../helpers/scan.js';
import { boundariesOf, componentsOf, dataAssetsOf, everythingHasEvidence, flowsOf } from './helpers.js';

/** Scan with fixtures/ as the root, so locations read `api-platform/k8s/…`. */
const scan = (dir: string) => scanDir('.', [dir]);

const EXPECTED_COMPONENTS = {
  'api-gateway': { type: 'process', technology: 'web-service-rest', internet: true },
  'api-sendgrid-com': { type: 'external-entity', technology: 'web-service-rest', internet: true },
  'auth-service': { type: 'process', technology: 'web-service-rest', internet: false },
  internet: { type: 'external-entity', technology: 'client-system', internet: true },
  'notification-service': { type: 'process', technology: 'web-service-rest', internet: false },
  'postgresql-store': { type: 'datastore', technology: 'database', internet: false },
  'user-service': { type: 'process', technology: 'web-service-rest', internet: false },
};

const EXPECTED_FLOWS = [
  'api-gateway -> auth-service https:8443 declared',
  'api-gateway -> notification-service https:8443 declared',
  'api-gateway -> user-service https:8443 declared',
  'auth-service -> postgresql-store sql-access-protocol:5432 declared',
  'internet -> api-gateway https:443 declared',
  'notification-service -> api-sendgrid-com https:443 configured',
  'user-service -> postgresql-store sql-access-protocol:5432 declared',
];

const EXPECTED_BOUNDARIES = {
  'ns-data': { type: 'network-policy-namespace-isolation', members: ['postgresql-store'], defaultDeny: true },
  'ns-edge': { type: 'network-policy-namespace-isolation', members: ['api-gateway'], defaultDeny: false },
  'ns-services': { type: 'network-policy-namespace-isolation', members: ['auth-service', 'notification-service', 'user-service'], defaultDeny: true },
};

const EXPECTED_DATA_ASSETS = {
  'pvc-data-postgresql-store': { kind: 'database', storedBy: ['postgresql-store'], processedBy: [] },
  'secret-api-gateway-tls': { kind: 'credential', storedBy: [], processedBy: [] },
  'secret-auth-db-credentials': { kind: 'secret', storedBy: [], processedBy: ['auth-service'] },
  'secret-notification-provider-keys': { kind: 'secret', storedBy: [], processedBy: ['notification-service'] },
  'secret-postgres-admin': { kind: 'secret', storedBy: [], processedBy: ['postgresql-store'] },
  'secret-user-db-credentials': { kind: 'secret', storedBy: [], processedBy: ['user-service'] },
};

/** Values written in the fixtures' Secrets (plain and base64-decoded): none may appear in any output. */
const SECRET_VALUES = [
  'Auth-Sup3r-S3cret',
  'jwt-signing-key-VALUE',
  'User-Db-Pa55word',
  'VXNlci1EYi1QYTU1d29yZA==',
  'Pg-Admin-T0p-S3cret',
  'UGctQWRtaW4tVDBwLVMzY3JldA==',
  'SG.fake-sendgrid-key',
  'LS0tLS1CRUdJTi',
  'auth_svc:',
];

describe.each([
  ['k8s', 'api-platform/k8s'],
  ['helm-rendered', 'api-platform/helm-rendered'],
])('API platform as %s', (_name, dir) => {
  it('has the expected graph', async () => {
    const { graph } = await scan(dir);
    expect(componentsOf(graph)).toEqual(EXPECTED_COMPONENTS);
    expect(flowsOf(graph)).toEqual(EXPECTED_FLOWS);
    expect(boundariesOf(graph)).toEqual(EXPECTED_BOUNDARIES);
    expect(dataAssetsOf(graph)).toEqual(EXPECTED_DATA_ASSETS);
    expect(graph.coverage.unmapped).toEqual([]);
    expect(graph.coverage.unresolved).toEqual([]);
    expect(graph.diagnostics).toEqual([]);
    expect(everythingHasEvidence(graph)).toEqual([]);
  });

  it('shows no secret value in the graph JSON or the summary', async () => {
    const { graph } = await scan(dir);
    const outputs = [JSON.stringify(graph), graphSummary(graph)];
    for (const out of outputs) for (const v of SECRET_VALUES) expect(out).not.toContain(v);
    // Names are fine, and needed.
    expect(JSON.stringify(graph)).toContain('secret-auth-db-credentials');
  });

  it('keeps the exposure chain and pod facts', async () => {
    const { graph } = await scan(dir);
    const exposure = graph.flows.find((f) => f.id === 'internet>api-gateway')!;
    expect(exposure.encrypted).toBe(true);
    expect(exposure.evidence.map((e) => e.kind).sort()).toEqual(['k8s-ingress-rule', 'k8s-service-selector']);
    expect(exposure.evidence.find((e) => e.kind === 'k8s-ingress-rule')!.detail).toContain('https://api.example.com/');
    const gw = graph.components.find((c) => c.id === 'api-gateway')!;
    expect(gw.multiplicity).toBe(3);
    expect(gw.attributes).toMatchObject({ runAsNonRoot: true, runAsRoot: false, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, automountServiceAccountToken: false, serviceAccount: 'api-gateway', resourceLimits: true });
    const auth = graph.components.find((c) => c.id === 'auth-service')!;
    expect(auth.attributes.secretEnv).toEqual(['DATABASE_URL', 'JWT_SIGNING_KEY']);
    const notif = graph.components.find((c) => c.id === 'notification-service')!;
    expect(notif.attributes.resourceLimits).toBe(false);
    const db = graph.components.find((c) => c.id === 'postgresql-store')!;
    expect(db.attributes).toMatchObject({ kind: 'StatefulSet', image: 'postgres:16.4', runAsRoot: false, persistentVolumeClaims: true });
    // The DB URL sits in a Secret: the flow is still found, from the host and port only.
    const authDb = graph.flows.find((f) => f.id === 'auth-service>postgresql-store')!;
    expect(authDb.evidence.map((e) => e.kind)).toContain('k8s-env-service-reference');
  });
});

describe('API platform manifests: locations', () => {
  it('points evidence at file:line', async () => {
    const { graph, resources } = await scan('api-platform/k8s');
    const gw = graph.components.find((c) => c.id === 'api-gateway')!;
    expect(gw.sources).toEqual([{ address: 'k8s:edge/Deployment/api-gateway', location: { file: 'api-platform/k8s/api-gateway.yaml', line: 2 } }]);
    const f = graph.flows.find((x) => x.id === 'api-gateway>auth-service')!;
    expect(f.evidence.find((e) => e.kind === 'k8s-env-service-reference')!.location).toEqual({ file: 'api-platform/k8s/api-gateway.yaml', line: 32 });
    expect(f.evidence.find((e) => e.kind === 'k8s-networkpolicy-allow')!.location.file).toBe('api-platform/k8s/network-policies.yaml');
    const notif = resources.find((r) => r.address === 'k8s:services/Deployment/notification-service')!;
    // No rule checks resource limits: the fixture says why in a plain comment, not a suppression.
    expect(notif.suppressions).toBeUndefined();
  });

  it('takes the chart as group and the template from # Source: in Helm output', async () => {
    const { graph } = await scan('api-platform/helm-rendered');
    const gw = graph.components.find((c) => c.id === 'api-gateway')!;
    expect(gw.group).toBe('api-platform');
    expect(gw.sources[0]!.location).toMatchObject({ file: 'api-platform/helm-rendered/api-platform.yaml', template: 'api-platform/templates/api-gateway.yaml' });
  });
});

describe('unrendered Helm chart', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'infragile-helm-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('is skipped with one diagnostic giving the command that renders it', async () => {
    const { graph } = await scan('api-platform/helm-chart');
    expect(graph.diagnostics).toHaveLength(1);
    const d = graph.diagnostics[0]!;
    expect(d.location).toEqual({ file: 'api-platform/helm-chart/Chart.yaml', line: 1 });
    expect(d.message).toContain('`helm template api-platform api-platform/helm-chart`');
    expect(graph.components).toEqual([]);
    expect(graph.coverage.files.unclaimed).toEqual([]);
  });

  it('is rendered with --render-helm, locations pointing into its templates', async () => {
    // A stand-in helm that prints what `helm template` prints for this chart, and records its arguments.
    const rendered = join(PROJECT_ROOT, 'fixtures/api-platform/helm-rendered/api-platform.yaml');
    const helm = join(tmp, 'helm');
    writeFileSync(helm, `#!/bin/sh\necho "$@" > "${tmp}/args"\ncat "${rendered}"\n`);
    chmodSync(helm, 0o755);
    const path = process.env.PATH;
    process.env.PATH = `${tmp}:${path}`;
    try {
      const { graph } = await scanDir('api-platform', ['helm-chart'], { options: { renderHelm: true, helmValues: ['api-platform/helm-chart/values.yaml'] } });
      expect(graph.diagnostics).toEqual([]);
      expect(flowsOf(graph)).toEqual(EXPECTED_FLOWS);
      const gw = graph.components.find((c) => c.id === 'api-gateway')!;
      expect(gw.sources[0]!.location).toEqual({ file: 'helm-chart/templates/api-gateway.yaml', line: 2, template: 'api-platform/templates/api-gateway.yaml' });
      expect(gw.group).toBe('api-platform');
      const { readFileSync } = await import('node:fs');
      expect(readFileSync(join(tmp, 'args'), 'utf8')).toMatch(/^template api-platform \S+helm-chart -f \S+values\.yaml/);
    } finally {
      process.env.PATH = path;
    }
  });
});
