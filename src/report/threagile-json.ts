/**
 * Threagile 0.9.1's JSON outputs with their exact shapes: risks.json (14 keys, always present),
 * stats.json (5 severities × 6 statuses, keys sorted as Go's encoder sorts map keys) and
 * technical-assets.json (Go field names, v1 integer enums, RAA as a float). Compact, like Go's
 * json.Marshal, including its escaping of <, > and & as \u003c, \u003e, \u0026.
 */
import {
  AUTHENTICATIONS,
  AUTHORIZATIONS,
  CONFIDENTIALITIES,
  CRITICALITIES,
  DATA_FORMATS,
  ENCRYPTIONS,
  MACHINES,
  PROTOCOLS,
  RISK_SEVERITIES,
  RISK_STATUSES,
  SIZES,
  TECHNICAL_ASSET_TYPES,
  TECHNOLOGIES,
  USAGES,
  enumIndex,
} from '../model/enums.js';
import type { ModelIndex } from '../analyze/model-index.js';
import type { Risk } from '../analyze/types.js';

/** JSON.stringify with Go's HTML-safe escaping. */
export function goJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function riskToThreagileJson(r: Risk): Record<string, unknown> {
  return {
    category: r.category,
    risk_status: r.riskStatus,
    severity: r.severity,
    exploitation_likelihood: r.exploitationLikelihood,
    exploitation_impact: r.exploitationImpact,
    title: r.title,
    synthetic_id: r.syntheticId,
    most_relevant_data_asset: r.mostRelevantDataAsset,
    most_relevant_technical_asset: r.mostRelevantTechnicalAsset,
    most_relevant_trust_boundary: r.mostRelevantTrustBoundary,
    most_relevant_shared_runtime: r.mostRelevantSharedRuntime,
    most_relevant_communication_link: r.mostRelevantCommunicationLink,
    data_breach_probability: r.dataBreachProbability,
    data_breach_technical_assets: r.individual && r.dataBreachTechnicalAssets.length === 0 ? null : r.dataBreachTechnicalAssets,
  };
}

export function risksJson(risks: readonly Risk[]): string {
  return goJson(risks.map(riskToThreagileJson));
}

export function statsJson(risks: readonly Risk[]): string {
  const counts: Record<string, Record<string, number>> = {};
  for (const sev of [...RISK_SEVERITIES].sort()) {
    counts[sev] = {};
    for (const status of [...RISK_STATUSES].sort()) counts[sev]![status] = 0;
  }
  for (const r of risks) counts[r.severity]![r.riskStatus]! += 1;
  return goJson({ risks: counts });
}

/** v1 `technical-assets.json`: map id → asset (keys sorted, as Go marshals maps). */
export function technicalAssetsJson(index: ModelIndex): string {
  const out: Record<string, unknown> = {};
  for (const a of [...index.assets].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) {
    out[a.id] = {
      Id: a.id,
      Title: a.title,
      Description: a.description,
      Usage: enumIndex(USAGES, a.usage),
      Type: enumIndex(TECHNICAL_ASSET_TYPES, a.type),
      Size: enumIndex(SIZES, a.size),
      Technology: enumIndex(TECHNOLOGIES, a.technology),
      Machine: enumIndex(MACHINES, a.machine),
      Internet: a.internet,
      MultiTenant: a.multiTenant,
      Redundant: a.redundant,
      CustomDevelopedParts: a.customDevelopedParts,
      OutOfScope: a.outOfScope,
      UsedAsClientByHuman: a.usedAsClientByHuman,
      Encryption: enumIndex(ENCRYPTIONS, a.encryption),
      JustificationOutOfScope: a.justificationOutOfScope,
      Owner: a.owner,
      Confidentiality: enumIndex(CONFIDENTIALITIES, a.confidentiality),
      Integrity: enumIndex(CRITICALITIES, a.integrity),
      Availability: enumIndex(CRITICALITIES, a.availability),
      JustificationCiaRating: a.justificationCiaRating,
      Tags: a.tags,
      DataAssetsProcessed: a.dataAssetsProcessed,
      DataAssetsStored: a.dataAssetsStored,
      DataFormatsAccepted: a.dataFormatsAccepted.map((f) => enumIndex(DATA_FORMATS, f)),
      CommunicationLinks: a.communicationLinks.map((l) => ({
        Id: l.id,
        SourceId: l.sourceId,
        TargetId: l.targetId,
        Title: l.title,
        Description: l.description,
        Protocol: enumIndex(PROTOCOLS, l.protocol),
        Tags: l.tags,
        VPN: l.vpn,
        IpFiltered: l.ipFiltered,
        Readonly: l.readonly,
        Authentication: enumIndex(AUTHENTICATIONS, l.authentication),
        Authorization: enumIndex(AUTHORIZATIONS, l.authorization),
        Usage: enumIndex(USAGES, l.usage),
        // v1 leaves an empty list of a link as a nil slice: null in JSON.
        DataAssetsSent: l.dataAssetsSent.length ? l.dataAssetsSent : null,
        DataAssetsReceived: l.dataAssetsReceived.length ? l.dataAssetsReceived : null,
        DiagramTweakWeight: l.diagramTweakWeight,
        // Threagile stores the negation of the YAML flag (the DOT `constraint` value): absent → true.
        DiagramTweakConstraint: !l.diagramTweakConstraint,
      })),
      DiagramTweakOrder: a.diagramTweakOrder,
      RAA: index.raa(a.id),
    };
  }
  return goJson(out);
}
