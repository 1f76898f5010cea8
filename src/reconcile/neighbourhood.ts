/**
 * The part of the architecture a report should draw: what the change touched (with `--base`) or what
 * drifted (without), plus direct neighbours for context. Bounded so the diagram stays readable.
 */
import { compareStrings } from '../graph/ids.js';
import { INTERNET_ID, type ArchitectureGraph, type Flow } from '../graph/types.js';
import type { GraphDiff } from './graph-diff.js';
import type { Drift } from './types.js';

export type ElementState = 'added' | 'removed' | 'changed' | 'drift' | 'context';

export interface DiagramNode {
  id: string;
  label: string;
  state: ElementState;
  exposed: boolean;
  datastore: boolean;
}

export interface DiagramEdge {
  source: string;
  target: string;
  label: string;
  state: ElementState;
}

export interface Diagram {
  nodes: DiagramNode[];
  edges: DiagramEdge[];
  /** Elements left out to respect the size limit. */
  omitted: number;
}

const MAX_NODES = 40;

export function neighbourhood(head: ArchitectureGraph, diff: GraphDiff | undefined, drift: readonly Drift[], base?: ArchitectureGraph): Diagram {
  const state = new Map<string, ElementState>();
  const edgeState = new Map<string, ElementState>();
  const comps = new Map([...(base?.components ?? []), ...head.components].map((c) => [c.id, c]));
  const exposed = new Set(head.components.filter((c) => c.internet).map((c) => c.id));
  const flows = new Map<string, Flow>(head.flows.map((f) => [f.id, f]));
  if (diff) {
    for (const c of diff.components.added) state.set(c.id, 'added');
    for (const c of diff.components.removed) state.set(c.id, 'removed');
    for (const c of diff.components.changed) state.set(c.id, 'changed');
    for (const id of [...diff.exposure.added, ...diff.exposure.removed]) if (!state.has(id)) state.set(id, 'changed');
    for (const f of diff.flows.added) edgeState.set(f.id, 'added');
    for (const f of diff.flows.removed) {
      edgeState.set(f.id, 'removed');
      flows.set(f.id, f);
    }
    for (const f of diff.flows.changed) edgeState.set(f.id, 'changed');
  } else {
    for (const d of drift) {
      if (d.kind === 'unverified-flow') continue;
      for (const c of d.components) if (!state.has(c)) state.set(c, 'drift');
      if (d.flow) edgeState.set(d.flow, 'drift');
      if (d.kind === 'exposure') for (const c of d.components) if (flows.has(`${INTERNET_ID}>${c}`)) edgeState.set(`${INTERNET_ID}>${c}`, 'drift');
    }
  }
  for (const id of edgeState.keys()) {
    const f = flows.get(id);
    if (!f) continue;
    for (const end of [f.source, f.target]) if (!state.has(end)) state.set(end, 'context');
  }
  // Context: direct neighbours of what changed.
  const focus = [...state.keys()].sort(compareStrings);
  for (const f of [...flows.values()].sort((a, b) => compareStrings(a.id, b.id))) {
    if (state.size >= MAX_NODES) break;
    const touches = focus.includes(f.source) || focus.includes(f.target);
    if (!touches) continue;
    for (const end of [f.source, f.target]) if (!state.has(end) && state.size < MAX_NODES) state.set(end, 'context');
  }
  const ranked = [...state].sort((a, b) => rank(a[1]) - rank(b[1]) || compareStrings(a[0], b[0]));
  const kept = new Set(ranked.slice(0, MAX_NODES).map(([id]) => id));
  const nodes: DiagramNode[] = ranked
    .filter(([id]) => kept.has(id))
    .map(([id, s]) => {
      const c = comps.get(id);
      return { id, label: id === INTERNET_ID ? 'Internet' : (c?.title ?? id), state: s, exposed: exposed.has(id) && id !== INTERNET_ID && c?.type !== 'external-entity', datastore: c?.type === 'datastore' };
    })
    .sort((a, b) => compareStrings(a.id, b.id));
  const edges: DiagramEdge[] = [];
  for (const f of [...flows.values()].sort((a, b) => compareStrings(a.id, b.id))) {
    if (!kept.has(f.source) || !kept.has(f.target)) continue;
    edges.push({ source: f.source, target: f.target, label: `${f.protocol}${f.port ? ':' + f.port : ''}`, state: edgeState.get(f.id) ?? 'context' });
  }
  return { nodes, edges, omitted: Math.max(0, state.size - kept.size) };
}

function rank(s: ElementState): number {
  return ['added', 'removed', 'changed', 'drift', 'context'].indexOf(s);
}
