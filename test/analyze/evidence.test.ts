/** Model-level risks carry the IaC file:line of the elements behind them when a graph is given. */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/analyze/engine.js';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { modelFromGraph } from '../../src/model/from-graph.js';
import { threagileRules } from '../../rules/index.js';
import { scanDir } from '../helpers/scan.js';
import { asset, data, link, model } from '../rules/build.js';

function graph(): ArchitectureGraph {
  const loc = (line: number) => ({ file: 'k8s/app.yaml', line });
  return {
    components: [
      { id: 'web', title: 'web', type: 'process', technology: 'web-server', machine: 'container', internet: true, encryption: 'none', sources: [{ address: 'k8s:shop/Deployment/web', location: loc(1) }], attributes: {}, evidence: [] },
      { id: 'db', title: 'db', type: 'datastore', technology: 'database', machine: 'container', internet: false, encryption: 'none', sources: [{ address: 'k8s:shop/StatefulSet/db', location: loc(40) }], attributes: {}, evidence: [] },
    ],
    flows: [
      { id: 'web>db', source: 'web', target: 'db', protocol: 'jdbc', port: 5432, authentication: 'credentials', encrypted: false, confidence: 'configured', evidence: [{ kind: 'env-url', detail: 'DB_URL names db:5432', location: loc(22) }] },
    ],
    boundaries: [],
    dataAssets: [],
    coverage: { mapped: {}, folded: {}, unmapped: [], unresolved: [], files: { scanned: 1, byAdapter: {}, unclaimed: [], ignored: 0 } },
    diagnostics: [],
  };
}

const m = () =>
  model({
    data: [data('orders', { confidentiality: 'confidential' })],
    assets: [
      asset('store', { type: 'datastore', technology: 'database', confidentiality: 'confidential', dataAssetsStored: ['orders'] }),
      asset('frontend', { technology: 'web-server', machine: 'container', communicationLinks: [link('frontend', 'store', 'SQL', { protocol: 'jdbc', authentication: 'credentials', dataAssetsSent: ['orders'] })] }),
    ],
  });

describe('IaC evidence on Threagile risks', () => {
  it('follows the asset → component binding to sources and flow evidence', () => {
    const bindings = new Map([['store', ['db']], ['frontend', ['web']]]);
    const { risks } = analyzeModel(m(), { rules: threagileRules, graph: graph(), assetComponents: bindings });
    const sql = risks.find((r) => r.category === 'sql-nosql-injection')!;
    expect(sql.evidence?.map((e) => `${e.location.file}:${e.location.line} ${e.kind}`)).toEqual(['k8s/app.yaml:1 iac-source', 'k8s/app.yaml:22 env-url']);
    const unencrypted = risks.find((r) => r.syntheticId === 'unencrypted-asset@store')!;
    expect(unencrypted.evidence?.[0]).toMatchObject({ detail: 'k8s:shop/StatefulSet/db (technical asset store)', location: { file: 'k8s/app.yaml', line: 40 } });
  });

  it('without a binding, matches components by id; without a graph, adds nothing', () => {
    const withoutBinding = analyzeModel(m(), { rules: threagileRules, graph: graph() });
    expect(withoutBinding.risks.every((r) => !r.evidence)).toBe(true); // ids differ: no guessing
    expect(analyzeModel(m(), { rules: threagileRules }).risks.every((r) => !r.evidence)).toBe(true);
  });

  it('a starter model generated from a scanned fixture gets file:line evidence on its risks', async () => {
    const { graph: g } = await scanDir('api-platform/compose');
    const { model: starter } = modelFromGraph(g, { title: 'API platform' });
    const { risks } = analyzeModel(starter, { rules: threagileRules, graph: g });
    const withAsset = risks.filter((r) => r.mostRelevantTechnicalAsset && g.components.some((c) => c.id === r.mostRelevantTechnicalAsset));
    expect(withAsset.length).toBeGreaterThan(0);
    for (const r of withAsset) {
      expect(r.evidence?.length ?? 0, r.syntheticId).toBeGreaterThan(0);
      for (const e of r.evidence!) expect(e.location.file).toMatch(/(^|\/)compose\.yaml$/);
    }
  });
});
