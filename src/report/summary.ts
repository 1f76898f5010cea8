/** The human summary of a graph: what `scan` prints before (and above) the threats. */
import type { ArchitectureGraph } from '../graph/types.js';
import { formatLocation } from '../diagnostics.js';

export function graphSummary(graph: ArchitectureGraph): string {
  const out: string[] = [];
  const { components, flows, boundaries, dataAssets, coverage } = graph;
  const exposed = components.filter((c) => c.internet && c.id !== 'internet');
  out.push(
    `Architecture: ${components.length} components, ${flows.length} flows, ${boundaries.length} trust boundaries, ${dataAssets.length} data assets`,
  );
  out.push('');
  out.push('Components');
  for (const c of components) {
    const where = c.sources[0] ? formatLocation(c.sources[0].location) : '';
    const flags = [c.type, c.technology, c.internet && c.id !== 'internet' ? 'internet-facing' : ''].filter(Boolean).join(', ');
    out.push(`  ${c.id.padEnd(28)} ${flags.padEnd(44)} ${where}`);
  }
  if (flows.length) {
    out.push('');
    out.push('Flows (caller → callee)');
    for (const f of flows) {
      const proto = `${f.protocol}${f.port !== undefined ? `:${f.port}` : ''}`;
      out.push(`  ${`${f.source} → ${f.target}`.padEnd(48)} ${proto.padEnd(22)} ${f.confidence.padEnd(10)} ${f.evidence[0] ? formatLocation(f.evidence[0].location) : ''}`);
    }
  }
  if (boundaries.length) {
    out.push('');
    out.push('Trust boundaries');
    for (const b of boundaries) out.push(`  ${b.id.padEnd(28)} ${b.type.padEnd(36)} ${b.parent ? `in ${b.parent}; ` : ''}${b.members.join(', ')}`);
  }
  if (exposed.length) {
    out.push('');
    out.push(`Internet-facing: ${exposed.map((c) => c.id).join(', ')}`);
  }
  out.push('');
  const count = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
  out.push(
    `Coverage: ${count(coverage.mapped)} resources mapped, ${count(coverage.folded)} folded, ${coverage.unmapped.length} unmapped, ${coverage.unresolved.length} unresolved references; ${coverage.files.scanned} files scanned (${Object.entries(coverage.files.byAdapter).map(([k, v]) => `${k} ${v}`).join(', ') || 'none claimed'}), ${coverage.files.unclaimed.length} unclaimed`,
  );
  if (coverage.unmapped.length) {
    const byType = new Map<string, number>();
    for (const u of coverage.unmapped) byType.set(u.type, (byType.get(u.type) ?? 0) + 1);
    out.push(`  unmapped types: ${[...byType].map(([t, n]) => `${t} ×${n}`).join(', ')}`);
  }
  const errors = graph.diagnostics.filter((d) => d.severity === 'error').length;
  if (graph.diagnostics.length) out.push(`Diagnostics: ${errors} errors, ${graph.diagnostics.length - errors} warnings/notes (printed on stderr)`);
  return out.join('\n') + '\n';
}
