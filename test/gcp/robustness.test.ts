/** Malformed or unexpected attribute shapes never throw out of the GCP and Azure semantics. */
import { describe, expect, it } from 'vitest';
import { AZURE_CATALOG } from '../../adapters/azure/catalog.js';
import { azureSemantics } from '../../adapters/azure/semantics.js';
import { GCP_CATALOG } from '../../adapters/gcp/catalog.js';
import { gcpSemantics } from '../../adapters/gcp/semantics.js';
import type { Semantics } from '../../src/graph/adapter.js';
import type { Resource } from '../../src/graph/resource.js';
import { run, tf } from './tf.js';

const JUNK: unknown[] = ['x', 7, null, true, [], [{}], [null, 'a', 3], { $unknown: 'var.x' }, { $ref: 'tf:google_nothing.here' }, { $template: [{ $unknown: 'local.y' }] }, { nested: [{ deeper: {} }] }, '0.0.0.0/0', ['0.0.0.0/0'], [{ cidr_block: 5 }]];

/** Attributes that answer every key with a junk value chosen by the key (deterministic). */
function junkAttributes(seed: number): Record<string, unknown> {
  return new Proxy({} as Record<string, unknown>, {
    get: (_t, key) => (typeof key === 'string' ? JUNK[(seed + [...key].reduce((a, c) => a + c.charCodeAt(0), 0)) % JUNK.length] : undefined),
  });
}

function junkResources(types: string[]): Resource[] {
  return types.flatMap((type, i) => [0, 1, 2, 3].map((seed) => tf(type, `r${seed}`, junkAttributes(i + seed), { line: 1 + seed })));
}

describe.each([
  ['gcp', gcpSemantics, Object.keys(GCP_CATALOG).concat(['google_storage_bucket_iam_member', 'google_project_iam_binding'])],
  ['azure', azureSemantics, Object.keys(AZURE_CATALOG)],
] as Array<[string, Semantics, string[]]>)('%s semantics on junk attributes', (_name, semantics, types) => {
  it('does not throw and still accounts for every resource', () => {
    const resources = junkResources(types);
    const g = run(semantics, resources);
    const counted = Object.values(g.coverage.mapped).reduce((a, b) => a + b, 0) + Object.values(g.coverage.folded).reduce((a, b) => a + b, 0) + g.coverage.unmapped.length;
    expect(counted).toBe(resources.length);
  });
});
