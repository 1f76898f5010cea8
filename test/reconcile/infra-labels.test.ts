/**
 * Infra labels: the attribute the semantics surfaced wins (with the resource's line when the resource
 * shows the same value); resources are read for what semantics do not surface.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Resource } from '../../src/graph/resource.js';
import type { Component } from '../../src/graph/types.js';
import { infraLabels } from '../../src/reconcile/infra-labels.js';
import { driftOf } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'infragile-labels-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const component = (attributes: Component['attributes'], address = 'tf:aws_instance.box'): Component =>
  ({ id: 'box', title: 'box', type: 'process', technology: 'web-server', machine: 'virtual', internet: false, encryption: 'none', sources: [{ address, location: { file: 'main.tf', line: 4 } }], attributes, evidence: [] }) as unknown as Component;

describe('infraLabels', () => {
  it('takes the attribute when no resource shows it, and the resource tag as a fallback', () => {
    expect(infraLabels(component({ 'threagile.io/asset': 'billing' }), new Map())).toEqual([{ asset: 'billing', how: 'attribute threagile.io/asset', location: { file: 'main.tf', line: 4 } }]);
    const r = { address: 'tf:aws_instance.box', format: 'terraform', type: 'aws_instance', name: 'box', attributes: { tags: { 'threagile-asset': 'billing' } }, location: { file: 'main.tf', line: 4 } } as unknown as Resource;
    expect(infraLabels(component({}), new Map([[r.address, r]])).map((l) => `${l.asset} ${l.how}`)).toEqual(['billing tag threagile-asset']);
    // Both say the same: one entry, worded as the resource writes it.
    expect(infraLabels(component({ 'threagile-asset': 'billing' }), new Map([[r.address, r]])).map((l) => `${l.asset} ${l.how}`)).toEqual(['billing tag threagile-asset']);
  });

  it('binds a CronJob through the label on its job template (surfaced by the Kubernetes semantics)', async () => {
    const dir = join(tmp, 'cron');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'audit.yaml'),
      `apiVersion: batch/v1
kind: CronJob
metadata: {name: log-shipper, namespace: data}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {threagile.io/asset: audit-log-store}
        spec:
          containers: [{name: ship, image: example/log-shipper:1.2}]
`,
    );
    const r = await driftOf(dir);
    expect(r.binding.bindings.find((b) => b.component === 'log-shipper')).toMatchObject({ asset: 'audit-log-store', method: 'infra-label', matched: 'attribute threagile.io/asset=audit-log-store' });
  });
});
