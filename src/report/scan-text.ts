/**
 * The text report of `infragile scan`: risks grouped by severity (critical first), each with its
 * title, synthetic id, IaC locations and mitigation; the suppressed risks with their reasons; the
 * graph summary and coverage; and the counts and gate verdict last, where a CI log is read.
 * Presents only: every fact comes from the ScanAnalysis and the gate result.
 */
import type { GateResult, ScanAnalysis } from '../analyze/scan.js';
import { SEVERITY_ORDER } from '../analyze/scan.js';
import type { Risk } from '../analyze/types.js';
import { formatLocation } from '../diagnostics.js';
import type { ArchitectureGraph, Evidence } from '../graph/types.js';
import { graphSummary } from './summary.js';

/** How many locations a risk lists before summarising (explain shows them all). */
const MAX_LOCATIONS = 6;

export function stripTags(title: string): string {
  // IaC rule titles carry no markup (Threagile's do, `<b>…</b>`): skip the six replacements for them.
  if (!title.includes('<') && !title.includes('&')) return title;
  return title
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

export interface ScanTextInput {
  analysis: ScanAnalysis;
  graph: ArchitectureGraph;
  gate: GateResult;
  /** The model the user gave, for the header (omitted: the starter model). */
  modelFile?: string;
}

export function renderScanText({ analysis, graph, gate, modelFile }: ScanTextInput): string {
  const out: string[] = [];
  const severities = [...SEVERITY_ORDER].reverse();
  out.push(`Threats (${analysis.modelKind === 'effective' ? `effective model of ${modelFile ?? 'the given model'}` : 'starter model from the scanned infrastructure'})`);
  if (analysis.risks.length === 0) out.push('  none');
  for (const sev of severities) {
    const list = analysis.risks.filter((r) => r.severity === sev);
    if (list.length === 0) continue;
    out.push('');
    out.push(`${sev.toUpperCase()} (${list.length})`);
    for (const r of list) out.push(...riskBlock(r, analysis));
  }
  if (analysis.suppressed.length) {
    out.push('');
    out.push(`SUPPRESSED inline (${analysis.suppressed.length})`);
    for (const s of analysis.suppressed) {
      out.push(`  ${s.risk.syntheticId} [${s.risk.severity}]`);
      out.push(`    reason: ${s.reason || '(none given)'}  (${formatLocation(s.location)}, infragile:ignore on ${s.resource})`);
    }
  }
  out.push('');
  out.push(graphSummary(graph).trimEnd());
  out.push('');
  out.push(countsLine(analysis));
  out.push(gateLine(gate));
  return out.join('\n') + '\n';
}

function riskBlock(r: Risk, analysis: ScanAnalysis): string[] {
  const lines: string[] = [];
  const status = r.riskStatus === 'unchecked' ? '' : ` [${r.riskStatus}]`;
  lines.push(`  ${stripTags(r.title)}${status}`);
  lines.push(`    id:  ${r.syntheticId}`);
  const ev = uniqueLocations(r.evidence ?? []);
  for (const e of ev.slice(0, MAX_LOCATIONS)) lines.push(`    at:  ${formatLocation(e.location)}  ${e.detail}`);
  if (ev.length > MAX_LOCATIONS) lines.push(`    … and ${ev.length - MAX_LOCATIONS} more locations (infragile explain ${r.syntheticId})`);
  if (ev.length === 0) lines.push('    at:  (model only: no IaC location)');
  const mitigation = analysis.categories.get(r.category)?.mitigation;
  if (mitigation) lines.push(`    fix: ${mitigation}`);
  return lines;
}

/** One line per file:line (the first detail wins): several facts on one line read as one place. */
function uniqueLocations(list: readonly Evidence[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const e of list) {
    const k = formatLocation(e.location);
    if (!seen.has(k)) seen.set(k, e);
  }
  return [...seen.values()];
}

export function severityCounts(risks: readonly Risk[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const s of [...SEVERITY_ORDER].reverse()) counts[s] = risks.filter((r) => r.severity === s).length;
  return counts;
}

function countsLine(analysis: ScanAnalysis): string {
  const counts = severityCounts(analysis.risks);
  const tracked = analysis.risks.filter((r) => r.riskStatus !== 'unchecked').length;
  return `Risks: ${analysis.risks.length} (${Object.entries(counts).map(([s, n]) => `${n} ${s}`).join(', ')}); ${tracked} tracked, ${analysis.risks.length - tracked} unchecked; ${analysis.suppressed.length} suppressed inline`;
}

function gateLine(gate: GateResult): string {
  if (!gate.threshold) return 'Gate: off (use --fail-on <severity> to fail the build)';
  const n = gate.blocking.length;
  const what = `${n} untracked or unmitigated risk${n === 1 ? '' : 's'} at or above ${gate.threshold}`;
  if (gate.warnOnly) return `Gate: --warn-only, ${what} (would ${n ? 'fail' : 'pass'})`;
  return `Gate: ${gate.failed ? 'FAIL' : 'pass'}, ${what}`;
}
