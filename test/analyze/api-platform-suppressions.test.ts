/**
 * The api-platform fixture's `infragile:ignore` comments name real rules and each one suppresses a
 * risk: `scan` prints no unused-suppression warning for it.
 */
import { describe, expect, it } from 'vitest';
import { rules } from '../../rules/index.js';
import { analyzeScan } from '../../src/analyze/scan.js';
import { scanDir } from '../helpers/scan.js';

describe('api-platform fixture suppressions', () => {
  it('name existing rules and all apply (the compose SendGrid key)', async () => {
    const scan = await scanDir('api-platform');
    const a = analyzeScan({ graph: scan.graph, resources: scan.resources, rules, today: '2026-01-01' });
    expect(a.warnings.map((w) => `${w.location?.file}:${w.location?.line}: ${w.message}`)).toEqual([]);
    expect(a.suppressed.map((s) => `${s.risk.syntheticId} ${s.location.file}:${s.location.line}`)).toEqual(['plaintext-secret-in-config@notification-service compose/compose.yaml:54']);
    expect(a.risks.some((r) => r.syntheticId === 'plaintext-secret-in-config@user-service')).toBe(true);
  });
});
