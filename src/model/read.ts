/**
 * Reads a threagile.yaml (Threagile 0.9.1 spellings, and master's spellings mapped onto them) into a
 * ThreagileModel with source positions, applying the defaults Threagile applies. Never throws: YAML
 * syntax errors and wrong types become ModelIssues with lines; Threagile-semantic checks (ids, enums,
 * references, tags) are the validator's job (validate.ts), run here unless `validate: false`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { LineCounter, isScalar, isSeq, parseDocument } from 'yaml';
import { MASTER_SPELLINGS } from './enums.js';
import { linkId, normalizeTag } from './ids.js';
import type {
  CommunicationLink,
  DiagramTweaks,
  EdgeLayout,
  IndividualRisk,
  IndividualRiskCategory,
  ModelDataAsset,
  ModelIssue,
  Overview,
  RiskTrackingEntry,
  SharedRuntime,
  TechnicalAsset,
  ThreagileModel,
  TrustBoundary,
} from './types.js';
import { emptyModel } from './defaults.js';
import { sortIssues } from './issues.js';
import { validateModel } from './validate.js';
import { FieldReader, ReadContext, mapEntries, type Entry } from './yaml-view.js';

export interface ModelReadResult {
  model: ThreagileModel;
  issues: ModelIssue[];
}

export interface ReadOptions {
  /** Run the Threagile 0.9.1 validator too (default true). */
  validate?: boolean;
}

const TOP_KEYS = new Set([
  'threagile_version', 'includes', 'title', 'date', 'author', 'contributors', 'management_summary_comment',
  'business_criticality', 'application_description', 'business_overview', 'technical_overview', 'questions',
  'abuse_cases', 'security_requirements', 'tags_available', 'data_assets', 'technical_assets', 'trust_boundaries',
  'shared_runtimes', 'individual_risk_categories', 'custom_risk_categories', 'risk_tracking',
  'diagram_tweak_edge_layout', 'diagram_tweak_suppress_edge_labels', 'diagram_tweak_layout_left_to_right',
  'diagram_tweak_nodesep', 'diagram_tweak_ranksep', 'diagram_tweak_invisible_connections_between_assets',
  'diagram_tweak_same_rank_assets',
]);
const DATA_ASSET_KEYS = new Set([
  'id', 'description', 'usage', 'tags', 'origin', 'owner', 'quantity', 'confidentiality', 'integrity', 'availability',
  'justification_cia_rating',
]);
const TECHNICAL_ASSET_KEYS = new Set([
  'id', 'description', 'type', 'usage', 'used_as_client_by_human', 'out_of_scope', 'justification_out_of_scope',
  'size', 'technology', 'technologies', 'tags', 'internet', 'machine', 'encryption', 'owner', 'confidentiality',
  'integrity', 'availability', 'justification_cia_rating', 'multi_tenant', 'redundant', 'custom_developed_parts',
  'data_assets_processed', 'data_assets_stored', 'data_formats_accepted', 'diagram_tweak_order', 'communication_links',
]);
const LINK_KEYS = new Set([
  'target', 'description', 'protocol', 'authentication', 'authorization', 'tags', 'vpn', 'ip_filtered', 'readonly',
  'usage', 'data_assets_sent', 'data_assets_received', 'diagram_tweak_weight', 'diagram_tweak_constraint',
]);
const BOUNDARY_KEYS = new Set(['id', 'description', 'type', 'tags', 'technical_assets_inside', 'trust_boundaries_nested']);
const RUNTIME_KEYS = new Set(['id', 'description', 'tags', 'technical_assets_running']);
const CATEGORY_KEYS = new Set([
  'id', 'title', 'description', 'impact', 'asvs', 'cheat_sheet', 'testing_guide', 'action', 'mitigation', 'check',
  'function', 'stride', 'detection_logic', 'risk_assessment', 'false_positives', 'model_failure_possible_reason',
  'cwe', 'risks_identified', 'is_built_in',
]);
const RISK_KEYS = new Set([
  'severity', 'exploitation_likelihood', 'exploitation_impact', 'data_breach_probability',
  'data_breach_technical_assets', 'most_relevant_data_asset', 'most_relevant_technical_asset',
  'most_relevant_communication_link', 'most_relevant_trust_boundary', 'most_relevant_shared_runtime',
]);
const TRACKING_KEYS = new Set(['status', 'justification', 'ticket', 'date', 'checked_by', 'expires']);

