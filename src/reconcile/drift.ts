/**
 * Drift: where the hand-written model and the infra graph disagree, one object per disagreement with
 * a severity, the model location and the infra evidence (DESIGN §4). Human-only knowledge (CIA,
 * data assets, owners, justifications) is never compared. Out-of-scope assets, ignored tooling and
 * the synthetic internet never produce drift.
 */
import { compareStrings } from '../graph/ids.js';
import type { Resource } from '../graph/resource.js';
import { INTERNET_ID, type ArchitectureGraph, type Component, type Evidence, type Flow, type Location } from '../graph/types.js';
import type { CommunicationLink, TechnicalAsset, ThreagileModel } from '../model/types.js';
import { mapBoundaries } from './boundaries.js';
import { Isolation } from './isolation.js';
import { isEncryptedProtocol, isVisiblyPlain, judgeable } from './protocols.js';
import { iacTag } from './patterns.js';
import { DRIFT_KINDS, severityRank, type BindingResult, type Drift, type DriftKind, type DriftSeverity } from './types.js';
import { lookupTable } from '../util/lookup.js';

export interface DriftInput {
  graph: ArchitectureGraph;
  model: ThreagileModel;
  binding: BindingResult;
  resources?: readonly Resource[];
}

export function detectDrift(input: DriftInput): Drift[] {
  const { graph, model, binding } = input;
  const file = model.file ?? 'threagile.yaml';
  const comps = new Map(graph.components.map((c) => [c.id, c]));
  const assets = new Map(model.technicalAssets.map((a) => [a.id, a]));
  const out: Drift[] = [];
  const at = (line: number | undefined): Location | undefined => (line ? { file, line } : undefined);
  const componentsOf = (assetId: string) => (binding.componentsOf.get(assetId) ?? []).map((id) => comps.get(id)!).filter(Boolean);
  const inScope = (assetId: string | undefined): assetId is string => !!assetId && !!assets.get(assetId) && !assets.get(assetId)!.outOfScope;

  // ---- components -------------------------------------------------------------------------
  const ignored = new Set(binding.ignored.map((i) => i.component));
  const candidateOf = new Map(binding.candidates.map((c) => [c.component, c]));
  for (const c of graph.components) {
    if (binding.assetOf.has(c.id) || ignored.has(c.id) || c.id === INTERNET_ID) continue;
    const cand = candidateOf.get(c.id);
    const address = c.sources[0]?.address ?? c.id;
    out.push({
      kind: 'unmodeled-component',
      severity: c.internet ? 'high' : c.type === 'external-entity' ? 'low' : 'medium',
      message: `${c.type} '${c.title}' (${address}) is in the infra but no model asset is bound to it${c.internet ? '; it is internet-facing' : ''}${cand ? `; candidates: ${cand.assets.join(', ')}` : ''}`,
      fingerprint: `unmodeled-component:${c.id}`,
      components: [c.id],
      actual: `${c.type}/${c.technology}`,
      evidence: componentEvidence(c),
      suggestion: cand ? cand.suggestion : `add a technical asset for it (infragile sync does), or bind an existing one with tags: ["${iacTag(address)}"]`,
    });
  }

  const bmap = mapBoundaries(graph, model, binding.assetOf);
  const modelBoundaries = new Map(model.trustBoundaries.map((b) => [b.id, b]));
  const infraBoundaries = new Map(graph.boundaries.map((b) => [b.id, b]));

  for (const a of model.technicalAssets) {
    if (a.outOfScope) continue;
    const cs = componentsOf(a.id);
    if (cs.length === 0) {
      if (a.type === 'external-entity') continue;
      out.push({
        kind: 'missing-component',
        severity: 'low',
        message: `model asset '${a.title}' (${a.id}) has no infra behind it: nothing in the scanned files binds to it`,
        fingerprint: `missing-component:${a.id}`,
        asset: a.id,
        components: [],
        ...opt('modelLocation', at(a.line)),
        evidence: [],
        suggestion: `bind it with tags: ["iac:<address pattern>"], set out_of_scope: true if it lives elsewhere, or remove it (infragile sync --prune)`,
      });
      continue;
    }
    const ids = cs.map((c) => c.id);
    // Exposure.
    const exposed = cs.filter((c) => c.internet);
    if (!a.internet && exposed.length > 0 && a.type !== 'external-entity') {
      const ev = exposureEvidence(graph, exposed);
      out.push({
        kind: 'exposure',
        severity: 'high',
        message: `model says '${a.title}' is not internet-facing, but infra exposes ${exposed.map((c) => c.id).join(', ')} to the internet`,
        fingerprint: `exposure:${a.id}`,
        asset: a.id,
        components: exposed.map((c) => c.id),
        expected: 'internet: false',
        actual: 'internet: true',
        ...opt('modelLocation', at(a.fields?.['internet'] ?? a.line)),
        evidence: ev,
      });
    } else if (a.internet && exposed.length === 0 && a.type !== 'external-entity' && !callsOut(graph, ids) && !behindExposedEdge(graph, ids)) {
      out.push({
        kind: 'exposure',
        severity: 'low',
        message: `model says '${a.title}' is internet-facing, but nothing in the infra exposes ${ids.join(', ')}`,
        fingerprint: `exposure:${a.id}`,
        asset: a.id,
        components: ids,
        expected: 'internet: true',
        actual: 'internet: false',
        ...opt('modelLocation', at(a.fields?.['internet'] ?? a.line)),
        evidence: cs.flatMap(sourceEvidence),
      });
    }
    // Type.
    if (!cs.some((c) => c.type === a.type)) {
      out.push({
        kind: 'type',
        severity: 'medium',
        message: `model says '${a.title}' is a ${a.type}, infra shows ${describeList(cs.map((c) => `${c.id} as a ${c.type}`))}`,
        fingerprint: `type:${a.id}`,
        asset: a.id,
        components: ids,
        expected: a.type,
        actual: cs[0]!.type,
        ...opt('modelLocation', at(a.fields?.['type'] ?? a.line)),
        evidence: cs.flatMap(componentEvidence),
      });
    }
    // Technology: only when infra knows something specific and it is another family.
    const known = cs.filter((c) => c.technology !== 'unknown-technology' && c.technology !== 'container-platform');
    if (known.length > 0 && !known.some((c) => sameTechnology(a.technology, c.technology))) {
      out.push({
        kind: 'technology',
        severity: 'low',
        message: `model says '${a.title}' is ${a.technology}, infra shows ${describeList(known.map((c) => `${c.id} as ${c.technology}`))}`,
        fingerprint: `technology:${a.id}`,
        asset: a.id,
        components: known.map((c) => c.id),
        expected: a.technology,
        actual: known[0]!.technology,
        ...opt('modelLocation', at(a.fields?.['technology'] ?? a.line)),
        evidence: known.flatMap(componentEvidence),
      });
    }
    // Encryption at rest: only when infra says something explicit.
    const enc = cs.map((c) => ({ c, e: encryptionFact(c) })).filter((x) => x.e !== undefined);
    if (enc.length > 0) {
      const modelEnc = a.encryption !== 'none';
      const plain = enc.filter((x) => x.e === 'none');
      const encrypted = enc.filter((x) => x.e !== 'none');
      if (modelEnc && plain.length > 0) {
        out.push({
          kind: 'encryption',
          severity: a.type === 'datastore' ? 'high' : 'medium',
          message: `model says '${a.title}' is encrypted at rest (${a.encryption}), infra leaves ${plain.map((x) => x.c.id).join(', ')} unencrypted`,
          fingerprint: `encryption:${a.id}`,
          asset: a.id,
          components: plain.map((x) => x.c.id),
          expected: a.encryption,
          actual: 'none',
          ...opt('modelLocation', at(a.fields?.['encryption'] ?? a.line)),
          evidence: plain.flatMap((x) => encryptionEvidence(x.c)),
        });
      } else if (!modelEnc && encrypted.length > 0 && plain.length === 0) {
        out.push({
          kind: 'encryption',
          severity: 'low',
          message: `model says '${a.title}' is not encrypted at rest, infra encrypts ${encrypted.map((x) => x.c.id).join(', ')} (${encrypted[0]!.e})`,
          fingerprint: `encryption:${a.id}`,
          asset: a.id,
          components: encrypted.map((x) => x.c.id),
          expected: 'none',
          actual: encrypted[0]!.e!,
          ...opt('modelLocation', at(a.fields?.['encryption'] ?? a.line)),
          evidence: encrypted.flatMap((x) => encryptionEvidence(x.c)),
        });
      }
    }
    // Boundary.
    const mb = bmap.modelBoundaryOf.get(a.id);
    const elsewhere = cs
      .map((c) => ({ c, ib: bmap.infraBoundaryOf.get(c.id) }))
      .map((x) => ({ ...x, mapped: x.ib ? bmap.modelFor.get(x.ib) : undefined }))
      .filter((x) => x.mapped !== undefined && (mb === undefined || !bmap.related(x.mapped, mb)));
    if (elsewhere.length > 0 && elsewhere.length === cs.filter((c) => bmap.infraBoundaryOf.has(c.id)).length) {
      const target = elsewhere[0]!.mapped!;
      const ib = infraBoundaries.get(elsewhere[0]!.ib!)!;
      out.push({
        kind: 'boundary',
        severity: mb ? 'medium' : 'low',
        message: `model puts '${a.title}' ${mb ? `in trust boundary '${modelBoundaries.get(mb)?.title ?? mb}'` : 'in no trust boundary'}, infra has ${elsewhere.map((x) => x.c.id).join(', ')} in ${ib.title} (model boundary '${modelBoundaries.get(target)?.title ?? target}')`,
        fingerprint: `boundary:${a.id}`,
        asset: a.id,
        components: elsewhere.map((x) => x.c.id),
        expected: mb ?? '(none)',
        actual: target,
        ...opt('modelLocation', at(mb ? modelBoundaries.get(mb)?.fields?.['technical_assets_inside'] ?? modelBoundaries.get(mb)?.line : a.line)),
        evidence: [...ib.evidence.slice(0, 3), ...elsewhere.flatMap((x) => sourceEvidence(x.c))],
      });
    }
  }

  // ---- flows ------------------------------------------------------------------------------
  const infraPairs = new Map<string, Flow[]>();
  for (const f of graph.flows) {
    if (f.source === INTERNET_ID || f.target === INTERNET_ID) continue;
    const sa = binding.assetOf.get(f.source);
    const ta = binding.assetOf.get(f.target);
    if (!inScope(sa) || !inScope(ta) || sa === ta) continue;
    const key = `${sa}>${ta}`;
    const l = infraPairs.get(key);
    if (l) l.push(f);
    else infraPairs.set(key, [f]);
  }
  const modelPairs = new Map<string, { a: TechnicalAsset; l: CommunicationLink }>();
  for (const a of model.technicalAssets) for (const l of a.communicationLinks) if (!modelPairs.has(`${a.id}>${l.targetId}`)) modelPairs.set(`${a.id}>${l.targetId}`, { a, l });

  for (const [key, flows] of [...infraPairs].sort((x, y) => compareStrings(x[0], y[0]))) {
    if (modelPairs.has(key)) continue;
    const [sa, ta] = key.split('>') as [string, string];
    const src = assets.get(sa)!;
    const tgt = assets.get(ta)!;
    const reverse = modelPairs.has(`${ta}>${sa}`);
    const best = flows.reduce((x, y) => (rankConfidence(y) < rankConfidence(x) ? y : x));
    out.push({
      kind: 'unmodeled-flow',
      severity: reverse || best.confidence === 'inferred' ? 'low' : 'medium',
      message: `infra shows '${src.title}' calling '${tgt.title}' (${flows.map((f) => `${f.id} ${f.protocol}${f.port ? ':' + f.port : ''}, ${f.confidence}`).join('; ')}) and the model has no such link${reverse ? ' (it has the reverse direction)' : ''}`,
      fingerprint: `unmodeled-flow:${key}`,
      asset: sa,
      components: [...new Set(flows.flatMap((f) => [f.source, f.target]))].sort(compareStrings),
      flow: best.id,
      actual: best.protocol,
      ...opt('modelLocation', at(src.fields?.['communication_links'] ?? src.line)),
      evidence: flows.flatMap((f) => f.evidence),
    });
  }

  const isolation = new Isolation(input.resources ?? []);
  for (const [key, { a, l }] of [...modelPairs].sort((x, y) => compareStrings(x[0], y[0]))) {
    if (!inScope(a.id) || !inScope(l.targetId)) continue;
    const from = componentsOf(a.id);
    const to = componentsOf(l.targetId);
    if (from.length === 0 || to.length === 0) continue;
    const tgt = assets.get(l.targetId)!;
    const loc = at(l.fields?.['protocol'] ?? l.line);
    const flows = infraPairs.get(key);
    if (flows) {
      const judged = flows.filter((f) => judgeable(f.protocol));
      if (judged.length === 0 || !judgeable(l.protocol)) continue;
      const modelEnc = isEncryptedProtocol(l.protocol);
      const plain = judged.filter((f) => !f.encrypted && !isEncryptedProtocol(f.protocol));
      const visiblyPlain = plain.filter((f) => isVisiblyPlain(f));
      // Protocol drift on the flows that show it: the first one names the actual protocol.
      const protocolDrift = (severity: 'high' | 'low', message: string, shown: typeof judged): void => {
        out.push({
          kind: 'protocol',
          severity,
          message,
          fingerprint: `protocol:${l.id}`,
          asset: a.id,
          link: l.id,
          components: [...new Set(shown.flatMap((f) => [f.source, f.target]))].sort(compareStrings),
          flow: shown[0]!.id,
          expected: l.protocol,
          actual: shown[0]!.protocol,
          ...opt('modelLocation', loc),
          evidence: shown.flatMap((f) => f.evidence),
        });
      };
      if (modelEnc && visiblyPlain.length > 0) {
        protocolDrift('high', `model link '${l.title}' (${a.id} → ${l.targetId}) says ${l.protocol}, infra shows plain ${visiblyPlain.map((f) => `${f.protocol}${f.port ? ' on port ' + f.port : ''}`).join(', ')}`, visiblyPlain);
      } else if (!modelEnc && plain.length === 0) {
        protocolDrift('low', `model link '${l.title}' (${a.id} → ${l.targetId}) says plain ${l.protocol}, infra shows encrypted ${judged[0]!.protocol}`, judged);
      }
      continue;
    }
    const verdicts = from.flatMap((s) => to.map((t) => isolation.check(s, t)));
    if (verdicts.length > 0 && verdicts.every((v) => v.blocked)) {
      out.push({
        kind: 'blocked-flow',
        severity: 'medium',
        message: `model link '${l.title}' (${a.id} → ${l.targetId}) cannot happen in the infra: ${verdicts[0]!.evidence[0]?.detail ?? 'no network path'}`,
        fingerprint: `blocked-flow:${l.id}`,
        asset: a.id,
        link: l.id,
        components: [...from, ...to].map((c) => c.id).sort(compareStrings),
        ...opt('modelLocation', at(l.line)),
        evidence: dedupe(verdicts.flatMap((v) => v.evidence)),
        suggestion: `allow the call in the infra (e.g. a NetworkPolicy ingress rule from ${from[0]!.id}), or remove the link from the model`,
      });
      continue;
    }
    out.push({
      kind: 'unverified-flow',
      severity: 'info',
      message: `model link '${l.title}' (${a.id} → ${tgt.id}): no infra evidence of this call (app-level calls are not always visible in config)`,
      fingerprint: `unverified-flow:${l.id}`,
      asset: a.id,
      link: l.id,
      components: [...from, ...to].map((c) => c.id).sort(compareStrings),
      ...opt('modelLocation', at(l.line)),
      evidence: [],
    });
  }
  return sortDrift(out);
}

