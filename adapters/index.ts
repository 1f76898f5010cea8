/**
 * The adapter and semantics registries: the only place the core learns which formats and platforms
 * exist. Order matters for `claim` (first adapter that takes a file gets it: the most specific first).
 */
import type { Adapter, Semantics } from '../src/graph/adapter.js';
import { threagileModelAdapter } from './threagile-model/adapter.js';
import { composeAdapter } from './compose/adapter.js';
import { composeSemantics } from './compose/semantics.js';
import { kubernetesAdapter } from './kubernetes/adapter.js';
import { kubernetesSemantics } from './kubernetes/semantics/index.js';
import { cloudFormationAdapter } from './cloudformation/adapter.js';
import { awsSemantics } from './aws/semantics.js';
import { gcpSemantics } from './gcp/semantics.js';
import { azureSemantics } from './azure/semantics.js';
import { terraformAdapter } from './terraform/adapter.js';
import { terraformSemantics } from './terraform/semantics.js';

export const adapters: readonly Adapter[] = [cloudFormationAdapter, composeAdapter, kubernetesAdapter, terraformAdapter, threagileModelAdapter];

export const semantics: readonly Semantics[] = [awsSemantics, composeSemantics, gcpSemantics, azureSemantics, kubernetesSemantics, terraformSemantics];