/** Master's renamed enum values → v1. */
function v1Spelling(value: string): string {
  return MASTER_SPELLINGS[value] ?? value;
}

function parse(file: string, text: string): { ctx: ReadContext; root: unknown } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, merge: true, uniqueKeys: false, logLevel: 'error', prettyErrors: false });
  const ctx = new ReadContext(file, doc, lines);
  for (const e of doc.errors) ctx.error(e.linePos?.[0].line ?? 1, `YAML syntax: ${firstLine(e.message)}`);
  for (const w of doc.warnings) ctx.warning(w.linePos?.[0].line ?? 1, `YAML: ${firstLine(w.message)}`);
  return { ctx, root: doc.contents };
}

function firstLine(s: string): string {
  return s.split('\n')[0]!.trim();
}

export function readModel(input: { file: string; text: string }, options: ReadOptions = {}): ModelReadResult {
  const model = emptyModel();
  model.file = input.file;
  const { ctx, root } = parse(input.file, input.text);
  const syntaxBroken = ctx.issues.some((i) => i.severity === 'error');
  const entries = syntaxBroken ? [] : (mapEntries(ctx, root, 'the model', 1) ?? []);
  const top = new FieldReader(ctx, entries, 'model', TOP_KEYS);
  model.fields = top.fieldLines();

  model.threagileVersion = top.str('threagile_version');
  model.title = top.str('title');
  model.date = top.str('date');
  model.author = readAuthor(ctx, top);
  model.managementSummaryComment = top.str('management_summary_comment');
  model.businessCriticality = top.str('business_criticality') as ThreagileModel['businessCriticality'];
  model.businessOverview = readOverview(ctx, top, 'business_overview');
  model.technicalOverview = readOverview(ctx, top, 'technical_overview');
  model.questions = top.strMap('questions');
  model.abuseCases = top.strMap('abuse_cases');
  model.securityRequirements = top.strMap('security_requirements');
  model.tagsAvailable = top.strList('tags_available').map(normalizeTag);

  if (top.has('includes')) {
    ctx.warning(top.lineOf('includes')!, "'includes' is ignored: Threagile 0.9.1 does not merge included files (only master does); inline them into this file");
  }

  model.dataAssets = top.entries('data_assets').map((e) => readDataAsset(ctx, e));
  model.technicalAssets = top.entries('technical_assets').map((e) => readTechnicalAsset(ctx, e));
  model.trustBoundaries = top.entries('trust_boundaries').map((e) => readBoundary(ctx, e));
  model.sharedRuntimes = top.entries('shared_runtimes').map((e) => readRuntime(ctx, e));
  model.individualRiskCategories = top.entries('individual_risk_categories').map((e) => readCategory(ctx, e, e.key));
  if (top.has('custom_risk_categories')) {
    model.individualRiskCategories.push(...readCustomCategories(ctx, top));
  }
  model.riskTracking = readTrackingEntries(ctx, top.entries('risk_tracking'), input.file);
  model.diagramTweaks = readDiagramTweaks(top);

  const issues = [...ctx.issues];
  if (options.validate !== false && !syntaxBroken) issues.push(...validateModel(model));
  return { model, issues: sortIssues(issues) };
}

/**
 * Reads a model file, plus `risk-tracking.yaml` (or `.yml`) beside it when present. Unreadable files
 * become an issue on line 1, never an exception.
 */