export function sortDrift(list: Drift[]): Drift[] {
  const order = (k: DriftKind) => DRIFT_KINDS.indexOf(k);
  return list
    .map((d) => ({ ...d, evidence: dedupe(d.evidence) }))
    .sort((a, b) => order(a.kind) - order(b.kind) || severityRank(b.severity) - severityRank(a.severity) || compareStrings(a.fingerprint, b.fingerprint));
}

export function countBySeverity(list: readonly Drift[]): Record<DriftSeverity, number> {
  const out: Record<DriftSeverity, number> = { info: 0, low: 0, medium: 0, high: 0 };
  for (const d of list) out[d.severity]++;
  return out;
}

// ---- helpers --------------------------------------------------------------------------------

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

/** Whether the components call an external entity: a model marking such an asset `internet: true` (outbound) is not contradicted. */
function callsOut(graph: ArchitectureGraph, ids: string[]): boolean {
  const external = new Set(graph.components.filter((c) => c.type === 'external-entity').map((c) => c.id));
  return graph.flows.some((f) => ids.includes(f.source) && (external.has(f.target) || f.target === INTERNET_ID));
}

const EDGE = new Set(['load-balancer', 'reverse-proxy', 'gateway', 'waf']);

/** Reached through an internet-facing load balancer / proxy: exposed, one hop in. */
function behindExposedEdge(graph: ArchitectureGraph, ids: string[]): boolean {
  const edges = new Set(graph.components.filter((c) => c.internet && EDGE.has(c.technology)).map((c) => c.id));
  return graph.flows.some((f) => ids.includes(f.target) && edges.has(f.source));
}

