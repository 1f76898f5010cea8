/** End to end: fixtures/gcp-shop/terraform through the Terraform adapter and the GCP semantics. */
import { describe, expect, it } from 'vitest';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { scanDir } from '../helpers/scan.js';

describe('fixtures/gcp-shop/terraform', async () => {
  const g: ArchitectureGraph = (await scanDir('gcp-shop/terraform')).graph;
  if (process.env['INFRAGILE_DEBUG']) console.log(JSON.stringify(g, null, 1));
  const comp = (id: string) => g.components.find((c) => c.id === id);
  const flow = (id: string) => g.flows.find((f) => f.id === id);

  it('has the expected components with type, technology and internet', () => {
    const summary = Object.fromEntries(g.components.map((c) => [c.id, [c.type, c.technology, c.machine, c.internet, c.encryption]]));
    expect(summary).toEqual({
      api: ['process', 'web-service-rest', 'container', false, 'none'],
      assets: ['datastore', 'file-server', 'serverless', false, 'data-with-symmetric-shared-key'],
      bastion: ['process', 'application-server', 'virtual', true, 'transparent'],
      frontend: ['process', 'web-service-rest', 'container', true, 'none'],
      'gcp-secret-manager': ['datastore', 'vault', 'serverless', false, 'transparent'],
      internet: ['external-entity', 'client-system', 'physical', true, 'none'],
      'pubsub-orders': ['datastore', 'message-queue', 'serverless', false, 'transparent'],
      'cloud-sql-orders': ['datastore', 'database', 'virtual', false, 'transparent'],
      reports: ['process', 'application-server', 'virtual', false, 'transparent'],
      sessions: ['datastore', 'database', 'virtual', false, 'transparent'],
      worker: ['process', 'web-service-rest', 'container', false, 'none'],
    });
  });

  it('has flows caller → callee with the right confidence and evidence', () => {
    expect(g.flows.map((f) => `${f.id} ${f.protocol}${f.port ? `:${f.port}` : ''} ${f.confidence}`)).toEqual([
      'api>assets https:443 declared',
      'api>cloud-sql-orders sql-access-protocol:5432 configured',
      'api>gcp-secret-manager https:443 declared',
      'api>pubsub-orders https:443 declared',
      'api>sessions nosql-access-protocol:6379 configured',
      'bastion>reports http:8080 declared',
      'frontend>api https:443 configured',
      'internet>bastion ssh:22 declared',
      'internet>frontend https:443 declared',
      'pubsub-orders>worker https:443 declared',
    ]);
    expect(flow('internet>frontend')!.evidence.map((e) => `${e.kind} ${e.location.file}:${e.location.line}`)).toEqual(['gcp-public-iam services.tf:23']);
    expect(flow('internet>bastion')!.evidence.map((e) => `${e.kind} ${e.location.file}:${e.location.line}`)).toEqual([
      'gcp-firewall-open network.tf:36',
      'gcp-external-ip network.tf:73',
    ]);
    expect(flow('pubsub-orders>worker')!.evidence[0]!.location.file).toBe('messaging.tf');
    expect(flow('api>cloud-sql-orders')!.evidence[0]!.location.file).toBe('services.tf');
  });

  it('has the project, VPC and subnet boundaries, nested', () => {
    expect(g.boundaries.map((b) => [b.id, b.type, b.parent ?? null, b.members])).toEqual([
      ['gcp-project-shop-prod', 'network-cloud-provider', null, ['api', 'assets', 'frontend', 'gcp-secret-manager', 'pubsub-orders', 'worker']],
      ['network-shop', 'network-cloud-provider', 'gcp-project-shop-prod', ['cloud-sql-orders', 'sessions']],
      ['subnetwork-ops', 'network-cloud-security-group', 'network-shop', ['bastion', 'reports']],
    ]);
    expect(g.boundaries[1]!.evidence[0]!.location).toEqual({ file: 'network.tf', line: 1 });
  });

  it('has data assets by name, with who stores and processes them', () => {
    expect(g.dataAssets.map((d) => [d.id, d.kind, d.storedBy, d.processedBy])).toEqual([
      ['assets-bucket', 'bucket', ['assets'], ['api']],
      ['cloud-sql-orders-data', 'database', ['cloud-sql-orders'], ['api']],
      ['pubsub-orders-queue', 'queue', ['pubsub-orders'], ['api']],
      ['secret-db-password', 'secret', ['gcp-secret-manager'], ['api']],
    ]);
  });

  it('accounts for every resource', () => {
    expect(g.coverage.unmapped).toEqual([]);
    expect(g.coverage.unresolved).toEqual([]);
    expect(g.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(g.diagnostics.map((d) => d.code)).toContain('gcp-public-iam-blocked');
  });
});