export function readModelFile(path: string, options: ReadOptions = {}): ModelReadResult {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const model = emptyModel();
    model.file = path;
    return { model, issues: [{ severity: 'error', file: path, line: 1, message: `cannot read the model: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
  const result = readModel({ file: path, text }, { validate: false });
  const issues = [...result.issues];
  for (const name of ['risk-tracking.yaml', 'risk-tracking.yml']) {
    const trackingPath = join(dirname(path), name);
    if (basename(path) === name || !existsSync(trackingPath)) continue;
    const tracking = readRiskTrackingFile(trackingPath);
    issues.push(...tracking.issues);
    const known = new Map(result.model.riskTracking.map((t) => [t.syntheticRiskId, t]));
    for (const entry of tracking.entries) {
      const prior = known.get(entry.syntheticRiskId);
      if (prior) {
        issues.push({ severity: 'warning', file: trackingPath, line: entry.line ?? 1, message: `risk tracking for '${entry.syntheticRiskId}' is also in ${prior.file ?? path}:${prior.line ?? 1}; the first one is used` });
        continue;
      }
      known.set(entry.syntheticRiskId, entry);
      result.model.riskTracking.push(entry);
    }
    break;
  }
  if (options.validate !== false && !issues.some((i) => i.severity === 'error' && /^YAML syntax/.test(i.message))) {
    issues.push(...validateModel(result.model));
  }
  return { model: result.model, issues: sortIssues(issues) };
}

/** A separate risk tracking file: either `risk_tracking: {…}` at its top level or the bare map. */
export function readRiskTracking(input: { file: string; text: string }): { entries: RiskTrackingEntry[]; issues: ModelIssue[] } {
  const { ctx, root } = parse(input.file, input.text);
  if (ctx.issues.some((i) => i.severity === 'error')) return { entries: [], issues: ctx.issues };
  let entries = mapEntries(ctx, root, 'risk tracking file', 1) ?? [];
  const wrapped = entries.find((e) => e.key === 'risk_tracking');
  if (wrapped) {
    for (const e of entries) if (e !== wrapped) ctx.warning(e.line, `unknown key '${e.key}' in the risk tracking file is ignored`);
    entries = mapEntries(ctx, wrapped.value, "'risk_tracking'", wrapped.line) ?? [];
  }
  return { entries: readTrackingEntries(ctx, entries, input.file), issues: sortIssues(ctx.issues) };
}

export function readRiskTrackingFile(path: string): { entries: RiskTrackingEntry[]; issues: ModelIssue[] } {
  try {
    return readRiskTracking({ file: path, text: readFileSync(path, 'utf8') });
  } catch (e) {
    return { entries: [], issues: [{ severity: 'error', file: path, line: 1, message: `cannot read the risk tracking file: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` }] };
  }
}

function readAuthor(ctx: ReadContext, top: FieldReader): ThreagileModel['author'] {
  const r = new FieldReader(ctx, top.entries('author'), 'author', new Set(['name', 'homepage', 'contact']));
  const author: ThreagileModel['author'] = { name: r.str('name') };
  if (r.has('homepage')) author.homepage = r.str('homepage');
  if (r.has('contact')) author.contact = r.str('contact');
  return author;
}

function readOverview(ctx: ReadContext, top: FieldReader, key: string): Overview {
  const r = new FieldReader(ctx, top.entries(key), key, new Set(['description', 'images']));
  const images: Array<Record<string, string>> = [];
  const node = r.node('images');
  if (node !== undefined && node !== null && !(isScalar(node) && (node.value === null || node.value === ''))) {
    // A list of one-entry maps `- file.png: caption`; anything else is reported, not fatal.
    const items = (node as { items?: unknown[] }).items;
    if (!Array.isArray(items)) ctx.error(r.lineOf('images')!, `${key}: 'images' must be a list of 'file: caption' entries`);
    else {
      for (const item of items) {
        const line = ctx.lineOf(item, r.lineOf('images'));
        const entries = mapEntries(ctx, item, `${key}: images`, line) ?? [];
        const reader = new FieldReader(ctx, entries, `${key}: images`);
        const image: Record<string, string> = {};
        for (const e of entries) image[e.key] = reader.str(e.key);
        if (entries.length) images.push(image);
      }
    }
  }
  return { description: r.str('description'), images };
}

function entity(ctx: ReadContext, e: Entry, kind: string, known: ReadonlySet<string>): FieldReader {
  return new FieldReader(ctx, mapEntries(ctx, e.value, `${kind} '${e.key}'`, e.line) ?? [], `${kind} '${e.key}'`, known);
}

function readDataAsset(ctx: ReadContext, e: Entry): ModelDataAsset {
  const r = entity(ctx, e, 'data asset', DATA_ASSET_KEYS);
  return {
    title: e.key,
    id: r.str('id'),
    description: r.str('description') || e.key,
    usage: r.str('usage') as ModelDataAsset['usage'],
    tags: r.strList('tags').map(normalizeTag),
    origin: r.str('origin'),
    owner: r.str('owner'),
    quantity: r.str('quantity') as ModelDataAsset['quantity'],
    confidentiality: r.str('confidentiality') as ModelDataAsset['confidentiality'],
    integrity: r.str('integrity') as ModelDataAsset['integrity'],
    availability: r.str('availability') as ModelDataAsset['availability'],
    justificationCiaRating: r.str('justification_cia_rating'),
    line: e.line,
    fields: r.fieldLines(),
  };
}

function readTechnology(ctx: ReadContext, r: FieldReader, title: string): string {
  const single = r.str('technology');
  if (!r.has('technologies')) return single;
  // master: `technologies: [..]` (and `technology` merged into it); v1 has exactly one technology.
  const list = r.strList('technologies');
  const line = r.lineOf('technologies')!;
  const chosen = single || list[0] || '';
  const dropped = list.filter((t) => t !== chosen);
  if (dropped.length) {
    ctx.warning(line, `technical asset '${title}': Threagile 0.9.1 supports one technology; using '${chosen}', ignoring ${dropped.map((t) => `'${t}'`).join(', ')}`);
  }
  return chosen;
}

function readTechnicalAsset(ctx: ReadContext, e: Entry): TechnicalAsset {
  const r = entity(ctx, e, 'technical asset', TECHNICAL_ASSET_KEYS);
  const id = r.str('id');
  const asset: TechnicalAsset = {
    title: e.key,
    id,
    description: r.str('description') || e.key,
    type: r.str('type') as TechnicalAsset['type'],
    usage: r.str('usage') as TechnicalAsset['usage'],
    usedAsClientByHuman: r.bool('used_as_client_by_human'),
    outOfScope: r.bool('out_of_scope'),
    justificationOutOfScope: r.str('justification_out_of_scope'),
    size: r.str('size') as TechnicalAsset['size'],
    technology: readTechnology(ctx, r, e.key) as TechnicalAsset['technology'],
    tags: r.strList('tags').map(normalizeTag),
    internet: r.bool('internet'),
    machine: r.str('machine') as TechnicalAsset['machine'],
    encryption: v1Spelling(r.str('encryption')) as TechnicalAsset['encryption'],
    owner: r.str('owner'),
    confidentiality: r.str('confidentiality') as TechnicalAsset['confidentiality'],
    integrity: r.str('integrity') as TechnicalAsset['integrity'],
    availability: r.str('availability') as TechnicalAsset['availability'],
    justificationCiaRating: r.str('justification_cia_rating'),
    multiTenant: r.bool('multi_tenant'),
    redundant: r.bool('redundant'),
    customDevelopedParts: r.bool('custom_developed_parts'),
    dataAssetsProcessed: r.strList('data_assets_processed'),
    dataAssetsStored: r.strList('data_assets_stored'),
    dataFormatsAccepted: r.strList('data_formats_accepted') as TechnicalAsset['dataFormatsAccepted'],
    diagramTweakOrder: r.int('diagram_tweak_order'),
    communicationLinks: [],
    line: e.line,
    fields: r.fieldLines(),
  };
  asset.communicationLinks = r.entries('communication_links').map((le) => readLink(ctx, le, id, e.key));
  return asset;
}

function readLink(ctx: ReadContext, e: Entry, sourceId: string, sourceTitle: string): CommunicationLink {
  const what = `communication link '${e.key}' of technical asset '${sourceTitle}'`;
  const r = new FieldReader(ctx, mapEntries(ctx, e.value, what, e.line) ?? [], what, LINK_KEYS);
  const weight = r.int('diagram_tweak_weight');
  return {
    id: linkId(sourceId, e.key),
    title: e.key,
    sourceId,
    targetId: r.str('target'),
    description: r.str('description') || e.key,
    protocol: r.str('protocol') as CommunicationLink['protocol'],
    authentication: r.str('authentication') as CommunicationLink['authentication'],
    authorization: v1Spelling(r.str('authorization')) as CommunicationLink['authorization'],
    tags: r.strList('tags').map(normalizeTag),
    vpn: r.bool('vpn'),
    ipFiltered: r.bool('ip_filtered'),
    readonly: r.bool('readonly'),
    usage: r.str('usage') as CommunicationLink['usage'],
    dataAssetsSent: r.strList('data_assets_sent'),
    dataAssetsReceived: r.strList('data_assets_received'),
    // Threagile: a weight of 0 (or less) means the default 1.
    diagramTweakWeight: weight > 0 ? weight : 1,
    diagramTweakConstraint: r.bool('diagram_tweak_constraint'),
    line: e.line,
    fields: r.fieldLines(),
  };
}

function readBoundary(ctx: ReadContext, e: Entry): TrustBoundary {
  const r = entity(ctx, e, 'trust boundary', BOUNDARY_KEYS);
  return {
    title: e.key,
    id: r.str('id'),
    description: r.str('description') || e.key,
    type: r.str('type') as TrustBoundary['type'],
    tags: r.strList('tags').map(normalizeTag),
    technicalAssetsInside: r.strList('technical_assets_inside'),
    trustBoundariesNested: r.strList('trust_boundaries_nested'),
    line: e.line,
    fields: r.fieldLines(),
  };
}

function readRuntime(ctx: ReadContext, e: Entry): SharedRuntime {
  const r = entity(ctx, e, 'shared runtime', RUNTIME_KEYS);
  return {
    title: e.key,
    id: r.str('id'),
    description: r.str('description') || e.key,
    // v1 forgets to lower-case shared runtime tags; we normalise like every other kind (documented in the README).
    tags: r.strList('tags').map(normalizeTag),
    technicalAssetsRunning: r.strList('technical_assets_running'),
    line: e.line,
    fields: r.fieldLines(),
  };
}

function readCategory(ctx: ReadContext, e: Entry, title: string): IndividualRiskCategory {
  const r = entity(ctx, e, 'individual risk category', CATEGORY_KEYS);
  return categoryFrom(ctx, r, title, e.line);
}

function categoryFrom(ctx: ReadContext, r: FieldReader, title: string, line: number): IndividualRiskCategory {
  const cat: IndividualRiskCategory = {
    title,
    id: r.str('id'),
    description: r.str('description') || title,
    impact: r.str('impact'),
    asvs: r.str('asvs'),
    cheatSheet: r.str('cheat_sheet'),
    action: r.str('action'),
    mitigation: r.str('mitigation'),
    check: r.str('check'),
    function: r.str('function') as IndividualRiskCategory['function'],
    stride: r.str('stride') as IndividualRiskCategory['stride'],
    detectionLogic: r.str('detection_logic'),
    riskAssessment: r.str('risk_assessment'),
    falsePositives: r.str('false_positives'),
    modelFailurePossibleReason: r.bool('model_failure_possible_reason'),
    cwe: r.int('cwe'),
    risksIdentified: [],
    line,
    fields: r.fieldLines(),
  };
  cat.risksIdentified = r.entries('risks_identified').map((re) => readRisk(ctx, re));
  return cat;
}

function readCustomCategories(ctx: ReadContext, top: FieldReader): IndividualRiskCategory[] {
  // master: a list of categories, each carrying its own `title`.
  const node = top.node('custom_risk_categories');
  const line = top.lineOf('custom_risk_categories')!;
  if (node === null || node === undefined) return [];
  if (!isSeq(node)) {
    ctx.error(line, "'custom_risk_categories' must be a list of categories (each with id and title)");
    return [];
  }
  const out: IndividualRiskCategory[] = [];
  for (const item of node.items) {
    const itemLine = ctx.lineOf(item, line);
    const r = new FieldReader(ctx, mapEntries(ctx, item, 'custom risk category', itemLine) ?? [], 'custom risk category', CATEGORY_KEYS);
    const title = r.str('title') || r.str('id');
    out.push(categoryFrom(ctx, r, title, itemLine));
  }
  return out;
}

function readRisk(ctx: ReadContext, e: Entry): IndividualRisk {
  const what = `individual risk '${e.key}'`;
  const r = new FieldReader(ctx, mapEntries(ctx, e.value, what, e.line) ?? [], what, RISK_KEYS);
  return {
    title: e.key,
    // Threagile's defaults for empty values (notes §1.8).
    severity: (r.str('severity') || 'medium') as IndividualRisk['severity'],
    exploitationLikelihood: (r.str('exploitation_likelihood') || 'likely') as IndividualRisk['exploitationLikelihood'],
    exploitationImpact: (r.str('exploitation_impact') || 'medium') as IndividualRisk['exploitationImpact'],
    dataBreachProbability: (r.str('data_breach_probability') || 'possible') as IndividualRisk['dataBreachProbability'],
    dataBreachTechnicalAssets: r.strList('data_breach_technical_assets'),
    mostRelevantDataAsset: r.str('most_relevant_data_asset'),
    mostRelevantTechnicalAsset: r.str('most_relevant_technical_asset'),
    mostRelevantCommunicationLink: r.str('most_relevant_communication_link'),
    mostRelevantTrustBoundary: r.str('most_relevant_trust_boundary'),
    mostRelevantSharedRuntime: r.str('most_relevant_shared_runtime'),
    line: e.line,
    fields: r.fieldLines(),
  };
}

function readTrackingEntries(ctx: ReadContext, entries: Entry[], file: string): RiskTrackingEntry[] {
  return entries.map((e) => {
    const what = `risk tracking '${e.key}'`;
    const r = new FieldReader(ctx, mapEntries(ctx, e.value, what, e.line) ?? [], what, TRACKING_KEYS);
    const entry: RiskTrackingEntry = {
      syntheticRiskId: e.key,
      status: r.str('status') as RiskTrackingEntry['status'],
      justification: r.str('justification'),
      ticket: r.str('ticket'),
      date: r.str('date'),
      checkedBy: r.str('checked_by'),
      file,
      line: e.line,
      fields: r.fieldLines(),
    };
    if (r.has('expires')) entry.expires = r.str('expires');
    return entry;
  });
}

function readDiagramTweaks(top: FieldReader): DiagramTweaks {
  const nodesep = top.int('diagram_tweak_nodesep');
  const ranksep = top.int('diagram_tweak_ranksep');
  return {
    edgeLayout: top.str('diagram_tweak_edge_layout') as EdgeLayout,
    suppressEdgeLabels: top.bool('diagram_tweak_suppress_edge_labels'),
    layoutLeftToRight: top.bool('diagram_tweak_layout_left_to_right'),
    // Threagile: 0 means the default 2.
    nodesep: nodesep > 0 ? nodesep : 2,
    ranksep: ranksep > 0 ? ranksep : 2,
    invisibleConnectionsBetweenAssets: top.strList('diagram_tweak_invisible_connections_between_assets'),
    sameRankAssets: top.strList('diagram_tweak_same_rank_assets'),
  };
}
