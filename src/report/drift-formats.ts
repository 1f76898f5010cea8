/**
 * Report renderers for `infragile drift --format`. One entry per format; each imports its renderer
 * only when that format is asked for (the HTML report lays out its diagram with Graphviz's WASM).
 * Adding a format touches this table and the renderer's own module only.
 */
import type { DriftRun } from '../reconcile/run.js';
import { reportTitle } from './title.js';

export interface DriftReportInput {
  run: DriftRun;
  /** What was scanned, as the user wrote it: the report's title. */
  paths: readonly string[];
  kubeContext?: string;
  rootDir: string;
  /** The model's path relative to the scan root (forward slashes), for SARIF locations. */
  modelFile: string;
  /** Blob URL prefix for file links in markdown. */
  linkBase?: string;
  toolVersion: string;
}

export const driftFormats = {
  text: async ({ run }: DriftReportInput) => (await import('./drift-text.js')).renderDriftText(run.report),
  json: async ({ run }: DriftReportInput) => (await import('./drift-json.js')).renderDriftJson(run.report),
  markdown: async ({ run, linkBase }: DriftReportInput) => (await import('./drift-markdown.js')).renderDriftMarkdown(run.report, linkBase ? { linkBase } : {}),
  html: async ({ run, paths, kubeContext }: DriftReportInput) => (await import('./html/inputs.js')).renderDriftHtml(run, reportTitle(paths, kubeContext)),
  sarif: async ({ run, rootDir, modelFile, toolVersion }: DriftReportInput) =>
    (await import('./sarif.js')).renderDriftSarif({ drift: run.report.drift, graph: run.scan.graph, rootDir, toolVersion, model: { model: run.model, file: modelFile } }),
} satisfies Record<string, (input: DriftReportInput) => Promise<string>>;

export type DriftFormat = keyof typeof driftFormats;
export const DRIFT_FORMATS = Object.keys(driftFormats) as DriftFormat[];
