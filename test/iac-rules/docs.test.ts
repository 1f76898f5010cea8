/** docs/rules.md lists every registered rule with its family, STRIDE and CWE (the doc is the rule catalogue users read). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { PROJECT_ROOT } from '../helpers/scan.js';

describe('docs/rules.md', () => {
  const doc = readFileSync(join(PROJECT_ROOT, 'docs/rules.md'), 'utf8');
  it.each(rules.map((r) => [r.category.id, r] as const))('lists %s', (id, r) => {
    const row = doc.split('\n').find((l) => l.startsWith(`| \`${id}\` | ${r.family} |`));
    expect(row, `no table row for ${id}`).toBeDefined();
    expect(row).toContain(`| ${r.category.stride} |`);
    expect(row).toContain(`CWE-${r.category.cwe}`);
  });
});
