import { describe, expect, it } from 'vitest';
import { linesByPath, loadYamlDocuments } from '../src/util/yaml.js';

describe('loadYamlDocuments', () => {
  it('splits documents, keeps going after a bad one, and gives lines', () => {
    const src = ['a: 1', '---', 'b: [1', '---', '# Source: c/templates/x.yaml', 'kind: X', 'spec:', '  items:', '    - name: one', '    - name: two', ''].join('\n');
    const docs = loadYamlDocuments(src);
    expect(docs).toHaveLength(3);
    expect(docs[0]!.value).toEqual({ a: 1 });
    expect(docs[1]!.error?.line).toBeGreaterThanOrEqual(3);
    expect(docs[2]!.value).toMatchObject({ kind: 'X' });
    expect(docs[2]!.contentLine).toBe(6);
    const lines = linesByPath(docs[2]!.value, docs[2]!.lines);
    expect(lines['spec.items[1]']).toBe(10);
  });

  it('refuses an alias bomb with a reason instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
    const [doc] = loadYamlDocuments(bomb.join('\n'));
    expect(doc!.value).toBeUndefined();
    expect(doc!.error?.message).toMatch(/alias bomb/);
  });

  it('keeps dates as strings and applies merge keys', () => {
    const [doc] = loadYamlDocuments('base: &b {x: 1}\nd: 2020-01-01\nm: {<<: *b, y: 2}\n');
    expect(doc!.value).toEqual({ base: { x: 1 }, d: '2020-01-01', m: { x: 1, y: 2 } });
  });

  it('treats an empty or comment-only document as empty, not an error', () => {
    const docs = loadYamlDocuments('---\n# nothing\n---\n');
    expect(docs.every((d) => d.value === undefined && !d.error)).toBe(true);
  });
});

describe('line counting', () => {
  it('counts a lone CR as a line break, as js-yaml does, so reported lines match the file', async () => {
    const { loadYamlDocuments: load, linesByPath: byPath } = await import('../src/util/yaml.js');
    const docs = load('a: 1\r---\rkind: X\rspec:\r  items:\r    - name: one\r');
    expect(docs).toHaveLength(2);
    expect(docs[1]!.contentLine).toBe(3);
    expect(byPath(docs[1]!.value, docs[1]!.lines)['spec.items[0]']).toBe(6);
  });
});
