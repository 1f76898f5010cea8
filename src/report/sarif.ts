/**
 * SARIF 2.1.0 for code scanning (`scan --format sarif`, `drift --format sarif`).
 *
 * - One reportingDescriptor per rule (Threagile and IaC rules, individual risk categories) and per
 *   drift kind, with markdown help, CWE and STRIDE as tags and properties, and GitHub's
 *   `security-severity` (see SECURITY_SEVERITY and docs/sarif.md for the mapping).
 * - Every result has one physical location on a real line of a real file: the IaC line of its first
 *   evidence, else the model line it is about, else the first source of its component. Candidates
 *   are checked against the file's line count (`lineCount`), so a stale line never reaches GitHub.
 * - The evidence chain becomes relatedLocations; `partialFingerprints` hash the rule id with the
 *   risk's synthetic id (or the drift fingerprint), never a line, so alerts survive line moves.
 * - Locations are relative to the scan root (`uriBaseId: SCANROOT`).
 *
 * Renders only: everything it prints is in its input (plus the line counts it is given).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Sarif from 'sarif';
import type { Risk, RiskCategory, RuleFamily } from '../analyze/types.js';
import type { ArchitectureGraph, Evidence, Location } from '../graph/types.js';
import type { RiskSeverity, RiskStatus } from '../model/enums.js';
import type { ThreagileModel } from '../model/types.js';
import { DRIFT_KINDS, type Drift, type DriftKind, type DriftSeverity } from '../reconcile/types.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SCAN_ROOT = 'SCANROOT';
/** The partialFingerprints key; bump the version only with a note in docs/decisions.md (alerts reopen). */
export const FINGERPRINT_KEY = 'infragileFindingId/v1';

/** GitHub buckets: ≥9.0 critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
export const SECURITY_SEVERITY: Record<RiskSeverity, string> = {
  critical: '9.5',
  high: '8.0',
  elevated: '6.5',
  medium: '5.0',
  low: '2.0',
};
export const DRIFT_SECURITY_SEVERITY: Record<DriftSeverity, string> = { high: '7.5', medium: '5.0', low: '2.0', info: '0.5' };

const RISK_LEVEL: Record<RiskSeverity, Sarif.ReportingConfiguration.level> = {
  critical: 'error',
  high: 'error',
  elevated: 'warning',
  medium: 'warning',
  low: 'note',
};
const DRIFT_LEVEL: Record<DriftSeverity, Sarif.ReportingConfiguration.level> = { high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** Risk tracking statuses that mean "someone decided": shown as suppressed alerts, not open ones. */
const SUPPRESSED_STATUSES: ReadonlySet<RiskStatus> = new Set<RiskStatus>(['accepted', 'mitigated', 'false-positive']);

