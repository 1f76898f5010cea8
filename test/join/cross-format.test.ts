/**
 * The cross-format fixture: Terraform (RDS, ElastiCache, OpenSearch, an NLB, a Secrets Manager
 * secret, a kubernetes_config_map/kubernetes_secret/helm_release) around a Kubernetes app, and the
 * same app's compose file for development. The expected graph after the join, element by element.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureGraph, Evidence, Flow } from '../../src/graph/types.js';
import { scanDir } from '../helpers/scan.js';

let graph: ArchitectureGraph;
beforeAll(async () => {
  graph = (await scanDir('cross-format')).graph;
});

const component = (id: string) => graph.components.find((c) => c.id === id);
const flow = (source: string, target: string): Flow | undefined => graph.flows.find((f) => f.source === source && f.target === target);
const at = (e: Evidence[], kind: string) => e.filter((x) => x.kind === kind).map((x) => `${x.location.file}:${x.location.line}`).sort();

describe('cross-format join: literal endpoint hosts', () => {
  it('a ConfigMap naming the RDS endpoint (bare host in DATABASE_HOST) becomes a flow to the RDS component', () => {
    const f = flow('api', 'orders-db');
    expect(f).toMatchObject({ protocol: 'sql-access-protocol', port: 5432, confidence: 'configured' });
    expect(at(f!.evidence, 'cross-format-join')).toEqual(['k8s/app.yaml:12', 'terraform/main.tf:3']);
    expect(f!.evidence.find((e) => e.location.file === 'k8s/app.yaml')!.detail).toContain('RDS DB instance orders-db (tf:aws_db_instance.main)');
  });

  it('a rediss:// URL to the ElastiCache primary endpoint becomes a flow to the replication group', () => {
    const f = flow('api', 'orders-cache');
    expect(f).toMatchObject({ protocol: 'nosql-access-protocol-encrypted', port: 6379, encrypted: true, confidence: 'configured' });
    expect(at(f!.evidence, 'cross-format-join')).toEqual(['k8s/app.yaml:12', 'terraform/main.tf:12']);
    expect(component('orders-cache')!.attributes.dnsNames).toEqual(['master.orders-cache.x1y2z3.euw1.cache.amazonaws.com']);
  });

  it('the external entities for the joined hosts are gone; a real third party stays external', () => {
    expect(graph.components.filter((c) => c.type === 'external-entity').map((c) => c.id)).toEqual(['api-payments-example-com', 'internet']);
    expect(flow('api', 'api-payments-example-com')).toBeDefined();
  });

  it('the caller processes the data the cloud datastore holds', () => {
    const d = graph.dataAssets.find((x) => x.id === 'orders-cache-data')!;
    expect(d.processedBy).toEqual(['api']);
  });
});

describe('cross-format join: objects Terraform and External Secrets create', () => {
  it('kubernetes_config_map carrying aws_db_instance.main.address: the CronJob reading it calls the database', () => {
    const f = flow('reporting', 'orders-db')!;
    expect(f).toMatchObject({ protocol: 'sql-access-protocol', port: 5432, confidence: 'configured' });
    expect(at(f.evidence, 'k8s-config-reference')).toEqual(['k8s/consumers.yaml:18']);
    expect(at(f.evidence, 'tf-k8s-config-value')).toEqual(['terraform/k8s.tf:9']);
    expect(at(f.evidence, 'cross-format-join')).toEqual(['k8s/consumers.yaml:18', 'terraform/k8s.tf:3']);
  });

  it('kubernetes_secret with a DB URL: the workload reading the key calls the database, port from the URL', () => {
    const f = flow('worker', 'orders-db')!;
    expect(f).toMatchObject({ port: 5432, confidence: 'configured' });
    expect(at(f.evidence, 'tf-k8s-config-value')).toEqual(['terraform/k8s.tf:20']);
    expect(f.evidence.find((e) => e.kind === 'tf-k8s-config-value')!.detail).toBe('kubernetes_secret.worker data.DATABASE_URL = aws_db_instance.main.address');
  });

  it('ExternalSecret copying the Secrets Manager secret whose value references the database', () => {
    const f = flow('billing', 'orders-db')!;
    expect(f.confidence).toBe('configured');
    expect(at(f.evidence, 'k8s-external-secret')).toEqual(['k8s/consumers.yaml:57']);
    expect(at(f.evidence, 'cloud-secret-value')).toEqual(['terraform/secrets.tf:8']);
    expect(at(f.evidence, 'cross-format-join')).toEqual(['k8s/consumers.yaml:57', 'terraform/secrets.tf:2']);
  });

  it('helm_release passing the OpenSearch endpoint: the workloads of the release call the domain', () => {
    const f = flow('indexer', 'catalog')!;
    expect(f).toMatchObject({ protocol: 'https', port: 443, confidence: 'configured' });
    expect(at(f.evidence, 'tf-helm-value')).toEqual(['terraform/k8s.tf:30']);
    expect(at(f.evidence, 'cross-format-join')).toEqual(['k8s/consumers.yaml:83', 'terraform/k8s.tf:24']);
  });

  it('the database data is processed by every consumer', () => {
    expect(graph.dataAssets.find((x) => x.id === 'orders-db-data')!.processedBy).toEqual(['api', 'billing', 'reporting', 'worker']);
  });

  it('the joined objects are folded, not unmapped', () => {
    expect(graph.coverage.unmapped).toEqual([]);
    expect(graph.coverage.folded).toMatchObject({ ExternalSecret: 1, TargetGroupBinding: 1, helm_release: 1, kubernetes_config_map: 1, kubernetes_secret: 1 });
    expect(graph.coverage.unresolved).toEqual([]);
  });
});

describe('cross-format join: load balancers', () => {
  it('the Terraform NLB named by the Service annotation and bound by TargetGroupBinding reaches the storefront pods', () => {
    const f = flow('storefront-nlb', 'storefront')!;
    expect(f).toMatchObject({ port: 8080, confidence: 'declared' });
    expect(at(f.evidence, 'cross-format-join')).toEqual(['k8s/storefront.yaml:31', 'k8s/storefront.yaml:49', 'terraform/lb.tf:2', 'terraform/lb.tf:8']);
    expect(component('storefront-nlb')!.attributes.kubernetesServices).toEqual(['orders/storefront']);
    expect(component('storefront')!.attributes.cloudLoadBalancer).toEqual(['storefront-nlb']);
    expect(flow('internet', 'storefront-nlb')).toBeDefined();
  });
});

describe('cross-format join: one app in compose (dev) and Kubernetes (prod)', () => {
  it('keeps both sides’ sources and records the exposure conflict instead of silently OR-ing it', () => {
    const api = component('api')!;
    expect(api.sources.map((s) => `${s.address} ${s.location.file}:${s.location.line}`)).toEqual(['compose:compose/api compose/docker-compose.yml:4', 'k8s:orders/Deployment/api k8s/app.yaml:17']);
    expect(api.attributes.formats).toEqual(['compose', 'k8s']);
    expect(api.attributes.internetByFormat).toEqual(['compose']);
    expect(api.attributes.exposureConflict).toBe('compose: internet-facing (compose/docker-compose.yml:7); k8s: not exposed');
    expect(at(api.evidence, 'cross-format-join')).toEqual(['compose/docker-compose.yml:4', 'k8s/app.yaml:17']);
    expect(api.attributes.imageByFormat).toBeUndefined();
  });
});

describe('cross-format join: invariants', () => {
  it('every component, flow and data asset carries evidence with a file:line', () => {
    for (const c of graph.components.filter((x) => x.id !== 'internet')) expect(c.evidence.length, c.id).toBeGreaterThan(0);
    for (const f of graph.flows) {
      expect(f.evidence.length, f.id).toBeGreaterThan(0);
      for (const e of f.evidence) expect(e.location.line, `${f.id} ${e.kind}`).toBeGreaterThan(0);
    }
  });

  it('no secret value reaches the graph', () => {
    expect(JSON.stringify(graph)).not.toContain('literal-pw-7f3a');
  });

  it('is deterministic', async () => {
    const again = (await scanDir('cross-format')).graph;
    expect(JSON.stringify(again)).toBe(JSON.stringify(graph));
  });
});
