/**
 * `infragile sync`: apply structural drift to the model file in place. Adds unmodeled components (with
 * TODO comments for the human fields and valid enum defaults) and flows, marks missing assets with a
 * tag (deletes them only with prune), fixes exposure/protocol/encryption/type/technology/boundary facts,
 * and writes the `iac:` tags of automatic bindings so the next run binds explicitly. Every untouched
 * byte is kept (see text-edit.ts); running it twice changes nothing the second time.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { compareStrings } from '../graph/ids.js';
import { INTERNET_ID, type ArchitectureGraph, type Component, type Flow } from '../graph/types.js';
import type { Protocol } from '../model/enums.js';
import type { TechnicalAsset, ThreagileModel } from '../model/types.js';
import { redact } from '../model/from-graph.js';
import { mapBoundaries } from './boundaries.js';
import { protocolFor } from './effective.js';
import { newAssetId, newLinkTitle } from './naming.js';
import { iacPattern, iacTag, compilePattern } from './patterns.js';
import { pairOf, TextEditor, yamlString } from './text-edit.js';
import type { BindingResult, Drift } from './types.js';

export const MISSING_TAG = 'infragile-missing';

export interface SyncOptions {
  /** Delete missing assets (and references to them) instead of tagging them. */
  prune?: boolean;
}

export interface SyncAction {
  kind: string;
  detail: string;
}

export interface SyncResult {
  text: string;
  changed: boolean;
  actions: SyncAction[];
  /** Drift sync could not apply, and why. */
  skipped: Array<{ fingerprint: string; reason: string }>;
}