/** What each drift kind means and how to resolve it: the help of its reportingDescriptor. */
const DRIFT_HELP: Record<DriftKind, { title: string; description: string; fix: string; severity: DriftSeverity }> = {
  'unmodeled-component': {
    title: 'Infrastructure component missing from the threat model',
    description: 'The infrastructure defines a component that no technical asset of the hand-written threagile.yaml is bound to, so no risk rule looks at it.',
    fix: 'Add a technical asset for it (`infragile sync` writes one with TODO placeholders), or bind it to an existing asset with a tag `iac:<address>` or a `bindings:` entry in .infragile.yaml.',
    severity: 'medium',
  },
  'missing-component': {
    title: 'Modeled asset with no infrastructure behind it',
    description: 'An in-scope technical asset of the model has no component in the scanned infrastructure: it was removed, renamed, or lives in infrastructure that was not scanned.',
    fix: 'Remove or rename the asset in the model, mark it `out_of_scope`, bind it explicitly, or scan the directory that defines it.',
    severity: 'low',
  },
  'unmodeled-flow': {
    title: 'Data flow missing from the threat model',
    description: 'The infrastructure shows a flow between two modeled assets (a policy, a security-group rule, a configured URL) that the model has no communication link for.',
    fix: 'Add the communication link to the caller in threagile.yaml (`infragile sync` can), or remove the path from the infrastructure if it is not meant to exist.',
    severity: 'medium',
  },
  'unverified-flow': {
    title: 'Modeled data flow with no infrastructure evidence',
    description: 'Both ends of a communication link exist in the infrastructure, but nothing there shows the call. Application-level calls are not always visible, so this is informational.',
    fix: 'Nothing, if the call is made by application code; otherwise remove the stale link from the model.',
    severity: 'info',
  },
  'blocked-flow': {
    title: 'Modeled data flow that the infrastructure forbids',
    description: 'The model has a communication link that the infrastructure does not allow (a default-deny NetworkPolicy without an allow rule, no security-group path).',
    fix: 'Open the path in the infrastructure (NetworkPolicy, security group) or remove the link from the model.',
    severity: 'high',
  },
  exposure: {
    title: 'Internet exposure differs from the threat model',
    description: 'The model says the asset is not reachable from the internet and the infrastructure exposes it (or the reverse). Risk ratings depend on this flag.',
    fix: 'Set `internet:` in the model to what the infrastructure does, or remove the exposure (public IP, LoadBalancer Service, open ingress rule).',
    severity: 'high',
  },
  protocol: {
    title: 'Protocol differs from the threat model',
    description: 'The model says a link is encrypted (e.g. https) and the infrastructure shows a plain protocol or port (or the reverse).',
    fix: 'Terminate TLS where the model says it is, or correct the link protocol in the model.',
    severity: 'medium',
  },
  encryption: {
    title: 'Encryption at rest differs from the threat model',
    description: 'The model says the asset encrypts data at rest and the infrastructure shows unencrypted storage (or the reverse).',
    fix: 'Enable storage encryption (KMS, storage_encrypted, SSE), or correct `encryption:` in the model.',
    severity: 'medium',
  },
  boundary: {
    title: 'Trust boundary differs from the threat model',
    description: 'The asset sits in another trust boundary (VPC, subnet, namespace, network) in the infrastructure than in the model.',
    fix: 'Move the asset to the right trust boundary in the model, or deploy it where the model says.',
    severity: 'medium',
  },
  type: {
    title: 'Asset type differs from the threat model',
    description: 'The model says process and the infrastructure shows a datastore (or another type).',
    fix: 'Correct `type:` in the model.',
    severity: 'low',
  },
  technology: {
    title: 'Technology differs from the threat model',
    description: 'The infrastructure shows another technology than the model states (e.g. a database image where the model says web-server). Several rules depend on technology.',
    fix: 'Correct `technology:` in the model.',
    severity: 'low',
  },
};

export interface SarifRule {
  category: RiskCategory;
  family: RuleFamily | 'individual';
}

export interface SarifInput {
  /** `scan` or `drift`: becomes automationDetails.id so the two uploads never replace each other. */
  command: 'scan' | 'drift';
  toolVersion: string;
  /** `file:///…/` URI of the scan root, for originalUriBaseIds. */
  rootUri?: string;
  /** Every rule known to this run (one descriptor each, whether it fired or not). */
  rules?: readonly SarifRule[];
  risks?: readonly Risk[];
  /** Risks silenced with an inline `infragile:ignore` comment: emitted as in-source suppressions, so code scanning shows them dismissed instead of fixed. */
  suppressed?: ReadonlyArray<{ risk: Risk; reason: string; location: Location }>;
  drift?: readonly Drift[];
  graph?: ArchitectureGraph;
  /** The model the risks were computed on, and its path relative to the scan root (for model lines). */
  model?: { model: ThreagileModel; file: string };
  /** Line count of a root-relative file, undefined when it cannot be read: keeps every location real. */
  lineCount?: (file: string) => number | undefined;
}

interface Loc {
  location: Location;
  message?: string;
}

