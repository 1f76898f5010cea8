/**
 * The HTML report in a real browser (headless Debian Chromium through playwright-core): the diagram
 * is laid out with a node for every component, the severity filter hides rows, a click on a
 * component shows only its risks, nothing is fetched from the network and the console stays clean.
 * Fails in CI when /usr/bin/chromium is missing (.ci/run installs it); skips locally with a note.
 *
 * UPDATE_SCREENSHOTS=1 also refreshes docs/img/html-report.png.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeScan, evaluateGate } from '../../src/analyze/scan.js';
import { renderScanHtml } from '../../src/report/html/inputs.js';
import { rules } from '../../rules/index.js';
import { PROJECT_ROOT, scanDir } from '../helpers/scan.js';
import { browserSkipReason, exerciseReport } from './browser-harness.js';

const skip = browserSkipReason();
const dir = mkdtempSync(join(tmpdir(), 'infragile-html-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!!skip)('HTML report in headless Chromium', () => {
  for (const variant of ['k8s', 'compose'] as const) {
    it(`renders and filters the API platform (${variant}) report`, { timeout: 120_000 }, async () => {
      const scan = await scanDir(`api-platform/${variant}`);
      const analysis = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, today: '2026-01-01' });
      const html = await renderScanHtml({ analysis, graph: scan.graph, gate: evaluateGate(analysis.risks, 'high', true) }, `fixtures/api-platform/${variant}`);
      const file = join(dir, `api-platform-${variant}.html`);
      writeFileSync(file, html);
      const shot = variant === 'k8s' ? (process.env.UPDATE_SCREENSHOTS === '1' ? join(PROJECT_ROOT, 'docs/img/html-report.png') : join(dir, 'shot.png')) : undefined;
      const found = await exerciseReport(file, shot);

      expect(found.errors).toEqual([]);
      expect(found.foreignRequests).toEqual([]);
      expect(found.drawnComponents).toEqual(scan.graph.components.map((c) => c.id).sort());
      expect(found.riskRows).toBe(analysis.risks.length);
      const f = found.filter!;
      expect(f.before).toBeGreaterThan(0);
      expect(f.after).toBe(0);
      expect(f.othersAfter).toBe(f.othersBefore);
      expect(f.countText).toBe(`${f.othersBefore} of ${found.riskRows} risks shown`);
      const s = found.selection!;
      expect(s.visible).toBeGreaterThan(0);
      expect(s.foreign).toBe(0);
      expect(s.banner).toBe(true);
    });
  }
});
