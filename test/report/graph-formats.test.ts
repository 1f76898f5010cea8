import { describe, expect, it } from 'vitest';
import { renderDot } from '../../src/report/graph-dot.js';
import { renderMermaid } from '../../src/report/graph-mermaid.js';
import { graphFormats } from '../../src/report/graph-formats.js';
import type { ArchitectureGraph, Component, Flow } from '../../src/graph/types.js';

const loc = { file: 'x.yaml', line: 1 };
const comp = (id: string, over: Partial<Component> = {}): Component => ({
  id,
  title: id,
  type: 'process',
  technology: 'web-service-rest',
  machine: 'container',
  internet: false,
  encryption: 'none',
  sources: [],
  attributes: {},
  evidence: [{ kind: 'test', detail: id, location: loc }],
  ...over,
});
const flow = (source: string, target: string, over: Partial<Flow> = {}): Flow => ({
  id: `${source}>${target}`,
  source,
  target,
  protocol: 'https',
  port: 443,
  authentication: 'none',
  encrypted: true,
  confidence: 'declared',
  evidence: [],
  ...over,
});

function sample(): ArchitectureGraph {
  return {
    components: [
      comp('internet', { type: 'external-entity', technology: 'client-system', internet: true, title: 'Internet' }),
      comp('gateway', { internet: true, title: 'API "edge" gateway' }),
      comp('auth-svc', { title: 'auth\\svc <v2> #1' }),
      comp('db', { type: 'datastore', technology: 'database' }),
      comp('a.b', { title: 'dotted' }),
      comp('a-b', { title: 'dashed' }),
      comp('sendgrid', { type: 'external-entity', internet: true }),
    ],
    flows: [
      flow('internet', 'gateway'),
      flow('gateway', 'auth-svc', { protocol: 'http', port: 8080, confidence: 'configured' }),
      flow('auth-svc', 'db', { protocol: 'sql-access-protocol', port: 5432, confidence: 'inferred' }),
      flow('auth-svc', 'sendgrid', { port: undefined }),
      flow('a.b', 'a-b', { confidence: 'configured' }),
    ],
    boundaries: [
      { id: 'vpc', title: 'VPC', type: 'network-cloud-provider', members: ['gateway'], evidence: [] },
      { id: 'private', title: 'private "subnet"', type: 'network-cloud-security-group', members: ['auth-svc', 'a.b', 'a-b'], parent: 'vpc', evidence: [] },
      { id: 'data', title: 'data', type: 'network-cloud-security-group', members: ['db'], parent: 'private', evidence: [] },
    ],
    dataAssets: [],
    coverage: { mapped: {}, folded: {}, unmapped: [], unresolved: [], files: { scanned: 0, byAdapter: {}, unclaimed: [], ignored: 0 } },
    diagnostics: [],
  };
}

/** A tiny structural check of DOT: balanced braces outside strings, terminated strings, statements we emit. */
function checkDot(dot: string): { nodes: string[]; edges: Array<[string, string]>; clusters: string[] } {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < dot.length; i++) {
    const c = dot[i]!;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}') depth--;
    expect(depth).toBeGreaterThanOrEqual(0);
  }
  expect(inString).toBe(false);
  expect(depth).toBe(0);
  expect(dot.startsWith('digraph infragile {\n')).toBe(true);
  const str = '"(?:[^"\\\\]|\\\\.)*"';
  const unquote = (s: string) => s.slice(1, -1).replace(/\\(.)/g, '$1');
  const nodes = [...dot.matchAll(new RegExp(`^\\s*(${str}) \\[label=`, 'gm'))].map((m) => unquote(m[1]!));
  const edges = [...dot.matchAll(new RegExp(`^\\s*(${str}) -> (${str}) \\[`, 'gm'))].map((m) => [unquote(m[1]!), unquote(m[2]!)] as [string, string]);
  const clusters = [...dot.matchAll(new RegExp(`subgraph (${str}) \\{`, 'g'))].map((m) => unquote(m[1]!));
  // Every line is one of the statement shapes we emit.
  for (const line of dot.trim().split('\n')) {
    expect(line, line).toMatch(new RegExp(`^(digraph infragile \\{|\\s*\\}|\\s*(graph|node|edge) \\[.*\\];|\\s*subgraph ${str} \\{|\\s*label=${str};|\\s*style=.*;|\\s*${str} \\[.*\\];|\\s*${str} -> ${str} \\[.*\\];)$`));
  }
  return { nodes, edges, clusters };
}