export function renderSarif(input: SarifInput): string {
  return JSON.stringify(buildSarif(input), null, 2) + '\n';
}

export function buildSarif(input: SarifInput): Sarif.Log {
  const locate = locator(input);
  const descriptors: Sarif.ReportingDescriptor[] = [];
  const results: Array<{ sortKey: string; result: Sarif.Result }> = [];

  // Rules: every known rule, plus categories that only appear on risks (individual ones).
  const ruleById = new Map<string, SarifRule>();
  for (const r of input.rules ?? []) ruleById.set(r.category.id, r);
  const highest = new Map<string, RiskSeverity>();
  const inSource = new Map<Risk, { reason: string; location: Location }>();
  for (const s of input.suppressed ?? []) inSource.set(s.risk, s);
  const allRisks = [...(input.risks ?? []), ...(input.suppressed ?? []).map((s) => s.risk)];
  for (const risk of allRisks) {
    const h = highest.get(risk.category);
    if (!h || rank(risk.severity) > rank(h)) highest.set(risk.category, risk.severity);
  }
  for (const risk of allRisks) if (!ruleById.has(risk.category)) ruleById.set(risk.category, { category: placeholderCategory(risk.category), family: 'individual' });
  for (const id of [...ruleById.keys()].sort()) descriptors.push(riskDescriptor(ruleById.get(id)!, highest.get(id)));

  const driftHighest = new Map<DriftKind, DriftSeverity>();
  for (const d of input.drift ?? []) {
    const h = driftHighest.get(d.kind);
    if (!h || driftRank(d.severity) > driftRank(h)) driftHighest.set(d.kind, d.severity);
  }
  if (input.drift) for (const kind of DRIFT_KINDS) descriptors.push(driftDescriptor(kind, driftHighest.get(kind)));

  const indexOf = new Map(descriptors.map((d, i) => [d.id, i]));
  // Last resort for a finding with nothing else on disk: the top of the model file.
  const modelTop: Loc[] = input.model ? [{ location: { file: input.model.file, line: 1 }, message: 'the threat model' }] : [];

  for (const risk of allRisks) {
    const ruleId = risk.category;
    const candidates: Loc[] = [
      ...(risk.evidence ?? []).map((e) => evidenceLoc(e)),
      ...modelLocs(input.model, risk),
      ...componentLocs(input.graph, [risk.mostRelevantTechnicalAsset, ...risk.dataBreachTechnicalAssets]),
    ];
    const placed = locate(candidates) ?? locate(modelTop);
    if (!placed) continue; // nothing on disk to point at: GitHub would reject the result
    const result: Sarif.Result = {
      ruleId,
      ruleIndex: indexOf.get(ruleId)!,
      level: RISK_LEVEL[risk.severity],
      message: { text: plainTitle(risk.title), markdown: markdownTitle(risk.title) },
      locations: [placed.primary],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(ruleId, risk.syntheticId) },
      properties: {
        syntheticId: risk.syntheticId,
        severity: risk.severity,
        'security-severity': SECURITY_SEVERITY[risk.severity],
        riskStatus: risk.riskStatus,
        exploitationLikelihood: risk.exploitationLikelihood,
        exploitationImpact: risk.exploitationImpact,
        dataBreachProbability: risk.dataBreachProbability,
        ...(risk.mostRelevantTechnicalAsset ? { technicalAsset: risk.mostRelevantTechnicalAsset } : {}),
        ...(risk.mostRelevantCommunicationLink ? { communicationLink: risk.mostRelevantCommunicationLink } : {}),
        ...(risk.mostRelevantTrustBoundary ? { trustBoundary: risk.mostRelevantTrustBoundary } : {}),
        ...(risk.mostRelevantDataAsset ? { dataAsset: risk.mostRelevantDataAsset } : {}),
      },
    };
    if (placed.related.length) result.relatedLocations = placed.related;
    const ignored = inSource.get(risk);
    if (ignored) {
      result.suppressions = [{ kind: 'inSource', status: 'accepted', justification: `infragile:ignore at ${ignored.location.file}:${ignored.location.line}: ${ignored.reason}` }];
    } else if (SUPPRESSED_STATUSES.has(risk.riskStatus)) {
      result.suppressions = [{ kind: 'external', status: 'accepted', justification: `risk tracking status: ${risk.riskStatus}` }];
    }
    results.push({ sortKey: sortKey(placed.primary, ruleId, risk.syntheticId), result });
  }

  for (const d of input.drift ?? []) {
    const ruleId = driftRuleId(d.kind);
    // Drift about the model (a missing asset, a link the infra cannot verify or forbids) is anchored
    // on the model line; drift the infrastructure introduced, on the IaC line.
    const modelFirst = d.kind === 'missing-component' || d.kind === 'unverified-flow' || d.kind === 'blocked-flow';
    const model: Loc[] = d.modelLocation ? [{ location: d.modelLocation, message: 'the threat model' }] : [];
    const infra = d.evidence.map(evidenceLoc);
    const candidates = [
      ...(modelFirst ? [...model, ...infra] : [...infra, ...model]),
      ...componentLocs(input.graph, d.components),
    ];
    const placed = locate(candidates) ?? locate(modelTop);
    if (!placed) continue;
    const result: Sarif.Result = {
      ruleId,
      ruleIndex: indexOf.get(ruleId)!,
      level: DRIFT_LEVEL[d.severity],
      message: { text: d.suggestion ? `${d.message} Fix: ${d.suggestion}` : d.message },
      locations: [placed.primary],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(ruleId, d.fingerprint) },
      properties: {
        driftFingerprint: d.fingerprint,
        severity: d.severity,
        'security-severity': DRIFT_SECURITY_SEVERITY[d.severity],
        ...(d.asset ? { asset: d.asset } : {}),
        ...(d.link ? { link: d.link } : {}),
        ...(d.components.length ? { components: [...d.components] } : {}),
        ...(d.expected !== undefined ? { expected: d.expected } : {}),
        ...(d.actual !== undefined ? { actual: d.actual } : {}),
      },
    };
    if (placed.related.length) result.relatedLocations = placed.related;
    results.push({ sortKey: sortKey(placed.primary, ruleId, d.fingerprint), result });
  }

  results.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));

  const run: Sarif.Run = {
    tool: {
      driver: {
        name: 'infragile',
        semanticVersion: input.toolVersion,
        version: input.toolVersion,
        informationUri: 'https://www.npmjs.com/package/infragile',
        rules: descriptors,
      },
    },
    automationDetails: { id: `infragile/${input.command}/` },
    ...(input.rootUri ? { originalUriBaseIds: { [SCAN_ROOT]: { uri: input.rootUri, description: { text: 'The scan root: every location is relative to it.' } } } } : {}),
    columnKind: 'unicodeCodePoints',
    results: results.map((r) => r.result),
  };
  return { version: '2.1.0', $schema: SARIF_SCHEMA, runs: [run] };
}

