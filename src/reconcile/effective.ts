/**
 * The effective model: the hand-written model with the infra's observed facts laid over it
 * (DESIGN §1). Human knowledge (CIA ratings, data assets, owners, justifications, out-of-scope
 * decisions, descriptions) is kept as written; every fact we change cites the drift behind it.
 * This is what `scan --model` analyzes, so risks follow reality (an asset infra exposes gets the
 * internet-facing risks).
 */
import { compareStrings } from '../graph/ids.js';
import type { ArchitectureGraph, Component, Flow } from '../graph/types.js';
import type { Protocol } from '../model/enums.js';
import { linkId } from '../model/ids.js';
import type { CommunicationLink, TechnicalAsset, ThreagileModel } from '../model/types.js';
import { newAssetId, newLinkTitle } from './naming.js';
import { isEncryptedProtocol, withEncryption } from './protocols.js';
import type { BindingResult, Drift } from './types.js';

export interface EffectiveChange {
  /** Fingerprint of the drift that justifies the change. */
  drift: string;
  /** What changed, e.g. `technical_assets.auth-service.internet`. */
  path: string;
  from: string;
  to: string;
}

export interface EffectiveModel {
  model: ThreagileModel;
  changes: EffectiveChange[];
}

/** Tag on assets and links the effective model adds, so reports can tell them from hand-written ones. */
export const UNMODELED_TAG = 'infragile-unmodeled';

export function effectiveModel(model: ThreagileModel, graph: ArchitectureGraph, binding: BindingResult, drift: readonly Drift[]): EffectiveModel {
  const m: ThreagileModel = structuredClone(model);
  const changes: EffectiveChange[] = [];
  const assets = new Map(m.technicalAssets.map((a) => [a.id, a]));
  const comps = new Map(graph.components.map((c) => [c.id, c]));
  const flows = new Map(graph.flows.map((f) => [f.id, f]));
  const assetIdOf = new Map(binding.assetOf);
  const change = (d: Drift, path: string, from: unknown, to: unknown) => changes.push({ drift: d.fingerprint, path, from: String(from), to: String(to) });

  // New assets first so that new flows can point at them.
  for (const d of drift) {
    if (d.kind !== 'unmodeled-component') continue;
    const c = comps.get(d.components[0]!);
    if (!c) continue;
    const asset = assetFromComponent(c, new Set(assets.keys()));
    m.technicalAssets.push(asset);
    assets.set(asset.id, asset);
    assetIdOf.set(c.id, asset.id);
    change(d, `technical_assets.${asset.id}`, '(absent)', `${asset.type}/${asset.technology}`);
  }
  if (m.technicalAssets.some((a) => a.tags.includes(UNMODELED_TAG)) && !m.tagsAvailable.includes(UNMODELED_TAG)) m.tagsAvailable.push(UNMODELED_TAG);

  for (const d of drift) {
    const a = d.asset ? assets.get(d.asset) : undefined;
    switch (d.kind) {
      case 'exposure':
        if (a && d.actual) {
          const to = d.actual === 'internet: true';
          change(d, `technical_assets.${a.id}.internet`, a.internet, to);
          a.internet = to;
        }
        break;
      case 'type':
      case 'technology':
      case 'encryption': {
        // These kinds are named after the asset field they correct; `actual` is that field's value.
        const field = d.kind;
        if (a && d.actual) {
          change(d, `technical_assets.${a.id}.${field}`, a[field], d.actual);
          Object.assign(a, { [field]: d.actual }); // unchecked, as before: drift carries the graph's own enum value
        }
        break;
      }
      case 'protocol': {
        const link = a?.communicationLinks.find((l) => l.id === d.link);
        if (link && d.actual) {
          const to = protocolFor(link.protocol, d.actual as Protocol);
          change(d, `technical_assets.${a!.id}.communication_links.${link.title}.protocol`, link.protocol, to);
          link.protocol = to;
        }
        break;
      }
      case 'boundary':
        if (a && d.actual) {
          for (const b of m.trustBoundaries) b.technicalAssetsInside = b.technicalAssetsInside.filter((x) => x !== a.id);
          const target = m.trustBoundaries.find((b) => b.id === d.actual);
          if (target) {
            target.technicalAssetsInside.push(a.id);
            change(d, `technical_assets.${a.id}.trust_boundary`, d.expected ?? '', target.id);
          }
        }
        break;
      default:
        break;
    }
  }

  // Unmodeled flows between assets (hand-written or just added); flows touching a new component too.
  const linkDrifts = drift.filter((d) => d.kind === 'unmodeled-flow' || d.kind === 'unmodeled-component');
  const added = new Set<string>();
  for (const d of linkDrifts) {
    const candidates = d.kind === 'unmodeled-flow' ? (d.flow ? [flows.get(d.flow)] : []) : graph.flows.filter((f) => d.components.includes(f.source) || d.components.includes(f.target));
    for (const f of candidates) {
      if (!f) continue;
      const sa = assetIdOf.get(f.source);
      const ta = assetIdOf.get(f.target);
      if (!sa || !ta || sa === ta) continue;
      const src = assets.get(sa)!;
      if (src.communicationLinks.some((l) => l.targetId === ta) || added.has(`${sa}>${ta}`)) continue;
      added.add(`${sa}>${ta}`);
      const link = linkFromFlow(src.id, assets.get(ta)!, f);
      src.communicationLinks.push(link);
      change(d, `technical_assets.${sa}.communication_links.${link.title}`, '(absent)', `${link.protocol} → ${ta}`);
    }
  }
  return { model: m, changes: changes.sort((x, y) => compareStrings(x.path, y.path) || compareStrings(x.drift, y.drift)) };
}

