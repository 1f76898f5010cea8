/**
 * Reconcile contracts: how graph components are bound to model assets, and what drift is.
 * Drift objects are rendered by src/report/drift-*.ts and (later) SARIF, so each one carries
 * everything a renderer needs: kind, severity, message, model location, infra evidence and a
 * fingerprint that does not change when lines move.
 */
import type { Evidence, Location } from '../graph/types.js';

export const DRIFT_KINDS = [
  'unmodeled-component',
  'missing-component',
  'unmodeled-flow',
  'unverified-flow',
  'blocked-flow',
  'exposure',
  'protocol',
  'encryption',
  'boundary',
  'type',
  'technology',
] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** Ordered weakest first; `--fail-on-drift <severity>` fails on this severity and above. */
export const DRIFT_SEVERITIES = ['info', 'low', 'medium', 'high'] as const;
export type DriftSeverity = (typeof DRIFT_SEVERITIES)[number];

/**
 * Kinds `infragile sync` can apply to the model by itself. The others need a human decision
 * (delete a missing asset? open the blocked path or drop the link? is an invisible app-level call real?).
 */
export const STRUCTURAL_KINDS: ReadonlySet<DriftKind> = new Set<DriftKind>([
  'unmodeled-component',
  'unmodeled-flow',
  'exposure',
  'protocol',
  'encryption',
  'boundary',
  'type',
  'technology',
]);

export interface Drift {
  kind: DriftKind;
  severity: DriftSeverity;
  /** One sentence a reviewer can act on. */
  message: string;
  /** `kind:subject` where subject is made of ids only: stable across line moves and file renames. */
  fingerprint: string;
  /** Model technical asset id concerned (the source asset for link drift). */
  asset?: string;
  /** Model link id for link drift. */
  link?: string;
  /** Graph component ids concerned. */
  components: string[];
  /** Graph flow id for flow drift. */
  flow?: string;
  /** What the model says / what infra shows, as short values (e.g. `false` / `true`, `https` / `http`). */
  expected?: string;
  actual?: string;
  /** Where the model says it (`threagile.yaml:LINE`); absent when the model has nothing to point at. */
  modelLocation?: Location;
  /** Infra evidence, file:line each. */
  evidence: Evidence[];
  /** A line the user can paste to fix or silence it, when there is one. */
  suggestion?: string;
}

/** How a component came to be bound to a model asset, strongest first. */
export const BINDING_METHODS = ['infra-label', 'model-tag', 'bindings-file', 'name', 'structure'] as const;
export type BindingMethod = (typeof BINDING_METHODS)[number];

export interface Binding {
  asset: string;
  component: string;
  method: BindingMethod;
  /** What matched, for humans: `label threagile.io/asset=auth-service`, `name 'user' = 'users'`. */
  matched: string;
  /** Where the explicit binding is written (infra label, model tag, .infragile.yaml line). */
  location?: Location;
}

/** An unbound component with more than one plausible asset (or a weak single one): never guessed. */
export interface Candidate {
  component: string;
  assets: string[];
  reason: string;
  /** e.g. `iac:k8s:shop/Deployment/cart` to add to the asset's tags. */
  suggestion: string;
}

/** Infra components deliberately not compared with the model, and why. */
export interface Ignored {
  component: string;
  reason: string;
}

export interface BindingResult {
  bindings: Binding[];
  candidates: Candidate[];
  ignored: Ignored[];
  /** asset id → component ids, sorted. */
  componentsOf: Map<string, string[]>;
  /** component id → asset id. */
  assetOf: Map<string, string>;
}

export function severityRank(s: DriftSeverity): number {
  return DRIFT_SEVERITIES.indexOf(s);
}
