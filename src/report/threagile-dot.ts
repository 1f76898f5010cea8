/**
 * data-flow-diagram.dot in the style of Threagile 0.9.1's data-flow diagram (notes §3.6): node ids
 * are FNV-1a 32-bit hashes of element ids, trust boundaries are clusters (nested ones inside their
 * parent), node shape by asset type (octagon when used by a human), colours by ratings, edges per
 * link with style by data/usage and protocol labels, plus the model's diagram tweaks. Deterministic:
 * boundaries and assets sorted by id, links in file order.
 */
import type { ModelIndex } from '../analyze/model-index.js';
import type { CommunicationLink, TechnicalAsset, TrustBoundary } from '../model/types.js';

const RED = '#CC0000';
const AMBER = '#AF780E';
const BLUE = '#000080';
const BROWN = '#8B4513';
const PINK = '#F1A7A7';
const GRAY = '#666666';

/** FNV-1a 32-bit, decimal, as Threagile names DOT nodes. */
export function fnv1a32(s: string): string {
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(s, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return String(h >>> 0);
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function boundaryColor(tb: TrustBoundary, nested: boolean): string {
  if (tb.type === 'network-policy-namespace-isolation') return '#DFF4FF';
  if (tb.type === 'execution-environment') return '#FFFFF0';
  return nested ? '#F1F1F1' : '#FAFAFA';
}

function assetNode(index: ModelIndex, a: TechnicalAsset): string {
  const shape = a.usedAsClientByHuman ? 'octagon' : a.type === 'external-entity' ? 'box' : a.type === 'datastore' ? 'cylinder' : 'ellipse';
  const integrity = index.highestIntegrity(a);
  const titleColor = integrity === 'mission-critical' ? RED : integrity === 'critical' ? AMBER : '#000000';
  const confidentiality = index.highestConfidentiality(a);
  const border = confidentiality === 'strictly-confidential' ? RED : confidentiality === 'confidential' ? AMBER : '#000000';
  const noData = a.dataAssetsProcessed.length === 0 && a.dataAssetsStored.length === 0;
  const noLinks = a.communicationLinks.length === 0 && index.incoming(a.id).length === 0;
  const fill = noData || noLinks || a.technology === 'unknown-technology'
    ? '#FDE8E8'
    : a.internet ? '#DDEEFF' : a.outOfScope ? '#EEE5FF' : a.customDevelopedParts ? '#FFFDE0' : '#F6F6F6';
  const raa = a.outOfScope ? 'RAA: out of scope' : `RAA: ${Math.round(index.raa(a.id))} %`;
  const style = noData || a.outOfScope ? 'dotted,filled' : 'solid,filled';
  const label =
    `<table border="0" cellborder="${a.multiTenant ? 1 : 0}" cellpadding="2" cellspacing="0">` +
    `<tr><td><font point-size="15" color="${GRAY}">${html(a.technology)}</font><br/><font point-size="15" color="${GRAY}">${html(a.size)}</font></td></tr>` +
    `<tr><td><b><font color="${titleColor}">${html(a.title)}</font></b><br/></td></tr>` +
    `<tr><td>${raa}</td></tr></table>`;
  return `  ${fnv1a32(a.id)} [ label=<${label}> shape=${shape} style="${style}" penwidth="${a.redundant ? 3.5 : 2}" fillcolor="${fill}" color="${border}"${a.redundant ? ' peripheries=2' : ''} ];\n`;
}

function edge(index: ModelIndex, link: CommunicationLink, suppressLabels: boolean): string {
  const data = [...index.sent(link), ...index.received(link)];
  const c = index.linkHighestConfidentiality(link);
  let color = '#000000';
  if (data.length === 0 || link.protocol === 'unknown-protocol') color = PINK;
  else if (link.usage === 'devops') color = GRAY;
  else if (link.vpn) color = BLUE;
  else if (link.ipFiltered) color = BROWN;
  else if (c === 'strictly-confidential') color = RED;
  else if (c === 'confidential') color = AMBER;
  const style = data.length === 0 ? 'dotted' : link.usage === 'devops' ? 'dashed' : 'solid';
  const head = link.readonly ? 'empty' : 'normal';
  const tail = link.readonly ? 'odot' : 'dot';
  const weight = link.diagramTweakWeight > 0 ? ` weight="${link.diagramTweakWeight}"` : '';
  const label = suppressLabels ? '' : ` xlabel="${html(link.protocol)}" fontcolor="${color}"`;
  return `  ${fnv1a32(link.sourceId)} -> ${fnv1a32(link.targetId)} [ color="${color}" style="${style}" penwidth="${c === 'strictly-confidential' ? 2.5 : 1.5}" arrowtail="${tail}" arrowhead="${head}" dir="forward" arrowsize="2.0"${weight} constraint=${!link.diagramTweakConstraint}${label} ];\n`;
}

export function dataFlowDiagramDot(index: ModelIndex): string {
  const tweaks = index.model.diagramTweaks;
  const splines = tweaks.edgeLayout === '' ? 'ortho' : tweaks.edgeLayout;
  const nodesep = tweaks.nodesep > 0 ? tweaks.nodesep : 2;
  const ranksep = tweaks.ranksep > 0 ? tweaks.ranksep : 2;
  let out = 'digraph generatedModel { concentrate=false\n';
  out += `\tgraph [ labelloc=t fontname="Verdana" fontsize=40 outputorder="nodesfirst" dpi=120 splines=${splines} rankdir="${tweaks.layoutLeftToRight ? 'LR' : 'TB'}" nodesep="${nodesep}" ranksep="${ranksep}" ];\n`;
  out += '\tnode [ fontname="Verdana" fontsize="20" ];\n';
  out += '\tedge [ shape="none" fontname="Verdana" fontsize="18" ];\n';

  const nestedIds = new Set(index.trustBoundaries.flatMap((b) => b.trustBoundariesNested));
  const emitted = new Set<string>();
  const cluster = (tb: TrustBoundary, depth: number): string => {
    if (emitted.has(tb.id)) return ''; // nesting cycles are model errors; draw each boundary once
    emitted.add(tb.id);
    const pad = '\t'.repeat(depth);
    let s = `${pad}subgraph cluster_${fnv1a32(tb.id)} {\n`;
    s += `${pad}\tgraph [ label=<<table border="0" cellborder="0" cellpadding="0"><tr><td><b>${html(tb.title)}</b> (${tb.type})</td></tr></table>> fontsize="21" style="${tb.type === 'execution-environment' ? 'dotted' : 'dashed'}" color="#3A3A3A" fontcolor="#3A3A3A" bgcolor="${boundaryColor(tb, depth > 1)}" penwidth="4.5" ];\n`;
    for (const id of [...tb.technicalAssetsInside].sort()) s += `${pad}\t${fnv1a32(id)};\n`;
    for (const n of [...tb.trustBoundariesNested].sort()) {
      const nb = index.trustBoundary(n);
      if (nb) s += cluster(nb, depth + 1);
    }
    return s + `${pad}}\n`;
  };
  for (const tb of index.trustBoundaries) if (!nestedIds.has(tb.id)) out += cluster(tb, 1);
  for (const a of index.assets) out += assetNode(index, a);
  for (const a of index.assets) for (const link of a.communicationLinks) out += edge(index, link, tweaks.suppressEdgeLabels);
  for (const pair of tweaks.invisibleConnectionsBetweenAssets) {
    const [a, b] = pair.split(':');
    if (a && b) out += `  ${fnv1a32(a.trim())} -> ${fnv1a32(b.trim())} [ style="invis" ];\n`;
  }
  for (const group of tweaks.sameRankAssets) {
    const ids = group.split(':').map((s) => s.trim()).filter(Boolean);
    if (ids.length) out += `  { rank=same; ${ids.map((id) => `${fnv1a32(id)};`).join(' ')} }\n`;
  }
  return out + '}\n';
}
