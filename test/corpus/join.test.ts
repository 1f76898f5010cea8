/**
 * The cross-format join on real repositories that hold several formats at once. Online Boutique
 * (GoogleCloudPlatform/microservices-demo) has Kubernetes manifests, Kustomize components and GCP
 * Terraform (GKE + an optional Memorystore, `count = 0` by default) for the same system; SOURCE.txt
 * calls it "good for cross-format consistency". The join must not invent anything there: the
 * Memorystore is off and the memorystore component's REDIS_ADDR is a placeholder patched by sed.
 * Skipped when the corpus is absent.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { scanGraph } from '../../src/pipeline.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus/iac');
const BOUTIQUE = join(CORPUS, 'GoogleCloudPlatform__microservices-demo');

describe.skipIf(!existsSync(BOUTIQUE))('Online Boutique: k8s + Kustomize + Terraform in one scan', () => {
  let g: ArchitectureGraph;
  beforeAll(async () => {
    g = (await scanGraph({ rootDir: BOUTIQUE, paths: ['release', 'terraform'] })).graph;
  }, 120_000);

  it('runs every join rule without a failure', () => {
    expect(g.diagnostics.filter((d) => d.code === 'join-failure')).toEqual([]);
  });

  it('keeps the in-cluster edges of SOURCE.txt: cartservice -> redis-cart:6379, frontend internet-facing', () => {
    expect(g.flows.find((f) => f.source === 'cartservice' && f.target === 'redis-cart')).toMatchObject({ port: 6379 });
    expect(g.components.find((c) => c.id === 'frontend')!.internet).toBe(true);
  });

  it('joins nothing that is not there (Memorystore is count = 0; no host names a cloud resource)', () => {
    const joins = g.flows.flatMap((f) => f.evidence).filter((e) => e.kind === 'cross-format-join');
    expect(joins).toEqual([]);
  });

  it('every join evidence (if any) pairs two different files', () => {
    for (const c of g.components) {
      const joins = c.evidence.filter((e) => e.kind === 'cross-format-join');
      for (const e of joins) expect(e.detail).toMatch(/other side: [^ ]+:\d+\)$/);
    }
  });
});

describe.skipIf(!existsSync(BOUTIQUE))('Online Boutique: whole repository (manifests, release, kustomize, helm chart, terraform)', () => {
  it('scans without a join failure and deterministically', async () => {
    const a = (await scanGraph({ rootDir: BOUTIQUE, paths: [''] })).graph;
    const b = (await scanGraph({ rootDir: BOUTIQUE, paths: [''] })).graph;
    expect(a.diagnostics.filter((d) => d.code === 'join-failure')).toEqual([]);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  }, 240_000);
});
