/**
 * What a change did to the architecture: the graph at `--base` against the working tree. Elements are
 * compared by id (ids derive from names, so a moved or renamed file changes nothing here while a renamed
 * workload is a removal plus an addition).
 */
import { compareStrings } from '../graph/ids.js';
import { INTERNET_ID, type ArchitectureGraph, type Boundary, type Component, type Flow } from '../graph/types.js';
import type { Drift } from './types.js';

export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

export interface Changed<T> {
  id: string;
  before: T;
  after: T;
  fields: FieldChange[];
}

export interface GraphDiff {
  components: { added: Component[]; removed: Component[]; changed: Changed<Component>[] };
  flows: { added: Flow[]; removed: Flow[]; changed: Changed<Flow>[] };
  /** Components that became internet-facing, or stopped being. */
  exposure: { added: string[]; removed: string[] };
  boundaries: { added: Boundary[]; removed: Boundary[]; changed: Changed<Boundary>[] };
}

export function diffGraphs(base: ArchitectureGraph, head: ArchitectureGraph): GraphDiff {
  const boundaryOf = (g: ArchitectureGraph) => {
    const m = new Map<string, string>();
    for (const b of g.boundaries) for (const c of b.members) m.set(c, b.id);
    return m;
  };
  const bb = boundaryOf(base);
  const hb = boundaryOf(head);
  const components = diffById(base.components, head.components, (a, b) => [
    ...fields(a, b, ['type', 'technology', 'machine', 'encryption', 'internet']),
    ...(bb.get(a.id) !== hb.get(b.id) ? [{ field: 'boundary', from: bb.get(a.id) ?? '(none)', to: hb.get(b.id) ?? '(none)' }] : []),
  ]);
  const flows = diffById(base.flows, head.flows, (a, b) => fields(a, b, ['protocol', 'port', 'encrypted', 'authentication']));
  const boundaries = diffById(base.boundaries, head.boundaries, (a, b) => {
    const out = fields(a, b, ['type', 'parent']);
    const added = b.members.filter((m) => !a.members.includes(m));
    const removed = a.members.filter((m) => !b.members.includes(m));
    if (added.length) out.push({ field: 'members added', from: '', to: added.join(', ') });
    if (removed.length) out.push({ field: 'members removed', from: removed.join(', '), to: '' });
    return out;
  });
  const exposed = (g: ArchitectureGraph) => new Set(g.components.filter((c) => c.internet && c.id !== INTERNET_ID).map((c) => c.id));
  const be = exposed(base);
  const he = exposed(head);
  return {
    components,
    flows,
    exposure: {
      added: [...he].filter((id) => !be.has(id)).sort(compareStrings),
      removed: [...be].filter((id) => !he.has(id)).sort(compareStrings),
    },
    boundaries,
  };
}

export function isEmptyDiff(d: GraphDiff): boolean {
  return (
    [d.components, d.flows, d.boundaries].every((x) => x.added.length + x.removed.length + x.changed.length === 0) &&
    d.exposure.added.length + d.exposure.removed.length === 0
  );
}

export interface DriftDelta {
  introduced: Drift[];
  resolved: Drift[];
}

/** Drift present now and not at base (introduced), and the reverse (resolved), by fingerprint. */
export function diffDrift(base: readonly Drift[], head: readonly Drift[]): DriftDelta {
  const bf = new Set(base.map((d) => d.fingerprint));
  const hf = new Set(head.map((d) => d.fingerprint));
  return { introduced: head.filter((d) => !bf.has(d.fingerprint)), resolved: base.filter((d) => !hf.has(d.fingerprint)) };
}

function diffById<T extends { id: string }>(before: readonly T[], after: readonly T[], compare: (a: T, b: T) => FieldChange[]) {
  const bm = new Map(before.map((x) => [x.id, x]));
  const am = new Map(after.map((x) => [x.id, x]));
  const changed: Changed<T>[] = [];
  for (const a of after) {
    const b = bm.get(a.id);
    if (!b) continue;
    const f = compare(b, a);
    if (f.length) changed.push({ id: a.id, before: b, after: a, fields: f });
  }
  return {
    added: after.filter((x) => !bm.has(x.id)),
    removed: before.filter((x) => !am.has(x.id)),
    changed: changed.sort((x, y) => compareStrings(x.id, y.id)),
  };
}

function fields<T extends object>(a: T, b: T, keys: Array<keyof T & string>): FieldChange[] {
  const out: FieldChange[] = [];
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x !== y) out.push({ field: k, from: x === undefined ? '(none)' : String(x), to: y === undefined ? '(none)' : String(y) });
  }
  return out;
}
