/**
 * Inline suppression: `infragile:ignore <rule-id> <reason>` written on a resource (adapters put it on
 * Resource.suppressions) suppresses that rule's risks on the components built from the resource,
 * and for risks anchored to a resource with no component (a policy, a namespace) on that resource.
 *
 * Suppressed risks are never dropped: they move to their own list with the reason and the comment's
 * location, so reports can count and show them. Risk tracking is the stronger statement: a risk the
 * tracking already gave a status keeps it and is not suppressed. Suppressions that match no risk are
 * reported (a typo in the rule id must not pass silently).
 */
import { compareStrings } from '../graph/ids.js';
import type { Resource, Suppression } from '../graph/resource.js';
import type { ArchitectureGraph, Diagnostic, Location } from '../graph/types.js';
import type { AssetComponents } from './evidence.js';
import type { Risk } from './types.js';

export interface SuppressedRisk {
  risk: Risk;
  reason: string;
  /** Where the `infragile:ignore` comment is. */
  location: Location;
  /** The resource it was written on. */
  resource: string;
}

export interface SuppressionResult {
  risks: Risk[];
  suppressed: SuppressedRisk[];
  /** Unused or malformed suppressions, as warnings. */
  warnings: Diagnostic[];
}

export interface SuppressionInput {
  risks: readonly Risk[];
  resources: readonly Resource[];
  graph: ArchitectureGraph;
  /** model asset id → graph component ids (reconcile's binding); default: same id. */
  assetComponents?: AssetComponents;
  /** Every rule id the analysis knows, to tell a typo from a rule that found nothing. */
  knownRules: ReadonlySet<string>;
}

interface Target {
  suppression: Suppression;
  resource: string;
  used: boolean;
}

export function applySuppressions(input: SuppressionInput): SuppressionResult {
  // component id → resource addresses it was built from; anchor slug → resource address.
  const byComponentAndRule = new Map<string, Target[]>();
  const key = (anchor: string, rule: string) => `${anchor}\u0000${rule}`;
  const targets: Target[] = [];
  const componentsOfResource = new Map<string, string[]>();
  for (const c of input.graph.components) {
    for (const s of c.sources) push(componentsOfResource, s.address, c.id);
  }
  // Boundaries have no sources: a namespace's boundary is found by its evidence's file:line.
  const boundariesAt = new Map<string, string[]>();
  for (const b of input.graph.boundaries) {
    for (const e of b.evidence) {
      const at = `${e.location.file}:${e.location.line}`;
      push(boundariesAt, at, b.id);
    }
  }
  for (const r of input.resources) {
    for (const s of r.suppressions ?? []) {
      const t: Target = { suppression: s, resource: r.address, used: false };
      targets.push(t);
      const anchors = [
        ...(componentsOfResource.get(r.address) ?? []),
        ...(boundariesAt.get(`${r.location.file}:${r.location.line}`) ?? []).map(resourceSlug),
        resourceSlug(r.address),
      ];
      for (const a of anchors) push(byComponentAndRule, key(a, s.ruleId), t);
    }
  }
  const risks: Risk[] = [];
  const suppressed: SuppressedRisk[] = [];
  for (const risk of input.risks) {
    const hit = risk.riskStatus === 'unchecked' ? anchorsOf(risk, input.assetComponents).flatMap((a) => byComponentAndRule.get(key(a, risk.category)) ?? [])[0] : undefined;
    if (!hit) {
      risks.push(risk);
      continue;
    }
    hit.used = true;
    suppressed.push({ risk, reason: hit.suppression.reason, location: hit.suppression.location, resource: hit.resource });
  }
  const warnings: Diagnostic[] = [];
  for (const t of targets) {
    if (t.used) continue;
    const s = t.suppression;
    const message = !s.reason.trim()
      ? `infragile:ignore ${s.ruleId} on ${t.resource} has no reason; write why the risk is acceptable`
      : input.knownRules.has(s.ruleId)
        ? `infragile:ignore ${s.ruleId} on ${t.resource} matches no risk (nothing to suppress; remove it or check the resource)`
        : `infragile:ignore ${s.ruleId} on ${t.resource}: no rule has this id (see docs/rules.md)`;
    warnings.push({ severity: 'warning', code: 'unused-suppression', message, location: s.location });
  }
  warnings.sort((a, b) => compareStrings(a.location.file, b.location.file) || a.location.line - b.location.line || compareStrings(a.message, b.message));
  return { risks, suppressed, warnings };
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * What a risk is about, as component ids (or resource slugs): for IaC risks the first part of the
 * synthetic id after the rule id; for every risk the components bound to its technical asset.
 */
function anchorsOf(risk: Risk, assetComponents: AssetComponents | undefined): string[] {
  const out: string[] = [];
  const first = risk.syntheticId.slice(risk.category.length + 1).split('@')[0];
  if (first) out.push(first);
  const asset = risk.mostRelevantTechnicalAsset;
  if (asset) out.push(...(assetComponents?.get(asset) ?? [asset]));
  return out;
}

/** The anchor id rules/iac gives a resource that has no component (kept in step with rules/iac/kit.ts slug). */
export function resourceSlug(address: string): string {
  return (
    address
      .replace(/^(tf|cfn|k8s|compose):/, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}
