/** Compact views of a graph for expected-graph assertions. */
import type { ArchitectureGraph } from '../../src/graph/types.js';

export function componentsOf(g: ArchitectureGraph) {
  return Object.fromEntries(g.components.map((c) => [c.id, { type: c.type, technology: c.technology, internet: c.internet }]));
}

export function flowsOf(g: ArchitectureGraph): string[] {
  return g.flows.map((f) => `${f.source} -> ${f.target} ${f.protocol}${f.port !== undefined ? `:${f.port}` : ''} ${f.confidence}`);
}

export function boundariesOf(g: ArchitectureGraph) {
  return Object.fromEntries(g.boundaries.map((b) => [b.id, { type: b.type, members: b.members, defaultDeny: b.attributes?.defaultDeny }]));
}

export function dataAssetsOf(g: ArchitectureGraph) {
  return Object.fromEntries(g.dataAssets.map((d) => [d.id, { kind: d.kind, storedBy: d.storedBy, processedBy: d.processedBy }]));
}

/** Every element carries evidence with a file and a line. */
export function everythingHasEvidence(g: ArchitectureGraph): string[] {
  const missing: string[] = [];
  const ok = (e: { location: { file: string; line: number } }[]) => e.length > 0 && e.every((x) => x.location.file !== '' && x.location.line > 0);
  for (const c of g.components) if (c.id !== 'internet' && !ok(c.evidence)) missing.push(`component ${c.id}`);
  for (const f of g.flows) if (!ok(f.evidence)) missing.push(`flow ${f.id}`);
  for (const b of g.boundaries) if (!ok(b.evidence)) missing.push(`boundary ${b.id}`);
  for (const d of g.dataAssets) if (!ok(d.evidence)) missing.push(`data asset ${d.id}`);
  return missing;
}
