import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findOnPath } from '../../adapters/kubernetes/render.js';
import { scanGraph } from '../../src/pipeline.js';
import { FIXTURES } from '../helpers/scan.js';

/** An overlay on a base made of the queue-workers manifests: namespace and name prefix change the graph. */
function makeKustomization(): string {
  const root = mkdtempSync(join(tmpdir(), 'infragile-kustomize-'));
  mkdirSync(join(root, 'base'));
  cpSync(join(FIXTURES, 'queue-workers/k8s/broker.yaml'), join(root, 'base/broker.yaml'));
  cpSync(join(FIXTURES, 'queue-workers/k8s/apps.yaml'), join(root, 'base/apps.yaml'));
  writeFileSync(join(root, 'base/kustomization.yaml'), 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [broker.yaml, apps.yaml]\n');
  mkdirSync(join(root, 'prod'));
  writeFileSync(
    join(root, 'prod/kustomization.yaml'),
    'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../base]\npatches:\n  - path: replicas.yaml\n',
  );
  writeFileSync(join(root, 'prod/replicas.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: invoice-worker, namespace: jobs}\nspec: {replicas: 12}\n');
  return root;
}

describe('kustomization directories', () => {
  const root = makeKustomization();
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('without rendering: one warning per root kustomization with the command, manifests read as written, patches skipped', async () => {
    const { graph } = await scanGraph({ rootDir: root, paths: [''] });
    expect(graph.diagnostics.map((d) => [d.location.file, d.severity, d.code])).toEqual([['prod/kustomization.yaml', 'warning', 'kustomization-not-rendered']]);
    expect(graph.diagnostics[0]!.message).toContain('`kubectl kustomize prod`');
    const worker = graph.components.find((c) => c.id === 'invoice-worker')!;
    expect(worker.multiplicity).toBe(4); // the patch is not applied, and not mistaken for a second Deployment
    expect(worker.sources.map((s) => s.location.file)).toEqual(['base/apps.yaml']);
  });

  it.skipIf(!findOnPath('kubectl') && !findOnPath('kustomize'))('with --render-kustomize: the built output, patches applied, once', async () => {
    const { graph } = await scanGraph({ rootDir: root, paths: [''], options: { renderKustomize: true } });
    expect(graph.diagnostics).toEqual([]);
    const worker = graph.components.find((c) => c.id === 'invoice-worker')!;
    expect(worker.multiplicity).toBe(12);
    expect(worker.sources).toEqual([{ address: 'k8s:jobs/Deployment/invoice-worker', location: { file: 'base/apps.yaml', line: 26 } }]);
    expect(graph.flows.map((f) => f.id)).toContain('invoice-worker>rabbitmq');
  });
});
