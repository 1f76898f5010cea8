/**
 * The HTML report's inputs as the commands have them: a scan (ScanAnalysis + gate) or a drift run.
 * Kept here so the command modules only add one branch each.
 */
import type { GateResult, ScanAnalysis } from '../../analyze/scan.js';
import type { ArchitectureGraph } from '../../graph/types.js';
import type { DriftRun } from '../../reconcile/run.js';
import { renderHtmlReport } from './index.js';

export interface ScanHtmlInput {
  analysis: ScanAnalysis;
  graph: ArchitectureGraph;
  gate: GateResult;
  modelFile?: string;
}

/** `scan --format html`: risks, and with --model the drift the reconciliation found. */
export function renderScanHtml(input: ScanHtmlInput, title: string): Promise<string> {
  const { analysis, graph, gate, modelFile } = input;
  const rec = analysis.reconciliation;
  return renderHtmlReport({
    title,
    graph,
    analysis: {
      risks: analysis.risks,
      categories: analysis.categories,
      assetComponents: analysis.assetComponents,
      model: analysis.model,
      modelKind: analysis.modelKind,
      suppressed: analysis.suppressed.length,
    },
    ...(rec ? { drift: { modelFile: modelFile ?? 'the model', drift: rec.drift, bindings: rec.binding.bindings } } : {}),
    gate: gateSentence(gate),
  });
}

/** `drift --format html`: the diagram, drift and bindings (risks: `scan --model … --format html`). */
export function renderDriftHtml(run: DriftRun, title: string): Promise<string> {
  return renderHtmlReport({
    title,
    graph: run.scan.graph,
    drift: { modelFile: run.report.model, drift: run.report.drift, bindings: run.result.binding.bindings },
  });
}

export function gateSentence(gate: GateResult): string {
  if (!gate.threshold) return 'Gate: off (use --fail-on <severity> to fail the build).';
  const n = gate.blocking.length;
  const what = `${n} untracked or unmitigated risk${n === 1 ? '' : 's'} at or above ${gate.threshold}`;
  if (gate.warnOnly) return `Gate: --warn-only, ${what} (would ${n ? 'fail' : 'pass'}).`;
  return `Gate: ${gate.failed ? 'FAIL' : 'pass'}, ${what}.`;
}
