/**
 * Bad input, as a user meets it through the CLI: a folder holding an unrendered Helm template,
 * invalid YAML, an empty document, a binary file, an oversized file, an alias bomb and a symlink
 * loop scans to completion with exactly one `file:line: reason` per bad file, exit 0 (2 with
 * --strict), and the valid files still in the graph. The large, binary and symlink parts are made
 * here, in a temporary copy, so the repository holds none of them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt } from '../helpers/cli.js';
import { FIXTURES, PROJECT_ROOT } from '../helpers/scan.js';

const dir = mkdtempSync(join(tmpdir(), 'infragile-bad-input-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  ensureBuilt();
  cpSync(join(FIXTURES, 'bad-input'), dir, { recursive: true });
  writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x70, 0x69, 0x00, 0xff, 0xfe, 0x00, 0x01]));
  // Over the default 8 MiB limit: a valid-looking manifest padded with a long comment.
  writeFileSync(join(dir, 'oversized.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\n# ${'x'.repeat(9 * 1024 * 1024)}\n`);
  symlinkSync('.', join(dir, 'loop'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('bad input through the CLI', () => {
  it('scans to completion with one file:line: reason per bad file, exit 0', () => {
    const { code, stdout, stderr } = run('scan', '.');
    expect(code).toBe(0);
    const lines = stderr.trim().split('\n').sort();
    expect(lines).toHaveLength(7);
    for (const l of lines) expect(l).toMatch(/^[^:\s]+:\d+: \S/);
    const byFile = new Map(lines.map((l) => [l.split(':')[0]!, l]));
    expect([...byFile.keys()].sort()).toEqual(['alias-bomb.yaml', 'binary.yaml', 'empty.yaml', 'invalid.yaml', 'loop', 'oversized.yaml', 'unrendered-template.yaml']);
    expect(byFile.get('invalid.yaml')).toMatch(/^invalid\.yaml:7: invalid YAML/);
    expect(byFile.get('unrendered-template.yaml')).toMatch(/^unrendered-template\.yaml:4: unrendered Helm\/Go template/);
    expect(byFile.get('alias-bomb.yaml')).toMatch(/alias bomb/);
    expect(byFile.get('binary.yaml')).toMatch(/binary/);
    expect(byFile.get('oversized.yaml')).toMatch(/limit/);
    expect(byFile.get('loop')).toMatch(/loop/);
    expect(byFile.get('empty.yaml')).toMatch(/empty/);
    // The valid system is still there.
    expect(stdout).toMatch(/web\s+process, web-server, internet-facing\s+web\.yaml:2/);
  });

  it('exits 2 with --strict, and the graph still holds the valid files', () => {
    const { code, stdout } = run('graph', '.', '--strict', '--quiet');
    expect(code).toBe(2);
    const graph = JSON.parse(stdout);
    expect(graph.components.map((c: { id: string }) => c.id)).toEqual(['internet', 'web']);
    expect(graph.diagnostics).toHaveLength(7);
  });
});
