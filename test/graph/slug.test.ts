import { describe, expect, it } from 'vitest';
import { slug } from '../../src/graph/ids.js';

// slug returns already-clean ids as they are (a fast path): the result must equal the full rewrite's.
describe('slug', () => {
  it('keeps clean ids and rewrites everything else the same way as before', () => {
    expect(slug('svc-00016')).toBe('svc-00016');
    expect(slug('ns', 'team-0')).toBe('ns-team-0');
    expect(slug('secret', undefined, '', 'db')).toBe('secret-db');
    expect(slug('Shop', 'Cart_Service')).toBe('shop-cart-service');
    expect(slug('a--b')).toBe('a-b');
    expect(slug('-a-')).toBe('a');
    expect(slug('', undefined)).toBe('unnamed');
    expect(slug('---')).toBe('unnamed');
    expect(slug(8080, 'x')).toBe('8080-x');
  });
});
