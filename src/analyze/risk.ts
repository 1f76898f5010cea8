/** Building risks the way Threagile's rules do: severity computed from likelihood × impact. */
import type { DataBreachProbability, ExploitationImpact, ExploitationLikelihood } from '../model/enums.js';
import { calculateSeverity } from './severity.js';
import type { Risk, RiskCategory } from './types.js';

export interface RiskFields {
  likelihood: ExploitationLikelihood;
  impact: ExploitationImpact;
  title: string;
  /** The parts after the category id, joined with `@` (empty parts kept: ids are a contract, quirks included). */
  idParts: readonly string[];
  dataBreachProbability: DataBreachProbability;
  dataBreachTechnicalAssets: readonly string[];
  mostRelevantTechnicalAsset?: string;
  mostRelevantCommunicationLink?: string;
  mostRelevantDataAsset?: string;
  mostRelevantTrustBoundary?: string;
  mostRelevantSharedRuntime?: string;
}

export function syntheticId(categoryId: string, parts: readonly string[]): string {
  return [categoryId, ...parts].join('@');
}

export function makeRisk(category: RiskCategory, f: RiskFields): Risk {
  return {
    category: category.id,
    riskStatus: 'unchecked',
    severity: calculateSeverity(f.likelihood, f.impact),
    exploitationLikelihood: f.likelihood,
    exploitationImpact: f.impact,
    title: f.title,
    syntheticId: syntheticId(category.id, f.idParts),
    mostRelevantDataAsset: f.mostRelevantDataAsset ?? '',
    mostRelevantTechnicalAsset: f.mostRelevantTechnicalAsset ?? '',
    mostRelevantTrustBoundary: f.mostRelevantTrustBoundary ?? '',
    mostRelevantSharedRuntime: f.mostRelevantSharedRuntime ?? '',
    mostRelevantCommunicationLink: f.mostRelevantCommunicationLink ?? '',
    dataBreachProbability: f.dataBreachProbability,
    dataBreachTechnicalAssets: [...f.dataBreachTechnicalAssets],
  };
}
