/**
 * Validates a ThreagileModel the way Threagile 0.9.1's parser does (anything it aborts on is an error
 * here), plus warnings for what loads but breaks Threagile's tooling (the Excel writer's sheet-name
 * limits) or silently does nothing. Each issue points at `file:LINE` of the offending field.
 */
import {
  AUTHENTICATIONS,
  AUTHORIZATIONS,
  CONFIDENTIALITIES,
  CRITICALITIES,
  DATA_BREACH_PROBABILITIES,
  DATA_FORMATS,
  ENCRYPTIONS,
  EXPLOITATION_IMPACTS,
  EXPLOITATION_LIKELIHOODS,
  MACHINES,
  PROTOCOLS,
  QUANTITIES,
  RISK_FUNCTIONS,
  RISK_SEVERITIES,
  RISK_STATUSES,
  SIZES,
  STRIDES,
  TECHNICAL_ASSET_TYPES,
  TECHNOLOGIES,
  TRUST_BOUNDARY_TYPES,
  USAGES,
} from './enums.js';
import { THREAGILE_ID, normalizeTag } from './ids.js';
import type { ModelIssue, Positions, ThreagileModel } from './types.js';

/** Longest sheet name Excel accepts; Threagile 0.9.1 uses the model title as one. */
export const MAX_TITLE_LENGTH = 31;
/** Characters Excel refuses in sheet names. */
export const EXCEL_FORBIDDEN = /[:\\/?*[\]]/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EDGE_LAYOUTS = ['', 'spline', 'polyline', 'ortho', 'curved', 'false'] as const;

export function validateModel(model: ThreagileModel): ModelIssue[] {
  return new Validator(model).run();
}

class Validator {
  private readonly issues: ModelIssue[] = [];
  private readonly file: string;
  private readonly tags: Set<string>;
  private readonly dataIds = new Set<string>();
  private readonly assetIds = new Set<string>();
  private readonly boundaryIds = new Set<string>();
  private readonly runtimeIds = new Set<string>();
  private readonly linkIds = new Set<string>();

  constructor(private readonly model: ThreagileModel) {
    this.file = model.file ?? 'threagile.yaml';
    this.tags = new Set(model.tagsAvailable.map(normalizeTag));
  }

