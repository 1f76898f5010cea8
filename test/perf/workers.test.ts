/**
 * Parallel parsing parity: a Terraform-heavy tree scanned with HCL parsed in this thread
 * (INFRAGILE_WORKERS=1), in a pool of worker threads (INFRAGILE_WORKERS=3) and with the default
 * (sized to the cores) gives byte-identical graph JSON. No YAML worker path exists: YAML parsing is
 * cheaper than shipping the parsed trees back across threads (docs/performance.md).
 */
import { describe, expect, it } from 'vitest';
import { graphJson, terraformTree } from './trees.js';

describe('HCL worker pool parity', () => {
  const tree = terraformTree(72);

  it('in-thread, a pool of 3 and the default give the same bytes', async () => {
    const inThread = await graphJson(tree, { workers: '1' });
    const graph = JSON.parse(inThread) as { components: unknown[]; diagnostics: Array<{ code: string }> };
    expect(graph.components.length).toBeGreaterThan(500);
    expect(graph.diagnostics.filter((d) => d.code === 'tf-parse-error')).toEqual([]);
    expect(await graphJson(tree, { workers: '3' })).toBe(inThread);
    expect(await graphJson(tree, {})).toBe(inThread);
  }, 180_000);

  it('a parse error lands on the same file:line either way', async () => {
    const broken = { ...terraformTree(50), 'infra/stack-007.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n\nresource "x" {\n' };
    const a = JSON.parse(await graphJson(broken, { workers: '1' })) as { diagnostics: unknown[] };
    const b = JSON.parse(await graphJson(broken, { workers: '2' })) as { diagnostics: unknown[] };
    expect(b.diagnostics).toEqual(a.diagnostics);
    expect(JSON.stringify(a.diagnostics)).toContain('infra/stack-007.tf');
  }, 180_000);
});
