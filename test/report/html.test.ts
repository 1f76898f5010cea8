/**
 * The HTML report as a string: self-contained, escaped, deterministic, every element with its
 * file:line, the diagram tagged for the page script; `graph --format svg`; the size fallbacks.
 * (The page's behaviour in a browser is test/e2e/browser.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { analyzeScan } from '../../src/analyze/scan.js';
import type { ArchitectureGraph, Component, Flow } from '../../src/graph/types.js';
import { readModelFile } from '../../src/model/read.js';
import { runDrift } from '../../src/reconcile/run.js';
import { graphFormats } from '../../src/report/graph-formats.js';
import { renderHtmlReport } from '../../src/report/html/index.js';
import { renderDriftHtml, renderScanHtml } from '../../src/report/html/inputs.js';
import { chooseLayout, DOT_LIMIT, DRAW_LIMIT } from '../../src/report/svg.js';
import { evaluateGate } from '../../src/analyze/scan.js';
import { scanGraph } from '../../src/pipeline.js';
import { rules } from '../../rules/index.js';
import { FIXTURES, scanDir } from '../helpers/scan.js';
import { join } from 'node:path';

async function apiPlatformReport(): Promise<{ html: string; graph: ArchitectureGraph }> {
  const scan = await scanDir('api-platform/k8s');
  const analysis = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, today: '2026-01-01' });
  const html = await renderScanHtml({ analysis, graph: scan.graph, gate: evaluateGate(analysis.risks, 'high', false) }, 'api-platform/k8s');
  return { html, graph: scan.graph };
}

function emptyCoverage(): ArchitectureGraph['coverage'] {
  return { mapped: {}, folded: {}, unmapped: [], unresolved: [], files: { scanned: 0, byAdapter: {}, unclaimed: [], ignored: 0 } };
}

function component(id: string, title = id, file = 'k8s/app.yaml'): Component {
  return {
    id,
    title,
    type: 'process',
    technology: 'web-service-rest',
    machine: 'container',
    internet: false,
    encryption: 'none',
    sources: [{ address: `k8s:default/Deployment/${title}`, location: { file, line: 3 } }],
    attributes: { image: title },
    evidence: [{ kind: 'k8s-workload', detail: `Deployment ${title}`, location: { file, line: 3 } }],
  };
}

function flow(source: string, target: string): Flow {
  return { id: `${source}>${target}`, source, target, protocol: 'http', port: 80, authentication: 'none', encrypted: false, confidence: 'configured', evidence: [{ kind: 'env', detail: 'URL', location: { file: 'k8s/app.yaml', line: 9 } }] };
}

describe('scan --format html on the API platform fixture', () => {
  it('is one self-contained page: no external scripts, styles, images or fonts', async () => {
    const { html } = await apiPlatformReport();
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script[^>]+src=/i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/\b(?:src|href)="(?:https?:)?\/\//i);
    expect(html).not.toMatch(/url\(\s*['"]?(?:https?:)?\/\//i);
    expect(html).not.toMatch(/@import/);
    expect(html).toContain("default-src 'none'");
    expect(html.match(/<script>/g)).toHaveLength(1);
  });

  it('draws every component as a tagged diagram node, with boundaries as clusters', async () => {
    const { html, graph } = await apiPlatformReport();
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    for (const c of graph.components) expect(svg).toContain(`data-component="${c.id}"`);
    for (const b of graph.boundaries) expect(svg).toContain(`<title>cluster_${b.id.replace(/-/g, '&#45;')}</title>`);
    expect(svg.match(/class="edge flow/g)).toHaveLength(graph.flows.length);
    // The internet's flow into the gateway is exposure; the gateway is outlined as internet-facing.
    expect(svg).toMatch(/class="edge flow exposed[^"]*" data-source="internet" data-target="api-gateway"/);
    expect(svg).toMatch(/class="node comp type-process exposed[^"]*" data-component="api-gateway"/);
    // Datastores keep Graphviz's cylinder; the worst open risk colours nodes and links.
    expect(svg).toMatch(/class="node comp type-datastore[^"]*risky risk-(?:high|elevated|medium|low)" data-component="postgresql-store"/);
    expect(svg).toMatch(/class="edge flow risky risk-\w+"/);
  });

  it('lists every risk with severity, STRIDE, status, components and file:line, and filters for them', async () => {
    const { html } = await apiPlatformReport();
    const rows = html.match(/<tr class="risk" [^>]*>/g) ?? [];
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r).toMatch(/data-severity="(low|medium|elevated|high|critical)" data-stride="[a-z-]+" data-status="[a-z-]+" data-components="[a-z0-9 -]*"/);
    expect(html).toContain('<input type="checkbox" data-filter="severity" value="high" checked>');
    expect(html).toContain('data-filter="stride"');
    expect(html).toContain('data-filter="status" value="unchecked"');
    // Risks anchored in the IaC show the file line.
    expect(/<span class="loc">[a-z-]+\.yaml:\d+<\/span>/.test(html)).toBe(true);
    expect(html).toContain('Gate: ');
  });

  it('shows each component, flow, boundary and data asset with the file:line it came from', async () => {
    const { html, graph } = await apiPlatformReport();
    for (const c of graph.components) {
      expect(html).toContain(`<tr id="c-${c.id}" data-component="${c.id}">`);
      for (const s of c.sources) expect(html).toContain(`${s.location.file}:${s.location.line}`);
    }
    for (const f of graph.flows) for (const e of f.evidence) expect(html).toContain(`${e.location.file}:${e.location.line}`);
    for (const d of graph.dataAssets) expect(html).toContain(`<code>${d.id}</code>`);
    expect(html).toContain('<section id="coverage">');
  });

  it('is byte-identical for the same input', async () => {
    const a = await apiPlatformReport();
    const b = await apiPlatformReport();
    expect(a.html).toBe(b.html);
  });
});

describe('escaping', () => {
  it('never lets a name, path, attribute or message inject markup or script', async () => {
    const evil = '<script>alert(1)</script>';
    const c = component('evil', `x${evil}"'&`, `k8s/"><img src=x onerror=alert(2)>.yaml`);
    c.attributes = { image: `nginx</script><script>alert(3)</script>` };
    const graph: ArchitectureGraph = {
      components: [c, component('api')],
      flows: [flow('api', 'evil')],
      boundaries: [{ id: 'ns-x', title: `ns ${evil}`, type: 'network-policy-namespace-isolation', members: ['evil'], evidence: [{ kind: 'ns', detail: evil, location: { file: 'k8s/ns.yaml', line: 1 } }] }],
      dataAssets: [],
      coverage: { ...emptyCoverage(), unresolved: [{ reference: evil, reason: `because ${evil}`, location: { file: evil, line: 2 } }] },
      diagnostics: [{ severity: 'error', code: 'x', message: evil, location: { file: 'a.yaml', line: 1 } }],
    };
    const html = await renderHtmlReport({ title: `t ${evil}`, graph });
    expect(html.match(/<script\b/gi)).toHaveLength(1); // ours, at the end
    expect(html).not.toMatch(/<img\b/i);
    expect(html).not.toContain('alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    // Graphviz escapes the label text in the SVG too.
    const svg = html.slice(html.indexOf('<svg'), html.indexOf('</svg>'));
    expect(svg).not.toMatch(/<script/i);
  });
});

describe('size limits', () => {
  const big = (n: number, flowsPer = 2): ArchitectureGraph => {
    const components = Array.from({ length: n }, (_, i) => component(`c${i}`));
    const flows = components.flatMap((c, i) => Array.from({ length: flowsPer }, (_, k) => flow(c.id, `c${(i + k + 1) % n}`)));
    return { components, flows, boundaries: [], dataAssets: [], coverage: emptyCoverage(), diagnostics: [] };
  };

  it('chooses dot, then sfdp, then no diagram as the graph grows', () => {
    expect(chooseLayout(big(100))).toEqual({ engine: 'dot' });
    expect(chooseLayout(big(Math.ceil(DOT_LIMIT / 3) + 10))).toEqual({ engine: 'sfdp' });
    expect(chooseLayout(big(Math.ceil(DRAW_LIMIT / 3) + 10)).engine).toBe('none');
  });

  it('omits the diagram of a huge graph with a note, and still lists everything', async () => {
    const graph = big(Math.ceil(DRAW_LIMIT / 3) + 10, 2);
    const html = await renderHtmlReport({ title: 'huge', graph });
    expect(html).not.toContain('<svg');
    expect(html).toMatch(/<p class="note">No diagram: the graph has \d+ components and \d+ flows/);
    expect(html.match(/<tr id="c-/g)).toHaveLength(graph.components.length);
  });
});

describe('graph --format svg', () => {
  it('is a standalone SVG document of the DOT picture, reproducible', async () => {
    const { graph } = await scanDir('api-platform/k8s');
    const a = await graphFormats.svg!(graph);
    const b = await graphFormats.svg!(graph);
    expect(a).toBe(b);
    expect(a.startsWith('<?xml')).toBe(true);
    expect(a).toContain('<svg');
    for (const c of graph.components) expect(a).toContain(`<title>${c.id.replace(/-/g, '&#45;')}</title>`);
  });
});

describe('drift --format html', () => {
  it('lists the drift with the model line and the infra evidence', async () => {
    const root = join(FIXTURES, 'drift/api-platform');
    const run = await runDrift({
      rootDir: root,
      modelName: 'threagile.yaml',
      modelPath: join(root, 'threagile.yaml'),
      scan: () => scanGraph({ rootDir: root, paths: ['k8s-drifted'] }),
    });
    expect(run.report.drift.length).toBeGreaterThan(0);
    const html = await renderDriftHtml(run, 'k8s-drifted');
    expect(html.match(/<tr class="drift"/g)).toHaveLength(run.report.drift.length);
    expect(html).toMatch(/<span class="loc">threagile\.yaml:\d+<\/span>/);
    expect(html).toMatch(/<span class="loc">k8s-drifted\/[a-z-]+\.yaml:\d+<\/span>/);
    expect(html).toContain('data-component=');
  });

  it('scan --model shows risks of the effective model and its drift together', async () => {
    const scan = await scanDir('drift/api-platform', ['k8s-drifted']);
    const model = readModelFile(join(FIXTURES, 'drift/api-platform/threagile.yaml')).model;
    const analysis = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, model, today: '2026-01-01' });
    const html = await renderScanHtml({ analysis, graph: scan.graph, gate: evaluateGate(analysis.risks, undefined, false), modelFile: 'threagile.yaml' }, 'x');
    expect(html).toContain('<section id="risks">');
    expect(html).toContain('<section id="drift">');
    expect(html).toContain('Risks from the effective model of threagile.yaml');
  });
});
