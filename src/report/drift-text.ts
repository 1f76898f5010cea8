/** `drift --format text`: for a terminal or a CI log. */
import type { DriftReport } from '../reconcile/report.js';
import { KIND_TITLES, KINDS, plural, severityList, where } from './drift-common.js';

export function renderDriftText(report: DriftReport): string {
  const c = report.counts;
  const lines: string[] = [];
  const total = report.drift.length;
  lines.push(
    total === 0
      ? `No drift: the infra matches ${report.model}.`
      : `${plural(total, 'drift')} (${severityList(c.bySeverity)}) between the infra and ${report.model}.`,
  );
  lines.push(
    `Infra: ${plural(c.components, 'component')}, ${plural(c.flows, 'flow')}, ${plural(c.boundaries, 'boundary', 'boundaries')}; model: ${c.bound}/${c.modelAssets} technical assets bound` +
      (c.unmapped || c.unresolved ? `; ${c.unmapped} unmapped resources, ${c.unresolved} unresolved references` : ''),
  );

  if (report.base) {
    const b = report.base;
    const g = b.graph;
    lines.push('', `Change against ${b.ref} (${b.commit.slice(0, 12)}):`);
    lines.push(`  components: +${g.components.added.length} -${g.components.removed.length} ~${g.components.changed.length}`);
    for (const x of g.components.added) lines.push(`    + ${x.id} (${x.type}/${x.technology}) ${where(x.sources[0]?.location)}`);
    for (const x of g.components.removed) lines.push(`    - ${x.id} (${x.type}/${x.technology})`);
    for (const x of g.components.changed) lines.push(`    ~ ${x.id}: ${x.fields.map((f) => `${f.field} ${f.from} → ${f.to}`).join(', ')}`);
    lines.push(`  flows: +${g.flows.added.length} -${g.flows.removed.length} ~${g.flows.changed.length}`);
    for (const x of g.flows.added) lines.push(`    + ${x.source} → ${x.target} ${x.protocol}${x.port ? ':' + x.port : ''} ${where(x.evidence[0]?.location)}`);
    for (const x of g.flows.removed) lines.push(`    - ${x.source} → ${x.target} ${x.protocol}`);
    for (const x of g.flows.changed) lines.push(`    ~ ${x.id}: ${x.fields.map((f) => `${f.field} ${f.from} → ${f.to}`).join(', ')}`);
    if (g.exposure.added.length || g.exposure.removed.length)
      lines.push(`  exposure: now internet-facing: ${g.exposure.added.join(', ') || '-'}; no longer: ${g.exposure.removed.join(', ') || '-'}`);
    lines.push(`  boundaries: +${g.boundaries.added.length} -${g.boundaries.removed.length} ~${g.boundaries.changed.length}`);
    for (const x of g.boundaries.changed) lines.push(`    ~ ${x.id}: ${x.fields.map((f) => `${f.field} ${f.from || ''}${f.from && f.to ? ' → ' : ''}${f.to || ''}`).join(', ')}`);
    lines.push(`  drift introduced: ${b.drift.introduced.length}, resolved: ${b.drift.resolved.length}`);
    for (const d of b.drift.introduced) lines.push(`    + [${d.severity}] ${d.kind}: ${d.message}`);
    for (const d of b.drift.resolved) lines.push(`    - [${d.severity}] ${d.kind}: ${d.message}`);
    if (b.risks) {
      lines.push(`  risks new: ${b.risks.added.length}, resolved: ${b.risks.removed.length}`);
      for (const r of b.risks.added) lines.push(`    + [${r.severity}] ${r.syntheticId}: ${r.title}`);
      for (const r of b.risks.removed) lines.push(`    - [${r.severity}] ${r.syntheticId}`);
    }
  }

  for (const kind of KINDS) {
    const items = report.drift.filter((d) => d.kind === kind);
    if (items.length === 0) continue;
    lines.push('', `${KIND_TITLES[kind]} (${items.length}):`);
    for (const d of items) {
      lines.push(`  [${d.severity}] ${d.message}`);
      if (d.modelLocation) lines.push(`    model: ${where(d.modelLocation)}`);
      for (const e of d.evidence.slice(0, 5)) lines.push(`    infra: ${where(e.location)} ${e.detail}`);
      if (d.evidence.length > 5) lines.push(`    infra: … ${d.evidence.length - 5} more`);
      if (d.suggestion) lines.push(`    fix: ${d.suggestion}`);
    }
  }

  if (report.candidates.length) {
    lines.push('', 'Binding candidates (not guessed; add one of the suggested tags):');
    for (const c of report.candidates) lines.push(`  ${c.component} → ${c.assets.join(' | ')}: ${c.reason}`, `    ${c.suggestion}`);
  }
  if (report.bindings.length) {
    lines.push('', 'Bindings:');
    for (const b of report.bindings) lines.push(`  ${b.asset} ← ${b.component} (${b.method}: ${b.matched})`);
  }
  if (report.ignored.length) {
    lines.push('', 'Not compared (platform tooling):');
    for (const i of report.ignored) lines.push(`  ${i.component}: ${i.reason}`);
  }
  return lines.join('\n') + '\n';
}
