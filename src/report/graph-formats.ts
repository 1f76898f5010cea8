/**
 * Graph renderers for `infragile graph --format`. One entry per format; each imports its renderer only
 * when that format is asked for (the SVG layout loads Graphviz's WASM). Adding a format touches this
 * table and the renderer's own module only.
 */
import type { ArchitectureGraph } from '../graph/types.js';

export type GraphRenderer = (graph: ArchitectureGraph) => Promise<string>;

export const graphFormats: Record<string, GraphRenderer> = {
  json: async (graph) => JSON.stringify(graph, null, 2) + '\n',
  dot: async (graph) => (await import('./graph-dot.js')).renderDot(graph),
  mermaid: async (graph) => (await import('./graph-mermaid.js')).renderMermaid(graph),
  svg: async (graph) => (await import('./svg.js')).renderSvg(graph),
  otm: async (graph) => (await import('./otm.js')).renderOtm({ graph, projectName: 'infragile graph' }),
};
