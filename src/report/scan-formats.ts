/**
 * Report renderers for `infragile scan --format`. One entry per format; each imports its renderer
 * only when that format is asked for, because the HTML report (with its Graphviz layout), SARIF and
 * OTM are module loading a text scan in CI must not pay (docs/performance.md). Adding a format
 * touches this table and the renderer's own module only.
 */
import type { GateResult, ScanAnalysis } from '../analyze/scan.js';
import type { Rule } from '../analyze/types.js';
import type { ArchitectureGraph } from '../graph/types.js';
import type { ThreagileModel } from '../model/types.js';
import { reportTitle } from './title.js';

export interface ScanReportInput {
  analysis: ScanAnalysis;
  graph: ArchitectureGraph;
  gate: GateResult;
  /** The model file the user gave (omitted: the starter model). */
  modelFile?: string;
  /** The hand-written model with its root-relative path, for formats that point into it (SARIF). */
  modelRef?: { model: ThreagileModel; file: string };
  /** What was scanned, as the user wrote it: the report's title. */
  paths: readonly string[];
  kubeContext?: string;
  rootDir: string;
  rules: readonly Rule[];
  toolVersion: string;
}

export const scanFormats = {
  text: async (input: ScanReportInput) => (await import('./scan-text.js')).renderScanText(input),
  json: async (input: ScanReportInput) => (await import('./scan-json.js')).renderScanJson(input),
  html: async (input: ScanReportInput) => (await import('./html/inputs.js')).renderScanHtml(input, reportTitle(input.paths, input.kubeContext)),
  sarif: async ({ analysis, graph, rootDir, rules, toolVersion, modelRef }: ScanReportInput) =>
    (await import('./sarif.js')).renderScanSarif({
      rules,
      risks: analysis.risks,
      suppressed: analysis.suppressed,
      categories: analysis.categories,
      graph,
      rootDir,
      toolVersion,
      ...(modelRef ? { model: modelRef } : {}),
    }),
  otm: async ({ analysis, graph, paths, toolVersion }: ScanReportInput) =>
    (await import('./otm.js')).renderOtm({
      graph,
      projectName: analysis.model.title || reportTitle(paths),
      toolVersion,
      risks: analysis.risks,
      categories: analysis.categories,
      model: analysis.model,
      assetComponents: analysis.assetComponents,
    }),
} satisfies Record<string, (input: ScanReportInput) => Promise<string>>;

export type ScanFormat = keyof typeof scanFormats;
export const SCAN_FORMATS = Object.keys(scanFormats) as ScanFormat[];
