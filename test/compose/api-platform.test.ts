import { beforeAll, describe, expect, it } from 'vitest';
import type { ScanResult } from '../../src/pipeline.js';
import { scanDir } from '../helpers/scan.js';
import { boundaryOf, component, expectEvidenceEverywhere, flow, flowPairs } from './helpers.js';

describe('fixtures/api-platform/compose: the seed API platform as docker-compose', () => {
  let scan: ScanResult;
  beforeAll(async () => {
    scan = await scanDir('api-platform/compose');
  });

  it('has the five components with the seed ids, types and technologies', () => {
    const { graph } = scan;
    const ids = graph.components.map((c) => c.id);
    expect(ids).toEqual(['api-gateway', 'api-sendgrid-com', 'auth-service', 'internet', 'notification-service', 'postgresql-store', 'user-service']);
    for (const id of ['api-gateway', 'auth-service', 'user-service', 'notification-service']) {
      const c = component(graph, id);
      expect(c.type).toBe('process');
      expect(c.technology).toBe('web-service-rest');
      expect(c.machine).toBe('container');
      expect(c.attributes.customDeveloped).toBe(true);
      expect(c.group).toBe('api-platform');
    }
    const db = component(graph, 'postgresql-store');
    expect(db).toMatchObject({ type: 'datastore', technology: 'database', internet: false });
    expect(db.sources).toEqual([{ address: 'compose:api-platform/postgresql-store', location: { file: 'compose.yaml', line: 66 } }]);
    expect(db.attributes.runAsRoot).toBe(false);
    const sendgrid = component(graph, 'api-sendgrid-com');
    expect(sendgrid).toMatchObject({ type: 'external-entity', internet: true, title: 'api.sendgrid.com' });
  });

  it('exposes only the gateway, on the published container port, with evidence at the ports line', () => {
    const { graph } = scan;
    expect(graph.components.filter((c) => c.internet && c.type !== 'external-entity').map((c) => c.id)).toEqual(['api-gateway']);
    const f = flow(graph, 'internet', 'api-gateway');
    expect(f).toMatchObject({ protocol: 'https', port: 8443, confidence: 'declared' });
    expect(f.evidence[0]!.location).toEqual({ file: 'compose.yaml', line: 10 });
    expect(component(graph, 'api-gateway').attributes.publishedPorts).toEqual(['443:8443']);
  });

  it('finds every seed flow, caller → callee, with protocol, port and the env line', () => {
    const { graph } = scan;
    expect(flowPairs(graph)).toEqual([
      'api-gateway -> auth-service',
      'api-gateway -> notification-service',
      'api-gateway -> user-service',
      'auth-service -> postgresql-store',
      'internet -> api-gateway',
      'notification-service -> api-sendgrid-com',
      'user-service -> postgresql-store',
    ]);
    expect(flow(graph, 'api-gateway', 'auth-service')).toMatchObject({ protocol: 'https', port: 8443, encrypted: true, confidence: 'configured' });
    expect(flow(graph, 'api-gateway', 'auth-service').evidence[0]!.location.line).toBe(12);
    expect(flow(graph, 'api-gateway', 'notification-service').evidence[0]!.location.line).toBe(14);
    const authDb = flow(graph, 'auth-service', 'postgresql-store');
    expect(authDb).toMatchObject({ protocol: 'sql-access-protocol', port: 5432 });
    expect(authDb.evidence.map((e) => `${e.kind}@${e.location.line}`)).toEqual(['compose-env-endpoint@28', 'compose-depends-on@33']);
    const userDb = flow(graph, 'user-service', 'postgresql-store');
    expect(userDb.evidence.map((e) => `${e.kind}@${e.location.line}`)).toEqual(['compose-env-endpoint@44', 'compose-depends-on@49']);
    expect(flow(graph, 'notification-service', 'api-sendgrid-com')).toMatchObject({ protocol: 'https', port: 443, encrypted: true });
  });

  it('has the three networks as the three trust boundaries, data marked internal', () => {
    const { graph } = scan;
    expect(graph.boundaries.map((b) => [b.id, b.type, b.members])).toEqual([
      ['data', 'network-virtual-lan', ['postgresql-store']],
      ['edge', 'network-virtual-lan', ['api-gateway']],
      ['internal', 'network-virtual-lan', ['auth-service', 'notification-service', 'user-service']],
    ]);
    expect(graph.boundaries.find((b) => b.id === 'data')!.attributes).toMatchObject({ internal: true });
    expect(graph.boundaries.find((b) => b.id === 'edge')!.attributes).toMatchObject({ internal: false });
    expect(boundaryOf(graph, 'api-sendgrid-com')).toBeUndefined();
  });

  it('has secrets and the database volume as data assets (names only)', () => {
    const { graph } = scan;
    expect(graph.dataAssets.map((d) => [d.id, d.kind, d.storedBy, d.processedBy])).toEqual([
      ['jwt-signing-key', 'secret', [], ['auth-service']],
      ['pgdata', 'database', ['postgresql-store'], []],
      ['postgres-password', 'secret', [], ['postgresql-store']],
    ]);
    expect(graph.dataAssets[2]!.evidence[0]!.detail).toBe('secret postgres-password from file ./secrets/postgres-password.txt');
  });

  it('records the facts rules need, names only', () => {
    const { graph } = scan;
    const gw = component(graph, 'api-gateway');
    expect(gw.attributes).toMatchObject({ readOnlyRootFilesystem: true, privileged: false, dockerSocket: false, 'threagile.io/asset': 'api-gateway', image: 'registry.example.com/api-platform/api-gateway:1.4.2' });
    expect(component(graph, 'notification-service').attributes.plaintextSecretEnv).toEqual(['SENDGRID_API_KEY']);
    expect(component(graph, 'user-service').attributes.plaintextSecretEnv).toEqual(['DB_PASSWORD']);
    expect(component(graph, 'postgresql-store').attributes.plaintextSecretEnv).toBeUndefined();
  });

  it('maps every resource and carries the inline suppression', () => {
    const { graph, resources } = scan;
    expect(graph.coverage.unmapped).toEqual([]);
    expect(graph.coverage.unresolved).toEqual([]);
    expect(graph.coverage.mapped).toEqual({ service: 5 });
    expect(graph.coverage.folded).toEqual({ network: 3, secret: 2, volume: 1 });
    const notification = resources.find((r) => r.address === 'compose:api-platform/notification-service')!;
    expect(notification.suppressions).toEqual([
      { ruleId: 'plaintext-secret-in-config', reason: 'the SendGrid key is rotated weekly by the platform team', location: { file: 'compose.yaml', line: 54 } },
    ]);
    expectEvidenceEverywhere(graph);
    expect(graph.diagnostics).toEqual([]);
  });
});
