/**
 * DOT → SVG in-process with @hpcc-js/wasm-graphviz (WASM embedded in the JS: no network, no
 * `dot` binary). Imported lazily so commands that never draw do not pay for loading Graphviz.
 *
 * Layout engine by size (measured in docs/html-report.md): `dot` gives the readable layered
 * picture with boundaries as clusters but grows superlinearly; past DOT_LIMIT components `sfdp`
 * (force-directed, ignores clusters) keeps a picture in well under a second; past DRAW_LIMIT the
 * diagram is omitted and the caller says so.
 */
import type { ArchitectureGraph } from '../graph/types.js';
import { renderDot } from './graph-dot.js';

export type LayoutEngine = 'dot' | 'sfdp';

/** Up to this many components + flows, `dot` (clusters, layered). */
export const DOT_LIMIT = 1200;
/** Up to this many components + flows, `sfdp`; beyond, no diagram. */
export const DRAW_LIMIT = 6000;

export type LayoutChoice = { engine: LayoutEngine } | { engine: 'none'; reason: string };

/** Which engine draws a graph of this size, or why none does. */
export function chooseLayout(graph: Pick<ArchitectureGraph, 'components' | 'flows'>): LayoutChoice {
  const size = graph.components.length + graph.flows.length;
  if (size <= DOT_LIMIT) return { engine: 'dot' };
  if (size <= DRAW_LIMIT) return { engine: 'sfdp' };
  return {
    engine: 'none',
    reason: `the graph has ${graph.components.length} components and ${graph.flows.length} flows (more than ${DRAW_LIMIT} elements): too large to draw legibly; use \`infragile graph --format dot\` and a dedicated viewer, or scan a narrower path`,
  };
}

interface GraphvizInstance {
  layout(dot: string, format: 'svg', engine: LayoutEngine): string;
}

let loading: Promise<GraphvizInstance> | undefined;
/** Where Graphviz's own stderr lines go while a layout runs (else: the real console.error). */
let captured: string[] | undefined;

/**
 * Graphviz's WASM binds `console.error` when it loads and prints routing complaints there
 * ("triangulation failed", hundreds on dense graphs) that would flood a CI log. It is loaded behind
 * a forwarding function, so those lines can be counted instead while a layout runs.
 */
async function graphviz(): Promise<GraphvizInstance> {
  loading ??= (async () => {
    const original = console.error;
    console.error = (...args: unknown[]) => (captured ? captured.push(args.map(String).join(' ')) : original(...args));
    const forwarder = console.error;
    try {
      const m = await import('@hpcc-js/wasm-graphviz');
      return (await m.Graphviz.load()) as GraphvizInstance;
    } finally {
      // Graphviz keeps the forwarder it bound; everyone else gets the real console back.
      if (console.error === forwarder) console.error = original;
    }
  })();
  return loading;
}

export interface SvgLayout {
  svg: string;
  /** Lines Graphviz complained with (edges it could not route and drew straight). */
  warnings: string[];
}

/**
 * Lay out DOT as SVG. The XML prolog and DOCTYPE are dropped so the result can be inlined in HTML
 * as is (`graph --format svg` adds them back). Throws Graphviz's own message on invalid DOT.
 */
export async function dotToSvg(dot: string, engine: LayoutEngine = 'dot'): Promise<string> {
  return (await layoutSvg(dot, engine)).svg;
}

/** As dotToSvg, with Graphviz's complaints returned instead of printed. */
export async function layoutSvg(dot: string, engine: LayoutEngine = 'dot'): Promise<SvgLayout> {
  const gv = await graphviz();
  // Straight edges: spline routing is what makes sfdp slow on the graphs that need it.
  const src = engine === 'sfdp' ? dot.replace('graph [', 'graph [splines=false, ') : dot;
  const warnings: string[] = [];
  captured = warnings;
  try {
    return { svg: stripProlog(gv.layout(src, 'svg', engine)), warnings };
  } finally {
    captured = undefined;
  }
}

export function stripProlog(svg: string): string {
  const start = svg.indexOf('<svg');
  return start > 0 ? svg.slice(start) : svg;
}

const PROLOG = '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n';

/** `infragile graph --format svg`: the DOT renderer's picture, as a standalone SVG document. */
export async function renderSvg(graph: ArchitectureGraph): Promise<string> {
  const choice = chooseLayout(graph);
  if (choice.engine === 'none') return PROLOG + noteSvg(choice.reason);
  return PROLOG + (await dotToSvg(renderDot(graph), choice.engine));
}

/** A small SVG that says why there is no picture (a too-large graph), instead of failing the command. */
export function noteSvg(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="40" viewBox="0 0 900 40"><text x="10" y="24" font-family="Helvetica" font-size="12">${escaped}</text></svg>\n`;
}
