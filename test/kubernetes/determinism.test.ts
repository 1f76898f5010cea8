import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { graphFormats } from '../../src/report/graph-formats.js';
import { scanGraph } from '../../src/pipeline.js';
import { FIXTURES } from '../helpers/scan.js';

const SYSTEMS = ['api-platform/k8s', 'netpol-mesh/k8s', 'queue-workers/k8s'];
const tmp = mkdtempSync(join(tmpdir(), 'infragile-determinism-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function filesOf(dir: string): string[] {
  return readdirSync(join(FIXTURES, dir)).map((f) => `${dir}/${f}`);
}

/** Copy the fixtures into `root`, creating directories and files in the given order. */
function copy(root: string, order: 'forward' | 'reverse', transform: (text: string) => string = (t) => t): void {
  const systems = order === 'forward' ? SYSTEMS : [...SYSTEMS].reverse();
  for (const s of systems) {
    const files = order === 'forward' ? filesOf(s) : filesOf(s).reverse();
    for (const f of files) {
      mkdirSync(dirname(join(root, f)), { recursive: true });
      writeFileSync(join(root, f), transform(readFileSync(join(FIXTURES, f), 'utf8')));
    }
  }
}

async function graphJson(root: string): Promise<string> {
  const { graph } = await scanGraph({ rootDir: root, paths: [''] });
  return graphFormats.json!(graph);
}

/** Reverse the documents of a multi-document file (the comment block above each stays with it). */
function reverseDocuments(text: string): string {
  const docs = text.split(/^---\s*$/m).map((d) => d.replace(/^\n+|\n+$/g, '')).filter((d) => d !== '');
  return docs.reverse().join('\n---\n') + '\n';
}

/** Lines move when documents move: compare everything else, with arrays in a canonical order. */
function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'line' && k !== 'endLine').map(([k, v]) => [k, withoutLines(v)]));
}

describe('determinism', () => {
  it('gives byte-identical graph JSON whatever order files and directories were created in', async () => {
    const a = join(tmp, 'a');
    const b = join(tmp, 'b');
    copy(a, 'forward');
    copy(b, 'reverse');
    const [ja, jb] = [await graphJson(a), await graphJson(b)];
    expect(ja).toBe(jb);
    expect(ja).toBe(await graphJson(a)); // and run to run
  });

  it('gives the same graph when the documents inside each file are shuffled', async () => {
    const a = join(tmp, 'c');
    const b = join(tmp, 'd');
    copy(a, 'forward');
    copy(b, 'reverse', reverseDocuments);
    const ga = JSON.parse(await graphJson(a));
    const gb = JSON.parse(await graphJson(b));
    expect(gb.components.map((c: { id: string }) => c.id)).toEqual(ga.components.map((c: { id: string }) => c.id));
    expect(gb.flows.map((f: { id: string }) => f.id)).toEqual(ga.flows.map((f: { id: string }) => f.id));
    expect(withoutLines(gb)).toEqual(withoutLines(ga));
  });
});

