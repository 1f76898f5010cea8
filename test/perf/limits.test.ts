/**
 * Limits: every input that asks for unbounded work or cannot be read ends as one `file:line: reason`
 * diagnostic on that file, and the rest of the scan goes on (a healthy neighbour still becomes a
 * component).
 */
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../src/diagnostics.js';
import { MemoryFileSystem } from '../../src/fs/memory.js';
import type { DiscoverOptions } from '../../src/discover/discover.js';
import type { Diagnostic } from '../../src/graph/types.js';
import { scanGraph } from '../../src/pipeline.js';
import { YAML_LIMITS } from '../../src/util/yaml.js';

/** A healthy neighbour: must survive whatever its sibling does. */
const HEALTHY = {
  'ok/web.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers: [{name: web, image: nginx:1.27}]\n',
};

async function scanMemory(files: Record<string, string | Buffer>, fs?: MemoryFileSystem, discover?: DiscoverOptions) {
  const mem = fs ?? new MemoryFileSystem({ ...HEALTHY, ...files });
  const { graph } = await scanGraph({ rootDir: '/limits', paths: [''], fs: mem, ...(discover ? { discover } : {}) });
  return graph;
}

function expectDiagnostic(diagnostics: readonly Diagnostic[], file: string, pattern: RegExp): Diagnostic {
  const d = diagnostics.find((x) => x.location.file === file && pattern.test(x.message));
  expect(d, `no diagnostic on ${file} matching ${pattern}; got:\n${diagnostics.map(formatDiagnostic).join('\n')}`).toBeDefined();
  expect(d!.location.line).toBeGreaterThanOrEqual(1);
  // The one-line form users see: `file:line: reason`.
  expect(formatDiagnostic(d!)).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+`));
  expect(diagnostics.some((x) => x.code === 'adapter-failure' || x.code === 'semantics-failure')).toBe(false);
  return d!;
}

const healthyKept = (graph: { components: Array<{ sources: Array<{ address: string }> }> }) =>
  expect(graph.components.some((c) => c.sources.some((s) => s.address.includes('Deployment/web')))).toBe(true);

describe('limits: each a file:line diagnostic, and the scan goes on', () => {
  it('file size over --max-file-size', async () => {
    const graph = await scanMemory({ 'big/huge.yaml': 'a: ' + 'x'.repeat(5000) + '\n' }, undefined, { maxFileSize: 4096 });
    expectDiagnostic(graph.diagnostics, 'big/huge.yaml', /over the 4096-byte limit/);
    healthyKept(graph);
  });

  it('document count per file', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n' + '---\n# nothing\n'.repeat(YAML_LIMITS.maxDocuments + 5);
    const graph = await scanMemory({ 'many/docs.yaml': text });
    const d = expectDiagnostic(graph.diagnostics, 'many/docs.yaml', /more than 100000 YAML documents/);
    expect(d.location.line).toBeGreaterThan(100_000);
    healthyKept(graph);
  });

  it('YAML alias bomb', async () => {
    const levels = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n' + levels.map((l) => '  ' + l).join('\n') + '\n';
    const graph = await scanMemory({ 'bomb/cm.yaml': text });
    expectDiagnostic(graph.diagnostics, 'bomb/cm.yaml', /alias/i);
    healthyKept(graph);
  });

  it('YAML nesting depth', async () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    const graph = await scanMemory({ 'deep/cm.yaml': text });
    expectDiagnostic(graph.diagnostics, 'deep/cm.yaml', /maxDepth/);
    healthyKept(graph);
  });

  it('HCL nesting', async () => {
    const text = 'locals {\n  x = ' + '{ a = '.repeat(3000) + '1' + ' }'.repeat(3000) + '\n}\n';
    const graph = await scanMemory({ 'tf/deep.tf': text, 'tf/ok.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n' });
    expectDiagnostic(graph.diagnostics, 'tf/deep.tf', /nest \d+ levels deep/);
    healthyKept(graph);
    expect(graph.components.some((c) => c.sources.some((s) => s.address.includes('aws_sqs_queue.jobs')))).toBe(true);
  });

  it('expression evaluation steps: a for over a huge range', async () => {
    const text = 'locals {\n  many = [for i in range(100000000) : "q-${i}"]\n}\n\nresource "aws_sqs_queue" "q" {\n  name = local.many[0]\n}\n';
    const t0 = Date.now();
    const graph = await scanMemory({ 'tf/range.tf': text });
    expect(Date.now() - t0).toBeLessThan(60_000);
    expectDiagnostic(graph.diagnostics, 'tf/range.tf', /over the limit/i);
    healthyKept(graph);
  });

  it('expression evaluation steps: nested fors within the range limit', async () => {
    const text = 'locals {\n  grid = [for i in range(10000) : [for j in range(10000) : i * j]]\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "q-${length(local.grid)}"\n}\n';
    const t0 = Date.now();
    const graph = await scanMemory({ 'tf/grid.tf': text });
    expect(Date.now() - t0).toBeLessThan(60_000);
    expectDiagnostic(graph.diagnostics, 'tf/grid.tf', /steps/i);
    healthyKept(graph);
  });

  it('module recursion: a module that calls itself', async () => {
    const graph = await scanMemory({
      'tf/main.tf': 'module "loop" {\n  source = "./mod"\n}\n',
      'tf/mod/main.tf': 'module "again" {\n  source = "./"\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n',
    });
    expectDiagnostic(graph.diagnostics, 'tf/mod/main.tf', /already being instantiated.*recursion stopped/);
    healthyKept(graph);
  });

  it('unreadable file (EACCES; tests run as root, so the file system refuses)', async () => {
    class Refusing extends MemoryFileSystem {
      override readBytes(path: string): Buffer {
        if (path === 'locked/secret.yaml') throw Object.assign(new Error(`EACCES: permission denied, open '${path}'`), { code: 'EACCES' });
        return super.readBytes(path);
      }
    }
    const fs = new Refusing({ ...HEALTHY, 'locked/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n' });
    const graph = await scanMemory({}, fs);
    expectDiagnostic(graph.diagnostics, 'locked/secret.yaml', /EACCES/);
    healthyKept(graph);
  });

  describe('symlink loop (real file system)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'infragile-limits-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    it('is followed once, reported, and not again', async () => {
      mkdirSync(join(dir, 'ok'), { recursive: true });
      writeFileSync(join(dir, 'ok/web.yaml'), HEALTHY['ok/web.yaml']);
      mkdirSync(join(dir, 'loop'));
      symlinkSync('..', join(dir, 'loop/up'));
      const { graph } = await scanGraph({ rootDir: dir, paths: [''] });
      const d = graph.diagnostics.find((x) => x.code === 'symlink-loop');
      expect(d, graph.diagnostics.map(formatDiagnostic).join('\n')).toBeDefined();
      expect(d!.location.line).toBe(1);
      expect(d!.location.file).toMatch(/^loop\/up/);
      healthyKept(graph);
      // The healthy file is read once, not once per trip around the loop.
      expect(graph.components.filter((c) => c.sources.some((s) => s.address.includes('Deployment/web')))).toHaveLength(1);
    });
  });
});
