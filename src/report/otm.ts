/**
 * Open Threat Model (OTM 0.2.0, IriusRisk's exchange format) export: `scan --format otm` and
 * `graph --format otm`, so IriusRisk / StartLeft users can import what infragile found.
 *
 * Mapping (docs/sarif.md has the table for users):
 * - trust boundaries → trustZones (nested through `parent.trustZone`), plus an `internet` zone for the
 *   internet and external entities and an `unzoned` zone for components in no boundary (OTM requires
 *   every component to have a parent);
 * - components → components (type = Threagile technology), each IaC source as a code representation
 *   with file and line; data assets → assets (CIA from the model when there is one, else unrated 50s
 *   with a comment saying so) and each component's processed/stored assets;
 * - flows → dataflows (caller → callee);
 * - risks → threats (STRIDE as category, CWE, likelihood/impact on OTM's 0–100 scale), attached as
 *   threat instances to the component or dataflow they are about, with the risk-tracking status as
 *   the instance state; each rule's mitigation text → one mitigation, referenced by its threats.
 *
 * Deterministic: every list follows the graph's (sorted) order, ids come from graph ids and
 * synthetic risk ids. Attribute values are strings (OTM's map of strings); no secret values exist in
 * the graph to begin with.
 */
import type { Risk, RiskCategory } from '../analyze/types.js';
import type { ArchitectureGraph, AttributeValue, Boundary, Location } from '../graph/types.js';
import type { Confidentiality, Criticality, ExploitationImpact, ExploitationLikelihood, RiskStatus, TrustBoundaryType } from '../model/enums.js';
import type { ThreagileModel } from '../model/types.js';

export const OTM_VERSION = '0.2.0';
const INTERNET_ZONE = 'internet';
const UNZONED = 'unzoned';

export interface OtmInput {
  graph: ArchitectureGraph;
  projectName: string;
  /** Named in the project's attributes; omitted by renderers that do not know it (`graph --format otm`). */
  toolVersion?: string;
  risks?: readonly Risk[];
  categories?: ReadonlyMap<string, RiskCategory>;
  /** The (effective) model: data asset ratings, and asset ids for risks. */
  model?: ThreagileModel;
  /** model asset id → graph component ids (reconcile's binding); default: same id. */
  assetComponents?: ReadonlyMap<string, readonly string[]>;
}

type Attrs = Record<string, string>;
interface Parent {
  trustZone?: string;
  component?: string;
}
interface ThreatInstance {
  threat: string;
  state: string;
  mitigations?: Array<{ mitigation: string; state: string }>;
}

export interface OtmDocument {
  otmVersion: string;
  project: { name: string; id: string; description?: string; tags?: string[]; attributes?: Attrs };
  representations: Array<{ name: string; id: string; type: string; description?: string }>;
  assets: Array<{ name: string; id: string; description?: string; risk: { confidentiality: number; integrity: number; availability: number; comment?: string }; attributes?: Attrs }>;
  trustZones: Array<{ id: string; name: string; type?: string; description?: string; risk: { trustRating: number }; parent?: Parent; attributes?: Attrs }>;
  components: Array<{
    id: string;
    name: string;
    type: string;
    description?: string;
    parent: Parent;
    representations?: Array<{ representation: string; id: string; name?: string; file?: string; line?: number }>;
    assets?: { processed: string[]; stored: string[] };
    threats?: ThreatInstance[];
    tags?: string[];
    attributes?: Attrs;
  }>;
  dataflows: Array<{ id: string; name: string; description?: string; bidirectional: boolean; source: string; destination: string; threats?: ThreatInstance[]; tags?: string[]; attributes?: Attrs }>;
  threats: Array<{ id: string; name: string; description?: string; categories: string[]; cwes: string[]; risk: { likelihood: number; impact: number }; tags?: string[]; attributes?: Attrs }>;
  mitigations: Array<{ id: string; name: string; description?: string; riskReduction: number; attributes?: Attrs }>;
}

/** How far a zone is trusted (OTM 0–100): the more reachable, the lower. */
const TRUST_RATING: Record<TrustBoundaryType, number> = {
  'network-on-prem': 60,
  'network-dedicated-hoster': 60,
  'network-virtual-lan': 60,
  'network-cloud-provider': 60,
  'network-cloud-security-group': 70,
  'network-policy-namespace-isolation': 70,
  'execution-environment': 80,
};
const LIKELIHOOD: Record<ExploitationLikelihood, number> = { unlikely: 25, likely: 50, 'very-likely': 75, frequent: 100 };
const IMPACT: Record<ExploitationImpact, number> = { low: 25, medium: 50, high: 75, 'very-high': 100 };
const CONFIDENTIALITY: Record<Confidentiality, number> = { public: 0, internal: 25, restricted: 50, confidential: 75, 'strictly-confidential': 100 };
const CRITICALITY: Record<Criticality, number> = { archive: 0, operational: 25, important: 50, critical: 75, 'mission-critical': 100 };
const THREAT_STATE: Record<RiskStatus, string> = {
  unchecked: 'exposed',
  'in-discussion': 'exposed',
  'in-progress': 'exposed',
  accepted: 'accepted',
  mitigated: 'mitigated',
  'false-positive': 'not-applicable',
};

