/** Hand-built Terraform resources in the Terraform adapter's shape, for unit-testing cloud semantics. */
import { Diagnostics } from '../../src/diagnostics.js';
import type { Semantics } from '../../src/graph/adapter.js';
import { GraphBuilder } from '../../src/graph/builder.js';
import type { Resource, ResourceRef, TemplateValue } from '../../src/graph/resource.js';
import type { ArchitectureGraph } from '../../src/graph/types.js';
import { compareResources } from '../../src/pipeline.js';

let nextLine = 1;

/** `tf('google_storage_bucket', 'assets', {...})` → a Resource at `main.tf:<line>`. */
export function tf(type: string, name: string, attributes: Record<string, unknown>, opts: { file?: string; line?: number; group?: string; lines?: Record<string, number> } = {}): Resource {
  const line = opts.line ?? (nextLine += 10);
  const prefix = opts.group ? `${opts.group}.` : '';
  return {
    format: 'tf',
    type,
    name,
    address: `tf:${prefix}${type}.${name}`,
    attributes,
    location: { file: opts.file ?? 'main.tf', line },
    ...(opts.group ? { group: opts.group } : {}),
    ...(opts.lines ? { lines: opts.lines } : {}),
  };
}

export function ref(address: string, attribute?: string): ResourceRef {
  return attribute ? { $ref: `tf:${address}`, attribute } : { $ref: `tf:${address}` };
}

export function tpl(...parts: Array<string | ResourceRef>): TemplateValue {
  return { $template: parts };
}

/** Run one semantics over the resources (sorted as the pipeline sorts them) and build the graph. */
export function run(semantics: Semantics, resources: Resource[]): ArchitectureGraph {
  const sorted = [...resources].sort(compareResources);
  const g = new GraphBuilder(sorted, new Diagnostics());
  semantics.apply(sorted.filter((r) => semantics.accepts(r)), g);
  return g.build({ scanned: 0, byAdapter: {}, unclaimed: [], ignored: 0 });
}

export function flowIds(g: ArchitectureGraph): string[] {
  return g.flows.map((f) => f.id);
}
