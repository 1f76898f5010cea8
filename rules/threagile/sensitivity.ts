/**
 * Rating thresholds the Threagile rules share. Not a rule: the registry (rules/index.ts) imports
 * rules by name.
 */
import type { ModelIndex } from '../../src/analyze/model-index.js';
import type { TechnicalAsset } from '../../src/model/types.js';

/**
 * Threagile's usual "raise the impact" test: the asset's highest confidentiality is
 * strictly-confidential, or its highest integrity or availability is mission-critical (processed
 * and stored data included).
 */
export function handlesMostCriticalData(model: ModelIndex, a: TechnicalAsset): boolean {
  return (
    model.highestConfidentiality(a) === 'strictly-confidential' ||
    model.highestIntegrity(a) === 'mission-critical' ||
    model.highestAvailability(a) === 'mission-critical'
  );
}
