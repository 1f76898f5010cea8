/**
 * The PR comment: verdict first, sticky marker, tables per kind with blob links, a Mermaid block that
 * GitHub can parse (checked structurally here), and the size cap degrading gracefully.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { neighbourhood } from '../../src/reconcile/neighbourhood.js';
import { buildReport } from '../../src/reconcile/report.js';
import type { Drift } from '../../src/reconcile/types.js';
import { renderDriftMarkdown, STICKY_MARKER } from '../../src/report/drift-markdown.js';
import { renderMermaid } from '../../src/report/drift-mermaid.js';
import { renderDriftJson } from '../../src/report/drift-json.js';
import { renderDriftText } from '../../src/report/drift-text.js';
import { DRIFT_FIXTURE, driftOf } from './helpers.js';

/**
 * A structural check of the subset of Mermaid flowchart syntax we emit: a header, node declarations
 * with `[A-Za-z0-9_]` ids and quoted labels, edges between declared nodes with quoted labels,
 * classDef/class lines naming declared nodes, linkStyle indexes within the edge count.
 */
export function checkMermaid(src: string): string[] {
  const problems: string[] = [];
  const lines = src.split('\n');
  if (lines[0] !== 'flowchart LR') problems.push(`header: ${lines[0]}`);
  const nodes = new Set<string>();
  const classes = new Set<string>();
  let edges = 0;
  const label = '"(?:[^"#]|#quot;|#lt;|#gt;|#[0-9]+;)*"';
  const node = new RegExp(`^  ([A-Za-z0-9_]+)(\\[${label}\\]|\\(\\(${label}\\)\\)|\\[\\(${label}\\)\\])$`);
  const edge = new RegExp(`^  ([A-Za-z0-9_]+) (-->|==>|-\\.->)\\|${label}\\| ([A-Za-z0-9_]+)$`);
  for (const [i, l] of lines.slice(1).entries()) {
    let m: RegExpExecArray | null;
    if ((m = node.exec(l))) {
      if (nodes.has(m[1]!)) problems.push(`line ${i + 2}: node ${m[1]} declared twice`);
      nodes.add(m[1]!);
    } else if ((m = edge.exec(l))) {
      for (const id of [m[1]!, m[3]!]) if (!nodes.has(id)) problems.push(`line ${i + 2}: edge to undeclared ${id}`);
      edges++;
    } else if ((m = /^  classDef ([a-z]+) [a-z-]+:[^,]+(,[a-z-]+:[^,]+)*$/.exec(l))) classes.add(m[1]!);
    else if ((m = /^  class ([A-Za-z0-9_,]+) ([a-z]+)$/.exec(l))) {
      for (const id of m[1]!.split(',')) if (!nodes.has(id)) problems.push(`line ${i + 2}: class on undeclared ${id}`);
      if (!classes.has(m[2]!)) problems.push(`line ${i + 2}: undefined class ${m[2]}`);
    } else if ((m = /^  linkStyle ([0-9,]+) stroke:#[0-9a-f]{6},stroke-width:[0-9]+px$/.exec(l))) {
      for (const n of m[1]!.split(',').map(Number)) if (n >= edges) problems.push(`line ${i + 2}: linkStyle ${n} beyond ${edges} edges`);
    } else problems.push(`line ${i + 2}: not understood: ${l}`);
  }
  return problems;
}

function mermaidBlocks(md: string): string[] {
  return [...md.matchAll(/```mermaid\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
}

describe('drift markdown', async () => {
  const r = await driftOf(join(DRIFT_FIXTURE, 'k8s-drifted'));
  const report = buildReport({
    model: 'threagile.yaml',
    modelAssets: r.model.technicalAssets.length,
    graph: r.scan.graph,
    bindings: r.binding.bindings,
    candidates: r.binding.candidates,
    ignored: r.binding.ignored,
    drift: r.drift,
    effectiveChanges: r.effective.changes,
    diagram: neighbourhood(r.scan.graph, undefined, r.drift),
  });

  it('leads with the marker and a verdict, then counts and tables with blob links', () => {
    const md = renderDriftMarkdown(report, { linkBase: 'https://github.com/acme/platform/blob/0123abc/' });
    const lines = md.split('\n');
    expect(lines[0]).toBe(STICKY_MARKER);
    expect(lines[3]).toBe('🔴 **9 drifts** (2 high, 5 medium, 2 low): the infra no longer matches `threagile.yaml`.');
    expect(md).toContain('**Exposure** (1)');
    expect(md).toContain('[`services.yaml:56`](https://github.com/acme/platform/blob/0123abc/services.yaml#L56)');
    expect(md).toContain('<details><summary>Unverified flows (1, info)');
    expect(md.length).toBeLessThan(65_536);
  });

  it('draws a well-formed Mermaid diagram of the drifted neighbourhood', () => {
    const blocks = mermaidBlocks(renderDriftMarkdown(report));
    expect(blocks).toHaveLength(1);
    expect(checkMermaid(blocks[0]!)).toEqual([]);
    expect(blocks[0]).toContain('n_user_service["user-service"]');
    expect(blocks[0]).toContain('n_internet ==>|"http:80"| n_user_service');
    expect(blocks[0]).toMatch(/class [a-z_,]*n_user_service[a-z_,]* exposed/);
  });

  it('escapes hostile labels', () => {
    const src = renderMermaid({
      nodes: [
        { id: 'a"b', label: 'say "hi" <script>', state: 'added', exposed: true, datastore: false },
        { id: 'a-b', label: 'x', state: 'removed', exposed: false, datastore: true },
        { id: 'internet', label: 'Internet', state: 'context', exposed: false, datastore: false },
      ],
      edges: [
        { source: 'internet', target: 'a"b', label: 'https:443', state: 'added' },
        { source: 'a"b', target: 'a-b', label: 'p|q', state: 'removed' },
      ],
      omitted: 0,
    });
    expect(checkMermaid(src)).toEqual([]);
    expect(src).not.toContain('<script>');
  });

  it('stays under the cap, dropping details first and then truncating tables', () => {
    const many: Drift[] = Array.from({ length: 3000 }, (_, i) => ({
      kind: 'unmodeled-component',
      severity: 'medium',
      message: `process 'svc-${i}' (k8s:ns/Deployment/svc-${i}) is in the infra but no model asset is bound to it`,
      fingerprint: `unmodeled-component:svc-${i}`,
      components: [`svc-${i}`],
      evidence: [{ kind: 'k8s-deployment', detail: `Deployment svc-${i}`, location: { file: `k8s/svc-${i}.yaml`, line: 1 } }],
    }));
    const big = { ...report, drift: [...report.drift, ...many] };
    const md = renderDriftMarkdown(big);
    expect(md.length).toBeLessThanOrEqual(60_000);
    expect(md.startsWith(STICKY_MARKER)).toBe(true);
    expect(md).not.toContain('<details>');
    expect(md).toMatch(/\| … \| \d+ more \|/);
    for (const b of mermaidBlocks(md)) expect(checkMermaid(b)).toEqual([]);
  });

  it('text and json carry the same drift, deterministically', () => {
    const json = JSON.parse(renderDriftJson(report));
    expect(json.version).toBe(1);
    expect(json.drift.map((d: Drift) => d.fingerprint)).toEqual(report.drift.map((d) => d.fingerprint));
    expect(renderDriftText(report)).toContain('[high] model says \'User Service\' is not internet-facing');
    expect(renderDriftJson(report)).toBe(renderDriftJson(JSON.parse(JSON.stringify(report))));
  });

  it('says so when there is nothing to report', () => {
    const empty = buildReport({ model: 'threagile.yaml', modelAssets: 1, graph: { components: [], flows: [], boundaries: [], dataAssets: [], diagnostics: [], coverage: { mapped: {}, folded: {}, unmapped: [], unresolved: [], files: { scanned: 0, byAdapter: {}, unclaimed: [], ignored: 0 } } } as ArchitectureGraph, bindings: [], candidates: [], ignored: [], drift: [], effectiveChanges: [] });
    expect(renderDriftMarkdown(empty).split('\n')[3]).toBe('🟢 **No drift**: the infra matches `threagile.yaml`.');
  });
});
