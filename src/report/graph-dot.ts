/**
 * `infragile graph --format dot`: Graphviz DOT. Trust boundaries are clusters (nested as the graph
 * nests them), components are shaped by type (process: rounded box, datastore: cylinder,
 * external entity: grey box), internet-facing components are drawn red and thick, and edges carry
 * `protocol:port` with their confidence as line style (declared solid, configured dashed, inferred
 * dotted). Output depends only on the graph, never on call order.
 */
import { compareStrings } from '../graph/ids.js';
import type { ArchitectureGraph, Component, Confidence, Flow } from '../graph/types.js';
import { walkBoundaries } from './boundary-tree.js';

const EDGE_STYLE: Record<Confidence, string> = { declared: 'solid', configured: 'dashed', inferred: 'dotted' };

/** A DOT quoted string: backslashes and quotes escaped, line breaks as DOT's `\n`. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/** A label of several lines: each line escaped, joined with DOT's centred line break. */
function dotLabel(lines: string[]): string {
  return `"${lines.map((l) => dotString(l).slice(1, -1)).join('\\n')}"`;
}

function nodeAttributes(c: Component): string {
  const attrs: string[] = [`label=${dotLabel([c.title, c.technology])}`];
  switch (c.type) {
    case 'datastore':
      attrs.push('shape=cylinder');
      break;
    case 'external-entity':
      attrs.push('shape=box', 'style="filled"', 'fillcolor="#eeeeee"');
      break;
    default:
      attrs.push('shape=box', 'style="rounded"');
  }
  if (c.internet && c.type !== 'external-entity') attrs.push('color="#cc0000"', 'penwidth=2.5');
  return attrs.join(', ');
}

export function flowLabel(f: Flow): string {
  return f.port !== undefined ? `${f.protocol}:${f.port}` : f.protocol;
}

export function renderDot(graph: ArchitectureGraph): string {
  const out: string[] = ['digraph infragile {'];
  out.push('  graph [rankdir=LR, fontname="Helvetica", fontsize=11, compound=true];');
  out.push('  node [fontname="Helvetica", fontsize=10];');
  out.push('  edge [fontname="Helvetica", fontsize=9];');
  const components = [...graph.components].sort((a, b) => compareStrings(a.id, b.id));
  const byId = new Map(components.map((c) => [c.id, c]));
  const boundaries = [...graph.boundaries].sort((a, b) => compareStrings(a.id, b.id));
  const pad = (depth: number) => '  '.repeat(depth);
  const placed = walkBoundaries(boundaries, byId, {
    open(b, depth) {
      out.push(`${pad(depth)}subgraph ${dotString(`cluster_${b.id}`)} {`);
      out.push(`${pad(depth)}  label=${dotLabel([b.title, b.type])};`);
      out.push(`${pad(depth)}  style="dashed,rounded"; color="#555555";`);
    },
    member(c, depth) {
      out.push(`${pad(depth)}  ${dotString(c.id)} [${nodeAttributes(c)}];`);
    },
    close(_b, depth) {
      out.push(`${pad(depth)}}`);
    },
  });
  for (const c of components) if (!placed.has(c.id)) out.push(`  ${dotString(c.id)} [${nodeAttributes(c)}];`);
  const flows = [...graph.flows].sort((a, b) => compareStrings(a.source, b.source) || compareStrings(a.target, b.target));
  for (const f of flows) {
    if (!byId.has(f.source) || !byId.has(f.target)) continue;
    out.push(`  ${dotString(f.source)} -> ${dotString(f.target)} [label=${dotString(flowLabel(f))}, style=${EDGE_STYLE[f.confidence]}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}
