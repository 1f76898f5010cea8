/**
 * The analysis contract: risk categories (rule metadata), risks (rule output, Threagile's risk shape
 * plus optional IaC evidence) and the Rule plug-in interface shared by rules/threagile and rules/iac.
 */
import type { Resource } from '../graph/resource.js';
import type { Evidence, ArchitectureGraph } from '../graph/types.js';
import type {
  DataBreachProbability,
  ExploitationImpact,
  ExploitationLikelihood,
  RiskSeverity,
  RiskStatus,
} from '../model/enums.js';
import type { RiskCategoryDescription } from '../model/types.js';
import type { ModelIndex } from './model-index.js';

/** Rule metadata: what Threagile calls a RiskCategory. Long texts are ours, not Threagile's prose. */
export type RiskCategory = RiskCategoryDescription;

/** One identified risk. Field set mirrors Threagile 0.9.1's risks.json (plus infragile extras). */
export interface Risk {
  /** Category id. */
  category: string;
  riskStatus: RiskStatus;
  severity: RiskSeverity;
  exploitationLikelihood: ExploitationLikelihood;
  exploitationImpact: ExploitationImpact;
  /** HTML-ish title (`<b>…</b>`), part of the output contract. */
  title: string;
  /** The integration contract with risk tracking and ticketing. */
  syntheticId: string;
  mostRelevantDataAsset: string;
  mostRelevantTechnicalAsset: string;
  mostRelevantTrustBoundary: string;
  mostRelevantSharedRuntime: string;
  mostRelevantCommunicationLink: string;
  dataBreachProbability: DataBreachProbability;
  dataBreachTechnicalAssets: string[];
  /** A manual risk from `individual_risk_categories` (Threagile writes its empty asset list as null). */
  individual?: true;
  /** IaC locations behind the risk (rules/iac and effective models built from a scan). */
  evidence?: Evidence[];
}

export type RuleFamily = 'threagile' | 'iac';

export interface RuleContext {
  /** The (effective) model with Threagile's derived data. */
  model: ModelIndex;
  /** The architecture graph, when the model came from (or was reconciled with) a scan. */
  graph?: ArchitectureGraph;
  /** The parsed resources behind the graph: the exact line of an attribute, facts the semantics keep only as a flag. */
  resources?: readonly Resource[];
  /**
   * The model technical asset a graph component stands for (reconcile's binding, as `scan --model` and
   * `drift` compute it); undefined → the asset with the component's id.
   */
  assetOf?: (componentId: string) => string | undefined;
}

export interface Rule {
  family: RuleFamily;
  category: RiskCategory;
  /** Tags the rule understands (reported; only cloud tags change behaviour). */
  supportedTags?: readonly string[];
  generateRisks(ctx: RuleContext): Risk[];
}
