/**
 * The report's sections as HTML strings: summary cards, diagram, risks (with filters), drift,
 * components, flows, boundaries, data assets, coverage. Every interpolated value goes through
 * `esc`; every element with an origin shows its file:line.
 */
import { compareStrings } from '../../graph/ids.js';
import type { ArchitectureGraph, Attributes, Evidence, Location, SourceRef } from '../../graph/types.js';
import { RISK_SEVERITIES, RISK_STATUSES, STRIDES } from '../../model/enums.js';
import { DRIFT_SEVERITIES, type Drift } from '../../reconcile/types.js';
import type { Diagram } from './diagram.js';
import { cls, esc, tokens } from './escape.js';
import { type HtmlDrift, type HtmlReportInput, type ReportView, type RiskRow } from './view.js';

/** Evidence lists longer than this are collapsed behind a <details>. */
const EVIDENCE_INLINE = 4;

export function loc(l: Location): string {
  const t = l.template ? ` (template ${l.template})` : '';
  return `<span class="loc">${esc(`${l.file}:${l.line}`)}</span>${t ? `<span class="muted">${esc(t)}</span>` : ''}`;
}

function evidenceList(list: readonly Evidence[]): string {
  if (list.length === 0) return '<span class="muted">(no IaC location)</span>';
  const item = (e: Evidence) => `<li>${loc(e.location)} ${esc(e.detail)}</li>`;
  const head = list.slice(0, EVIDENCE_INLINE).map(item).join('');
  const rest = list.slice(EVIDENCE_INLINE);
  if (rest.length === 0) return `<ul class="ev">${head}</ul>`;
  return `<ul class="ev">${head}</ul><details><summary>${rest.length} more</summary><ul class="ev">${rest.map(item).join('')}</ul></details>`;
}

function sourceList(list: readonly SourceRef[]): string {
  return `<ul class="ev">${list.map((s) => `<li><code>${esc(s.address)}</code> ${loc(s.location)}</li>`).join('')}</ul>`;
}

function compLink(id: string): string {
  return `<a class="comp-link" href="#c-${esc(id)}" data-select="${esc(id)}">${esc(id)}</a>`;
}

function sevBadge(sev: string): string {
  return `<span class="sev sev-${cls(sev)}">${esc(sev)}</span>`;
}

function count(r: Record<string, number>): number {
  return Object.values(r).reduce((a, b) => a + b, 0);
}

export function summarySection(input: HtmlReportInput, view: ReportView): string {
  const { graph } = input;
  const cards: Array<[string | number, string]> = [];
  if (input.analysis) {
    const open = view.rows.filter((r) => r.status !== 'mitigated' && r.status !== 'false-positive');
    cards.push([view.rows.length, 'risks']);
    for (const sev of [...RISK_SEVERITIES].reverse()) {
      const n = open.filter((r) => r.risk.severity === sev).length;
      if (n) cards.push([n, `open ${sev}`]);
    }
  }
  if (input.drift) cards.push([input.drift.drift.length, 'drift findings']);
  // Infra that is reachable from the internet; external entities (the internet, a SaaS API) are outside by definition.
  const exposed = graph.components.filter((c) => c.internet && c.type !== 'external-entity').length;
  cards.push([graph.components.length, 'components'], [graph.flows.length, 'flows'], [graph.boundaries.length, 'trust boundaries'], [graph.dataAssets.length, 'data assets'], [exposed, 'internet-facing']);
  cards.push([graph.coverage.unmapped.length, 'unmapped resources'], [graph.coverage.unresolved.length, 'unresolved references']);
  const model = input.analysis
    ? input.analysis.modelKind === 'effective'
      ? `Risks from the effective model of ${input.drift?.modelFile ?? 'the given model'} (hand-written model over the scanned infrastructure).`
      : 'Risks from the starter model built from the scanned infrastructure (pass --model for the hand-written one).'
    : '';
  return `<section id="summary"><div class="cards">${cards.map(([n, label]) => `<div class="card"><b>${esc(n)}</b><span>${esc(label)}</span></div>`).join('')}</div>${model ? `<p class="muted">${esc(model)}</p>` : ''}${input.gate ? `<p class="gate">${esc(input.gate)}</p>` : ''}</section>`;
}

