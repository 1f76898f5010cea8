import { describe, expect, it } from 'vitest';
import { matchesLabelSelector } from '../../src/util/label-selector.js';

describe('label selectors', () => {
  const labels = { app: 'cart', tier: 'web' };
  it('matches labels and every expression operator', () => {
    expect(matchesLabelSelector({}, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { app: 'cart' } }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { app: 'orders' } }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['web', 'api'] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['web'] }] }, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'db', operator: 'DoesNotExist' }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true);
  });
  it('selects nothing with an operator the API server would reject', () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: 'app', operator: 'Like', values: ['c*'] }] }, labels)).toBe(false);
  });
});
