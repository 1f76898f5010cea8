/**
 * IaC evidence for model-level risks: when the analyzed model is backed by an architecture graph
 * (a scan, `init`, or reconcile's effective model), each risk gets the file:line of what its most
 * relevant elements came from: the source locations of the components bound to its technical asset,
 * the evidence of the flows behind its communication link, and the evidence of its trust boundary.
 * Risks that already carry evidence (rules/iac) are left alone. Everything is looked up by id.
 */
import type { ArchitectureGraph, Component, Evidence, Flow } from '../graph/types.js';
import type { ModelIndex } from './model-index.js';
import type { Risk } from './types.js';

/** asset id → component ids (reconcile's `componentsOf`); default: the component with the asset's id. */
export type AssetComponents = ReadonlyMap<string, readonly string[]>;

const MAX_EVIDENCE = 12;

// localeCompare, not an Intl.Collator: V8's localeCompare has a fast path for one-byte strings that a
// collator's compare lacks (measured: 14 vs 35 ms per 200,000 file-path comparisons).
function compareEvidence(a: Evidence, b: Evidence): number {
  return (
    a.location.file.localeCompare(b.location.file) ||
    a.location.line - b.location.line ||
    a.kind.localeCompare(b.kind) ||
    a.detail.localeCompare(b.detail)
  );
}

/** `compute` remembered per key, for one call of attachGraphEvidence (evidence is never mutated). */
function perKey<T>(compute: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    if (seen.has(key)) return seen.get(key)!;
    const value = compute(key);
    seen.set(key, value);
    return value;
  };
}

/** The first MAX_EVIDENCE distinct pieces of evidence, in evidence order. */
function firstEvidence(found: readonly Evidence[]): Evidence[] {
  const unique = new Map<string, Evidence>();
  for (const e of found) unique.set(`${e.location.file}\u0000${e.location.line}\u0000${e.kind}\u0000${e.detail}`, e);
  return [...unique.values()].sort(compareEvidence).slice(0, MAX_EVIDENCE);
}

export function attachGraphEvidence(risks: Risk[], index: ModelIndex, graph: ArchitectureGraph, assetComponents?: AssetComponents): void {
  const components = new Map<string, Component>(graph.components.map((c) => [c.id, c]));
  const flowsByPair = new Map<string, Flow[]>();
  const flowsByComponent = new Map<string, Flow[]>();
  const push = (map: Map<string, Flow[]>, key: string, f: Flow): void => {
    const list = map.get(key);
    if (list) list.push(f);
    else map.set(key, [f]);
  };
  for (const f of graph.flows) {
    push(flowsByPair, `${f.source}\u0000${f.target}`, f);
    push(flowsByComponent, f.source, f);
    if (f.target !== f.source) push(flowsByComponent, f.target, f);
  }
  const boundaries = new Map(graph.boundaries.map((b) => [b.id, b]));
  const componentsOf = (assetId: string): string[] => {
    const bound = assetComponents?.get(assetId);
    if (bound) return [...bound];
    return components.has(assetId) ? [assetId] : [];
  };
  // A component's defining resources; for one with none (an external endpoint known only from a
  // reference, e.g. an env var URL) the evidence that it exists; for one with neither (the
  // internet) the evidence of the flows that touch it.
  // Each part of a risk's evidence (an asset's sources, a boundary's or a runtime's evidence) is cut
  // to its own first MAX_EVIDENCE once per call: the first MAX_EVIDENCE of a union are always among
  // the first MAX_EVIDENCE of its parts, and a boundary holding every member's evidence must not be
  // re-sorted for each of its thousands of risks (that was quadratic at 5,000 services).
  const sourcesOf = perKey((assetId) =>
    firstEvidence(
      componentsOf(assetId).flatMap((id) => {
        const c = components.get(id);
        if (!c) return [];
        if (c.sources.length === 0) return c.evidence.length ? c.evidence : (flowsByComponent.get(id) ?? []).flatMap((f) => f.evidence);
        return c.sources.map((s) => ({ kind: 'iac-source', detail: `${s.address} (technical asset ${assetId})`, location: s.location }));
      }),
    ),
  );
  const evidenceOfBoundary = perKey((id) => firstEvidence(boundaries.get(id)?.evidence ?? []));
  const evidenceOfRuntime = perKey((id) => firstEvidence((index.sharedRuntime(id)?.technicalAssetsRunning ?? []).flatMap((a) => sourcesOf(a))));
  // Risks of different rules often point at the same elements (~5 risks per asset at 1,000
  // services): their evidence is collected, deduplicated and sorted once per element tuple.
  const byTarget = new Map<string, readonly Evidence[]>();
  const evidenceOf = (risk: Risk): readonly Evidence[] => {
    const key = `${risk.mostRelevantTechnicalAsset ?? ''}\u0000${risk.mostRelevantCommunicationLink ?? ''}\u0000${risk.mostRelevantTrustBoundary ?? ''}\u0000${risk.mostRelevantSharedRuntime ?? ''}`;
    let evidence = byTarget.get(key);
    if (!evidence) byTarget.set(key, (evidence = collect(risk)));
    return evidence;
  };
  const collect = (risk: Risk): readonly Evidence[] => {
    const found: Evidence[] = [];
    if (risk.mostRelevantTechnicalAsset) found.push(...sourcesOf(risk.mostRelevantTechnicalAsset));
    const link = risk.mostRelevantCommunicationLink ? index.link(risk.mostRelevantCommunicationLink) : undefined;
    if (link) {
      for (const s of componentsOf(link.sourceId)) for (const t of componentsOf(link.targetId)) for (const f of flowsByPair.get(`${s}\u0000${t}`) ?? []) found.push(...f.evidence);
    }
    if (risk.mostRelevantTrustBoundary) found.push(...evidenceOfBoundary(risk.mostRelevantTrustBoundary));
    if (risk.mostRelevantSharedRuntime) found.push(...evidenceOfRuntime(risk.mostRelevantSharedRuntime));
    return firstEvidence(found);
  };

  for (const risk of risks) {
    if (risk.evidence?.length) continue;
    const evidence = evidenceOf(risk);
    // Each risk gets its own array: later steps (suppressions, reports) must not see a shared one.
    if (evidence.length) risk.evidence = [...evidence];
  }
}
