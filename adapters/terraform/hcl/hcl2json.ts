/**
 * HCL → JSON through @cdktf/hcl2json (a Go runtime compiled to WASM), imported lazily: loading it costs
 * ~0.3 s and ~110 MB, paid only when a scan holds HCL. Two ways to run it, with byte-identical output:
 * in this thread, or in a pool of worker threads (./pool.ts) when there are many files.
 *
 * The Go runtime does not survive a stack overflow: a few thousand nested `{ a = {` make it hang or
 * kill the process on the next call. So every text goes through a nesting-depth guard first (files
 * over the limit never reach hcl2json), and if the in-thread runtime still fails in a way that is not
 * a parse error, it is abandoned and the remaining files go to a worker that can be thrown away.
 */
import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import { parseHclError } from './errors.js';
import { HclWorkerPool } from './pool.js';

export interface HclInput {
  path: string;
  text: string;
}

export type HclOutput = { path: string; json: Record<string, unknown> } | { path: string; error: { line: number; message: string } };

/** Deeper bracket nesting than any real configuration; hcl2json overflowed at a few thousand. */
export const MAX_HCL_DEPTH = 256;

type Hcl2Json = { parse(filename: string, contents: string): Promise<Record<string, unknown>> };
let loaded: Promise<Hcl2Json> | undefined;
let poisoned = false;

export function hcl2jsonPath(): string {
  return createRequire(import.meta.url).resolve('@cdktf/hcl2json');
}

/**
 * V8 compiles the Go runtime's large WASM module with its optimizing tier in the background; on a
 * 2-core machine that warm-up cost more CPU than all the parsing (docs/performance.md: Terraform parse
 * of the 1,000-service bench, 2.0 s CPU without, 0.6 s with). The baseline compiler alone is plenty for
 * a parser that runs for seconds. V8 flags are process-wide, so set before the first WASM compile here
 * (and before workers start, which inherit them); only when HCL is actually parsed.
 */
let liftoffSet = false;
function preferBaselineWasm(): void {
  if (liftoffSet || process.env['INFRAGILE_WASM_TIERUP'] === '1') return;
  liftoffSet = true;
  setFlagsFromString('--liftoff-only');
}

function load(): Promise<Hcl2Json> {
  preferBaselineWasm();
  return (loaded ??= import('@cdktf/hcl2json') as unknown as Promise<Hcl2Json>);
}

export { parseHclError };

/** Parse in this thread, one file after another (the order does not change any result). */
async function parseInThread(files: readonly HclInput[]): Promise<HclOutput[]> {
  const out: HclOutput[] = [];
  const hcl = await load();
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    if (poisoned) {
      // The in-thread runtime failed once: finish in a disposable worker.
      out.push(...(await parseInPool(files.slice(i), 1)));
      break;
    }
    try {
      out.push({ path: f.path, json: await hcl.parse(f.path, f.text) });
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (!/parse config|\.tf(?:vars)?:\d+,\d+/.test(msg)) poisoned = true;
      out.push({ path: f.path, error: parseHclError(msg) });
    }
  }
  return out;
}

async function parseInPool(files: readonly HclInput[], workers: number): Promise<HclOutput[]> {
  preferBaselineWasm();
  const pool = new HclWorkerPool(workers, hcl2jsonPath());
  try {
    return await pool.parseAll(files);
  } finally {
    await pool.close();
  }
}

/** Worker count for this many files: INFRAGILE_WORKERS / ScanOptions.workers win; else by input size. */
export function workerCount(files: readonly HclInput[], requested: number | undefined, cores: number): number {
  const env = Number(process.env['INFRAGILE_WORKERS']);
  const forced = Number.isInteger(env) && env > 0 ? env : requested && requested > 0 ? requested : 0;
  if (forced > 0) return forced;
  const bytes = files.reduce((n, f) => n + f.text.length, 0);
  // Worker start-up (~0.2–0.35 s each, WASM included) only pays off on larger inputs.
  if (files.length < 48 || bytes < 256 * 1024) return 1;
  return Math.max(1, Math.min(cores - 1, 8, Math.ceil(files.length / 24)));
}

/** Parse HCL files; results sorted by path. `workers` = 1 parses in this thread. */
export async function parseHcl(files: readonly HclInput[], workers: number): Promise<HclOutput[]> {
  if (files.length === 0) return [];
  const out = workers <= 1 ? await parseInThread(files) : await parseInPool(files, workers);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
