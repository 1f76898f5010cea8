/**
 * The architecture graph: the one shape every adapter and semantics feeds, and every later step
 * (reconcile, analyze, report) reads. Field names follow ../DESIGN.md §3 and are a public contract
 * (they appear in `graph --format json`): rename nothing without a note in docs/decisions.md.
 */
import type {
  Technology,
  TechnicalAssetType,
  Machine,
  Encryption,
  Protocol,
  Authentication,
  TrustBoundaryType,
} from '../model/enums.js';

/** A place in a scanned file. `file` is relative to the scan root, with forward slashes. */
export interface Location {
  file: string;
  /** 1-based. */
  line: number;
  column?: number;
  endLine?: number;
  /** Helm-rendered output: the chart template named by `# Source:` (e.g. `shop/templates/cart.yaml`). */
  template?: string;
}

/** Why we believe an element exists. `kind` is a short, stable, kebab-case tag (e.g. `k8s-service-selector`). */
export interface Evidence {
  kind: string;
  detail: string;
  location: Location;
}

/** A resource address plus where it is defined, e.g. `k8s:shop/Deployment/cart` at `k8s/cart.yaml:1`. */
export interface SourceRef {
  address: string;
  location: Location;
}

/** Facts the rules need, kept flat and JSON-serialisable. Never a secret value. */
export type AttributeValue = string | number | boolean | string[] | null;
export type Attributes = Record<string, AttributeValue>;

export interface Component {
  /** Stable, lower-case `[a-z0-9-]`, derived from names, never from file order. */
  id: string;
  title: string;
  type: TechnicalAssetType;
  technology: Technology;
  machine: Machine;
  /** Reachable from or exposed to the internet. */
  internet: boolean;
  /** Encryption at rest. */
  encryption: Encryption;
  sources: SourceRef[];
  /** Cardinality from count / for_each / replicas; never cloned into several components. */
  multiplicity?: number | string;
  /** Grouping for display (Helm chart, Terraform module, compose project). */
  group?: string;
  attributes: Attributes;
  evidence: Evidence[];
}

/**
 * - `declared`: a policy or rule that allows exactly this (SG rule, NetworkPolicy, listener → target group).
 * - `configured`: a reference in configuration (env var URL, connection string, depends_on + port).
 * - `inferred`: weaker signals.
 */
export type Confidence = 'declared' | 'configured' | 'inferred';

/** Confidence order, strongest first; merging keeps the strongest. */
export const CONFIDENCE_ORDER: readonly Confidence[] = ['declared', 'configured', 'inferred'];

export interface Flow {
  /** `<source>><target>` (Threagile's link-id separator), stable. */
  id: string;
  /** The caller. */
  source: string;
  /** The callee. */
  target: string;
  protocol: Protocol;
  port?: number;
  authentication: Authentication;
  encrypted: boolean;
  confidence: Confidence;
  evidence: Evidence[];
}

export interface Boundary {
  id: string;
  title: string;
  type: TrustBoundaryType;
  /** Component ids directly inside. A component is directly inside at most one boundary. */
  members: string[];
  /** The enclosing boundary's id. */
  parent?: string;
  /** Facts about the boundary itself (e.g. a namespace's `defaultDeny`), flat like component attributes. */
  attributes?: Attributes;
  evidence: Evidence[];
}

export type DataAssetKind = 'secret' | 'credential' | 'database' | 'bucket' | 'queue' | 'volume' | 'config' | 'stream';

export interface DataAsset {
  id: string;
  title: string;
  kind: DataAssetKind;
  /** Components that store it at rest. */
  storedBy: string[];
  /** Components that read or write it. */
  processedBy: string[];
  sources: SourceRef[];
  evidence: Evidence[];
}

export interface UnmappedResource {
  type: string;
  address: string;
  location: Location;
}

export interface UnresolvedReference {
  /** What was referenced, as written (e.g. `CART_ADDR=cartservice:7070`, `module.vpc`). */
  reference: string;
  /** Why it could not be resolved, phrased so a user can act on it. */
  reason: string;
  location: Location;
}

export interface Coverage {
  /** Resources that became a component, counted by type. */
  mapped: Record<string, number>;
  /** Resources folded into a component or flow (an SG, a listener, a ConfigMap), counted by type. */
  folded: Record<string, number>;
  unmapped: UnmappedResource[];
  unresolved: UnresolvedReference[];
  files: FileCoverage;
}

export interface FileCoverage {
  /** Files offered to adapters. */
  scanned: number;
  /** Files each adapter claimed, by adapter id. */
  byAdapter: Record<string, number>;
  /** Candidate files (YAML, JSON, …) no adapter claimed. */
  unclaimed: string[];
  /** Files with no IaC extension, not offered to adapters. */
  ignored: number;
}

export type DiagnosticSeverity = 'error' | 'warning' | 'info';

/** Something about the input a user should know: printed as `file:line: message`. */
export interface Diagnostic {
  severity: DiagnosticSeverity;
  /** Stable kebab-case code, e.g. `yaml-syntax`, `helm-chart-skipped`. */
  code: string;
  message: string;
  location: Location;
}

export interface ArchitectureGraph {
  components: Component[];
  flows: Flow[];
  boundaries: Boundary[];
  dataAssets: DataAsset[];
  coverage: Coverage;
  diagnostics: Diagnostic[];
}

/** The id of the synthetic internet component. */
export const INTERNET_ID = 'internet';
