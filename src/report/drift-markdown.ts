/**
 * `drift --format markdown`: the pull-request comment. Verdict first, then counts, then one table per
 * drift kind with links to the file lines, a Mermaid diagram of the changed neighbourhood, long
 * sections in <details>, and a hidden marker for sticky-comment workflows. Always under GitHub's
 * 65,536-character limit: it drops the collapsed details first, then shortens tables ("N more").
 */
import type { Location } from '../graph/types.js';
import type { DriftReport } from '../reconcile/report.js';
import { KIND_TITLES, KINDS, plural, severityList, where } from './drift-common.js';
import { renderMermaid } from './drift-mermaid.js';

export const STICKY_MARKER = '<!-- infragile:drift -->';
/** GitHub rejects comments over 65,536 characters; stay clear of it. */
export const MAX_COMMENT_CHARS = 60_000;

export interface MarkdownOptions {
  /** Blob URL prefix, e.g. `https://github.com/org/repo/blob/<sha>`; file:line become links. */
  linkBase?: string;
  maxChars?: number;
}

interface Level {
  details: boolean;
  maxRows: number;
  maxEvidence: number;
  diagram: boolean;
}

const LEVELS: Level[] = [
  { details: true, maxRows: Infinity, maxEvidence: 3, diagram: true },
  { details: false, maxRows: Infinity, maxEvidence: 3, diagram: true },
  { details: false, maxRows: 100, maxEvidence: 2, diagram: true },
  { details: false, maxRows: 50, maxEvidence: 2, diagram: true },
  { details: false, maxRows: 20, maxEvidence: 1, diagram: true },
  { details: false, maxRows: 5, maxEvidence: 1, diagram: false },
  { details: false, maxRows: 0, maxEvidence: 0, diagram: false },
];

export function renderDriftMarkdown(report: DriftReport, options: MarkdownOptions = {}): string {
  const max = options.maxChars ?? MAX_COMMENT_CHARS;
  for (const level of LEVELS) {
    const text = render(report, options, level);
    if (text.length <= max) return text;
  }
  // Even the shortest form is too long (enormous messages): cut, keeping the marker and the verdict.
  const text = render(report, options, LEVELS[LEVELS.length - 1]!);
  const note = '\n\n_… report truncated to fit a GitHub comment; run `infragile drift` locally for the full report._\n';
  return text.slice(0, max - note.length) + note;
}