export function renderOtm(input: OtmInput): string {
  return JSON.stringify(buildOtm(input), null, 2) + '\n';
}

export function buildOtm(input: OtmInput): OtmDocument {
  const { graph } = input;
  const risks = input.risks ?? [];
  const zoneOf = new Map<string, string>();
  for (const b of graph.boundaries) for (const m of b.members) zoneOf.set(m, b.id);

  const trustZones: OtmDocument['trustZones'] = graph.boundaries.map((b) => zone(b));
  const needsInternet = graph.components.some((c) => !zoneOf.has(c.id) && (c.id === 'internet' || c.type === 'external-entity'));
  const needsUnzoned = graph.components.some((c) => !zoneOf.has(c.id) && !(c.id === 'internet' || c.type === 'external-entity'));
  if (needsInternet && !graph.boundaries.some((b) => b.id === INTERNET_ZONE))
    trustZones.push({ id: INTERNET_ZONE, name: 'Internet', type: 'internet', description: 'The internet and external entities outside every trust boundary', risk: { trustRating: 0 } });
  if (needsUnzoned && !graph.boundaries.some((b) => b.id === UNZONED))
    trustZones.push({ id: UNZONED, name: 'No trust boundary', type: 'unzoned', description: 'Components the infrastructure places in no trust boundary', risk: { trustRating: 50 } });

  // Risks → threats, and the elements they attach to.
  const componentIds = new Set(graph.components.map((c) => c.id));
  const flowIds = new Set(graph.flows.map((f) => f.id));
  const onComponent = new Map<string, ThreatInstance[]>();
  const onFlow = new Map<string, ThreatInstance[]>();
  const attach = (map: Map<string, ThreatInstance[]>, key: string, t: ThreatInstance) => {
    const list = map.get(key);
    if (list) list.push(t);
    else map.set(key, [t]);
  };
  const mitigations = new Map<string, OtmDocument['mitigations'][number]>();
  const threats: OtmDocument['threats'] = [];
  for (const r of risks) {
    const category = input.categories?.get(r.category);
    const mitigationId = category && plain(category.mitigation) ? `${r.category}-mitigation` : undefined;
    if (mitigationId && !mitigations.has(mitigationId)) {
      mitigations.set(mitigationId, {
        id: mitigationId,
        name: plain(category!.action) || `Mitigate ${plain(category!.title)}`,
        description: plain(category!.mitigation),
        riskReduction: 75,
        attributes: { category: r.category, ...(category!.asvs ? { asvs: plain(category!.asvs) } : {}), ...(/^https?:/.test(category!.cheatSheet) ? { cheatSheet: category!.cheatSheet } : {}) },
      });
    }
    threats.push({
      id: r.syntheticId,
      name: plain(r.title),
      ...(category ? { description: plain(category.description) } : {}),
      categories: category ? [strideName(category.stride)] : [],
      cwes: category && category.cwe > 0 ? [`CWE-${category.cwe}`] : [],
      risk: { likelihood: LIKELIHOOD[r.exploitationLikelihood], impact: IMPACT[r.exploitationImpact] },
      tags: [r.category, r.severity],
      attributes: {
        category: r.category,
        severity: r.severity,
        status: r.riskStatus,
        dataBreachProbability: r.dataBreachProbability,
        ...(r.evidence?.[0] ? { location: where(r.evidence[0].location) } : {}),
      },
    });
    const instance: ThreatInstance = {
      threat: r.syntheticId,
      state: THREAT_STATE[r.riskStatus],
      ...(mitigationId ? { mitigations: [{ mitigation: mitigationId, state: r.riskStatus === 'mitigated' ? 'implemented' : 'required' }] } : {}),
    };
    if (r.mostRelevantCommunicationLink && flowIds.has(r.mostRelevantCommunicationLink)) attach(onFlow, r.mostRelevantCommunicationLink, instance);
    else
      for (const id of componentsOf(r.mostRelevantTechnicalAsset, input.assetComponents).filter((c) => componentIds.has(c)))
        attach(onComponent, id, instance);
  }

  const processed = new Map<string, string[]>();
  const stored = new Map<string, string[]>();
  for (const d of graph.dataAssets) {
    for (const c of d.processedBy) (processed.get(c) ?? processed.set(c, []).get(c)!).push(d.id);
    for (const c of d.storedBy) (stored.get(c) ?? stored.set(c, []).get(c)!).push(d.id);
  }

  const modelData = new Map((input.model?.dataAssets ?? []).map((d) => [d.id, d]));
  const assets: OtmDocument['assets'] = graph.dataAssets.map((d) => {
    const m = modelData.get(d.id);
    return {
      id: d.id,
      name: d.title,
      description: `${d.kind} seen in the infrastructure${d.sources[0] ? ` (${d.sources[0].address})` : ''}`,
      risk: m
        ? { confidentiality: CONFIDENTIALITY[m.confidentiality], integrity: CRITICALITY[m.integrity], availability: CRITICALITY[m.availability], comment: 'CIA ratings from the threat model' }
        : { confidentiality: 50, integrity: 50, availability: 50, comment: 'Not rated: infrastructure cannot tell how sensitive this is; rate it in the threat model' },
      attributes: { kind: d.kind, ...(d.sources[0] ? { location: where(d.sources[0].location) } : {}) },
    };
  });

  const components: OtmDocument['components'] = graph.components.map((c) => {
    const zoneId = zoneOf.get(c.id) ?? (c.id === 'internet' || c.type === 'external-entity' ? INTERNET_ZONE : UNZONED);
    const t = onComponent.get(c.id);
    return {
      id: c.id,
      name: c.title,
      type: c.technology,
      description: `${c.type} (${c.machine})${c.internet && c.id !== 'internet' ? ', reachable from the internet' : ''}`,
      parent: { trustZone: zoneId },
      representations: c.sources.map((s, i) => ({ representation: 'iac', id: `${c.id}-source-${i + 1}`, name: s.address, file: s.location.file, line: Math.max(1, s.location.line) })),
      ...(processed.has(c.id) || stored.has(c.id) ? { assets: { processed: processed.get(c.id) ?? [], stored: stored.get(c.id) ?? [] } } : {}),
      ...(t ? { threats: t } : {}),
      tags: [c.type, c.machine, ...(c.internet && c.id !== 'internet' ? ['internet-facing'] : []), ...(c.group ? [c.group] : [])],
      attributes: stringAttrs({ ...c.attributes, technology: c.technology, encryption: c.encryption, ...(c.multiplicity !== undefined ? { multiplicity: String(c.multiplicity) } : {}) }),
    };
  });

  const dataflows: OtmDocument['dataflows'] = graph.flows.map((f) => {
    const t = onFlow.get(f.id);
    return {
      id: f.id,
      name: `${f.source} → ${f.target} (${f.protocol}${f.port !== undefined ? `:${f.port}` : ''})`,
      bidirectional: false,
      source: f.source,
      destination: f.target,
      ...(t ? { threats: t } : {}),
      tags: [f.protocol, f.confidence],
      attributes: {
        protocol: f.protocol,
        ...(f.port !== undefined ? { port: String(f.port) } : {}),
        authentication: f.authentication,
        encrypted: String(f.encrypted),
        confidence: f.confidence,
        ...(f.evidence[0] ? { location: where(f.evidence[0].location), evidence: f.evidence[0].detail } : {}),
      },
    };
  });

  return {
    otmVersion: OTM_VERSION,
    project: {
      name: input.projectName,
      id: slug(input.projectName),
      description: 'Generated by infragile from infrastructure as code',
      attributes: { generator: input.toolVersion ? `infragile ${input.toolVersion}` : 'infragile', components: String(graph.components.length), flows: String(graph.flows.length) },
    },
    representations: [{ name: 'Infrastructure as code', id: 'iac', type: 'code', description: 'Files and lines the elements were read from (relative to the scan root)' }],
    assets,
    trustZones,
    components,
    dataflows,
    threats,
    mitigations: [...mitigations.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

function zone(b: Boundary): OtmDocument['trustZones'][number] {
  return {
    id: b.id,
    name: b.title,
    type: b.type,
    description: `${b.type}${b.evidence[0] ? ` (${where(b.evidence[0].location)})` : ''}`,
    risk: { trustRating: TRUST_RATING[b.type] ?? 50 },
    ...(b.parent ? { parent: { trustZone: b.parent } } : {}),
    ...(b.attributes ? { attributes: stringAttrs(b.attributes) } : {}),
  };
}

function componentsOf(asset: string, map: OtmInput['assetComponents']): readonly string[] {
  if (!asset) return [];
  return map?.get(asset) ?? [asset];
}

function stringAttrs(attrs: Record<string, AttributeValue>): Attrs {
  const out: Attrs = {};
  for (const k of Object.keys(attrs).sort()) {
    const v = attrs[k];
    if (v === null || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : String(v);
  }
  return out;
}

function strideName(s: string): string {
  return s
    .split('-')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join(' ');
}

function where(l: Location): string {
  return `${l.file}:${l.line}`;
}

function plain(s: string): string {
  return (s ?? '').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'infragile';
}
