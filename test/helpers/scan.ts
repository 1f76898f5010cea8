/** Test helpers: scan a folder under fixtures/ (or any absolute dir) the way the CLI does. */
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { scanGraph, type ScanRequest, type ScanResult } from '../../src/pipeline.js';

export const PROJECT_ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
export const FIXTURES = join(PROJECT_ROOT, 'fixtures');

/** Scan `paths` (relative to rootDir, default: the whole root). rootDir defaults to fixtures/. */
export function scanDir(rootDir: string, paths: string[] = [''], extra: Partial<ScanRequest> = {}): Promise<ScanResult> {
  return scanGraph({ rootDir: resolve(FIXTURES, rootDir), paths, ...extra });
}