export function syncModel(
  text: string,
  model: ThreagileModel,
  graph: ArchitectureGraph,
  binding: BindingResult,
  drift: readonly Drift[],
  options: SyncOptions = {},
): SyncResult {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, keepSourceTokens: true, uniqueKeys: false, merge: true });
  const ed = new TextEditor(text);
  const actions: SyncAction[] = [];
  const skipped: SyncResult['skipped'] = [];
  const root = doc.contents;
  if (doc.errors.length || !isMap(root)) return { text, changed: false, actions, skipped: [{ fingerprint: '*', reason: 'the model is not a readable YAML mapping' }] };

  const comps = new Map(graph.components.map((c) => [c.id, c]));
  const assets = new Map(model.technicalAssets.map((a) => [a.id, a]));
  const taPair = pairOf(root, 'technical_assets');
  const taMap = taPair && isMap(taPair.value) ? (taPair.value as YAMLMap) : undefined;
  const assetNode = (a: TechnicalAsset): YAMLMap | undefined => {
    const p = taMap ? pairOf(taMap, a.title) : undefined;
    return p && isMap(p.value) ? (p.value as YAMLMap) : undefined;
  };
  const tagsToDeclare = new Set<string>();
  const pendingTags = new Map<string, string[]>(); // asset id → tags to add
  const addTag = (assetId: string, tag: string) => {
    const a = assets.get(assetId);
    if (!a || a.tags.some((t) => t.toLowerCase() === tag.toLowerCase())) return;
    const list = pendingTags.get(assetId) ?? [];
    if (!list.includes(tag)) list.push(tag);
    pendingTags.set(assetId, list);
    tagsToDeclare.add(tag);
  };

  // ---- facts on existing assets and links ------------------------------------------------
  const setField = (a: TechnicalAsset, key: string, value: string, d: Drift) => {
    const node = assetNode(a);
    if (!node) return skipped.push({ fingerprint: d.fingerprint, reason: `asset '${a.title}' is not a plain mapping in the file (alias?)` });
    const p = pairOf(node, key);
    if (p && p.value && isScalar(p.value) && p.value.range) ed.setScalar(p.value, value);
    else if (p) ed.insert(text.indexOf(':', p.key!.range![1]) + 1, ` ${value}`);
    else ed.appendToMap(node, [`${key}: ${value}`], 0);
    actions.push({ kind: d.kind, detail: `${a.id}.${key} → ${value}` });
  };
  const boundaryMoves: Array<{ asset: string; from?: string; to: string; d?: Drift }> = [];
  for (const d of drift) {
    const a = d.asset ? assets.get(d.asset) : undefined;
    if (!a) continue;
    switch (d.kind) {
      case 'exposure':
        setField(a, 'internet', d.actual === 'internet: true' ? 'true' : 'false', d);
        break;
      case 'type':
      case 'technology':
      case 'encryption':
        if (d.actual) setField(a, d.kind, d.actual, d);
        break;
      case 'protocol': {
        const link = a.communicationLinks.find((l) => l.id === d.link);
        const node = assetNode(a);
        const linksPair = node ? pairOf(node, 'communication_links') : undefined;
        const lp = link && linksPair && isMap(linksPair.value) ? pairOf(linksPair.value, link.title) : undefined;
        const pp = lp && isMap(lp.value) ? pairOf(lp.value, 'protocol') : undefined;
        if (!link || !d.actual || !lp || !isMap(lp.value)) {
          skipped.push({ fingerprint: d.fingerprint, reason: 'link not found as a plain mapping' });
          break;
        }
        const to = protocolFor(link.protocol, d.actual as Protocol);
        if (pp && isScalar(pp.value) && pp.value.range) ed.setScalar(pp.value, to);
        else ed.appendToMap(lp.value as YAMLMap, [`protocol: ${to}`], 0);
        actions.push({ kind: 'protocol', detail: `${link.id}.protocol → ${to}` });
        break;
      }
      case 'boundary':
        if (d.actual) boundaryMoves.push({ asset: a.id, ...(d.expected && d.expected !== '(none)' ? { from: d.expected } : {}), to: d.actual, d });
        break;
      case 'missing-component':
        if (!options.prune) {
          if (!a.tags.includes(MISSING_TAG)) {
            addTag(a.id, MISSING_TAG);
            actions.push({ kind: 'missing-component', detail: `${a.id} tagged ${MISSING_TAG}` });
          }
        }
        break;
      default:
        break;
    }
  }

  // ---- binding tags for automatic bindings -----------------------------------------------
  for (const b of binding.bindings) {
    if (b.method !== 'name' && b.method !== 'structure') continue;
    const c = comps.get(b.component);
    const a = assets.get(b.asset);
    if (!c || !a || !c.sources[0]) continue;
    const already = a.tags.some((t) => {
      const p = iacPattern(t);
      return p !== undefined && c.sources.some((s) => compilePattern(p).test(s.address));
    });
    if (!already) {
      addTag(a.id, iacTag(c.sources[0].address));
      actions.push({ kind: 'binding', detail: `${a.id} ← ${c.sources[0].address} (${b.method})` });
    }
  }

  // ---- new assets and links ----------------------------------------------------------------
  const newAssets: Array<{ c: Component; id: string; title: string }> = [];
  const takenIds = new Set(assets.keys());
  const takenTitles = new Set(model.technicalAssets.map((a) => a.title));
  const assetIdOf = new Map(binding.assetOf);
  const titleOf = new Map(model.technicalAssets.map((a) => [a.id, a.title]));
  for (const d of drift) {
    if (d.kind !== 'unmodeled-component') continue;
    const c = comps.get(d.components[0]!);
    if (!c || !c.sources[0]) continue;
    const id = newAssetId(c.id, takenIds);
    takenIds.add(id);
    let title = c.title.replace(/[\r\n]+/g, ' ').trim() || id;
    for (let i = 2; takenTitles.has(title); i++) title = `${c.title} ${i}`;
    takenTitles.add(title);
    newAssets.push({ c, id, title });
    assetIdOf.set(c.id, id);
    titleOf.set(id, title);
    tagsToDeclare.add(iacTag(c.sources[0].address));
  }
  // Links: unmodeled flows between existing assets, and every flow touching a new asset.
  const newLinks = new Map<string, Array<{ target: string; flow: Flow }>>();
  const linkKeys = new Set(model.technicalAssets.flatMap((a) => a.communicationLinks.map((l) => `${a.id}>${l.targetId}`)));
  const newIds = new Set(newAssets.map((n) => n.id));
  for (const f of graph.flows) {
    if (f.source === INTERNET_ID || f.target === INTERNET_ID) continue;
    const sa = assetIdOf.get(f.source);
    const ta = assetIdOf.get(f.target);
    if (!sa || !ta || sa === ta || linkKeys.has(`${sa}>${ta}`)) continue;
    const wanted = newIds.has(sa) || newIds.has(ta) || drift.some((d) => d.kind === 'unmodeled-flow' && d.fingerprint === `unmodeled-flow:${sa}>${ta}`);
    if (!wanted || assets.get(sa)?.outOfScope || assets.get(ta)?.outOfScope) continue;
    linkKeys.add(`${sa}>${ta}`);
    const l = newLinks.get(sa) ?? [];
    l.push({ target: ta, flow: f });
    newLinks.set(sa, l);
  }

  for (const [sa, links] of [...newLinks].sort((x, y) => compareStrings(x[0], y[0]))) {
    if (newIds.has(sa)) continue; // written with the new asset
    const a = assets.get(sa)!;
    const node = assetNode(a);
    if (!node) {
      skipped.push({ fingerprint: `unmodeled-flow:${sa}>*`, reason: `asset '${a.title}' is not a plain mapping in the file` });
      continue;
    }
    const existing = new Set(a.communicationLinks.map((l) => l.title));
    const lines = links.flatMap(({ target, flow }) => linkLines(uniqueTitle(newLinkTitle(titleOf.get(target)!), existing), target, flow));
    const lp = pairOf(node, 'communication_links');
    if (!lp) ed.appendToMap(node, ['communication_links:', ...lines.map((l) => '  ' + l)], 0);
    else if (isMap(lp.value) && (lp.value as YAMLMap).items.length > 0 && !(lp.value as YAMLMap).flow) ed.appendToMap(lp.value as YAMLMap, lines, 0);
    else if (isMap(lp.value)) ed.appendToMap(lp.value as YAMLMap, lines, ed.column(lp.key!.range![0]) + 2);
    else ed.fillEmptyKey(lp as Pair<Node, Node | null>, lines);
    for (const { target } of links) actions.push({ kind: 'unmodeled-flow', detail: `${sa} → ${target}` });
  }

  if (newAssets.length > 0) {
    const block: string[] = [];
    for (const n of newAssets) {
      const links = (newLinks.get(n.id) ?? []).sort((x, y) => compareStrings(x.target, y.target));
      const used = new Set<string>();
      block.push(...assetLines(n.c, n.id, n.title, links.flatMap(({ target, flow }) => linkLines(uniqueTitle(newLinkTitle(titleOf.get(target)!), used), target, flow))));
      actions.push({ kind: 'unmodeled-component', detail: `${n.id} added from ${n.c.sources[0]!.address}` });
    }
    if (taMap) ed.appendToMap(taMap, block, 2);
    else if (taPair) ed.fillEmptyKey(taPair as Pair<Node, Node | null>, block);
    else ed.insert(text.length, (text.endsWith('\n') || text === '' ? '' : '\n') + 'technical_assets:\n' + block.map((l) => '  ' + l + '\n').join(''));
  }

  // ---- trust boundaries: moves, and where new assets go --------------------------------------
  const bmap = mapBoundaries(graph, model, binding.assetOf);
  for (const n of newAssets) {
    const ib = bmap.infraBoundaryOf.get(n.c.id);
    const mb = ib ? bmap.modelFor.get(ib) : undefined;
    if (mb) boundaryMoves.push({ asset: n.id, to: mb });
  }
  const tbPair = pairOf(root, 'trust_boundaries');
  const tbMap = tbPair && isMap(tbPair.value) ? (tbPair.value as YAMLMap) : undefined;
  const boundaryNode = (id: string): YAMLMap | undefined => {
    const b = model.trustBoundaries.find((x) => x.id === id);
    const p = b && tbMap ? pairOf(tbMap, b.title) : undefined;
    return p && isMap(p.value) ? (p.value as YAMLMap) : undefined;
  };
  const seqAdds = new Map<string, string[]>();
  for (const m of boundaryMoves) {
    if (m.from) {
      const node = boundaryNode(m.from);
      const sp = node ? pairOf(node, 'technical_assets_inside') : undefined;
      if (sp && isSeq(sp.value)) {
        const i = (sp.value as YAMLSeq).items.findIndex((x) => isScalar(x) && String(x.value) === m.asset);
        if (i >= 0) ed.removeFromSeq(sp.value as YAMLSeq, i);
      }
    }
    const list = seqAdds.get(m.to) ?? [];
    list.push(m.asset);
    seqAdds.set(m.to, list);
    actions.push({ kind: 'boundary', detail: `${m.asset} → trust boundary ${m.to}` });
  }
  for (const [bid, ids] of seqAdds) {
    const node = boundaryNode(bid);
    if (!node) {
      skipped.push({ fingerprint: `boundary:${ids.join(',')}`, reason: `trust boundary ${bid} is not a plain mapping in the file` });
      continue;
    }
    const sp = pairOf(node, 'technical_assets_inside');
    if (sp && isSeq(sp.value)) for (const id of ids) ed.appendToSeq(sp.value as YAMLSeq, yamlString(id));
    else if (sp) ed.fillEmptyKey(sp as Pair<Node, Node | null>, ids.map((id) => `- ${yamlString(id)}`));
    else ed.appendToMap(node, ['technical_assets_inside:', ...ids.map((id) => `  - ${yamlString(id)}`)], 0);
  }

  // ---- prune ----------------------------------------------------------------------------------
  if (options.prune) {
    const missing = drift.filter((d) => d.kind === 'missing-component' && d.asset).map((d) => d.asset!);
    for (const id of missing) {
      const a = assets.get(id)!;
      const p = taMap ? pairOf(taMap, a.title) : undefined;
      if (!p) continue;
      ed.removePair(p);
      actions.push({ kind: 'missing-component', detail: `${id} removed (--prune)` });
      for (const b of model.trustBoundaries) {
        const node = boundaryNode(b.id);
        const sp = node ? pairOf(node, 'technical_assets_inside') : undefined;
        if (sp && isSeq(sp.value)) {
          const i = (sp.value as YAMLSeq).items.findIndex((x) => isScalar(x) && String(x.value) === id);
          if (i >= 0) ed.removeFromSeq(sp.value as YAMLSeq, i);
        }
      }
      for (const other of model.technicalAssets) {
        if (missing.includes(other.id)) continue;
        const node = assetNode(other);
        const lp = node ? pairOf(node, 'communication_links') : undefined;
        if (!lp || !isMap(lp.value)) continue;
        for (const l of other.communicationLinks.filter((x) => x.targetId === id)) {
          const pair = pairOf(lp.value, l.title);
          if (pair) ed.removePair(pair);
        }
      }
    }
  }

  // ---- tags -----------------------------------------------------------------------------------
  for (const [assetId, tags] of [...pendingTags].sort((x, y) => compareStrings(x[0], y[0]))) {
    const a = assets.get(assetId)!;
    if (options.prune && drift.some((d) => d.kind === 'missing-component' && d.asset === assetId)) continue;
    const node = assetNode(a);
    if (!node) continue;
    const tp = pairOf(node, 'tags');
    if (tp && isSeq(tp.value)) for (const t of tags) ed.appendToSeq(tp.value as YAMLSeq, yamlString(t));
    else if (tp) ed.fillEmptyKey(tp as Pair<Node, Node | null>, tags.map((t) => `- ${yamlString(t)}`));
    else ed.appendToMap(node, [`tags: [${tags.map(yamlString).join(', ')}]`], 0);
  }
  const declared = new Set(model.tagsAvailable.map((t) => t.toLowerCase()));
  const undeclared = [...tagsToDeclare].filter((t) => !declared.has(t.toLowerCase())).sort(compareStrings);
  if (undeclared.length) {
    const tp = pairOf(root, 'tags_available');
    if (tp && isSeq(tp.value)) for (const t of undeclared) ed.appendToSeq(tp.value as YAMLSeq, yamlString(t));
    else if (tp) ed.fillEmptyKey(tp as Pair<Node, Node | null>, undeclared.map((t) => `- ${yamlString(t)}`));
    else ed.appendToMap(root as YAMLMap, ['tags_available:', ...undeclared.map((t) => `  - ${yamlString(t)}`)], 0);
  }

  const out = ed.apply();
  return { text: out, changed: out !== text, actions, skipped };
}

