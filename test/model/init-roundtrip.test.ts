/**
 * `init` validates its model in memory (src/cli/commands/init.ts) instead of re-parsing the text it
 * wrote. This is the proof it no longer does at run time: for every fixture system, the written
 * starter model reads back without errors, as the same model, and re-writes to the same text.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelFromGraph } from '../../src/model/from-graph.js';
import { formatIssue } from '../../src/model/issues.js';
import { readModel } from '../../src/model/read.js';
import type { ThreagileModel } from '../../src/model/types.js';
import { validateModel } from '../../src/model/validate.js';
import { writeModel } from '../../src/model/write.js';
import { FIXTURES, scanDir } from '../helpers/scan.js';

const systems = readdirSync(FIXTURES)
  .filter((d) => statSync(join(FIXTURES, d)).isDirectory())
  .sort();

/** What the written file must carry: everything but source positions. */
function facts(m: ThreagileModel): unknown {
  return JSON.parse(JSON.stringify(m, (k, v) => (k === 'line' || k === 'fields' || k === 'file' ? undefined : v)));
}

describe('init: the written starter model round-trips', () => {
  it.each(systems)('%s', async (system) => {
    const { graph } = await scanDir(system);
    const { model, comments } = modelFromGraph(graph, { title: system, scanned: system });
    expect(validateModel(model).filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    const text = writeModel(model, { comments });
    const back = readModel({ file: 'threagile.yaml', text });
    expect(back.issues.filter((i) => i.severity === 'error').map(formatIssue)).toEqual([]);
    expect(facts(back.model)).toEqual(facts(model));
    expect(writeModel(back.model)).toBe(writeModel(model));
  });
});
