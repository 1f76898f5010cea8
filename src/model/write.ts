/**
 * Writes a ThreagileModel as YAML that Threagile 0.9.1 loads: v1 spellings, every field written
 * explicitly in Threagile's own key order, every used tag declared in `tags_available`, an Excel-safe
 * title. Deterministic: the same model gives byte-identical text (collections keep the model's order;
 * callers that build models, like `init`, sort them). Comments (e.g. `# TODO: review …`) can be
 * attached above entities and fields through the `yaml` Document API.
 */
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { MASTER_SPELLINGS } from './enums.js';
import { sanitizeTitle } from './defaults.js';
import { normalizeTag } from './ids.js';
import type {
  CommunicationLink,
  IndividualRisk,
  IndividualRiskCategory,
  ModelDataAsset,
  Overview,
  RiskTrackingEntry,
  SharedRuntime,
  TechnicalAsset,
  ThreagileModel,
  TrustBoundary,
} from './types.js';

/**
 * Comments to attach. Entity keys: `data_assets/<id>`, `technical_assets/<id>`, `trust_boundaries/<id>`,
 * `shared_runtimes/<id>`, `links/<link id>` and `model` (top-level fields).
 */
export interface WriteComments {
  /** Lines at the very top of the file. */
  header?: string;
  /** A comment above an entity's title key. */
  entities?: Record<string, string>;
  /** A comment above one field of an entity: entity key → field (YAML spelling) → text. */
  fields?: Record<string, Record<string, string>>;
}

export interface WriteOptions {
  comments?: WriteComments;
}

type Value = string | number | boolean | string[] | YAMLMap | YAMLSeq | null;

export function writeModel(model: ThreagileModel, options: WriteOptions = {}): string {
  return new ModelWriter(model, options.comments ?? {}).write();
}

class ModelWriter {
  constructor(
    private readonly model: ThreagileModel,
    private readonly comments: WriteComments,
  ) {}

  write(): string {
    const m = this.model;
    const doc = new Document();
    const root = new YAMLMap();
    const top = (key: string, value: Value, blank = false) => this.put(root, 'model', key, value, blank);

    top('threagile_version', m.threagileVersion || '1.0.0');
    top('title', sanitizeTitle(m.title), true);
    if (m.date) top('date', m.date);
    const author = new YAMLMap();
    this.put(author, '', 'name', m.author.name);
    if (m.author.homepage !== undefined) this.put(author, '', 'homepage', m.author.homepage);
    if (m.author.contact !== undefined) this.put(author, '', 'contact', m.author.contact);
    top('author', author);
    top('management_summary_comment', m.managementSummaryComment, true);
    top('business_criticality', m.businessCriticality);
    top('business_overview', this.overview(m.businessOverview), true);
    top('technical_overview', this.overview(m.technicalOverview));
    top('questions', this.stringMap(m.questions), true);
    top('abuse_cases', this.stringMap(m.abuseCases));
    top('security_requirements', this.stringMap(m.securityRequirements));
    top('tags_available', this.tagsAvailable(), true);
    top('data_assets', this.collection(m.dataAssets, (d) => this.dataAsset(d), (d) => `data_assets/${d.id}`), true);
    top('technical_assets', this.collection(m.technicalAssets, (a) => this.technicalAsset(a), (a) => `technical_assets/${a.id}`), true);
    top('trust_boundaries', this.collection(m.trustBoundaries, (b) => this.boundary(b), (b) => `trust_boundaries/${b.id}`), true);
    top('shared_runtimes', this.collection(m.sharedRuntimes, (r) => this.runtime(r), (r) => `shared_runtimes/${r.id}`), true);
    top('individual_risk_categories', this.collection(m.individualRiskCategories, (c) => this.category(c), (c) => `risk_categories/${c.id}`), true);
    const tracking = m.riskTracking.filter((t) => !t.file || !m.file || t.file === m.file);
    top('risk_tracking', this.trackingMap(tracking), true);
    const d = m.diagramTweaks;
    top('diagram_tweak_nodesep', d.nodesep, true);
    top('diagram_tweak_ranksep', d.ranksep);
    if (d.edgeLayout) top('diagram_tweak_edge_layout', d.edgeLayout);
    top('diagram_tweak_suppress_edge_labels', d.suppressEdgeLabels);
    top('diagram_tweak_layout_left_to_right', d.layoutLeftToRight);
    top('diagram_tweak_invisible_connections_between_assets', d.invisibleConnectionsBetweenAssets);
    top('diagram_tweak_same_rank_assets', d.sameRankAssets);

    doc.contents = root;
    if (this.comments.header) doc.commentBefore = commentText(this.comments.header);
    // lineWidth 0: never fold long strings; a re-generated model then diffs line by line.
    return doc.toString({ lineWidth: 0, indentSeq: true });
  }