/** Picks the first candidate on a real line of a real file; the rest (deduplicated) are related. */
function locator(input: SarifInput): (candidates: Loc[]) => { primary: Sarif.Location; related: Sarif.Location[] } | undefined {
  const counts = new Map<string, number | undefined>();
  const count = (file: string): number | undefined => {
    if (!input.lineCount) return Number.MAX_SAFE_INTEGER;
    if (!counts.has(file)) counts.set(file, input.lineCount(file));
    return counts.get(file);
  };
  const real = (l: Location): Location | undefined => {
    if (!l.file || l.file.startsWith('/') || l.file.startsWith('../') || l.file.startsWith('<')) return undefined;
    const n = count(l.file);
    if (n === undefined || n < 1) return undefined;
    const line = Math.min(Math.max(1, Math.floor(l.line || 1)), n);
    const endLine = l.endLine && l.endLine >= line ? Math.min(l.endLine, n) : undefined;
    return { ...l, line, ...(endLine !== undefined ? { endLine } : {}) };
  };
  return (candidates) => {
    const seen = new Set<string>();
    const placed: Array<{ loc: Location; message?: string }> = [];
    for (const c of candidates) {
      const loc = real(c.location);
      if (!loc) continue;
      const key = `${loc.file}:${loc.line}`;
      if (seen.has(key)) continue;
      seen.add(key);
      placed.push({ loc, ...(c.message ? { message: c.message } : {}) });
    }
    if (!placed.length) return undefined;
    const [first, ...rest] = placed;
    return {
      primary: physical(first!.loc, first!.message),
      related: rest.slice(0, 50).map((p, i) => ({ id: i + 1, ...physical(p.loc, p.message) })),
    };
  };
}