function uniqueTitle(title: string, used: Set<string>): string {
  let t = title;
  for (let i = 2; used.has(t); i++) t = `${title} ${i}`;
  used.add(t);
  return t;
}

function assetLines(c: Component, id: string, title: string, links: string[]): string[] {
  const src = c.sources[0]!;
  return [
    `${yamlString(title)}:`,
    `  # TODO(infragile): found in the infra at ${src.location.file}:${src.location.line} (${src.address}); review the description, owner and CIA ratings.`,
    `  id: ${id}`,
    `  description: ${JSON.stringify(`TODO: describe. Seen in the infra as ${c.sources.map((s) => s.address).join(', ')}.`)}`,
    `  type: ${c.type}`,
    `  usage: business`,
    `  used_as_client_by_human: false`,
    `  out_of_scope: false`,
    `  justification_out_of_scope:`,
    `  size: service`,
    `  technology: ${c.technology}`,
    `  tags: [${yamlString(iacTag(src.address))}]`,
    `  internet: ${c.internet}`,
    `  machine: ${c.machine}`,
    `  encryption: ${c.encryption}`,
    `  owner: TODO # who runs it`,
    `  confidentiality: internal # TODO: rate (public, internal, restricted, confidential, strictly-confidential)`,
    `  integrity: operational # TODO: rate (archive, operational, important, critical, mission-critical)`,
    `  availability: operational # TODO: rate (archive, operational, important, critical, mission-critical)`,
    `  justification_cia_rating: TODO`,
    `  multi_tenant: false`,
    `  redundant: ${typeof c.multiplicity === 'number' && c.multiplicity > 1}`,
    `  custom_developed_parts: ${c.type === 'process'}`,
    `  data_assets_processed: [] # TODO: which data assets it handles`,
    `  data_assets_stored: []`,
    `  data_formats_accepted: []`,
    ...(links.length ? ['  communication_links:', ...links.map((l) => '    ' + l)] : []),
  ];
}

function linkLines(title: string, target: string, f: Flow): string[] {
  const ev = f.evidence[0];
  return [
    `${yamlString(title)}:`,
    `  # TODO(infragile): seen in the infra${ev ? ` at ${ev.location.file}:${ev.location.line} (${ev.kind})` : ''}; add the data assets sent and received.`,
    `  target: ${target}`,
    `  description: ${JSON.stringify(ev ? `Seen in the infra: ${redact(ev.detail)}` : 'Seen in the infra')}`,
    `  protocol: ${f.protocol}`,
    `  authentication: ${f.authentication}`,
    `  authorization: none`,
    `  tags: []`,
    `  vpn: false`,
    `  ip_filtered: false`,
    `  readonly: false`,
    `  usage: business`,
    `  data_assets_sent: []`,
    `  data_assets_received: []`,
  ];
}