function sourceEvidence(c: Component): Evidence[] {
  return c.sources.map((s) => ({ kind: 'source', detail: s.address, location: s.location }));
}

function componentEvidence(c: Component): Evidence[] {
  return c.evidence.length > 0 ? c.evidence : sourceEvidence(c);
}

function exposureEvidence(graph: ArchitectureGraph, exposed: Component[]): Evidence[] {
  const ids = new Set(exposed.map((c) => c.id));
  const ev = graph.flows.filter((f) => f.source === INTERNET_ID && ids.has(f.target)).flatMap((f) => f.evidence);
  return ev.length > 0 ? ev : exposed.flatMap(componentEvidence);
}

/** What infra says about encryption at rest: the enum when it encrypts, `none` when it explicitly does not, undefined when it says nothing. */
function encryptionFact(c: Component): string | undefined {
  if (c.encryption !== 'none') return c.encryption;
  // Cloud datastores declare encryption at rest in their configuration (the semantics reads it): none means none.
  if (c.type === 'datastore' && c.sources.some((s) => /^(tf|cfn):/.test(s.address))) return 'none';
  for (const k of ['storage_encrypted', 'encrypted', 'encryption_at_rest', 'at_rest_encryption_enabled', 'StorageEncrypted', 'Encrypted', 'kms_encrypted']) {
    if (c.attributes[k] === false || c.attributes[k] === 'false') return 'none';
  }
  return undefined;
}

