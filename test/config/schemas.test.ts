/** The JSON Schemas in schemas/ hold for real files and real outputs (ajv, draft-07). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { analyzeScan, evaluateGate } from '../../src/analyze/scan.js';
import { renderScanJson } from '../../src/report/scan-json.js';
import { rules } from '../../rules/index.js';
import { FIXTURES, PROJECT_ROOT, scanDir } from '../helpers/scan.js';
import { parseConfig } from '../../src/config/parse.js';

const schema = (name: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, 'schemas', name), 'utf8')) as object;
const ajv = new Ajv({ allErrors: true, strict: false });

const example = `version: 1
model: threagile.yaml
exclude: ["legacy/**"]
fail-on: high
warn-only: false
fail-on-drift: medium
rules:
  disable: [missing-vault]
  severity: { missing-waf: low }
paths:
  "legacy/**":
    disable: [container-runs-as-root]
bindings:
  auth-service: ["k8s:*/Deployment/auth*"]
  database: tf:aws_db_instance.main
`;

describe('schemas/infragile-config.schema.json', () => {
  const validate = ajv.compile(schema('infragile-config.schema.json'));

  it('accepts what the loader accepts', () => {
    expect(parseConfig('.infragile.yaml', example).problems).toEqual([]);
    expect(validate(load(example)), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({})).toBe(true);
  });

  it('rejects what the loader rejects: unknown keys, bad enums', () => {
    for (const bad of ['exlude: [a]\n', 'fail-on: severe\n', 'rules:\n  disabel: [x]\n', 'paths:\n  "a/**":\n    sevrity: {}\n', 'version: 2\n', 'warn-only: maybe\n']) {
      expect(parseConfig('.infragile.yaml', bad).problems.length, bad).toBeGreaterThan(0);
      expect(validate(load(bad)), bad).toBe(false);
    }
  });

  it('the documented example in docs/config.md is valid for both', () => {
    const doc = readFileSync(join(PROJECT_ROOT, 'docs/config.md'), 'utf8');
    const block = /```yaml\n(# \.infragile\.yaml[\s\S]*?)```/.exec(doc)![1]!;
    expect(parseConfig('.infragile.yaml', block).problems).toEqual([]);
    expect(validate(load(block)), JSON.stringify(validate.errors)).toBe(true);
  });
});

describe('schemas/scan-output.schema.json', () => {
  const validate = ajv.compile(schema('scan-output.schema.json'));

  it('holds for `scan --format json` of fixtures, with and without a model', async () => {
    const cases: Array<{ dir: string; paths: string[]; model?: string }> = [
      { dir: 'api-platform', paths: ['k8s'] },
      { dir: 'api-platform', paths: ['compose'] },
      { dir: 'reverse-proxy-stack', paths: [''] },
    ];
    for (const c of cases) {
      const scan = await scanDir(join(FIXTURES, c.dir), c.paths);
      const analysis = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, today: '2026-11-22' });
      const gate = evaluateGate(analysis.risks, 'high', false);
      const doc = JSON.parse(renderScanJson({ analysis, graph: scan.graph, gate }));
      expect(validate(doc), `${c.dir}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      expect(doc.risks.length).toBeGreaterThan(0);
    }
  });
});
