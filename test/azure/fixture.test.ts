/** End to end: fixtures/azure-portal/terraform through the Terraform adapter and the Azure semantics. */
import { describe, expect, it } from 'vitest';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { scanDir } from '../helpers/scan.js';

describe('fixtures/azure-portal/terraform', async () => {
  const g: ArchitectureGraph = (await scanDir('azure-portal/terraform')).graph;
  if (process.env['INFRAGILE_DEBUG']) console.log(JSON.stringify(g, null, 1));
  const flow = (id: string) => g.flows.find((f) => f.id === id);
  const where = (id: string) => flow(id)!.evidence.map((e) => `${e.kind} ${e.location.file}:${e.location.line}`);

  it('has the expected components', () => {
    expect(Object.fromEntries(g.components.map((c) => [c.id, [c.type, c.technology, c.machine, c.internet, c.encryption]]))).toEqual({
      docs: ['datastore', 'file-server', 'serverless', true, 'transparent'],
      internet: ['external-entity', 'client-system', 'physical', true, 'none'],
      jump: ['process', 'application-server', 'virtual', true, 'transparent'],
      'key-vault-portal': ['datastore', 'vault', 'serverless', false, 'transparent'],
      'sql-portal': ['datastore', 'database', 'virtual', false, 'transparent'],
      'web-app-portal': ['process', 'web-application', 'virtual', true, 'none'],
    });
  });

  it('has flows caller → callee, exposure with evidence', () => {
    expect(g.flows.map((f) => `${f.id} ${f.protocol}${f.port ? `:${f.port}` : ''} ${f.confidence}`)).toEqual([
      'internet>docs https:443 declared',
      'internet>jump ssh:22 declared',
      'internet>web-app-portal https:443 declared',
      'web-app-portal>docs https:443 declared',
      'web-app-portal>key-vault-portal https:443 declared',
      'web-app-portal>sql-portal sql-access-protocol:1433 configured',
    ]);
    expect(where('internet>jump')).toEqual(['azure-nsg-open network.tf:27', 'azure-public-ip network.tf:58']);
    expect(where('internet>docs')).toEqual(['azure-public-container data.tf:62']);
    expect(where('internet>web-app-portal')).toEqual(['azure-app-service-public app.tf:9']);
    expect(where('web-app-portal>sql-portal')[0]).toMatch(/^tf-config-reference app\.tf:2[5-9]$/);
  });

  it('has the VNet and subnets as nested boundaries, the SQL server in the data subnet via its private endpoint', () => {
    expect(g.boundaries.map((b) => [b.id, b.type, b.parent ?? null, b.members])).toEqual([
      ['subnet-data', 'network-cloud-security-group', 'virtual-network-portal', ['sql-portal']],
      ['subnet-mgmt', 'network-cloud-security-group', 'virtual-network-portal', ['jump']],
      ['virtual-network-portal', 'network-cloud-provider', null, []],
    ]);
  });

  it('has data assets by name only', () => {
    expect(g.dataAssets.map((d) => [d.id, d.kind, d.storedBy, d.processedBy])).toEqual([
      ['docs-bucket', 'bucket', ['docs'], ['web-app-portal']],
      ['docs-bucket-public-assets', 'bucket', ['docs'], ['web-app-portal']],
      ['docs-bucket-uploads', 'bucket', ['docs'], ['web-app-portal']],
      ['key-vault-portal-secret-session-key', 'secret', ['key-vault-portal'], ['web-app-portal']],
      ['sql-portal-data', 'database', ['sql-portal'], ['web-app-portal']],
    ]);
    const text = JSON.stringify(g);
    expect(text).not.toContain('fixture-secret-value-never-printed');
    expect(text).not.toContain('Change-me-0nly-in-fixture');
  });

  it('accounts for every resource', () => {
    expect(g.coverage.unmapped).toEqual([]);
    expect(g.coverage.unresolved).toEqual([]);
    expect(g.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });
});
