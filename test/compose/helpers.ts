/** Helpers for the compose suites: scan a fixture and look elements up with readable failures. */
import { expect } from 'vitest';
import type { ArchitectureGraph, Component, Flow } from '../../src/graph/types.js';

export function component(graph: ArchitectureGraph, id: string): Component {
  const c = graph.components.find((x) => x.id === id);
  expect(c, `component ${id} in ${graph.components.map((x) => x.id).join(', ')}`).toBeDefined();
  return c!;
}

export function flow(graph: ArchitectureGraph, source: string, target: string): Flow {
  const f = graph.flows.find((x) => x.source === source && x.target === target);
  expect(f, `flow ${source} → ${target} in ${graph.flows.map((x) => x.id).join(', ')}`).toBeDefined();
  return f!;
}

export function flowPairs(graph: ArchitectureGraph): string[] {
  return graph.flows.map((f) => `${f.source} -> ${f.target}`);
}

export function boundaryOf(graph: ArchitectureGraph, componentId: string): string | undefined {
  return graph.boundaries.find((b) => b.members.includes(componentId))?.id;
}

/** Every element of the graph carries evidence with a file and a positive line. */
export function expectEvidenceEverywhere(graph: ArchitectureGraph): void {
  for (const c of graph.components) {
    if (c.id === 'internet') continue;
    expect(c.evidence.length, `evidence of ${c.id}`).toBeGreaterThan(0);
    for (const e of c.evidence) expect(e.location.line, `${c.id} ${e.kind}`).toBeGreaterThan(0);
  }
  for (const f of graph.flows) {
    expect(f.evidence.length, `evidence of ${f.id}`).toBeGreaterThan(0);
    for (const e of f.evidence) expect(e.location.file.length).toBeGreaterThan(0);
  }
  for (const b of graph.boundaries) expect(b.evidence.length, `evidence of ${b.id}`).toBeGreaterThan(0);
  for (const d of graph.dataAssets) expect(d.evidence.length, `evidence of ${d.id}`).toBeGreaterThan(0);
}
