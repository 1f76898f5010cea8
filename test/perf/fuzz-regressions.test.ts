/** Every input the fuzzer once crashed on (fixtures/fuzz-regressions/<case>/) now scans cleanly. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, scanDir } from '../helpers/scan.js';

const ROOT = join(FIXTURES, 'fuzz-regressions');
const cases = readdirSync(ROOT).filter((n) => statSync(join(ROOT, n)).isDirectory()).sort();

describe('fuzz regressions', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThan(0));
  for (const name of cases) {
    it(`${name}: no adapter or semantics failure, every diagnostic at file:line`, async () => {
      const { graph } = await scanDir(join(ROOT, name));
      expect(graph.diagnostics.filter((d) => d.code === 'adapter-failure' || d.code === 'semantics-failure')).toEqual([]);
      for (const d of graph.diagnostics) expect(d.location.file && d.location.line >= 1).toBeTruthy();
    });
  }

  it('cfn-lone-cr: the template with lone CR line breaks is still read', async () => {
    const { graph } = await scanDir(join(ROOT, 'cfn-lone-cr'));
    expect(graph.components.length).toBeGreaterThan(0);
    for (const c of graph.components) for (const s of c.sources) if (s.location.file) expect(s.location.file).toBe('template.yaml');
  });
});
