import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../src/diagnostics.js';
import { discover } from '../src/discover/discover.js';
import { NodeFileSystem } from '../src/fs/vfs.js';

function tree(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), 'infragile-discover-'));
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), content);
  }
  return dir;
}

describe('discover', () => {
  it('honours nested .gitignore files and --exclude, and sorts paths', () => {
    const dir = tree({
      '.gitignore': 'build/\n',
      'b.yaml': 'a: 1',
      'a.yaml': 'a: 1',
      'build/x.yaml': 'a: 1',
      'sub/.gitignore': 'secret*.tf\n',
      'sub/secret1.tf': '',
      'sub/main.tf': '',
      'skip/me.yaml': '',
      'README.md': '# hi',
      'node_modules/p/x.yaml': '',
    });
    const d = new Diagnostics();
    const r = discover(new NodeFileSystem(dir), [''], d, { exclude: ['skip/'] });
    expect(r.files.map((f) => f.path)).toEqual(['a.yaml', 'b.yaml', 'sub/main.tf']);
    expect(r.ignored).toBe(3); // README.md and the two .gitignore files
    expect(d.size).toBe(0);
  });

  it('reports binary, oversized and looping inputs with file:line and goes on', () => {
    const dir = tree({ 'ok.yaml': 'a: 1', 'bin.yaml': Buffer.from([0x61, 0x00, 0x62]), 'big.json': 'x'.repeat(2000) });
    mkdirSync(join(dir, 'loop'));
    symlinkSync(dir, join(dir, 'loop', 'back'));
    symlinkSync(join(dir, 'nowhere.yaml'), join(dir, 'dangling.yaml'));
    const d = new Diagnostics();
    const r = discover(new NodeFileSystem(dir), [''], d, { maxFileSize: 1000 });
    expect(r.files.map((f) => f.path)).toEqual(['ok.yaml']);
    const codes = d.list().map((x) => `${x.location.file}:${x.location.line}:${x.code}`);
    expect(codes).toContain('big.json:1:file-too-large');
    expect(codes).toContain('bin.yaml:1:binary-file');
    expect(codes).toContain('dangling.yaml:1:dangling-symlink');
    expect(codes.some((c) => c.endsWith('symlink-loop'))).toBe(true);
  });

  it('strips a UTF-8 BOM', () => {
    const dir = tree({ 'a.yaml': '\ufeffkind: x' });
    const r = discover(new NodeFileSystem(dir), [''], new Diagnostics());
    expect(r.files[0]!.text()).toBe('kind: x');
  });
});