function encryptionEvidence(c: Component): Evidence[] {
  const ev = c.evidence.filter((e) => /encrypt|kms|sse/i.test(e.kind + ' ' + e.detail));
  return ev.length > 0 ? ev : sourceEvidence(c);
}

const FAMILIES: Record<string, string> = lookupTable({
  'web-server': 'web', 'web-application': 'web', 'application-server': 'web', 'web-service-rest': 'web', 'web-service-soap': 'web', cms: 'web', erp: 'web',
  'reverse-proxy': 'edge', 'load-balancer': 'edge', gateway: 'edge', waf: 'edge', 'service-mesh': 'edge',
  database: 'db', 'identity-store-database': 'db',
  'message-queue': 'queue', 'stream-processing': 'queue', 'event-listener': 'queue',
  'file-server': 'files', 'block-storage': 'files', 'local-file-system': 'files', 'data-lake': 'files',
  'search-index': 'search', 'search-engine': 'search',
  task: 'batch', 'batch-processing': 'batch', scheduler: 'batch', function: 'batch',
  'identity-provider': 'identity', 'ldap-server': 'identity', 'identity-store-ldap': 'identity',
});

function sameTechnology(a: string, b: string): boolean {
  return a === b || (FAMILIES[a] !== undefined && FAMILIES[a] === FAMILIES[b]);
}

function rankConfidence(f: Flow): number {
  return ['declared', 'configured', 'inferred'].indexOf(f.confidence);
}

function describeList(items: string[]): string {
  return items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}

function dedupe(ev: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return ev.filter((e) => {
    const k = `${e.kind}\0${e.detail}\0${e.location.file}\0${e.location.line}`;
    return !seen.has(k) && (seen.add(k), true);
  });
}
