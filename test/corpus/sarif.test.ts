/**
 * SARIF and OTM on real third-party infrastructure: terragoat (Terraform, AWS/GCP/Azure), Online
 * Boutique's Kubernetes manifests and an awesome-compose stack. Each SARIF log validates with
 * Microsoft's sarif-multitool, and every location (primary and related) is a real line of a real file
 * of the corpus. Skipped when ../shared/corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Sarif from 'sarif';
import { analyzeScan } from '../../src/analyze/scan.js';
import { scanGraph } from '../../src/pipeline.js';
import { buildOtm } from '../../src/report/otm.js';
import { FINGERPRINT_KEY } from '../../src/report/sarif.js';
import { renderScanSarif } from '../../src/report/sarif.js';
import { rules } from '../../rules/index.js';
import { PROJECT_ROOT } from '../helpers/scan.js';
import { validateSarif } from '../report/sarif-helpers.js';

const CORPUS = resolve(PROJECT_ROOT, '../shared/corpus');

const SYSTEMS: Array<{ name: string; root: string; paths: string[]; minResults: number }> = [
  { name: 'terragoat', root: resolve(CORPUS, 'iac/bridgecrewio__terragoat/terraform'), paths: [''], minResults: 20 },
  { name: 'online boutique', root: resolve(CORPUS, 'iac/GoogleCloudPlatform__microservices-demo'), paths: ['kubernetes-manifests'], minResults: 10 },
  { name: 'awesome-compose nginx-flask-mysql', root: resolve(CORPUS, 'iac/docker__awesome-compose'), paths: ['nginx-flask-mysql'], minResults: 3 },
];

function lineCount(file: string): number {
  const text = readFileSync(file, 'utf8');
  return text.endsWith('\n') ? text.split('\n').length - 1 : text.split('\n').length;
}

describe.skipIf(!existsSync(CORPUS))('SARIF on the corpus', () => {
  for (const s of SYSTEMS) {
    it(`${s.name}: validates, every location on a real line`, async () => {
      const scan = await scanGraph({ rootDir: s.root, paths: s.paths });
      const analysis = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, today: '2026-11-22' });
      const text = renderScanSarif({ rules, risks: analysis.risks, categories: analysis.categories, graph: scan.graph, rootDir: s.root, toolVersion: '0.1.0' });
      const log = JSON.parse(text) as Sarif.Log;
      expect(validateSarif(log).runs[0]!.results ?? []).toEqual([]);
      const results = log.runs[0]!.results!;
      expect(results.length).toBeGreaterThanOrEqual(s.minResults);
      // Every risk is placed (none dropped for want of a location).
      expect(results.length).toBe(analysis.risks.length);
      expect(new Set(results.map((r) => r.partialFingerprints![FINGERPRINT_KEY])).size).toBe(results.length);
      for (const r of results)
        for (const l of [...r.locations!, ...(r.relatedLocations ?? [])]) {
          const file = resolve(s.root, decodeURIComponent(l.physicalLocation!.artifactLocation!.uri!));
          expect(existsSync(file), file).toBe(true);
          const line = l.physicalLocation!.region!.startLine!;
          expect(line).toBeGreaterThanOrEqual(1);
          expect(line, `${file}:${line}`).toBeLessThanOrEqual(lineCount(file));
        }
      const otm = buildOtm({ graph: scan.graph, projectName: s.name, risks: analysis.risks, categories: analysis.categories, model: analysis.model, assetComponents: analysis.assetComponents });
      const zones = new Set(otm.trustZones.map((z) => z.id));
      for (const c of otm.components) expect(zones.has(c.parent.trustZone!), c.id).toBe(true);
      expect(otm.threats.length).toBe(analysis.risks.length);
    });
  }
});
