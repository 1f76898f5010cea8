import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/diagnostics.js';
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Resource } from '../../src/graph/resource.js';

const loc = (file: string, line: number) => ({ file, line });
const res = (address: string, type = 'Deployment'): Resource => ({
  format: 'k8s',
  type,
  address,
  name: address,
  attributes: {},
  location: loc('a.yaml', 1),
});

function sample(order: 'forward' | 'reverse') {
  const resources = [res('k8s:a/Deployment/web'), res('k8s:a/Deployment/db'), res('k8s:a/Widget/x', 'Widget'), res('k8s:a/ConfigMap/c', 'ConfigMap')];
  const g = new GraphBuilder(resources, new Diagnostics());
  const steps = [
    () => g.addComponent({ id: 'web', title: 'web', type: 'process', technology: 'web-service-rest', machine: 'container', evidence: [{ kind: 'k8s-workload', detail: 'Deployment web', location: loc('a.yaml', 3) }] }),
    () => g.addComponent({ id: 'db', title: 'db', type: 'datastore', technology: 'database', machine: 'container' }),
  ];
  (order === 'forward' ? steps : [...steps].reverse()).forEach((s) => s());
  g.addFlow({ source: 'web', target: 'db', protocol: 'unknown-protocol', confidence: 'inferred', evidence: [{ kind: 'env', detail: 'DB_HOST=db', location: loc('a.yaml', 9) }] });
  g.addFlow({ source: 'web', target: 'db', protocol: 'sql-access-protocol', port: 5432, confidence: 'declared', evidence: [{ kind: 'netpol', detail: 'allow', location: loc('b.yaml', 2) }] });
  g.exposeToInternet('web', { evidence: [{ kind: 'lb', detail: 'LoadBalancer', location: loc('a.yaml', 20) }], port: 443, protocol: 'https' });
  g.addBoundary({ id: 'vpc', title: 'VPC', type: 'network-cloud-provider' });
  g.addBoundary({ id: 'subnet', title: 'Subnet', type: 'network-cloud-security-group', parent: 'vpc' });
  g.addBoundary({ id: 'empty', title: 'Empty', type: 'network-virtual-lan' });
  g.placeIn('vpc', 'web');
  g.placeIn('subnet', 'web');
  g.placeIn('vpc', 'db');
  g.markMapped(resources[0]!);
  g.markMapped(resources[1]!);
  g.markFolded(resources[3]!);
  return g.build({ scanned: 1, byAdapter: { kubernetes: 1 }, unclaimed: [], ignored: 0 });
}

describe('GraphBuilder', () => {
  it('merges signals for one pair into one flow, strongest confidence wins', () => {
    const g = sample('forward');
    const f = g.flows.find((x) => x.id === 'web>db')!;
    expect(f).toMatchObject({ protocol: 'sql-access-protocol', port: 5432, confidence: 'declared' });
    expect(f.evidence.map((e) => e.location.file)).toEqual(['a.yaml', 'b.yaml']);
  });

  it('adds the internet component and an exposure flow', () => {
    const g = sample('forward');
    expect(g.components.find((c) => c.id === 'internet')?.type).toBe('external-entity');
    expect(g.components.find((c) => c.id === 'web')?.internet).toBe(true);
    expect(g.flows.find((f) => f.id === 'internet>web')?.port).toBe(443);
  });

  it('puts a component in its innermost boundary only, and drops empty boundaries', () => {
    const g = sample('forward');
    expect(g.boundaries.map((b) => [b.id, b.members])).toEqual([
      ['subnet', ['web']],
      ['vpc', ['db']],
    ]);
  });

  it('counts unmarked resources as unmapped and the rest by type', () => {
    const g = sample('forward');
    expect(g.coverage.mapped).toEqual({ Deployment: 2 });
    expect(g.coverage.folded).toEqual({ ConfigMap: 1 });
    expect(g.coverage.unmapped.map((u) => u.address)).toEqual(['k8s:a/Widget/x']);
  });

  it('does not depend on the order components were added in', () => {
    expect(JSON.stringify(sample('forward'))).toBe(JSON.stringify(sample('reverse')));
  });
});