export function diagramSection(diagram: Diagram): string {
  const legend = `<div class="legend"><span><i class="proc"></i>process</span><span><i class="store"></i>datastore</span><span><i class="ext"></i>external entity</span><span><i class="expo"></i>internet exposure</span><span><i class="riskline"></i>carries a risk (colour = worst severity)</span><span>dashed box: trust boundary · edge style: solid declared, dashed configured, dotted inferred · click a component to see its risks</span></div>`;
  const body = 'svg' in diagram ? `<div class="diagram">${diagram.svg}</div>${diagram.engine === 'sfdp' ? '<p class="muted">Large graph: drawn with the sfdp force-directed layout, which does not draw trust boundaries as boxes.</p>' : ''}${diagram.routingWarnings ? `<p class="muted">Graphviz could not route some edges around the boundaries (${esc(diagram.routingWarnings)} complaints); they may cross boxes.</p>` : ''}` : `<p class="note">No diagram: ${esc(diagram.note)}</p>`;
  return `<section id="diagram"><h2>Data-flow diagram</h2>${legend}${body}</section>`;
}

function checkboxes(group: string, values: readonly string[], present: ReadonlySet<string>): string {
  const boxes = values
    .filter((v) => present.has(v))
    .map((v) => `<label><input type="checkbox" data-filter="${esc(group)}" value="${esc(v)}" checked> ${esc(v)}</label>`)
    .join('');
  return `<fieldset><legend>${esc(group)} <button type="button" data-filter-all="${esc(group)}" data-value="on">all</button> <button type="button" data-filter-all="${esc(group)}" data-value="off">none</button></legend>${boxes}</fieldset>`;
}

function riskRow(row: RiskRow): string {
  const r = row.risk;
  const comps = row.components.length ? row.components.map(compLink).join(', ') : `<span class="muted">${esc(r.mostRelevantTechnicalAsset || '—')}</span>`;
  const link = r.mostRelevantCommunicationLink ? `<div class="muted">link <code>${esc(r.mostRelevantCommunicationLink)}</code></div>` : '';
  const mitigation = row.mitigation ? `<details><summary>mitigation</summary>${esc(row.mitigation)}</details>` : '';
  return (
    `<tr class="risk" data-severity="${esc(r.severity)}" data-stride="${esc(row.stride)}" data-status="${esc(row.status)}" data-components="${tokens(row.components)}" data-flows="${tokens(row.flows)}">` +
    `<td>${sevBadge(r.severity)}</td>` +
    `<td><div>${esc(row.title)}</div><div class="sid">${esc(r.syntheticId)}</div>${mitigation}</td>` +
    `<td>${esc(row.categoryTitle)}<div class="muted">${esc(r.category)}</div></td>` +
    `<td>${esc(row.stride)}</td><td>${esc(row.status)}</td>` +
    `<td>${comps}${link}</td>` +
    `<td>${evidenceList(row.evidence)}</td></tr>`
  );
}