function render(report: DriftReport, options: MarkdownOptions, level: Level): string {
  const out: string[] = [STICKY_MARKER];
  const link = (l: Location | undefined) => linkTo(l, options.linkBase);
  const c = report.counts;
  const total = report.drift.length;
  const actionable = total - c.bySeverity.info;
  const icon = c.bySeverity.high > 0 ? '🔴' : c.bySeverity.medium > 0 ? '🟠' : actionable > 0 ? '🟡' : '🟢';
  let verdict =
    actionable === 0
      ? `${icon} **No drift**: the infra matches \`${report.model}\`${c.bySeverity.info ? ` (${plural(c.bySeverity.info, 'link')} not visible in the infra)` : ''}.`
      : `${icon} **${plural(actionable, 'drift')}** (${severityList({ ...c.bySeverity, info: 0 })}): the infra no longer matches \`${report.model}\`.`;
  if (report.base) {
    const d = report.base.drift;
    verdict += ` This change introduces ${plural(d.introduced.length, 'drift')} and resolves ${d.resolved.length}.`;
  }
  out.push(`### infragile drift`, '', verdict, '');
  out.push(
    `| infra components | flows | trust boundaries | model assets bound | unmapped resources | unresolved refs |`,
    `|---:|---:|---:|---:|---:|---:|`,
    `| ${c.components} | ${c.flows} | ${c.boundaries} | ${c.bound}/${c.modelAssets} | ${c.unmapped} | ${c.unresolved} |`,
    '',
  );

  if (report.base) {
    const b = report.base;
    const g = b.graph;
    out.push(`#### What this change does (against \`${esc(b.ref)}\` ${b.commit.slice(0, 12)})`, '');
    const rows: string[][] = [];
    for (const x of g.components.added) rows.push(['➕ component', code(x.id), `${x.type}/${x.technology}${x.internet ? ', internet-facing' : ''}`, link(x.sources[0]?.location)]);
    for (const x of g.components.removed) rows.push(['➖ component', code(x.id), `${x.type}/${x.technology}`, '']);
    for (const x of g.components.changed) rows.push(['✏️ component', code(x.id), x.fields.map((f) => `${f.field}: ${f.from} → ${f.to}`).join('; '), link(x.after.sources[0]?.location)]);
    for (const id of g.exposure.added) rows.push(['🌐 exposed', code(id), 'now reachable from the internet', '']);
    for (const id of g.exposure.removed) rows.push(['🔒 unexposed', code(id), 'no longer reachable from the internet', '']);
    for (const x of g.flows.added) rows.push(['➕ flow', code(`${x.source} → ${x.target}`), `${x.protocol}${x.port ? ':' + x.port : ''} (${x.confidence})`, link(x.evidence[0]?.location)]);
    for (const x of g.flows.removed) rows.push(['➖ flow', code(`${x.source} → ${x.target}`), x.protocol, '']);
    for (const x of g.flows.changed) rows.push(['✏️ flow', code(`${x.after.source} → ${x.after.target}`), x.fields.map((f) => `${f.field}: ${f.from} → ${f.to}`).join('; '), link(x.after.evidence[0]?.location)]);
    for (const x of g.boundaries.added) rows.push(['➕ boundary', code(x.id), x.type, link(x.evidence[0]?.location)]);
    for (const x of g.boundaries.removed) rows.push(['➖ boundary', code(x.id), x.type, '']);
    for (const x of g.boundaries.changed) rows.push(['✏️ boundary', code(x.id), x.fields.map((f) => `${f.field}: ${[f.from, f.to].filter(Boolean).join(' → ')}`).join('; '), '']);
    if (rows.length === 0) out.push('No architectural change.', '');
    else out.push(...table(['change', 'element', 'what', 'where'], rows, level.maxRows), '');
    if (b.risks) {
      out.push(`**Risks**: ${plural(b.risks.added.length, 'new risk')}, ${b.risks.removed.length} resolved.`, '');
      const rr = [
        ...b.risks.added.map((r) => ['➕', r.severity, code(r.syntheticId), esc(r.title)]),
        ...b.risks.removed.map((r) => ['➖', r.severity, code(r.syntheticId), esc(r.title)]),
      ];
      if (rr.length) out.push(...table(['', 'severity', 'risk', 'title'], rr, level.maxRows), '');
    }
    if (b.drift.resolved.length) {
      out.push(`**Resolved drift**: ${b.drift.resolved.map((d) => code(d.fingerprint)).slice(0, Math.max(level.maxRows, 1)).join(', ')}${b.drift.resolved.length > level.maxRows ? ` … ${b.drift.resolved.length - level.maxRows} more` : ''}`, '');
    }
  }

  if (level.diagram && report.diagram && report.diagram.nodes.length > 0) {
    out.push('```mermaid', renderMermaid(report.diagram), '```');
    out.push(`<sub>green: added · red dashed: removed · yellow: changed · blue: drift · thick orange border: internet-facing${report.diagram.omitted ? ` · ${report.diagram.omitted} more elements not drawn` : ''}</sub>`, '');
  }

  const introduced = new Set(report.base?.drift.introduced.map((d) => d.fingerprint) ?? []);
  for (const kind of KINDS) {
    const items = report.drift.filter((d) => d.kind === kind);
    if (items.length === 0) continue;
    const rows = items.map((d) => [
      `${d.severity}${introduced.has(d.fingerprint) ? ' 🆕' : ''}`,
      esc(d.message),
      link(d.modelLocation),
      d.evidence.slice(0, level.maxEvidence).map((e) => link(e.location)).join('<br>') + (d.evidence.length > level.maxEvidence && level.maxEvidence > 0 ? `<br>+${d.evidence.length - level.maxEvidence}` : ''),
    ]);
    const body = [`**${KIND_TITLES[kind]}** (${items.length})`, '', ...table(['severity', 'drift', 'model', 'infra'], rows, level.maxRows), ''];
    if (kind === 'unverified-flow') {
      if (level.details) out.push('<details><summary>' + `${KIND_TITLES[kind]} (${items.length}, info): model links with no infra evidence` + '</summary>', '', ...body.slice(2), '</details>', '');
      else out.push(`**${KIND_TITLES[kind]}**: ${items.length} (info; details left out for size)`, '');
    } else out.push(...body);
  }

  const fixes = report.drift.filter((d) => d.suggestion);
  if (level.details && (report.candidates.length || fixes.length)) {
    out.push('<details><summary>Suggested fixes and binding candidates</summary>', '');
    for (const cnd of report.candidates) out.push(`- ${code(cnd.component)} could be ${cnd.assets.map(code).join(' or ')} (${esc(cnd.reason)}):`, '  ```yaml', `  ${cnd.suggestion}`, '  ```');
    for (const d of fixes) out.push(`- ${code(d.fingerprint)}: ${esc(d.suggestion!)}`);
    out.push('', '</details>', '');
  }
  if (level.details && report.bindings.length) {
    const rows = report.bindings.map((b) => [code(b.asset), code(b.component), b.method, esc(b.matched)]);
    out.push('<details><summary>How infra was bound to the model (' + report.bindings.length + ')</summary>', '', ...table(['model asset', 'infra component', 'method', 'matched'], rows, 500), '', '</details>', '');
  }
  if (level.details && report.ignored.length) {
    out.push('<details><summary>Not compared: platform tooling (' + report.ignored.length + ')</summary>', '');
    for (const i of report.ignored) out.push(`- ${code(i.component)}: ${esc(i.reason)}`);
    out.push('', '</details>', '');
  }
  out.push('<sub>`infragile sync` applies the structural drift to the model; bind assets with `iac:` tags to make matching explicit.</sub>');
  return out.join('\n') + '\n';
}

function table(head: string[], rows: string[][], maxRows: number): string[] {
  if (maxRows <= 0) return [`_${plural(rows.length, 'row')} left out to fit the comment size limit._`];
  const shown = rows.slice(0, maxRows);
  const out = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...shown.map((r) => `| ${r.join(' | ')} |`)];
  if (rows.length > shown.length) out.push(`| … | ${rows.length - shown.length} more |${' |'.repeat(Math.max(0, head.length - 2))}`);
  return out;
}

function linkTo(l: Location | undefined, base: string | undefined): string {
  if (!l || !l.file) return '';
  const text = code(where(l));
  if (!base) return text;
  const path = l.file.split('/').map(encodeURIComponent).join('/');
  return `[${text}](${base.replace(/\/+$/, '')}/${path}#L${l.line})`;
}

function code(s: string): string {
  return '`' + s.replace(/`/g, "'").replace(/\|/g, '\\|') + '`';
}

/** Table-safe text: pipes escaped, no line breaks, no raw HTML. */
function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