describe('graph --format dot', () => {
  it('is structurally valid DOT with every node and edge once', () => {
    const dot = renderDot(sample());
    const { nodes, edges, clusters } = checkDot(dot);
    expect(nodes.sort()).toEqual(['a-b', 'a.b', 'auth-svc', 'db', 'gateway', 'internet', 'sendgrid']);
    expect(edges).toHaveLength(5);
    expect(clusters).toEqual(['cluster_vpc', 'cluster_private', 'cluster_data']);
  });

  it('nests clusters as boundaries nest, shapes by type, highlights exposure, styles by confidence', () => {
    const dot = renderDot(sample());
    const lines = dot.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    // data inside private inside vpc
    expect(at('"cluster_vpc"')).toBeLessThan(at('"cluster_private"'));
    expect(at('"cluster_private"')).toBeLessThan(at('"cluster_data"'));
    expect(lines[at('"cluster_data"')]!.startsWith('      subgraph')).toBe(true);
    expect(lines[at('"db" [')]).toContain('shape=cylinder');
    expect(lines[at('"gateway" [')]).toContain('color="#cc0000"');
    expect(lines[at('"sendgrid" [')]).toContain('fillcolor="#eeeeee"');
    expect(lines[at('"internet" -> "gateway"')]).toContain('label="https:443", style=solid');
    expect(lines[at('"gateway" -> "auth-svc"')]).toContain('label="http:8080", style=dashed');
    expect(lines[at('"auth-svc" -> "db"')]).toContain('style=dotted');
    expect(lines[at('"auth-svc" -> "sendgrid"')]).toContain('label="https"');
  });

  it('escapes quotes and backslashes in titles', () => {
    const dot = renderDot(sample());
    expect(dot).toContain('label="API \\"edge\\" gateway\\nweb-service-rest"');
    expect(dot).toContain('label="auth\\\\svc <v2> #1\\nweb-service-rest"');
    expect(dot).toContain('label="private \\"subnet\\"\\nnetwork-cloud-security-group"');
  });

  it('is deterministic: the same graph in another order renders byte-identically', () => {
    const g = sample();
    const shuffled = { ...g, components: [...g.components].reverse(), flows: [...g.flows].reverse(), boundaries: [...g.boundaries].reverse() };
    expect(renderDot(shuffled)).toBe(renderDot(g));
  });

  it('survives a boundary parent cycle and a dangling parent', () => {
    const g = sample();
    g.boundaries = [
      { id: 'x', title: 'x', type: 'network-virtual-lan', members: ['gateway'], parent: 'y', evidence: [] },
      { id: 'y', title: 'y', type: 'network-virtual-lan', members: ['db'], parent: 'x', evidence: [] },
      { id: 'z', title: 'z', type: 'network-virtual-lan', members: ['a.b'], parent: 'gone', evidence: [] },
    ];
    const { nodes, clusters } = checkDot(renderDot(g));
    expect(nodes.sort()).toEqual(['a-b', 'a.b', 'auth-svc', 'db', 'gateway', 'internet', 'sendgrid']);
    expect(clusters.sort()).toEqual(['cluster_x', 'cluster_y', 'cluster_z']);
  });
});

describe('graph --format mermaid', () => {
  it('is a flowchart with subgraphs per boundary, safe ids and quoted labels', () => {
    const md = renderMermaid(sample());
    const lines = md.trim().split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(md).toContain('  subgraph b_vpc["VPC"]');
    expect(md).toContain('    subgraph b_private["private #quot;subnet#quot;"]');
    expect(md).toContain('      subgraph b_data["data"]');
    expect(md).toContain('n_gateway("API #quot;edge#quot; gateway<br/>web-service-rest")');
    expect(md).toContain('n_auth_svc("auth\\svc #lt;v2#gt; #35;1<br/>web-service-rest")');
    expect(md).toContain('n_db[("db<br/>database")]');
    // a.b and a-b both sanitize to a_b: the second gets a suffix, in sorted order.
    expect(md).toContain('n_a_b("dashed<br/>web-service-rest")');
    expect(md).toContain('n_a_b_2("dotted<br/>web-service-rest")');
    for (const l of lines) {
      const ids = [...l.matchAll(/\b([nb]_[^\s([\]|",]*)/g)].map((m) => m[1]!);
      for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_]+$/);
    }
    expect(lines.filter((l) => l.trim() === 'end')).toHaveLength(3);
  });

  it('labels edges with protocol:port and styles them by confidence', () => {
    const md = renderMermaid(sample());
    expect(md).toContain('  n_internet -->|"https:443"| n_gateway');
    expect(md).toContain('  n_gateway -.->|"http:8080"| n_auth_svc');
    expect(md).toContain('  n_auth_svc -.->|"sql-access-protocol:5432"| n_db');
    expect(md).toContain('  n_auth_svc -->|"https"| n_sendgrid');
    const edges = md.split('\n').filter((l) => /-->|-\.->/.test(l));
    const inferredIndex = edges.findIndex((l) => l.includes('n_db'));
    expect(md).toContain(`  linkStyle ${inferredIndex} stroke-dasharray:2 4`);
    expect(md).toContain('  class n_gateway internetFacing');
    expect(md).toContain('  class n_internet,n_sendgrid externalEntity');
  });

  it('is deterministic', () => {
    const g = sample();
    const shuffled = { ...g, components: [...g.components].reverse(), flows: [...g.flows].reverse(), boundaries: [...g.boundaries].reverse() };
    expect(renderMermaid(shuffled)).toBe(renderMermaid(g));
  });

  it('is registered with json and dot in the graph formats table', () => {
    expect(Object.keys(graphFormats)).toEqual(expect.arrayContaining(['json', 'dot', 'mermaid']));
  });
});
