/**
 * The HTML report of a real system (Online Boutique, GoogleCloudPlatform/microservices-demo
 * kubernetes-manifests from ../shared/corpus) in headless Chromium: the diagram draws a node for
 * every component (the SOURCE.txt lists 12 workloads, frontend internet-facing through its
 * LoadBalancer), the severity filter and component selection work, no console errors, no network.
 * Skipped when the corpus is absent; browser availability as in test/e2e/browser.test.ts.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeScan, evaluateGate } from '../../src/analyze/scan.js';
import { scanGraph } from '../../src/pipeline.js';
import { renderScanHtml } from '../../src/report/html/inputs.js';
import { rules } from '../../rules/index.js';
import { browserSkipReason, exerciseReport } from '../e2e/browser-harness.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus');
const BOUTIQUE = join(CORPUS, 'iac/GoogleCloudPlatform__microservices-demo');
const present = existsSync(join(BOUTIQUE, 'kubernetes-manifests'));
const skip = present ? browserSkipReason() : 'corpus absent';
const dir = mkdtempSync(join(tmpdir(), 'infragile-html-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const WORKLOADS = ['adservice', 'cartservice', 'checkoutservice', 'currencyservice', 'emailservice', 'frontend', 'loadgenerator', 'paymentservice', 'productcatalogservice', 'recommendationservice', 'redis-cart', 'shippingservice'];

describe.skipIf(!!skip)('Online Boutique HTML report in headless Chromium', () => {
  it('renders every component, filters by severity, selects by component, with a clean console', { timeout: 180_000 }, async () => {
    const scan = await scanGraph({ rootDir: BOUTIQUE, paths: ['kubernetes-manifests'] });
    const analysis = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, today: '2026-01-01' });
    const html = await renderScanHtml({ analysis, graph: scan.graph, gate: evaluateGate(analysis.risks, 'high', true) }, 'microservices-demo/kubernetes-manifests');
    const file = join(dir, 'boutique.html');
    writeFileSync(file, html);
    const found = await exerciseReport(file, process.env.UPDATE_SCREENSHOTS === '1' ? join(PROJECT_ROOT, 'docs/img/html-report-boutique.png') : undefined);

    expect(found.errors).toEqual([]);
    expect(found.foreignRequests).toEqual([]);
    for (const w of WORKLOADS) expect(found.drawnComponents, w).toContain(w);
    expect(found.drawnComponents).toEqual(scan.graph.components.map((c) => c.id).sort());
    expect(scan.graph.components.find((c) => c.id === 'frontend')?.internet).toBe(true);
    expect(html).toMatch(/class="node comp type-process exposed[^"]*" data-component="frontend"/);
    expect(html).toMatch(/class="node comp type-datastore[^"]*" data-component="redis-cart"/);
    const f = found.filter!;
    expect(f.before).toBeGreaterThan(0);
    expect(f.after).toBe(0);
    expect(f.othersAfter).toBe(f.othersBefore);
    const s = found.selection!;
    expect(s.visible).toBeGreaterThan(0);
    expect(s.foreign).toBe(0);
  });
});