  /** Adds `key: value` to a map, with the comment registered for (entity, key) above it. */
  private put(map: YAMLMap, entity: string, key: string, value: Value, blankLineBefore = false): void {
    const k = new Scalar(key);
    const text = this.comments.fields?.[entity]?.[key];
    if (text) k.commentBefore = commentText(text);
    if (blankLineBefore) k.spaceBefore = true;
    map.items.push(new Pair(k, toNode(value)));
  }

  /** A map for one entity and its field writer; `entity` (`data_assets/<id>`, '' for none) keys the field comments. */
  private fieldsOf(entity: string): { map: YAMLMap; put: (k: string, v: Value) => void } {
    const map = new YAMLMap();
    return { map, put: (k, v) => this.put(map, entity, k, v) };
  }

  private collection<T extends { title: string }>(items: T[], build: (item: T) => YAMLMap, key: (item: T) => string): YAMLMap {
    const map = new YAMLMap();
    items.forEach((item, i) => {
      const k = new Scalar(item.title);
      const text = this.comments.entities?.[key(item)];
      if (text) k.commentBefore = commentText(text);
      if (i > 0) k.spaceBefore = true;
      map.items.push(new Pair(k, build(item)));
    });
    return map;
  }

  /** Declared tags in their order, then every used-but-undeclared tag (sorted), so the model always loads. */
  private tagsAvailable(): string[] {
    const m = this.model;
    const declared = m.tagsAvailable.map(normalizeTag);
    const seen = new Set(declared);
    const used = [
      ...m.dataAssets.flatMap((d) => d.tags),
      ...m.technicalAssets.flatMap((a) => [...a.tags, ...a.communicationLinks.flatMap((l) => l.tags)]),
      ...m.trustBoundaries.flatMap((b) => b.tags),
      ...m.sharedRuntimes.flatMap((r) => r.tags),
    ].map(normalizeTag);
    const missing = [...new Set(used.filter((t) => !seen.has(t)))].sort();
    return [...new Set(declared), ...missing];
  }

  private overview(o: Overview): YAMLMap {
    const map = new YAMLMap();
    this.put(map, '', 'description', o.description);
    const images = new YAMLSeq();
    for (const image of o.images) images.items.push(toNode(stringMapNode(image)));
    this.put(map, '', 'images', images);
    return map;
  }

  private stringMap(values: Record<string, string>): YAMLMap {
    return stringMapNode(values);
  }

  private dataAsset(d: ModelDataAsset): YAMLMap {
    const { map, put } = this.fieldsOf(`data_assets/${d.id}`);
    put('id', d.id);
    put('description', d.description || d.title);
    put('usage', d.usage);
    put('tags', d.tags.map(normalizeTag));
    put('origin', d.origin);
    put('owner', d.owner);
    put('quantity', d.quantity);
    put('confidentiality', d.confidentiality);
    put('integrity', d.integrity);
    put('availability', d.availability);
    put('justification_cia_rating', d.justificationCiaRating);
    return map;
  }

  private technicalAsset(a: TechnicalAsset): YAMLMap {
    const { map, put } = this.fieldsOf(`technical_assets/${a.id}`);
    put('id', a.id);
    put('description', a.description || a.title);
    put('type', a.type);
    put('usage', a.usage);
    put('used_as_client_by_human', a.usedAsClientByHuman);
    put('out_of_scope', a.outOfScope);
    put('justification_out_of_scope', a.justificationOutOfScope);
    put('size', a.size);
    put('technology', a.technology);
    put('tags', a.tags.map(normalizeTag));
    put('internet', a.internet);
    put('machine', a.machine);
    put('encryption', v1(a.encryption));
    put('owner', a.owner);
    put('confidentiality', a.confidentiality);
    put('integrity', a.integrity);
    put('availability', a.availability);
    put('justification_cia_rating', a.justificationCiaRating);
    put('multi_tenant', a.multiTenant);
    put('redundant', a.redundant);
    put('custom_developed_parts', a.customDevelopedParts);
    put('data_assets_processed', a.dataAssetsProcessed);
    put('data_assets_stored', a.dataAssetsStored);
    put('data_formats_accepted', a.dataFormatsAccepted);
    if (a.diagramTweakOrder) put('diagram_tweak_order', a.diagramTweakOrder);
    const links = new YAMLMap();
    for (const l of a.communicationLinks) {
      const k = new Scalar(l.title);
      const text = this.comments.entities?.[`links/${l.id}`];
      if (text) k.commentBefore = commentText(text);
      links.items.push(new Pair(k, this.link(l)));
    }
    put('communication_links', links);
    return map;
  }

