/**
 * The report's data-flow diagram: the DOT renderer's picture (src/report/graph-dot.ts: boundaries as
 * clusters, processes as rounded boxes, datastores as cylinders, external entities as grey boxes,
 * internet-facing components red) laid out by Graphviz, then tagged for the page: every node and
 * edge gets `data-*` ids (the page script selects components by them) and classes for exposure
 * (flows out of the internet) and risk (the worst open risk on a component or flow), which the
 * page's CSS colours. Graphviz's SVG is already XML-escaped; the ids we add are escaped again.
 */
import type { ArchitectureGraph } from '../../graph/types.js';
import { renderDot } from '../graph-dot.js';
import { chooseLayout, layoutSvg, type LayoutEngine } from '../svg.js';
import { cls, esc } from './escape.js';
import type { ReportView } from './view.js';

/** `routingWarnings`: edges Graphviz could not route around clusters (it draws them anyway). */
export type Diagram = { svg: string; engine: LayoutEngine; routingWarnings: number } | { note: string };

export async function renderDiagram(graph: ArchitectureGraph, view: ReportView): Promise<Diagram> {
  const choice = chooseLayout(graph);
  if (choice.engine === 'none') return { note: choice.reason };
  try {
    const { svg, warnings } = await layoutSvg(renderDot(graph), choice.engine);
    return { svg: tagSvg(svg, graph, view), engine: choice.engine, routingWarnings: warnings.length };
  } catch (e) {
    // A layout failure must not cost the user the rest of the report.
    return { note: `the diagram could not be drawn: ${(e as Error).message}` };
  }
}

const NODE_RE = /<g id="(node\d+)" class="node">\n<title>([^<]*)<\/title>/g;
const EDGE_RE = /<g id="(edge\d+)" class="edge">\n<title>([^<]*)<\/title>/g;

/** Graphviz writes `-` as `&#45;` and `>` as `&gt;` in titles; ids are `[a-z0-9-]`, so this is all we need. */
function unescapeTitle(s: string): string {
  return s.replace(/&#45;/g, '-').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

export function tagSvg(svg: string, graph: ArchitectureGraph, view: ReportView): string {
  const components = new Map(graph.components.map((c) => [c.id, c]));
  const flowsByPair = new Map<string, string[]>();
  for (const f of [...graph.flows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const key = `${f.source}->${f.target}`;
    flowsByPair.set(key, [...(flowsByPair.get(key) ?? []), f.id]);
  }
  let out = svg.replace(NODE_RE, (whole, gid: string, title: string) => {
    const id = unescapeTitle(title);
    const c = components.get(id);
    if (!c) return whole;
    const classes = ['node', 'comp', `type-${cls(c.type)}`];
    // Internet-facing infra is outlined red; external entities (the internet, a SaaS) are outside it by definition.
    if (c.internet && c.type !== 'external-entity') classes.push('exposed');
    const sev = view.componentSeverity.get(id);
    if (sev) classes.push('risky', `risk-${sev}`);
    return `<g id="${gid}" class="${classes.join(' ')}" data-component="${esc(id)}" tabindex="0" role="button" aria-label="${esc(`${c.title} (${c.type}, ${c.technology})`)}">\n<title>${title}</title>`;
  });
  out = out.replace(EDGE_RE, (whole, gid: string, title: string) => {
    const pair = unescapeTitle(title);
    const ids = flowsByPair.get(pair);
    if (!ids) return whole;
    const [source, target] = pair.split('->') as [string, string];
    const classes = ['edge', 'flow'];
    if (ids.some((f) => view.exposedFlows.has(f))) classes.push('exposed');
    let sev: string | undefined;
    for (const f of ids) {
      const s = view.flowSeverity.get(f);
      if (s && (!sev || RANK[s]! > RANK[sev]!)) sev = s;
    }
    if (sev) classes.push('risky', `risk-${sev}`);
    return `<g id="${gid}" class="${classes.join(' ')}" data-source="${esc(source)}" data-target="${esc(target)}">\n<title>${title}</title>`;
  });
  // Natural size kept (CSS caps it at the page width; the viewBox keeps proportions).
  return out.replace(/^<svg /, '<svg class="dfd" role="img" aria-label="data-flow diagram" ');
}

const RANK: Record<string, number> = { low: 0, medium: 1, elevated: 2, high: 3, critical: 4 };
