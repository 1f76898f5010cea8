/** `drift --format json`: the report as is, versioned. Stable key order, no secret values (drift never carries any). */
import type { DriftReport } from '../reconcile/report.js';

export function renderDriftJson(report: DriftReport): string {
  return JSON.stringify({ version: 1, ...report }, null, 2) + '\n';
}