  run(): ModelIssue[] {
    this.topLevel();
    this.collectIds();
    this.dataAssets();
    this.technicalAssets();
    this.trustBoundaries();
    this.sharedRuntimes();
    this.riskCategories();
    this.riskTracking();
    this.diagramTweaks();
    return this.issues.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.message.localeCompare(b.message));
  }

  private error(line: number, message: string, file = this.file): void {
    this.issues.push({ severity: 'error', file, line, message });
  }
  private warning(line: number, message: string, file = this.file): void {
    this.issues.push({ severity: 'warning', file, line, message });
  }

  /** Line of a field, else of the entity, else 0 (an in-memory model). */
  private at(p: Positions | undefined, field?: string): number {
    return (field && p?.fields?.[field]) || p?.line || 0;
  }
  private top(field: string): number {
    return this.model.fields?.[field] ?? 0;
  }

  private enumValue(line: number, what: string, field: string, value: string, allowed: readonly string[]): void {
    if (allowed.includes(value)) return;
    if (value === '') this.error(line, `${what}: missing '${field}' (one of: ${allowed.join(', ')})`);
    else this.error(line, `${what}: unknown '${field}' value '${value}' (one of: ${allowed.join(', ')})`);
  }

  private id(line: number, what: string, id: string, seen: Set<string>, kind: string): void {
    if (id === '') this.error(line, `${what}: missing 'id'`);
    else if (!THREAGILE_ID.test(id)) this.error(line, `${what}: invalid id '${id}' (only letters, digits and '-' are allowed)`);
    else if (seen.has(id)) this.error(line, `${what}: duplicate ${kind} id '${id}'`);
    seen.add(id);
  }

  private checkTags(line: number, what: string, tags: string[]): void {
    for (const tag of tags) {
      if (!this.tags.has(normalizeTag(tag))) this.error(line, `${what}: tag '${normalizeTag(tag)}' is not declared in tags_available`);
    }
  }

  private date(line: number, what: string, value: string, file = this.file): void {
    if (value === '') return;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      this.error(line, `${what}: invalid date '${value}' (expected YYYY-MM-DD)`, file);
    }
  }

  private topLevel(): void {
    const m = this.model;
    if (m.threagileVersion === '') this.warning(this.top('threagile_version') || 1, "missing 'threagile_version' (Threagile's schema requires it; use 1.0.0)");
    if (m.title === '') this.warning(this.top('title') || 1, "missing 'title'");
    else if (m.title.length > MAX_TITLE_LENGTH || EXCEL_FORBIDDEN.test(m.title)) {
      this.warning(
        this.top('title'),
        `title '${m.title}' breaks Threagile 0.9.1's Excel reports (sheet names allow at most ${MAX_TITLE_LENGTH} characters and none of : \\ / ? * [ ]); shorten it or run Threagile with -generate-risks-excel=false -generate-tags-excel=false`,
      );
    }
    this.date(this.top('date'), 'model', m.date);
    this.enumValue(this.top('business_criticality') || 1, 'model', 'business_criticality', m.businessCriticality, CRITICALITIES);
    if (m.author.name === '') this.warning(this.top('author') || 1, "missing 'author.name' (Threagile's schema requires it)");
    if (m.technicalAssets.length === 0) this.warning(this.top('technical_assets') || 1, 'the model has no technical assets: Threagile 0.9.1 cannot analyse an empty model');
  }

  /** Ids first, so that references can be checked in any order (Threagile checks some in file order). */
  private collectIds(): void {
    for (const d of this.model.dataAssets) this.id(this.at(d, 'id'), `data asset '${d.title}'`, d.id, this.dataIds, 'data asset');
    for (const a of this.model.technicalAssets) this.id(this.at(a, 'id'), `technical asset '${a.title}'`, a.id, this.assetIds, 'technical asset');
    for (const b of this.model.trustBoundaries) this.id(this.at(b, 'id'), `trust boundary '${b.title}'`, b.id, this.boundaryIds, 'trust boundary');
    for (const r of this.model.sharedRuntimes) this.id(this.at(r, 'id'), `shared runtime '${r.title}'`, r.id, this.runtimeIds, 'shared runtime');
    const categoryIds = new Set<string>();
    for (const c of this.model.individualRiskCategories) this.id(this.at(c, 'id'), `individual risk category '${c.title}'`, c.id, categoryIds, 'risk category');
    // Titles are YAML map keys: duplicates cannot be written (in-memory models only; the reader keeps the first).
    const titled: Array<[string, Array<{ title: string } & Positions>]> = [
      ['data asset', this.model.dataAssets],
      ['technical asset', this.model.technicalAssets],
      ['trust boundary', this.model.trustBoundaries],
      ['shared runtime', this.model.sharedRuntimes],
      ['individual risk category', this.model.individualRiskCategories],
      ...this.model.technicalAssets.map((a): [string, Array<{ title: string } & Positions>] => [`communication link of technical asset '${a.title}'`, a.communicationLinks]),
    ];
    for (const [kind, items] of titled) {
      const seen = new Set<string>();
      for (const item of items) {
        if (seen.has(item.title)) this.error(this.at(item), `duplicate ${kind} title '${item.title}' (titles are map keys and must be unique)`);
        seen.add(item.title);
      }
    }
    for (const a of this.model.technicalAssets) {
      for (const l of a.communicationLinks) {
        if (this.linkIds.has(l.id)) {
          this.warning(this.at(l), `communication link '${l.title}' of technical asset '${a.title}': its link id '${l.id}' is the same as another link's; risk ids and most_relevant_communication_link cannot tell them apart`);
        }
        this.linkIds.add(l.id);
      }
    }
  }

  private dataRefs(line: number, what: string, field: string, ids: string[]): void {
    for (const id of ids) if (!this.dataIds.has(id)) this.error(line, `${what}: '${field}' refers to unknown data asset '${id}'`);
  }
  private assetRefs(line: number, what: string, field: string, ids: string[]): void {
    for (const id of ids) if (!this.assetIds.has(id)) this.error(line, `${what}: '${field}' refers to unknown technical asset '${id}'`);
  }

  private dataAssets(): void {
    for (const d of this.model.dataAssets) {
      const what = `data asset '${d.title}'`;
      this.enumValue(this.at(d, 'usage'), what, 'usage', d.usage, USAGES);
      this.enumValue(this.at(d, 'quantity'), what, 'quantity', d.quantity, QUANTITIES);
      this.enumValue(this.at(d, 'confidentiality'), what, 'confidentiality', d.confidentiality, CONFIDENTIALITIES);
      this.enumValue(this.at(d, 'integrity'), what, 'integrity', d.integrity, CRITICALITIES);
      this.enumValue(this.at(d, 'availability'), what, 'availability', d.availability, CRITICALITIES);
      this.checkTags(this.at(d, 'tags'), what, d.tags);
    }
  }

  private technicalAssets(): void {
    for (const a of this.model.technicalAssets) {
      const what = `technical asset '${a.title}'`;
      this.enumValue(this.at(a, 'type'), what, 'type', a.type, TECHNICAL_ASSET_TYPES);
      this.enumValue(this.at(a, 'usage'), what, 'usage', a.usage, USAGES);
      this.enumValue(this.at(a, 'size'), what, 'size', a.size, SIZES);
      this.enumValue(a.fields?.technologies ?? this.at(a, 'technology'), what, 'technology', a.technology, TECHNOLOGIES);
      this.enumValue(this.at(a, 'machine'), what, 'machine', a.machine, MACHINES);
      this.enumValue(this.at(a, 'encryption'), what, 'encryption', a.encryption, ENCRYPTIONS);
      this.enumValue(this.at(a, 'confidentiality'), what, 'confidentiality', a.confidentiality, CONFIDENTIALITIES);
      this.enumValue(this.at(a, 'integrity'), what, 'integrity', a.integrity, CRITICALITIES);
      this.enumValue(this.at(a, 'availability'), what, 'availability', a.availability, CRITICALITIES);
      for (const f of a.dataFormatsAccepted) this.enumValue(this.at(a, 'data_formats_accepted'), what, 'data_formats_accepted', f, DATA_FORMATS);
      this.checkTags(this.at(a, 'tags'), what, a.tags);
      this.dataRefs(this.at(a, 'data_assets_processed'), what, 'data_assets_processed', a.dataAssetsProcessed);
      this.dataRefs(this.at(a, 'data_assets_stored'), what, 'data_assets_stored', a.dataAssetsStored);
      for (const l of a.communicationLinks) {
        const lw = `communication link '${l.title}' of technical asset '${a.title}'`;
        if (l.targetId === '') this.error(this.at(l), `${lw}: missing 'target'`);
        else if (!this.assetIds.has(l.targetId)) this.error(this.at(l, 'target'), `${lw}: 'target' refers to unknown technical asset '${l.targetId}'`);
        this.enumValue(this.at(l, 'protocol'), lw, 'protocol', l.protocol, PROTOCOLS);
        this.enumValue(this.at(l, 'authentication'), lw, 'authentication', l.authentication, AUTHENTICATIONS);
        this.enumValue(this.at(l, 'authorization'), lw, 'authorization', l.authorization, AUTHORIZATIONS);
        this.enumValue(this.at(l, 'usage'), lw, 'usage', l.usage, USAGES);
        this.checkTags(this.at(l, 'tags'), lw, l.tags);
        this.dataRefs(this.at(l, 'data_assets_sent'), lw, 'data_assets_sent', l.dataAssetsSent);
        this.dataRefs(this.at(l, 'data_assets_received'), lw, 'data_assets_received', l.dataAssetsReceived);
      }
    }
  }

  private trustBoundaries(): void {
    const inside = new Map<string, string>(); // asset id → boundary title
    const parentOf = new Map<string, string>(); // boundary id → parent boundary id
    for (const b of this.model.trustBoundaries) {
      const what = `trust boundary '${b.title}'`;
      this.enumValue(this.at(b, 'type'), what, 'type', b.type, TRUST_BOUNDARY_TYPES);
      this.checkTags(this.at(b, 'tags'), what, b.tags);
      const line = this.at(b, 'technical_assets_inside');
      for (const id of b.technicalAssetsInside) {
        if (!this.assetIds.has(id)) {
          this.error(line, `${what}: 'technical_assets_inside' refers to unknown technical asset '${id}'`);
          continue;
        }
        const prior = inside.get(id);
        if (prior !== undefined) this.error(line, `${what}: technical asset '${id}' is already directly inside trust boundary '${prior}' (an asset may be directly inside at most one trust boundary)`);
        else inside.set(id, b.title);
      }
      const nestedLine = this.at(b, 'trust_boundaries_nested');
      for (const nested of b.trustBoundariesNested) {
        if (!this.boundaryIds.has(nested)) {
          this.error(nestedLine, `${what}: 'trust_boundaries_nested' refers to unknown trust boundary '${nested}'`);
          continue;
        }
        if (nested === b.id) {
          this.error(nestedLine, `${what}: a trust boundary cannot be nested in itself`);
          continue;
        }
        const prior = parentOf.get(nested);
        if (prior !== undefined && prior !== b.id) this.warning(nestedLine, `${what}: trust boundary '${nested}' is also nested in '${prior}'; Threagile picks one parent at random`);
        else parentOf.set(nested, b.id);
      }
    }
    // A nesting cycle makes Threagile's parent walk loop forever.
    for (const b of this.model.trustBoundaries) {
      const seen = new Set<string>([b.id]);
      let cur = parentOf.get(b.id);
      while (cur !== undefined) {
        if (seen.has(cur)) {
          if (cur === b.id) this.error(this.at(b, 'trust_boundaries_nested'), `trust boundary '${b.title}': trust_boundaries_nested forms a cycle through '${b.id}'`);
          break;
        }
        seen.add(cur);
        cur = parentOf.get(cur);
      }
    }
  }

  private sharedRuntimes(): void {
    for (const r of this.model.sharedRuntimes) {
      const what = `shared runtime '${r.title}'`;
      this.checkTags(this.at(r, 'tags'), what, r.tags);
      this.assetRefs(this.at(r, 'technical_assets_running'), what, 'technical_assets_running', r.technicalAssetsRunning);
    }
  }

  private riskCategories(): void {
    for (const c of this.model.individualRiskCategories) {
      const what = `individual risk category '${c.title}'`;
      this.enumValue(this.at(c, 'function'), what, 'function', c.function, RISK_FUNCTIONS);
      this.enumValue(this.at(c, 'stride'), what, 'stride', c.stride, STRIDES);
      for (const r of c.risksIdentified) {
        const rw = `individual risk '${r.title}'`;
        this.enumValue(this.at(r, 'severity'), rw, 'severity', r.severity, RISK_SEVERITIES);
        this.enumValue(this.at(r, 'exploitation_likelihood'), rw, 'exploitation_likelihood', r.exploitationLikelihood, EXPLOITATION_LIKELIHOODS);
        this.enumValue(this.at(r, 'exploitation_impact'), rw, 'exploitation_impact', r.exploitationImpact, EXPLOITATION_IMPACTS);
        this.enumValue(this.at(r, 'data_breach_probability'), rw, 'data_breach_probability', r.dataBreachProbability, DATA_BREACH_PROBABILITIES);
        this.assetRefs(this.at(r, 'data_breach_technical_assets'), rw, 'data_breach_technical_assets', r.dataBreachTechnicalAssets);
        const ref = (field: string, value: string, known: Set<string>, kind: string, hint = '') => {
          if (value !== '' && !known.has(value)) this.error(this.at(r, field), `${rw}: '${field}' refers to unknown ${kind} '${value}'${hint}`);
        };
        ref('most_relevant_data_asset', r.mostRelevantDataAsset, this.dataIds, 'data asset');
        ref('most_relevant_technical_asset', r.mostRelevantTechnicalAsset, this.assetIds, 'technical asset');
        ref('most_relevant_communication_link', r.mostRelevantCommunicationLink, this.linkIds, 'communication link', " (use the link id '<source-asset-id>>normalized-link-title', not the title)");
        ref('most_relevant_trust_boundary', r.mostRelevantTrustBoundary, this.boundaryIds, 'trust boundary');
        ref('most_relevant_shared_runtime', r.mostRelevantSharedRuntime, this.runtimeIds, 'shared runtime');
      }
    }
  }

  private riskTracking(): void {
    for (const t of this.model.riskTracking) {
      const file = t.file ?? this.file;
      const what = `risk tracking '${t.syntheticRiskId}'`;
      const status: string = t.status;
      if (!(RISK_STATUSES as readonly string[]).includes(status)) {
        const line = this.at(t, 'status');
        const msg = status === '' ? `${what}: missing 'status' (one of: ${RISK_STATUSES.join(', ')})` : `${what}: unknown 'status' value '${status}' (one of: ${RISK_STATUSES.join(', ')})`;
        this.error(line, msg, file);
      }
      this.date(this.at(t, 'date'), what, t.date, file);
      if (t.expires !== undefined) {
        this.date(this.at(t, 'expires'), what, t.expires, file);
        if (t.expires === '') this.warning(this.at(t, 'expires'), `${what}: 'expires' is empty`, file);
        if (status !== 'accepted') this.warning(this.at(t, 'expires'), `${what}: 'expires' only applies to status 'accepted'`, file);
      }
    }
  }

  private diagramTweaks(): void {
    const d = this.model.diagramTweaks;
    if (!(EDGE_LAYOUTS as readonly string[]).includes(d.edgeLayout)) {
      this.error(this.top('diagram_tweak_edge_layout'), `unknown 'diagram_tweak_edge_layout' value '${d.edgeLayout}' (one of: spline, polyline, ortho, curved, false)`);
    }
    const bounded = new Set(this.model.trustBoundaries.flatMap((b) => b.technicalAssetsInside));
    for (const pair of d.invisibleConnectionsBetweenAssets) {
      const line = this.top('diagram_tweak_invisible_connections_between_assets');
      const parts = pair.split(':');
      if (parts.length !== 2) this.error(line, `diagram_tweak_invisible_connections_between_assets: '${pair}' must be 'asset-id:asset-id'`);
      this.assetRefs(line, 'diagram_tweak_invisible_connections_between_assets', pair, parts.filter((p) => p !== ''));
    }
    for (const group of d.sameRankAssets) {
      const line = this.top('diagram_tweak_same_rank_assets');
      const ids = group.split(':').filter((p) => p !== '');
      this.assetRefs(line, 'diagram_tweak_same_rank_assets', group, ids);
      for (const id of ids) {
        if (bounded.has(id)) this.error(line, `diagram_tweak_same_rank_assets: technical asset '${id}' is inside a trust boundary; same-rank tweaks only work for assets outside trust boundaries`);
      }
    }
  }
}
