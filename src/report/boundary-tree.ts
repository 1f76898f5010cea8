/**
 * The trust-boundary nesting that the diagram renderers (DOT, Mermaid) draw: boundaries nested as
 * the graph nests them, each drawn once even when parents form a cycle, and each component placed
 * in the first boundary that reaches it. Renderers only say how to open, fill and close a group.
 */
import { compareStrings } from '../graph/ids.js';
import type { Boundary, Component } from '../graph/types.js';

export interface BoundaryVisitor {
  /** A boundary starts; `depth` is 1 for a top-level boundary. */
  open(b: Boundary, depth: number): void;
  /** A component drawn inside the boundary opened last at `depth`. */
  member(c: Component, depth: number): void;
  close(b: Boundary, depth: number): void;
}

/**
 * Walks `boundaries` (sorted by the caller) depth first: a boundary's nested boundaries come before
 * its members. Returns the ids of the components placed in some boundary, so the caller can draw
 * the rest at top level.
 */
export function walkBoundaries(
  boundaries: readonly Boundary[],
  byId: ReadonlyMap<string, Component>,
  visit: BoundaryVisitor,
): Set<string> {
  const known = new Set(boundaries.map((b) => b.id));
  const children = new Map<string, Boundary[]>();
  const roots: Boundary[] = [];
  for (const b of boundaries) {
    if (b.parent !== undefined && known.has(b.parent) && b.parent !== b.id) {
      if (!children.has(b.parent)) children.set(b.parent, []);
      children.get(b.parent)!.push(b);
    } else roots.push(b);
  }
  const placed = new Set<string>();
  const visited = new Set<string>();
  const walk = (b: Boundary, depth: number) => {
    if (visited.has(b.id)) return; // a parent cycle: draw each boundary once
    visited.add(b.id);
    visit.open(b, depth);
    for (const child of children.get(b.id) ?? []) walk(child, depth + 1);
    for (const m of [...b.members].sort(compareStrings)) {
      const c = byId.get(m);
      if (!c || placed.has(m)) continue;
      placed.add(m);
      visit.member(c, depth);
    }
    visit.close(b, depth);
  };
  for (const b of roots) walk(b, 1);
  // Boundaries only reachable through a parent cycle.
  for (const b of boundaries) walk(b, 1);
  return placed;
}
