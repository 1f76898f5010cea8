/**
 * IaC rules without the parsed resources (as `drift` runs them: model + graph only) still report,
 * with coarser locations; and their cost grows linearly with the graph (4× components ≈ 4× time,
 * bounded generously for a loaded CI machine).
 */
import { describe, expect, it } from 'vitest';
import { analyzeModel } from '../../src/analyze/engine.js';
import { analyzeScan } from '../../src/analyze/scan.js';
import type { ArchitectureGraph, Component, Flow } from '../../src/graph/types.js';
import { modelFromGraph } from '../../src/model/from-graph.js';
import { iacRules } from '../../rules/iac/index.js';
import { scanDir } from '../helpers/scan.js';

describe('graph only', () => {
  it('docker.sock and plain-text secrets are found from graph attributes alone', async () => {
    const scan = await scanDir('iac-rules/suppression/compose');
    const model = modelFromGraph(scan.graph, { title: 't' }).model;
    const { risks } = analyzeModel(model, { rules: iacRules, graph: scan.graph });
    expect(risks.map((r) => r.syntheticId)).toEqual(expect.arrayContaining(['docker-socket-mounted@proxy', 'container-runs-as-root@worker']));
    for (const r of risks) expect(r.evidence?.length).toBeGreaterThan(0);
  });
});

function syntheticGraph(n: number): ArchitectureGraph {
  const loc = (i: number) => ({ file: `svc-${i}.yaml`, line: 1 });
  const components: Component[] = [{ id: 'internet', title: 'Internet', type: 'external-entity', technology: 'client-system', machine: 'virtual', internet: true, encryption: 'none', sources: [], attributes: {}, evidence: [] }];
  const flows: Flow[] = [];
  for (let i = 0; i < n; i++) {
    const id = `svc-${String(i).padStart(6, '0')}`;
    components.push({
      id, title: id, type: i % 5 === 0 ? 'datastore' : 'process', technology: i % 5 === 0 ? 'database' : 'web-service-rest', machine: 'container', internet: i % 3 === 0, encryption: 'none',
      sources: [{ address: `compose:p/${id}`, location: loc(i) }],
      attributes: { privileged: i % 7 === 0, imageUnpinned: i % 2 === 0, dockerSocket: i % 11 === 0, runAsRoot: i % 4 === 0, automountServiceAccountToken: true, namespace: 'ns', serviceAccount: 'default' },
      evidence: [{ kind: 'x', detail: id, location: loc(i) }],
    });
    if (i % 3 === 0) flows.push({ id: `internet>${id}`, source: 'internet', target: id, protocol: 'http', port: i % 2 ? 80 : 22, authentication: 'none', encrypted: false, confidence: 'declared', evidence: [{ kind: 'p', detail: `port ${i % 2 ? 80 : 22}`, location: loc(i) }] });
    if (i > 0) flows.push({ id: `svc-${String(i - 1).padStart(6, '0')}>${id}`, source: `svc-${String(i - 1).padStart(6, '0')}`, target: id, protocol: 'https', port: 443, authentication: 'token', encrypted: true, confidence: 'configured', evidence: [{ kind: 'e', detail: 'env', location: loc(i) }] });
  }
  return {
    components, flows,
    boundaries: [{ id: 'ns', title: 'ns', type: 'network-policy-namespace-isolation', members: components.slice(1).map((c) => c.id), attributes: { defaultDeny: false }, evidence: [{ kind: 'k8s-namespace', detail: 'ns', location: loc(0) }] }],
    dataAssets: [],
    coverage: { mapped: {}, folded: {}, unmapped: [], unresolved: [], files: { scanned: 0, byAdapter: {}, unclaimed: [], ignored: 0 } },
    diagnostics: [],
  };
}

describe('scaling', () => {
  it('4× the components costs about 4× the time, not 16×', () => {
    const time = (n: number) => {
      const graph = syntheticGraph(n);
      const t = performance.now();
      const a = analyzeScan({ graph, resources: [], rules: iacRules });
      expect(a.risks.length).toBeGreaterThan(n / 2);
      return performance.now() - t;
    };
    time(500); // warm-up
    const small = Math.min(time(1000), time(1000));
    const large = Math.min(time(4000), time(4000));
    expect(large / small).toBeLessThan(9);
  });
});
