/**
 * The Threagile model in memory: what `src/model/read.ts` produces from a threagile.yaml (v1 or master
 * spellings), what `src/model/write.ts` turns back into v1 YAML, and what rules analyze.
 *
 * Collections keep file order (Threagile's YAML maps keyed by title); `title` is the map key and `id`
 * the field. `line` fields are 1-based source positions in `ThreagileModel.file` (absent for models
 * built in memory, e.g. by `init`).
 */
import type {
  Authentication,
  Authorization,
  Confidentiality,
  Criticality,
  DataBreachProbability,
  DataFormat,
  Encryption,
  ExploitationImpact,
  ExploitationLikelihood,
  Machine,
  Protocol,
  Quantity,
  RiskFunction,
  RiskSeverity,
  RiskStatus,
  Size,
  Stride,
  TechnicalAssetType,
  Technology,
  TrustBoundaryType,
  Usage,
} from './enums.js';

/** Source line of an entity and of each of its fields (field name as written in YAML → line). */
export interface Positions {
  line?: number;
  fields?: Record<string, number>;
}

export interface Author {
  name: string;
  homepage?: string;
  contact?: string;
}

export interface Overview {
  description: string;
  images: Array<Record<string, string>>;
}

export interface ModelDataAsset extends Positions {
  title: string;
  id: string;
  description: string;
  usage: Usage;
  tags: string[];
  origin: string;
  owner: string;
  quantity: Quantity;
  confidentiality: Confidentiality;
  integrity: Criticality;
  availability: Criticality;
  justificationCiaRating: string;
}

export interface CommunicationLink extends Positions {
  /** Threagile link id: `<source-id>>` + normalised title. */
  id: string;
  title: string;
  sourceId: string;
  targetId: string;
  description: string;
  protocol: Protocol;
  authentication: Authentication;
  authorization: Authorization;
  tags: string[];
  vpn: boolean;
  ipFiltered: boolean;
  readonly: boolean;
  usage: Usage;
  dataAssetsSent: string[];
  dataAssetsReceived: string[];
  diagramTweakWeight: number;
  diagramTweakConstraint: boolean;
}

export interface TechnicalAsset extends Positions {
  title: string;
  id: string;
  description: string;
  type: TechnicalAssetType;
  usage: Usage;
  usedAsClientByHuman: boolean;
  outOfScope: boolean;
  justificationOutOfScope: string;
  size: Size;
  technology: Technology;
  tags: string[];
  internet: boolean;
  machine: Machine;
  encryption: Encryption;
  owner: string;
  confidentiality: Confidentiality;
  integrity: Criticality;
  availability: Criticality;
  justificationCiaRating: string;
  multiTenant: boolean;
  redundant: boolean;
  customDevelopedParts: boolean;
  dataAssetsProcessed: string[];
  dataAssetsStored: string[];
  dataFormatsAccepted: DataFormat[];
  diagramTweakOrder: number;
  /** Outgoing links, in file order. */
  communicationLinks: CommunicationLink[];
}

export interface TrustBoundary extends Positions {
  title: string;
  id: string;
  description: string;
  type: TrustBoundaryType;
  tags: string[];
  technicalAssetsInside: string[];
  trustBoundariesNested: string[];
}

export interface SharedRuntime extends Positions {
  title: string;
  id: string;
  description: string;
  tags: string[];
  technicalAssetsRunning: string[];
}

export interface IndividualRisk extends Positions {
  title: string;
  severity: RiskSeverity;
  exploitationLikelihood: ExploitationLikelihood;
  exploitationImpact: ExploitationImpact;
  dataBreachProbability: DataBreachProbability;
  dataBreachTechnicalAssets: string[];
  mostRelevantDataAsset: string;
  mostRelevantTechnicalAsset: string;
  mostRelevantCommunicationLink: string;
  mostRelevantTrustBoundary: string;
  mostRelevantSharedRuntime: string;
}

/** A risk category as Threagile describes it: what a model's individual category and a built-in rule's metadata share. */
export interface RiskCategoryDescription {
  id: string;
  title: string;
  description: string;
  impact: string;
  asvs: string;
  cheatSheet: string;
  action: string;
  mitigation: string;
  check: string;
  function: RiskFunction;
  stride: Stride;
  detectionLogic: string;
  riskAssessment: string;
  falsePositives: string;
  modelFailurePossibleReason: boolean;
  cwe: number;
}

export interface IndividualRiskCategory extends Positions, RiskCategoryDescription {
  risksIdentified: IndividualRisk[];
}

export interface RiskTrackingEntry extends Positions {
  /** Synthetic risk id, or a pattern with `*`. */
  syntheticRiskId: string;
  status: RiskStatus;
  justification: string;
  ticket: string;
  /** `YYYY-MM-DD` or empty. */
  date: string;
  checkedBy: string;
  /** infragile extension: `accepted` until this date (`YYYY-MM-DD`); after it the entry is ignored with a warning. */
  expires?: string;
  /** Where the entry came from (the model file or a risk-tracking.yaml beside it). */
  file?: string;
}

export type EdgeLayout = 'spline' | 'polyline' | 'ortho' | 'curved' | 'false' | '';

export interface DiagramTweaks {
  edgeLayout: EdgeLayout;
  suppressEdgeLabels: boolean;
  layoutLeftToRight: boolean;
  nodesep: number;
  ranksep: number;
  invisibleConnectionsBetweenAssets: string[];
  sameRankAssets: string[];
}

export interface ThreagileModel {
  /** Path the model was read from (as given by the user), if any. */
  file?: string;
  /** Line of each top-level key as written (absent for models built in memory). */
  fields?: Record<string, number>;
  threagileVersion: string;
  title: string;
  date: string;
  author: Author;
  managementSummaryComment: string;
  businessCriticality: Criticality;
  businessOverview: Overview;
  technicalOverview: Overview;
  questions: Record<string, string>;
  abuseCases: Record<string, string>;
  securityRequirements: Record<string, string>;
  tagsAvailable: string[];
  dataAssets: ModelDataAsset[];
  technicalAssets: TechnicalAsset[];
  trustBoundaries: TrustBoundary[];
  sharedRuntimes: SharedRuntime[];
  individualRiskCategories: IndividualRiskCategory[];
  riskTracking: RiskTrackingEntry[];
  diagramTweaks: DiagramTweaks;
}

/** A problem found while reading or validating a model: printed as `file:line: message`. */
export interface ModelIssue {
  severity: 'error' | 'warning';
  file: string;
  line: number;
  message: string;
}
