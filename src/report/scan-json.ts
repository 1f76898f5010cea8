/**
 * The JSON report of `infragile scan`. `risks` uses Threagile 0.9.1's risks.json field names (so the
 * usual jq gates run on `.risks`), plus `evidence` (file:line per hop) and `mitigation`; suppressed
 * risks are listed apart with their reason; then the graph summary, coverage and the gate verdict.
 * `risksJsonArray` is exactly Threagile's risks.json (for `--risks-json`): suppressed risks are in
 * it as `accepted`, so a jq gate and `--fail-on` agree and nothing is silently dropped.
 */
import type { GateResult, ScanAnalysis } from '../analyze/scan.js';
import type { Risk } from '../analyze/types.js';
import type { ArchitectureGraph, Evidence } from '../graph/types.js';
import { riskToThreagileJson, risksJson } from './threagile-json.js';
import { severityCounts } from './scan-text.js';

export interface ScanJsonInput {
  analysis: ScanAnalysis;
  graph: ArchitectureGraph;
  gate: GateResult;
  modelFile?: string;
}

function evidenceJson(list: readonly Evidence[] | undefined): Array<Record<string, unknown>> {
  return (list ?? []).map((e) => ({ kind: e.kind, detail: e.detail, file: e.location.file, line: e.location.line, ...(e.location.template ? { template: e.location.template } : {}) }));
}

function riskJson(r: Risk, analysis: ScanAnalysis): Record<string, unknown> {
  const category = analysis.categories.get(r.category);
  return { ...riskToThreagileJson(r), evidence: evidenceJson(r.evidence), ...(category ? { mitigation: category.mitigation } : {}) };
}

export function renderScanJson({ analysis, graph, gate, modelFile }: ScanJsonInput): string {
  const count = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  const c = graph.coverage;
  const doc = {
    model: { kind: analysis.modelKind, ...(modelFile ? { file: modelFile } : {}) },
    risks: analysis.risks.map((r) => riskJson(r, analysis)),
    suppressed: analysis.suppressed.map((s) => ({ ...riskJson(s.risk, analysis), suppression: { reason: s.reason, file: s.location.file, line: s.location.line, resource: s.resource } })),
    counts: { total: analysis.risks.length, bySeverity: severityCounts(analysis.risks), suppressed: analysis.suppressed.length, tracked: analysis.risks.filter((r) => r.riskStatus !== 'unchecked').length },
    gate: { ...(gate.threshold ? { failOn: gate.threshold } : {}), warnOnly: gate.warnOnly, blocking: gate.blocking.map((r) => r.syntheticId), failed: gate.failed },
    summary: {
      components: graph.components.length,
      flows: graph.flows.length,
      trustBoundaries: graph.boundaries.length,
      dataAssets: graph.dataAssets.length,
      internetFacing: graph.components.filter((x) => x.internet && x.id !== 'internet').map((x) => x.id),
    },
    coverage: {
      mapped: count(c.mapped),
      folded: count(c.folded),
      unmapped: c.unmapped.map((u) => ({ type: u.type, address: u.address, file: u.location.file, line: u.location.line })),
      unresolved: c.unresolved.map((u) => ({ reference: u.reference, reason: u.reason, file: u.location.file, line: u.location.line })),
      files: c.files,
    },
    diagnostics: graph.diagnostics.length,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

/** Threagile's risks.json array: the open risks plus the suppressed ones as `accepted`. */
export function risksJsonArray(analysis: ScanAnalysis): string {
  const suppressed = analysis.suppressed.map((s) => ({ ...s.risk, riskStatus: 'accepted' as const }));
  return risksJson([...analysis.risks, ...suppressed]);
}
