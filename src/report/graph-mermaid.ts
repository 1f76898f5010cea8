/**
 * `infragile graph --format mermaid`: a Mermaid flowchart that renders on GitHub. Trust boundaries
 * are (nested) subgraphs; node ids are `[A-Za-z0-9_]` derived from component ids (collisions get a
 * numeric suffix, decided in sorted order); labels are quoted with `"` written as `#quot;`; edges
 * carry `protocol:port`, declared solid, configured dashed, inferred dashed and thin-dotted.
 */
import { compareStrings } from '../graph/ids.js';
import type { ArchitectureGraph, Component } from '../graph/types.js';
import { walkBoundaries } from './boundary-tree.js';
import { flowLabel } from './graph-dot.js';

/** Text inside a quoted Mermaid label: entity codes for characters that would end or confuse it. */
export function mermaidText(s: string): string {
  return s
    .replace(/#/g, '#35;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/\r?\n/g, ' ');
}

/** Stable `[A-Za-z0-9_]` ids, unique within one namespace. */
function idAllocator(prefix: string, ids: string[]): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of [...new Set(ids)].sort(compareStrings)) {
    const base = `${prefix}${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    let candidate = base;
    for (let n = 2; used.has(candidate); n++) candidate = `${base}_${n}`;
    used.add(candidate);
    out.set(id, candidate);
  }
  return out;
}

function node(c: Component, id: string): string {
  const label = `"${mermaidText(c.title)}<br/>${mermaidText(c.technology)}"`;
  switch (c.type) {
    case 'datastore':
      return `${id}[(${label})]`;
    case 'external-entity':
      return `${id}[${label}]`;
    default:
      return `${id}(${label})`;
  }
}

export function renderMermaid(graph: ArchitectureGraph): string {
  const components = [...graph.components].sort((a, b) => compareStrings(a.id, b.id));
  const byId = new Map(components.map((c) => [c.id, c]));
  const boundaries = [...graph.boundaries].sort((a, b) => compareStrings(a.id, b.id));
  const nodeIds = idAllocator('n_', components.map((c) => c.id));
  const boundaryIds = idAllocator('b_', boundaries.map((b) => b.id));
  const out: string[] = ['flowchart LR'];
  const pad = (depth: number) => '  '.repeat(depth);
  const placed = walkBoundaries(boundaries, byId, {
    open(b, depth) {
      out.push(`${pad(depth)}subgraph ${boundaryIds.get(b.id)}["${mermaidText(b.title)}"]`);
    },
    member(c, depth) {
      out.push(`${pad(depth)}  ${node(c, nodeIds.get(c.id)!)}`);
    },
    close(_b, depth) {
      out.push(`${pad(depth)}end`);
    },
  });
  for (const c of components) if (!placed.has(c.id)) out.push(`  ${node(c, nodeIds.get(c.id)!)}`);
  const flows = [...graph.flows]
    .filter((f) => byId.has(f.source) && byId.has(f.target))
    .sort((a, b) => compareStrings(a.source, b.source) || compareStrings(a.target, b.target));
  const inferred: number[] = [];
  flows.forEach((f, i) => {
    const arrow = f.confidence === 'declared' ? '-->' : '-.->';
    if (f.confidence === 'inferred') inferred.push(i);
    out.push(`  ${nodeIds.get(f.source)} ${arrow}|"${mermaidText(flowLabel(f))}"| ${nodeIds.get(f.target)}`);
  });
  if (inferred.length) out.push(`  linkStyle ${inferred.join(',')} stroke-dasharray:2 4`);
  const exposed = components.filter((c) => c.internet && c.type !== 'external-entity').map((c) => nodeIds.get(c.id)!);
  const external = components.filter((c) => c.type === 'external-entity').map((c) => nodeIds.get(c.id)!);
  if (exposed.length) {
    out.push('  classDef internetFacing stroke:#cc0000,stroke-width:3px');
    out.push(`  class ${exposed.join(',')} internetFacing`);
  }
  if (external.length) {
    out.push('  classDef externalEntity fill:#eeeeee,stroke:#777777');
    out.push(`  class ${external.join(',')} externalEntity`);
  }
  return out.join('\n') + '\n';
}