export function risksSection(input: HtmlReportInput, view: ReportView): string {
  if (!input.analysis) return '';
  const rows = view.rows;
  const present = (f: (r: RiskRow) => string) => new Set(rows.map(f));
  const filters = rows.length
    ? `<div class="filters">${checkboxes('severity', [...RISK_SEVERITIES].reverse(), present((r) => r.risk.severity))}${checkboxes('stride', [...STRIDES, 'unknown'], present((r) => r.stride))}${checkboxes('status', RISK_STATUSES, present((r) => r.status))}<fieldset><legend>text</legend><input type="search" id="risk-search" placeholder="filter by text, id, file…" aria-label="filter risks by text"></fieldset></div>`
    : '';
  const suppressed = input.analysis.suppressed ? `<p class="muted">${esc(input.analysis.suppressed)} risks suppressed inline (infragile:ignore) are not listed.</p>` : '';
  const selection = `<div class="selection" id="selection" hidden>Showing the risks of component <b id="selection-name"></b> <button type="button" id="selection-clear">show all</button></div>`;
  const table = rows.length
    ? `<table id="risk-table"><thead><tr><th>Severity</th><th>Risk</th><th>Category</th><th>STRIDE</th><th>Status</th><th>Component</th><th>Evidence (file:line)</th></tr></thead><tbody>${rows.map(riskRow).join('')}</tbody></table>`
    : '<p>No risks found.</p>';
  return `<section id="risks"><h2>Risks <span class="count">(${rows.length})</span></h2>${filters}${selection}<div id="risk-count"></div>${table}${suppressed}</section>`;
}

export function driftSection(drift: HtmlDrift | undefined): string {
  if (!drift) return '';
  const list = [...drift.drift].sort(
    (a, b) => DRIFT_SEVERITIES.indexOf(b.severity) - DRIFT_SEVERITIES.indexOf(a.severity) || compareStrings(a.kind, b.kind) || compareStrings(a.fingerprint, b.fingerprint),
  );
  const row = (d: Drift) =>
    `<tr class="drift" data-severity="${esc(d.severity)}" data-kind="${esc(d.kind)}"><td>${sevBadge(d.severity)}</td><td><code>${esc(d.kind)}</code></td>` +
    `<td>${esc(d.message)}${d.expected !== undefined || d.actual !== undefined ? `<div class="muted">model: ${esc(d.expected ?? '—')} · infra: ${esc(d.actual ?? '—')}</div>` : ''}${d.suggestion ? `<div class="muted">fix: <code>${esc(d.suggestion)}</code></div>` : ''}</td>` +
    `<td>${d.components.map(compLink).join(', ') || '<span class="muted">—</span>'}</td>` +
    `<td>${d.modelLocation ? loc(d.modelLocation) : '<span class="muted">—</span>'}</td><td>${evidenceList(d.evidence)}</td></tr>`;
  const bindings = drift.bindings?.length
    ? `<details><summary>${drift.bindings.length} bindings (component → model asset)</summary><table><thead><tr><th>Component</th><th>Asset</th><th>How</th><th>Where</th></tr></thead><tbody>${[...drift.bindings]
        .sort((a, b) => compareStrings(a.component, b.component))
        .map((b) => `<tr><td>${compLink(b.component)}</td><td><code>${esc(b.asset)}</code></td><td>${esc(b.method)}: ${esc(b.matched)}</td><td>${b.location ? loc(b.location) : ''}</td></tr>`)
        .join('')}</tbody></table></details>`
    : '';
  const table = list.length
    ? `<table id="drift-table"><thead><tr><th>Severity</th><th>Kind</th><th>Finding</th><th>Components</th><th>Model</th><th>Infra evidence</th></tr></thead><tbody>${list.map(row).join('')}</tbody></table>`
    : `<p>No drift: ${esc(drift.modelFile)} matches the infrastructure.</p>`;
  return `<section id="drift"><h2>Drift against ${esc(drift.modelFile)} <span class="count">(${list.length})</span></h2>${table}${bindings}</section>`;
}

function attributes(a: Attributes): string {
  const keys = Object.keys(a).sort(compareStrings);
  if (keys.length === 0) return '';
  const value = (v: Attributes[string]) => (Array.isArray(v) ? v.join(', ') : v === null ? 'null' : String(v));
  return `<details><summary>${keys.length} attributes</summary><ul class="ev">${keys.map((k) => `<li><code>${esc(k)}</code> = ${esc(value(a[k]!))}</li>`).join('')}</ul></details>`;
}

