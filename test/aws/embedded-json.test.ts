import { describe, expect, it } from 'vitest';
import { scanDir } from '../helpers/scan.js';

describe('AWS: JSON documents written as strings', () => {
  it('reports an invalid task definition at its attribute line and keeps the rest of the graph', async () => {
    const { graph } = await scanDir('bad-input-terraform');
    const bad = graph.diagnostics.filter((d) => d.code === 'invalid-embedded-json');
    expect(bad).toHaveLength(1);
    expect(bad[0]!.location).toMatchObject({ file: 'ecs.tf', line: 4 });
    expect(bad[0]!.message).toMatch(/aws_ecs_task_definition\.app container_definitions is not valid JSON/);
    expect(graph.components.map((c) => c.id)).toContain('ecs-app');
  });
});