function physical(loc: Location, message?: string): Sarif.Location {
  const region: Sarif.Region = { startLine: loc.line };
  if (loc.endLine !== undefined && loc.endLine > loc.line) region.endLine = loc.endLine;
  const text = [message, loc.template ? `rendered from ${loc.template}` : ''].filter(Boolean).join('; ');
  return {
    physicalLocation: { artifactLocation: { uri: encodePath(loc.file), uriBaseId: SCAN_ROOT }, region },
    ...(text ? { message: { text } } : {}),
  };
}

/** A root-relative path as a relative URI reference: each segment percent-encoded, slashes kept. */
export function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function evidenceLoc(e: Evidence): Loc {
  return { location: e.location, message: `${e.kind}: ${e.detail}` };
}

/** Model lines of the elements a risk is about, most relevant first. */
function modelLocs(m: SarifInput['model'], risk: Risk): Loc[] {
  if (!m) return [];
  const out: Loc[] = [];
  const push = (line: number | undefined, what: string) => {
    if (line) out.push({ location: { file: m.file, line }, message: what });
  };
  const { model } = m;
  if (risk.mostRelevantCommunicationLink) {
    for (const a of model.technicalAssets)
      for (const l of a.communicationLinks) if (l.id === risk.mostRelevantCommunicationLink) push(l.line, `communication link ${l.id} in the model`);
  }
  if (risk.mostRelevantTechnicalAsset) {
    const a = model.technicalAssets.find((x) => x.id === risk.mostRelevantTechnicalAsset);
    push(a?.line, `technical asset ${risk.mostRelevantTechnicalAsset} in the model`);
  }
  if (risk.mostRelevantTrustBoundary) push(model.trustBoundaries.find((x) => x.id === risk.mostRelevantTrustBoundary)?.line, `trust boundary ${risk.mostRelevantTrustBoundary} in the model`);
  if (risk.mostRelevantSharedRuntime) push(model.sharedRuntimes.find((x) => x.id === risk.mostRelevantSharedRuntime)?.line, `shared runtime ${risk.mostRelevantSharedRuntime} in the model`);
  if (risk.mostRelevantDataAsset) push(model.dataAssets.find((x) => x.id === risk.mostRelevantDataAsset)?.line, `data asset ${risk.mostRelevantDataAsset} in the model`);
  return out;
}

/** The first source of each named component: the fallback when a finding has no evidence of its own. */
function componentLocs(graph: ArchitectureGraph | undefined, ids: readonly string[]): Loc[] {
  if (!graph || !ids.length) return [];
  const wanted = new Set(ids.filter(Boolean));
  const out: Loc[] = [];
  for (const c of graph.components) {
    if (!wanted.has(c.id)) continue;
    const s = c.sources[0];
    if (s) out.push({ location: s.location, message: `${c.id} is defined here (${s.address})` });
  }
  return out;
}

