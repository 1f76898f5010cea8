/**
 * The adapter and semantics registries: the only place the core learns which formats and platforms
 * exist. Order matters for `claim` (first adapter that takes a file gets it: the most specific first).
 */
import type { Adapter, Semantics } from '../src/graph/adapter.js';
import { threagileModelAdapter } from './threagile-model/adapter.js';
import { cloudFormationAdapter } from './cloudformation/adapter.js';

export const adapters: readonly Adapter[] = [cloudFormationAdapter, threagileModelAdapter];

export const semantics: readonly Semantics[] = [];