  private link(l: CommunicationLink): YAMLMap {
    const { map, put } = this.fieldsOf(`links/${l.id}`);
    put('target', l.targetId);
    put('description', l.description || l.title);
    put('protocol', l.protocol);
    put('authentication', l.authentication);
    put('authorization', v1(l.authorization));
    put('tags', l.tags.map(normalizeTag));
    put('vpn', l.vpn);
    put('ip_filtered', l.ipFiltered);
    put('readonly', l.readonly);
    put('usage', l.usage);
    put('data_assets_sent', l.dataAssetsSent);
    put('data_assets_received', l.dataAssetsReceived);
    if (l.diagramTweakWeight !== 1) put('diagram_tweak_weight', l.diagramTweakWeight);
    if (l.diagramTweakConstraint) put('diagram_tweak_constraint', l.diagramTweakConstraint);
    return map;
  }

  private boundary(b: TrustBoundary): YAMLMap {
    const { map, put } = this.fieldsOf(`trust_boundaries/${b.id}`);
    put('id', b.id);
    put('description', b.description || b.title);
    put('type', b.type);
    put('tags', b.tags.map(normalizeTag));
    put('technical_assets_inside', b.technicalAssetsInside);
    put('trust_boundaries_nested', b.trustBoundariesNested);
    return map;
  }

  private runtime(r: SharedRuntime): YAMLMap {
    const { map, put } = this.fieldsOf(`shared_runtimes/${r.id}`);
    put('id', r.id);
    put('description', r.description || r.title);
    put('tags', r.tags.map(normalizeTag));
    put('technical_assets_running', r.technicalAssetsRunning);
    return map;
  }

  private category(c: IndividualRiskCategory): YAMLMap {
    const { map, put } = this.fieldsOf(`risk_categories/${c.id}`);
    put('id', c.id);
    put('description', c.description || c.title);
    put('impact', c.impact);
    put('asvs', c.asvs);
    put('cheat_sheet', c.cheatSheet);
    put('action', c.action);
    put('mitigation', c.mitigation);
    put('check', c.check);
    put('function', c.function);
    put('stride', c.stride);
    put('detection_logic', c.detectionLogic);
    put('risk_assessment', c.riskAssessment);
    put('false_positives', c.falsePositives);
    put('model_failure_possible_reason', c.modelFailurePossibleReason);
    put('cwe', c.cwe);
    const risks = new YAMLMap();
    for (const r of c.risksIdentified) risks.items.push(new Pair(new Scalar(r.title), this.risk(r)));
    put('risks_identified', risks);
    return map;
  }

  private risk(r: IndividualRisk): YAMLMap {
    const { map, put } = this.fieldsOf('');
    put('severity', r.severity);
    put('exploitation_likelihood', r.exploitationLikelihood);
    put('exploitation_impact', r.exploitationImpact);
    put('data_breach_probability', r.dataBreachProbability);
    put('data_breach_technical_assets', r.dataBreachTechnicalAssets);
    put('most_relevant_data_asset', r.mostRelevantDataAsset);
    put('most_relevant_technical_asset', r.mostRelevantTechnicalAsset);
    put('most_relevant_communication_link', r.mostRelevantCommunicationLink);
    put('most_relevant_trust_boundary', r.mostRelevantTrustBoundary);
    put('most_relevant_shared_runtime', r.mostRelevantSharedRuntime);
    return map;
  }

  private trackingMap(entries: RiskTrackingEntry[]): YAMLMap {
    const map = new YAMLMap();
    for (const t of entries) {
      const m = new YAMLMap();
      const put = (k: string, v: Value) => this.put(m, '', k, v);
      put('status', t.status);
      put('justification', t.justification);
      put('ticket', t.ticket);
      if (t.date) put('date', t.date);
      put('checked_by', t.checkedBy);
      if (t.expires !== undefined) put('expires', t.expires);
      map.items.push(new Pair(new Scalar(t.syntheticRiskId), m));
    }
    return map;
  }
}

function v1(value: string): string {
  return MASTER_SPELLINGS[value] ?? value;
}

function stringMapNode(values: Record<string, string>): YAMLMap {
  const map = new YAMLMap();
  for (const [k, v] of Object.entries(values)) map.items.push(new Pair(new Scalar(k), new Scalar(v)));
  return map;
}

function toNode(value: Value): YAMLMap | YAMLSeq | Scalar {
  if (value instanceof YAMLMap || value instanceof YAMLSeq) return value;
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    for (const v of value) seq.items.push(new Scalar(v));
    return seq;
  }
  return new Scalar(value);
}

/** `yaml` prefixes each comment line with `#`; a leading space makes it `# text`. */
function commentText(text: string): string {
  return text
    .split('\n')
    .map((l) => (l ? ` ${l}` : ''))
    .join('\n');
}
