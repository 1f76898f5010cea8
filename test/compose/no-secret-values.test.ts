import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { graphFormats } from '../../src/report/graph-formats.js';
import { graphSummary } from '../../src/report/summary.js';
import { FIXTURES, scanDir } from '../helpers/scan.js';

/** Every value in the fixtures that is a secret: .env entries, literal env passwords, secret files, credentials in URLs. */
function secretValues(): string[] {
  const fromDotenv = (path: string, names: RegExp) =>
    readFileSync(join(FIXTURES, path), 'utf8')
      .split('\n')
      .map((l) => /^([A-Z_]+)=(.*)$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null && names.test(m[1]!))
      .map((m) => m[2]!);
  return [
    ...fromDotenv('api-platform/compose/.env', /PASSWORD|KEY/),
    ...fromDotenv('compose-features/compose/.env', /TOKEN|KEY/),
    readFileSync(join(FIXTURES, 'api-platform/compose/secrets/postgres-password.txt'), 'utf8').trim(),
    'SG.q8XkR2vTQmW3nYp7LzA1bC', // literal SENDGRID_API_KEY
    'Rabbit-Passw0rd-2024', // password inside AMQP_URL
    'changeme', // default of ${DB_PASSWORD:-changeme}
  ];
}

describe('compose: no secret value reaches any output', () => {
  const cases = ['api-platform/compose', 'compose-features/compose', 'reverse-proxy-stack/compose'];
  it.each(cases)('%s: graph json, dot, mermaid, summary and diagnostics', async (dir) => {
    const { graph } = await scanDir(dir);
    const outputs = [
      await graphFormats.json!(graph),
      await graphFormats.dot!(graph),
      await graphFormats.mermaid!(graph),
      graphSummary(graph),
      graph.diagnostics.map(formatDiagnostic).join('\n'),
    ].join('\n');
    const secrets = secretValues();
    expect(secrets.length).toBeGreaterThan(6);
    for (const s of secrets) expect(outputs.includes(s), `secret value ${s.slice(0, 4)}… in output of ${dir}`).toBe(false);
  });

  it('still names the secrets (names are fine, values are not)', async () => {
    const { graph } = await scanDir('api-platform/compose');
    const json = JSON.stringify(graph);
    for (const name of ['postgres-password', 'jwt-signing-key', 'SENDGRID_API_KEY', 'DB_PASSWORD']) expect(json).toContain(name);
  });
});
