/** Drift test helpers: scan a fixture folder and reconcile it against a model file, in process. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readBindingsFile } from '../../src/reconcile/bindings-text.js';
import { loadModel } from '../../src/reconcile/run.js';
import { reconcile } from '../../src/reconcile/reconcile.js';
import { FIXTURES, scanDir } from '../helpers/scan.js';

export const DRIFT_FIXTURE = join(FIXTURES, 'drift/api-platform');
export const DRIFT_MODEL = join(DRIFT_FIXTURE, 'threagile.yaml');

export async function driftOf(infraDir: string, modelPath = DRIFT_MODEL, modelText?: string) {
  const scan = await scanDir(infraDir);
  const text = modelText ?? readFileSync(modelPath, 'utf8');
  const { model } = loadModel('threagile.yaml', text);
  const bf = join(infraDir, '.infragile.yaml');
  const bindingsFile = existsSync(bf) ? readBindingsFile('.infragile.yaml', readFileSync(bf, 'utf8')) : undefined;
  const result = reconcile({ graph: scan.graph, model, resources: scan.resources, ...(bindingsFile ? { bindingsFile } : {}) });
  return { scan, model, text, ...result };
}
