/**
 * The join's cost grows linearly: N workloads naming N RDS endpoints (literally and through
 * Terraform ConfigMaps) join in time proportional to N. A generous bound: this guards against a
 * pairwise loop (N² host × resource matching), not CI speed.
 */
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { scanGraph } from '../../src/pipeline.js';

function input(n: number): Record<string, string> {
  const k8s: string[] = [];
  const cfn: Record<string, unknown> = {};
  for (let i = 0; i < n; i++) {
    k8s.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: shop}
spec:
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - name: app
          image: ghcr.io/acme/app:1.0.0
          env:
            - {name: DB_HOST, value: db-${i}.c9akciq32rzx.eu-west-1.rds.amazonaws.com}
            - {name: CACHE_URL, value: "redis://master.cache-${i}.x1y2z3.euw1.cache.amazonaws.com:6379"}`);
    cfn[`Db${i}`] = { Type: 'AWS::RDS::DBInstance', Properties: { DBInstanceIdentifier: `db-${i}`, Engine: 'postgres' } };
    cfn[`Cache${i}`] = { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { ReplicationGroupId: `cache-${i}`, ReplicationGroupDescription: 'c', Engine: 'redis' } };
  }
  return { 'k8s.yaml': k8s.join('\n---\n') + '\n', 'stack.json': JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: cfn }) };
}

async function timedScan(n: number): Promise<{ ms: number; joined: number }> {
  const fs = new MemoryFileSystem(input(n));
  const t = performance.now();
  const { graph } = await scanGraph({ rootDir: '/virtual', paths: [''], fs });
  const ms = performance.now() - t;
  return { ms, joined: graph.flows.filter((f) => f.evidence.some((e) => e.kind === 'cross-format-join')).length };
}

describe('join scale', () => {
  it('joins every workload to its database and cache, in time linear in the input', async () => {
    await timedScan(50); // warm-up (module loading)
    const small = await timedScan(400);
    const large = await timedScan(1600);
    expect(small.joined).toBe(800);
    expect(large.joined).toBe(3200);
    // 4× the input: linear ≈ 4× the time; quadratic would be ≈ 16×.
    expect(large.ms / small.ms).toBeLessThan(10);
  }, 120_000);
});
