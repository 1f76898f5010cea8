import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/reconcile/unified-diff.js';

/** Re-apply a unified diff to `before`; equal to `after` when the diff is right. */
function applyDiff(before: string, diff: string): string {
  const a = before.split('\n');
  if (a[a.length - 1] === '') a.pop();
  const out: string[] = [];
  let pos = 0;
  const lines = diff.split('\n').slice(2);
  for (let i = 0; i < lines.length; i++) {
    const h = /^@@ -(\d+),(\d+) \+\d+,\d+ @@$/.exec(lines[i]!);
    if (!h) continue;
    const start = Number(h[2]) === 0 ? Number(h[1]) : Number(h[1]) - 1;
    while (pos < start) out.push(a[pos++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
      const l = lines[i]!;
      if (l === '') continue;
      if (l[0] === ' ') out.push(a[pos++]!);
      else if (l[0] === '-') pos++;
      else if (l[0] === '+') out.push(l.slice(1));
    }
    i--;
  }
  while (pos < a.length) out.push(a[pos++]!);
  return out.join('\n') + '\n';
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y')).toBe('');
  });

  it('produces hunks that turn before into after', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 200; round++) {
      const a = Array.from({ length: Math.floor(rnd() * 30) }, () => String.fromCharCode(97 + Math.floor(rnd() * 5)));
      const b = a.filter(() => rnd() > 0.2).flatMap((x) => (rnd() > 0.8 ? [x, 'new' + Math.floor(rnd() * 3)] : [x]));
      const before = a.join('\n') + '\n';
      const after = b.join('\n') + '\n';
      const d = unifiedDiff(before, after, 'a', 'b', 1);
      expect(applyDiff(before, d)).toBe(after === '\n' ? (before === '\n' ? '\n' : '\n') : after);
    }
  });

  it('shows context and headers', () => {
    const d = unifiedDiff('a\nb\nc\nd\n', 'a\nb\nX\nd\n', 'threagile.yaml', 'threagile.yaml (synced)');
    expect(d).toBe('--- threagile.yaml\n+++ threagile.yaml (synced)\n@@ -1,4 +1,4 @@\n a\n b\n-c\n+X\n d\n');
  });
});
