/** The engine stays near-linear: no rule compares every asset with every other asset. */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/analyze/engine.js';
import { threagileRules } from '../../rules/index.js';
import { asset, boundary, data, link, model } from '../rules/build.js';

function generated(n: number) {
  const assets = [];
  for (let i = 0; i < n; i++) {
    const id = `svc-${String(i).padStart(5, '0')}`;
    const next = `svc-${String((i + 1) % n).padStart(5, '0')}`;
    const db = i % 10 === 0;
    assets.push(
      asset(id, {
        type: db ? 'datastore' : 'process',
        technology: db ? 'database' : i % 3 === 0 ? 'web-server' : 'web-service-rest',
        confidentiality: i % 7 === 0 ? 'strictly-confidential' : 'confidential',
        dataAssetsProcessed: ['pii'],
        communicationLinks: [link(id, next, 'Call', { protocol: i % 2 ? 'http' : 'jdbc', dataAssetsSent: ['pii'] })],
      }),
    );
  }
  const segments = Array.from({ length: 10 }, (_, s) => boundary(`seg-${s}`, assets.filter((_, i) => i % 10 === s).map((a) => a.id)));
  return model({ data: [data('pii', { confidentiality: 'confidential' })], assets, boundaries: segments });
}

function time(n: number): number {
  const m = generated(n);
  const t0 = performance.now();
  analyzeModel(m, { rules: threagileRules });
  return performance.now() - t0;
}

describe('scaling', () => {
  it('a 4× larger model costs far less than 16× the time', () => {
    time(500); // warm-up
    const small = Math.max(time(1000), 1);
    const large = time(4000);
    console.log(`analyze: 1000 assets ${small.toFixed(0)} ms, 4000 assets ${large.toFixed(0)} ms`);
    expect(large / small).toBeLessThan(10);
  });
});