export function componentsSection(graph: ArchitectureGraph, view: ReportView): string {
  const boundaryOf = new Map<string, string>();
  for (const b of graph.boundaries) for (const m of b.members) boundaryOf.set(m, b.id);
  const riskCount = new Map<string, number>();
  for (const r of view.rows) for (const c of r.components) riskCount.set(c, (riskCount.get(c) ?? 0) + 1);
  const rows = [...graph.components]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map((c) => {
      const sev = view.componentSeverity.get(c.id);
      const tags = [`<span class="tag">${esc(c.type)}</span>`, `<span class="tag">${esc(c.technology)}</span>`, `<span class="tag">${esc(c.machine)}</span>`];
      if (c.internet) tags.push('<span class="tag internet">internet</span>');
      if (c.multiplicity !== undefined) tags.push(`<span class="tag">×${esc(c.multiplicity)}</span>`);
      return (
        `<tr id="c-${esc(c.id)}" data-component="${esc(c.id)}"><td>${compLink(c.id)}<div class="muted">${esc(c.title)}</div></td><td>${tags.join('')}</td>` +
        `<td>${boundaryOf.has(c.id) ? `<code>${esc(boundaryOf.get(c.id)!)}</code>` : '<span class="muted">—</span>'}</td>` +
        `<td>${riskCount.get(c.id) ?? 0}${sev ? ` ${sevBadge(sev)}` : ''}</td>` +
        `<td>${sourceList(c.sources)}${attributes(c.attributes)}${c.evidence.length ? `<details><summary>${c.evidence.length} evidence</summary>${evidenceList(c.evidence)}</details>` : ''}</td></tr>`
      );
    });
  return `<section id="components"><h2>Components <span class="count">(${rows.length})</span></h2><table><thead><tr><th>Component</th><th>Type</th><th>Boundary</th><th>Risks</th><th>Sources (file:line)</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function flowsSection(graph: ArchitectureGraph, view: ReportView): string {
  const rows = [...graph.flows]
    .sort((a, b) => compareStrings(a.source, b.source) || compareStrings(a.target, b.target))
    .map((f) => {
      const sev = view.flowSeverity.get(f.id);
      const flags = [view.exposedFlows.has(f.id) ? '<span class="tag internet">from internet</span>' : '', f.encrypted ? '<span class="tag">encrypted</span>' : '', sev ? sevBadge(sev) : ''].join('');
      return `<tr data-flow="${esc(f.id)}"><td>${compLink(f.source)} → ${compLink(f.target)}</td><td><code>${esc(f.protocol)}${f.port !== undefined ? esc(`:${f.port}`) : ''}</code> ${flags}</td><td>${esc(f.authentication)}</td><td>${esc(f.confidence)}</td><td>${evidenceList(f.evidence)}</td></tr>`;
    });
  if (rows.length === 0) return '';
  return `<section id="flows"><h2>Data flows <span class="count">(${rows.length})</span></h2><table><thead><tr><th>Caller → callee</th><th>Protocol</th><th>Authentication</th><th>Confidence</th><th>Evidence (file:line)</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function boundariesSection(graph: ArchitectureGraph): string {
  if (graph.boundaries.length === 0) return '';
  const rows = [...graph.boundaries]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map(
      (b) =>
        `<tr><td><code>${esc(b.id)}</code><div class="muted">${esc(b.title)}</div></td><td>${esc(b.type)}</td><td>${b.parent ? `<code>${esc(b.parent)}</code>` : '—'}</td><td>${[...b.members].sort(compareStrings).map(compLink).join(', ')}</td><td>${b.attributes ? attributes(b.attributes) : ''}${evidenceList(b.evidence)}</td></tr>`,
    );
  return `<section id="boundaries"><h2>Trust boundaries <span class="count">(${rows.length})</span></h2><table><thead><tr><th>Boundary</th><th>Type</th><th>Inside</th><th>Members</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function dataAssetsSection(graph: ArchitectureGraph): string {
  if (graph.dataAssets.length === 0) return '';
  const rows = [...graph.dataAssets]
    .sort((a, b) => compareStrings(a.id, b.id))
    .map(
      (d) =>
        `<tr><td><code>${esc(d.id)}</code><div class="muted">${esc(d.title)}</div></td><td>${esc(d.kind)}</td><td>${d.storedBy.map(compLink).join(', ') || '—'}</td><td>${d.processedBy.map(compLink).join(', ') || '—'}</td><td>${evidenceList(d.evidence)}</td></tr>`,
    );
  return `<section id="data-assets"><h2>Data assets <span class="count">(${rows.length})</span></h2><p class="muted">Names only: infragile never reads or prints secret values.</p><table><thead><tr><th>Data asset</th><th>Kind</th><th>Stored by</th><th>Processed by</th><th>Evidence</th></tr></thead><tbody>${rows.join('')}</tbody></table></section>`;
}

export function coverageSection(graph: ArchitectureGraph): string {
  const c = graph.coverage;
  const byType = (r: Record<string, number>) =>
    Object.entries(r)
      .sort((a, b) => compareStrings(a[0], b[0]))
      .map(([t, n]) => `<span class="tag">${esc(t)} ×${esc(n)}</span>`)
      .join('') || '<span class="muted">none</span>';
  const adapters = Object.entries(c.files.byAdapter)
    .sort((a, b) => compareStrings(a[0], b[0]))
    .map(([a, n]) => `${esc(a)} ${esc(n)}`)
    .join(', ');
  const parts: string[] = [];
  parts.push(`<p>${esc(c.files.scanned)} files scanned (${adapters || 'none claimed'}), ${esc(c.files.unclaimed.length)} unclaimed, ${esc(c.files.ignored)} ignored by extension. ${esc(count(c.mapped))} resources mapped to components, ${esc(count(c.folded))} folded into others, ${esc(c.unmapped.length)} unmapped, ${esc(c.unresolved.length)} unresolved references.</p>`);
  parts.push(`<p><b>Mapped:</b> ${byType(c.mapped)}</p><p><b>Folded:</b> ${byType(c.folded)}</p>`);
  if (c.unmapped.length)
    parts.push(`<h3>Unmapped resources</h3><table><thead><tr><th>Type</th><th>Address</th><th>Location</th></tr></thead><tbody>${c.unmapped.map((u) => `<tr><td><code>${esc(u.type)}</code></td><td><code>${esc(u.address)}</code></td><td>${loc(u.location)}</td></tr>`).join('')}</tbody></table>`);
  if (c.unresolved.length)
    parts.push(`<h3>Unresolved references</h3><table><thead><tr><th>Reference</th><th>Why</th><th>Location</th></tr></thead><tbody>${c.unresolved.map((u) => `<tr><td><code>${esc(u.reference)}</code></td><td>${esc(u.reason)}</td><td>${loc(u.location)}</td></tr>`).join('')}</tbody></table>`);
  if (c.files.unclaimed.length) parts.push(`<details><summary>${c.files.unclaimed.length} unclaimed files</summary><ul class="ev">${c.files.unclaimed.map((f) => `<li><code>${esc(f)}</code></li>`).join('')}</ul></details>`);
  if (graph.diagnostics.length) {
    const diags = [...graph.diagnostics].sort((a, b) => compareStrings(a.location.file, b.location.file) || a.location.line - b.location.line || compareStrings(a.message, b.message));
    parts.push(`<h3>Diagnostics</h3><ul class="ev">${diags.map((d) => `<li><span class="sev sev-${d.severity === 'error' ? 'high' : d.severity === 'warning' ? 'elevated' : 'info'}">${esc(d.severity)}</span> ${loc(d.location)} ${esc(d.message)}</li>`).join('')}</ul>`);
  }
  return `<section id="coverage"><h2>Coverage</h2>${parts.join('')}</section>`;
}