function riskDescriptor(rule: SarifRule, highestSeverity: RiskSeverity | undefined): Sarif.ReportingDescriptor {
  const c = rule.category;
  const severity = highestSeverity ?? 'medium';
  const cwe = c.cwe > 0 ? `CWE-${c.cwe}` : undefined;
  const tags = ['security', 'threat-model', `infragile/${rule.family}`, `stride/${c.stride}`, ...(cwe ? [`external/cwe/cwe-${c.cwe}`] : [])];
  const helpUri = /^https?:\/\//.test(c.cheatSheet) ? c.cheatSheet : undefined;
  return {
    id: c.id,
    name: pascal(c.id),
    shortDescription: { text: plain(c.title) || c.id },
    fullDescription: { text: plain(c.description) || plain(c.title) || c.id },
    help: { text: markdownToText(riskHelpMarkdown(c)), markdown: riskHelpMarkdown(c) },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: RISK_LEVEL[severity] },
    properties: {
      tags,
      precision: rule.family === 'iac' ? 'high' : 'medium',
      'problem.severity': RISK_LEVEL[severity] === 'note' ? 'recommendation' : RISK_LEVEL[severity],
      'security-severity': SECURITY_SEVERITY[severity],
      stride: c.stride,
      function: c.function,
      ...(cwe ? { cwe } : {}),
      family: rule.family,
    },
  };
}

function driftDescriptor(kind: DriftKind, highestSeverity: DriftSeverity | undefined): Sarif.ReportingDescriptor {
  const h = DRIFT_HELP[kind];
  const severity = highestSeverity ?? h.severity;
  const markdown = `**${h.title}**\n\n${h.description}\n\n**How to fix**: ${h.fix}\n\nDrift is reported by \`infragile drift\`: the hand-written threagile.yaml compared with the infrastructure it describes.`;
  return {
    id: driftRuleId(kind),
    name: pascal(`drift-${kind}`),
    shortDescription: { text: h.title },
    fullDescription: { text: h.description },
    help: { text: markdownToText(markdown), markdown },
    defaultConfiguration: { level: DRIFT_LEVEL[severity] },
    properties: {
      tags: ['security', 'threat-model', 'infragile/drift'],
      precision: 'medium',
      'problem.severity': DRIFT_LEVEL[severity] === 'note' ? 'recommendation' : DRIFT_LEVEL[severity],
      'security-severity': DRIFT_SECURITY_SEVERITY[severity],
      family: 'drift',
    },
  };
}

export function driftRuleId(kind: DriftKind): string {
  return `drift/${kind}`;
}

function riskHelpMarkdown(c: RiskCategory): string {
  const parts = [`**${plain(c.title)}** (STRIDE: ${c.stride}${c.cwe > 0 ? `, [CWE-${c.cwe}](https://cwe.mitre.org/data/definitions/${c.cwe}.html)` : ''}, function: ${c.function})`];
  const section = (label: string, text: string) => {
    if (plain(text)) parts.push(`**${label}**: ${plain(text)}`);
  };
  if (plain(c.description)) parts.push(plain(c.description));
  section('Impact', c.impact);
  section('Mitigation', c.mitigation);
  section('Action', c.action);
  section('Check', c.check);
  section('Detection', c.detectionLogic);
  section('Rating', c.riskAssessment);
  section('False positives', c.falsePositives);
  const refs = [c.asvs ? `ASVS: ${plain(c.asvs)}` : '', /^https?:\/\//.test(c.cheatSheet) ? `[Cheat sheet](${c.cheatSheet})` : ''].filter(Boolean);
  if (refs.length) parts.push(refs.join(' · '));
  return parts.join('\n\n');
}

function placeholderCategory(id: string): RiskCategory {
  return {
    id,
    title: id,
    description: '',
    impact: '',
    asvs: '',
    cheatSheet: '',
    action: '',
    mitigation: '',
    check: '',
    function: 'architecture',
    stride: 'information-disclosure',
    detectionLogic: '',
    riskAssessment: '',
    falsePositives: '',
    modelFailurePossibleReason: false,
    cwe: 0,
  };
}

/** Threagile titles carry `<b>…</b>`: plain text for `text`, bold for `markdown`. */
function plainTitle(title: string): string {
  return plain(title);
}
function markdownTitle(title: string): string {
  return title.replace(/<\/?b>/gi, '**').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}
function plain(s: string): string {
  return (s ?? '').replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]+>/g, '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/[ \t]+/g, ' ').trim();
}

/** The help's plain-text twin: no emphasis markers, links as `text (url)`. */
function markdownToText(md: string): string {
  return md.replace(/\*\*([^*]+)\*\*/g, '$1').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)').replace(/`([^`]+)`/g, '$1');
}

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}