/** Keep the model's protocol family when only encryption differs (`jdbc-encrypted` vs plain port → `jdbc`). */
export function protocolFor(modelProtocol: Protocol, infraProtocol: Protocol): Protocol {
  const twin = withEncryption(modelProtocol, isEncryptedProtocol(infraProtocol));
  return twin !== modelProtocol ? twin : infraProtocol;
}

export function assetFromComponent(c: Component, taken: ReadonlySet<string>): TechnicalAsset {
  const id = newAssetId(c.id, taken);
  return {
    title: c.title.slice(0, 31),
    id,
    description: `Found in the infra (${c.sources.map((s) => s.address).join(', ')}), not yet in the hand-written model.`,
    type: c.type,
    usage: 'business',
    usedAsClientByHuman: false,
    outOfScope: false,
    justificationOutOfScope: '',
    size: 'service',
    technology: c.technology,
    tags: [UNMODELED_TAG],
    internet: c.internet,
    machine: c.machine,
    encryption: c.encryption,
    owner: '',
    // Unknown until a human rates it; a middle rating keeps the rules' severity honest rather than silent.
    confidentiality: 'internal',
    integrity: 'operational',
    availability: 'operational',
    justificationCiaRating: '',
    multiTenant: false,
    redundant: typeof c.multiplicity === 'number' && c.multiplicity > 1,
    customDevelopedParts: c.type === 'process',
    dataAssetsProcessed: [],
    dataAssetsStored: [],
    dataFormatsAccepted: [],
    diagramTweakOrder: 0,
    communicationLinks: [],
  };
}

export function linkFromFlow(sourceId: string, target: TechnicalAsset, f: Flow): CommunicationLink {
  const title = newLinkTitle(target.title);
  return {
    id: linkId(sourceId, title),
    title,
    sourceId,
    targetId: target.id,
    description: `Seen in the infra: ${f.evidence
      .slice(0, 2)
      .map((e) => `${e.detail} (${e.location.file}:${e.location.line})`)
      .join('; ')}`,
    protocol: f.protocol,
    authentication: f.authentication,
    authorization: 'none',
    tags: [UNMODELED_TAG],
    vpn: false,
    ipFiltered: false,
    readonly: false,
    usage: 'business',
    dataAssetsSent: [],
    dataAssetsReceived: [],
    diagramTweakWeight: 1,
    diagramTweakConstraint: true,
  };
}
