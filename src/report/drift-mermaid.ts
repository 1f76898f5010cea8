/**
 * A Mermaid flowchart of the changed neighbourhood that GitHub renders: node ids restricted to
 * `[A-Za-z0-9_]`, every label quoted (and quotes escaped as `#quot;`), added elements green, removed
 * red and dashed, internet exposure in a thick amber border.
 */
import type { Diagram } from '../reconcile/neighbourhood.js';

export function renderMermaid(d: Diagram): string {
  const ids = new Map<string, string>();
  const used = new Set<string>();
  for (const n of d.nodes) {
    let id = 'n_' + n.id.replace(/[^A-Za-z0-9_]/g, '_');
    for (let i = 2; used.has(id); i++) id = `n_${n.id.replace(/[^A-Za-z0-9_]/g, '_')}_${i}`;
    used.add(id);
    ids.set(n.id, id);
  }
  const lines = ['flowchart LR'];
  for (const n of d.nodes) {
    const id = ids.get(n.id)!;
    const label = quote(n.label);
    lines.push(n.id === 'internet' ? `  ${id}(("${label}"))` : n.datastore ? `  ${id}[("${label}")]` : `  ${id}["${label}"]`);
  }
  const styles: Record<string, number[]> = { added: [], removed: [], drift: [] };
  d.edges.forEach((e, i) => {
    const arrow = e.state === 'removed' ? '-.->' : e.state === 'added' || e.state === 'drift' ? '==>' : '-->';
    lines.push(`  ${ids.get(e.source)} ${arrow}|"${quote(e.label)}"| ${ids.get(e.target)}`);
    if (e.state in styles) styles[e.state]!.push(i);
  });
  lines.push('  classDef added fill:#dafbe1,stroke:#1a7f37,color:#0d1117');
  lines.push('  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 3,color:#0d1117');
  lines.push('  classDef changed fill:#fff8c5,stroke:#9a6700,color:#0d1117');
  lines.push('  classDef drift fill:#ddf4ff,stroke:#0969da,color:#0d1117');
  lines.push('  classDef exposed stroke:#bc4c00,stroke-width:4px');
  for (const s of ['added', 'removed', 'changed', 'drift'] as const) {
    const members = d.nodes.filter((n) => n.state === s).map((n) => ids.get(n.id)!);
    if (members.length) lines.push(`  class ${members.join(',')} ${s}`);
  }
  const exposed = d.nodes.filter((n) => n.exposed).map((n) => ids.get(n.id)!);
  if (exposed.length) lines.push(`  class ${exposed.join(',')} exposed`);
  const colours: Record<string, string> = { added: '#1a7f37', removed: '#cf222e', drift: '#0969da' };
  for (const [s, idx] of Object.entries(styles)) if (idx.length) lines.push(`  linkStyle ${idx.join(',')} stroke:${colours[s]},stroke-width:2px`);
  return lines.join('\n');
}

function quote(s: string): string {
  return s.replace(/"/g, '#quot;').replace(/[\r\n]+/g, ' ').replace(/[<>]/g, (c) => (c === '<' ? '#lt;' : '#gt;'));
}
