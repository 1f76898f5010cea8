/** Models built in code for rule and engine tests: small, explicit, every default spelled out once. */
import { emptyModel } from '../../src/model/defaults.js';
import { linkId } from '../../src/model/ids.js';
import type {
  CommunicationLink,
  ModelDataAsset,
  SharedRuntime,
  TechnicalAsset,
  ThreagileModel,
  TrustBoundary,
} from '../../src/model/types.js';
import { analyzeModel } from '../../src/analyze/engine.js';
import { threagileRules } from '../../rules/index.js';
import type { Risk } from '../../src/analyze/types.js';

export function data(id: string, o: Partial<ModelDataAsset> = {}): ModelDataAsset {
  return {
    title: id, id, description: '', usage: 'business', tags: [], origin: '', owner: '', quantity: 'few',
    confidentiality: 'internal', integrity: 'operational', availability: 'operational', justificationCiaRating: '', ...o,
  };
}

export function link(source: string, target: string, title: string, o: Partial<CommunicationLink> = {}): CommunicationLink {
  return {
    id: linkId(source, title), title, sourceId: source, targetId: target, description: '', protocol: 'https',
    authentication: 'token', authorization: 'technical-user', tags: [], vpn: false, ipFiltered: false, readonly: false,
    usage: 'business', dataAssetsSent: [], dataAssetsReceived: [], diagramTweakWeight: 1, diagramTweakConstraint: false, ...o,
  };
}

export function asset(id: string, o: Partial<TechnicalAsset> = {}): TechnicalAsset {
  return {
    title: o.title ?? id.toUpperCase(), id, description: '', type: 'process', usage: 'business', usedAsClientByHuman: false,
    outOfScope: false, justificationOutOfScope: '', size: 'service', technology: 'web-service-rest', tags: [], internet: false,
    machine: 'virtual', encryption: 'none', owner: '', confidentiality: 'internal', integrity: 'operational',
    availability: 'operational', justificationCiaRating: '', multiTenant: false, redundant: false, customDevelopedParts: false,
    dataAssetsProcessed: [], dataAssetsStored: [], dataFormatsAccepted: [], diagramTweakOrder: 0, communicationLinks: [], ...o,
  };
}

export function boundary(id: string, inside: string[], o: Partial<TrustBoundary> = {}): TrustBoundary {
  return { title: id, id, description: '', type: 'network-on-prem', tags: [], technicalAssetsInside: inside, trustBoundariesNested: [], ...o };
}

export function runtime(id: string, running: string[], o: Partial<SharedRuntime> = {}): SharedRuntime {
  return { title: id, id, description: '', tags: [], technicalAssetsRunning: running, ...o };
}

export function model(parts: {
  assets?: TechnicalAsset[];
  data?: ModelDataAsset[];
  boundaries?: TrustBoundary[];
  runtimes?: SharedRuntime[];
}): ThreagileModel {
  const m = emptyModel();
  m.title = 'test';
  m.technicalAssets = parts.assets ?? [];
  m.dataAssets = parts.data ?? [];
  m.trustBoundaries = parts.boundaries ?? [];
  m.sharedRuntimes = parts.runtimes ?? [];
  return m;
}

/** Risks of one category for a model. */
export function risksOf(categoryId: string, m: ThreagileModel): Risk[] {
  return analyzeModel(m, { rules: threagileRules, today: '2026-01-01' }).risks.filter((r) => r.category === categoryId);
}
export function idsOf(categoryId: string, m: ThreagileModel): string[] {
  return risksOf(categoryId, m).map((r) => r.syntheticId).sort();
}
