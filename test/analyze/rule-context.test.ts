/**
 * RuleContext.assetOf: rules see reconcile's component → asset binding however they are run (the
 * `scan --model` wrapper used to be the only way in), so `drift` risk deltas name the same assets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { analyzeModel } from '../../src/analyze/engine.js';
import { analyzeScan } from '../../src/analyze/scan.js';
import { reconcile } from '../../src/reconcile/reconcile.js';
import { loadModel } from '../../src/reconcile/run.js';
import { FIXTURES, scanDir } from '../helpers/scan.js';

const DRIFT = join(FIXTURES, 'drift/api-platform');

describe('RuleContext.assetOf', () => {
  it('IaC risks on a component bound to a differently named asset name that asset, as in scan --model', async () => {
    const scan = await scanDir(join(DRIFT, 'k8s-drifted'));
    const { model } = loadModel('threagile.yaml', readFileSync(join(DRIFT, 'threagile.yaml'), 'utf8'));
    const r = reconcile({ graph: scan.graph, model, resources: scan.resources });
    expect(r.binding.assetOf.get('edge-proxy')).toBe('api-gateway');

    const iac = (risks: { category: string; syntheticId: string; mostRelevantTechnicalAsset: string }[]) =>
      risks.filter((x) => rules.some((rule) => rule.family === 'iac' && rule.category.id === x.category)).map((x) => `${x.syntheticId} → ${x.mostRelevantTechnicalAsset}`).sort();
    const direct = analyzeModel(r.effective.model, { rules, graph: scan.graph, resources: scan.resources, assetOf: r.binding.assetOf, today: '2026-01-01' });
    const viaScan = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, model, today: '2026-01-01' });
    const onGateway = iac(direct.risks).filter((x) => x.endsWith('→ api-gateway'));
    expect(onGateway.length).toBeGreaterThan(0);
    expect(iac(direct.risks).some((x) => x.endsWith('→ edge-proxy'))).toBe(false);
    expect(iac(direct.risks)).toEqual(iac(viaScan.analysis.risks));
  });
});