function fingerprint(ruleId: string, stableId: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${stableId}`).digest('hex').slice(0, 32);
}

function sortKey(loc: Sarif.Location, ruleId: string, id: string): string {
  const p = loc.physicalLocation!;
  return `${p.artifactLocation!.uri}\u0000${String(p.region!.startLine).padStart(9, '0')}\u0000${ruleId}\u0000${id}`;
}

const rank = (s: RiskSeverity): number => ['low', 'medium', 'elevated', 'high', 'critical'].indexOf(s);
const driftRank = (s: DriftSeverity): number => ['info', 'low', 'medium', 'high'].indexOf(s);

/**
 * Line counts of files under the scan root, read from disk once each: what `lineCount` expects when
 * the SARIF is written for the working tree. Unreadable or out-of-root files count as absent.
 */
export function diskLineCounter(rootDir: string): (file: string) => number | undefined {
  return (file) => {
    if (file.split('/').includes('..')) return undefined;
    try {
      const text = readFileSync(join(rootDir, file), 'utf8');
      if (!text) return 0;
      const n = text.split('\n').length;
      return text.endsWith('\n') ? n - 1 : n;
    } catch {
      return undefined;
    }
  };
}

/** `file:///…/` for a directory, as originalUriBaseIds wants it (trailing slash, percent-encoded). */
export function rootUri(rootDir: string): string {
  const href = pathToFileURL(rootDir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/** `scan --format sarif`: every rule, the risks after configuration, the model lines when a model was given. */
export function renderScanSarif(args: {
  rules: ReadonlyArray<{ category: RiskCategory; family: RuleFamily }>;
  risks: readonly Risk[];
  suppressed?: SarifInput['suppressed'];
  categories: ReadonlyMap<string, RiskCategory>;
  graph: ArchitectureGraph;
  rootDir: string;
  toolVersion: string;
  /** The hand-written model and its root-relative path, when `--model` was given. */
  model?: { model: ThreagileModel; file: string };
}): string {
  const known = new Set(args.rules.map((r) => r.category.id));
  const extra: SarifRule[] = [...args.categories.values()].filter((c) => !known.has(c.id)).map((c) => ({ category: c, family: 'individual' }));
  return renderSarif({
    command: 'scan',
    toolVersion: args.toolVersion,
    rootUri: rootUri(args.rootDir),
    rules: [...args.rules, ...extra],
    risks: args.risks,
    ...(args.suppressed ? { suppressed: args.suppressed } : {}),
    graph: args.graph,
    ...(args.model ? { model: args.model } : {}),
    lineCount: diskLineCounter(args.rootDir),
  });
}

/** `drift --format sarif`: one descriptor per drift kind, every current drift finding. */
export function renderDriftSarif(args: {
  drift: readonly Drift[];
  graph: ArchitectureGraph;
  rootDir: string;
  toolVersion: string;
  model: { model: ThreagileModel; file: string };
}): string {
  return renderSarif({
    command: 'drift',
    toolVersion: args.toolVersion,
    rootUri: rootUri(args.rootDir),
    drift: args.drift,
    graph: args.graph,
    model: args.model,
    lineCount: diskLineCounter(args.rootDir),
  });
}
