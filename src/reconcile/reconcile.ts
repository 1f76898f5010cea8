/** The reconcile step as one call: bind, detect drift, build the effective model. */
import type { Resource } from '../graph/resource.js';
import type { ArchitectureGraph } from '../graph/types.js';
import type { ThreagileModel } from '../model/types.js';
import { bind } from './bind.js';
import type { BindingsFile } from './bindings-file.js';
import { detectDrift } from './drift.js';
import { effectiveModel, type EffectiveModel } from './effective.js';
import type { BindingResult, Drift } from './types.js';

export interface ReconcileInput {
  graph: ArchitectureGraph;
  model: ThreagileModel;
  resources?: readonly Resource[];
  bindingsFile?: BindingsFile;
}

export interface Reconciliation {
  binding: BindingResult;
  drift: Drift[];
  effective: EffectiveModel;
}

export function reconcile(input: ReconcileInput): Reconciliation {
  const binding = bind(input);
  const drift = detectDrift({ graph: input.graph, model: input.model, binding, ...(input.resources ? { resources: input.resources } : {}) });
  return { binding, drift, effective: effectiveModel(input.model, input.graph, binding, drift) };
}
