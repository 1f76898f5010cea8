/**
 * Mutation fuzzing over every fixture: no mutant may crash the scan, hang it, or fail silently.
 * `npm test` runs a bounded number (FUZZ_ITERATIONS, default 300); `npm run fuzz` runs many more.
 * A failure prints the seed; replay with FUZZ_SEED=<seed> FUZZ_ITERATIONS=1.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import { scanGraph } from '../../src/pipeline.js';
import { FIXTURES } from '../helpers/scan.js';
import { mutate, rng } from './mutators.js';

const ITERATIONS = Number(process.env.FUZZ_ITERATIONS ?? 300);
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20261122);
/** A mutant that takes longer than this is reported as a hang. */
const HANG_MS = Number(process.env.FUZZ_HANG_MS ?? 10_000);

interface Corpus {
  /** Fixture system folders, each a set of files. */
  systems: Array<Record<string, Buffer>>;
}

function loadCorpus(): Corpus {
  const systems: Corpus['systems'] = [];
  const walk = (dir: string, into: Record<string, Buffer>, root: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = statSync(p, { throwIfNoEntry: false });
      if (!st) continue;
      if (st.isDirectory()) walk(p, into, root);
      else if (st.size < 512 * 1024) into[relative(root, p).split('\\').join('/')] = readFileSync(p);
    }
  };
  for (const name of readdirSync(FIXTURES).sort()) {
    const dir = join(FIXTURES, name);
    if (!statSync(dir).isDirectory() || name === 'bad-input') continue;
    const files: Record<string, Buffer> = {};
    walk(dir, files, dir);
    if (Object.keys(files).length) systems.push(files);
  }
  return { systems };
}

describe('fuzz: mutated fixtures', () => {
  const corpus = loadCorpus();

  it.skipIf(corpus.systems.length === 0)(`survives ${ITERATIONS} mutants without a crash, a hang or a silent failure`, async () => {
    const failures: string[] = [];
    const started = Date.now();
    for (let i = 0; i < ITERATIONS; i++) {
      const seed = BASE_SEED + i;
      const r = rng(seed);
      const system = corpus.systems[Math.floor(r() * corpus.systems.length)]!;
      const paths = Object.keys(system).filter((p) => /\.(ya?ml|json|tf|tfvars|env|template)$/i.test(p) || p.endsWith('.env'));
      if (!paths.length) continue;
      const target = paths[Math.floor(r() * paths.length)]!;
      const { text, applied } = mutate(system[target]!.toString('utf8'), r);
      const fs = new MemoryFileSystem({ ...system, [target]: text });
      const t0 = Date.now();
      try {
        const { graph } = await scanGraph({ rootDir: '/fuzz', paths: [''], fs });
        const crashes = graph.diagnostics.filter((d) => d.code === 'adapter-failure' || d.code === 'semantics-failure');
        for (const d of crashes) failures.push(`seed ${seed} (${applied.join('+')} on ${target}): ${d.message}`);
        for (const d of graph.diagnostics) {
          if (!d.location.file || !(d.location.line >= 1)) failures.push(`seed ${seed}: diagnostic without file:line: ${JSON.stringify(d)}`);
        }
        JSON.stringify(graph); // the graph must serialise (no cycles, no bigint)
      } catch (e) {
        failures.push(`seed ${seed} (${applied.join('+')} on ${target}): threw ${(e as Error).stack ?? e}`);
      }
      const ms = Date.now() - t0;
      if (ms > HANG_MS) failures.push(`seed ${seed} (${applied.join('+')} on ${target}): took ${ms} ms`);
      if (failures.length >= 10) break;
      if (process.env.FUZZ_REPORT && (i + 1) % 10_000 === 0) {
        process.stdout.write(`fuzz: ${i + 1} mutants, ${failures.length} failures, ${Date.now() - started} ms\n`);
      }
    }
    if (process.env.FUZZ_REPORT) process.stdout.write(`fuzz: ${ITERATIONS} mutants in ${Date.now() - started} ms\n`);
    expect(failures).toEqual([]);
    // Bounded by ITERATIONS, not by the clock: a loaded CI machine must not turn it red, and a
    // 100,000-mutant `npm run fuzz` runs for about an hour (hangs are caught per mutant by HANG_MS).
  }, 0);
});
