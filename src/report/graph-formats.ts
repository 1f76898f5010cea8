/**
 * Graph renderers for `infragile graph --format`. One entry per format; adding a format touches this
 * table and the renderer's own module only.
 */
import type { ArchitectureGraph } from '../graph/types.js';
import { renderDot } from './graph-dot.js';
import { renderMermaid } from './graph-mermaid.js';
import { renderSvg } from './svg.js';
import { renderOtm } from './otm.js';

export type GraphRenderer = (graph: ArchitectureGraph) => string | Promise<string>;

export const graphFormats: Record<string, GraphRenderer> = {
  json: (graph) => JSON.stringify(graph, null, 2) + '\n',
  dot: renderDot,
  mermaid: renderMermaid,
  svg: renderSvg,
  otm: (graph) => renderOtm({ graph, projectName: 'infragile graph' }),
};
