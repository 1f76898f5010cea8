/**
 * GCP and Azure semantics on bridgecrewio/terragoat (legacy 0.11/0.12 syntax, deliberately
 * vulnerable): no crash, and its deliberate exposures show as internet exposure with evidence.
 * Skips when ../shared/corpus is absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanGraph } from '../../src/pipeline.js';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus');
const TERRAGOAT = join(CORPUS, 'iac/bridgecrewio__terragoat/terraform');

async function scan(dir: string): Promise<ArchitectureGraph> {
  return (await scanGraph({ rootDir: join(TERRAGOAT, dir), paths: [''] })).graph;
}

function exposure(g: ArchitectureGraph): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const f of g.flows.filter((x) => x.source === 'internet')) out[f.target] = f.evidence.map((e) => `${e.kind}@${e.location.file}:${e.location.line}`);
  return out;
}

describe.skipIf(!existsSync(TERRAGOAT))('terragoat gcp', () => {
  it('scans without crashing and exposes the deliberate public resources', async () => {
    const g = await scan('gcp');
    if (process.env['INFRAGILE_DEBUG']) console.log(JSON.stringify({ components: g.components.map((c) => [c.id, c.type, c.technology, c.internet, c.encryption]), flows: g.flows.map((f) => [f.id, f.protocol, f.port, f.confidence]), exposure: exposure(g), boundaries: g.boundaries.map((b) => [b.id, b.parent, b.members]), coverage: g.coverage, diagnostics: g.diagnostics }, null, 1));
    expect(g.diagnostics.filter((d) => d.code.endsWith('failure'))).toEqual([]);
    const exposed = exposure(g);
    // Cloud SQL with authorized network 0.0.0.0/0; bucket with allUsers objectViewer; GCE with external IP + allow-all firewall;
    // GKE with master authorized networks 0.0.0.0/0; BigQuery dataset readable by allAuthenticatedUsers.
    expect(Object.keys(exposed).sort()).toEqual(['dataset', 'gce-server', 'master-instance', 'terragoat-website', 'workload-cluster']);
    expect(exposed['master-instance']!.join()).toMatch(/gcp-sql-authorized-network@big_data.tf:\d+/);
    expect(exposed['terragoat-website']!.join()).toMatch(/gcp-public-iam@gcs.tf:\d+/);
    expect(exposed['gce-server']!.join()).toMatch(/gcp-firewall-open@networks.tf:\d+.*gcp-external-ip@instances.tf:\d+|gcp-external-ip@instances.tf:\d+.*gcp-firewall-open@networks.tf:\d+/);
    expect(g.boundaries.map((b) => b.id)).toEqual(expect.arrayContaining(['network-vpc', 'subnetwork-public-subnetwork']));
  });
});

describe.skipIf(!existsSync(TERRAGOAT))('terragoat azure', () => {
  it('scans without crashing and exposes the deliberate public resources', async () => {
    const g = await scan('azure');
    if (process.env['INFRAGILE_DEBUG']) console.log(JSON.stringify({ components: g.components.map((c) => [c.id, c.type, c.technology, c.internet, c.encryption]), flows: g.flows.map((f) => [f.id, f.protocol, f.port, f.confidence]), exposure: exposure(g), boundaries: g.boundaries.map((b) => [b.id, b.parent, b.members]), coverage: g.coverage, diagnostics: g.diagnostics }, null, 1));
    expect(g.diagnostics.filter((d) => d.code.endsWith('failure'))).toEqual([]);
    const exposed = exposure(g);
    // Both app services (public by default; app-service1 over plain HTTP), the AKS API server (no authorized ranges),
    // the application gateway (public frontend IP).
    expect(Object.keys(exposed)).toEqual(expect.arrayContaining(['app-service1', 'app-service2', 'k8s-cluster', 'network']));
    expect(g.diagnostics.find((d) => d.code === 'azure-nsg-unattached')?.location.file).toBe('networking.tf');
    expect(g.components.find((c) => c.id === 'linux-machine')).toBeDefined();
    // The deliberately incomplete application gateway: frontend_port "port-no".
    expect(g.diagnostics.find((d) => d.code === 'azure-invalid-port')?.location.file).toBe('application_gateway.tf');
  });
});

const MSD = join(CORPUS, 'iac/GoogleCloudPlatform__microservices-demo');

describe.skipIf(!existsSync(join(MSD, 'terraform')))('microservices-demo terraform (GCP)', () => {
  it('maps the GKE Autopilot cluster (public endpoint); Memorystore is off with the shipped inputs', async () => {
    const g = (await scanGraph({ rootDir: MSD, paths: ['terraform'] })).graph;
    if (process.env['INFRAGILE_DEBUG']) console.log(JSON.stringify({ components: g.components.map((c) => [c.id, c.type, c.technology, c.internet, c.multiplicity ?? null]), flows: g.flows.map((f) => [f.id, f.protocol, f.port]), exposure: exposure(g), boundaries: g.boundaries.map((b) => [b.id, b.members]), coverage: g.coverage, diagnostics: g.diagnostics }, null, 1));
    expect(g.diagnostics.filter((d) => d.code.endsWith('failure'))).toEqual([]);
    expect(g.components.find((c) => c.id === 'my-cluster')).toMatchObject({ technology: 'container-platform', internet: true });
    expect(exposure(g)['my-cluster']!.join()).toMatch(/gcp-gke-public-endpoint@terraform\/main.tf:\d+/);
    // memorystore = false in terraform.tfvars → count = 0: the adapter reports it as not created.
    expect(g.components.find((c) => c.id === 'redis-cart')).toBeUndefined();
    expect(g.diagnostics.find((d) => d.code === 'tf-not-created')?.message).toContain('google_redis_instance.redis-cart');
  });
});
