/**
 * The `terraform` semantics: what only Terraform knows. A module whose source is not on disk (a
 * registry or git module before `terraform init`, a missing local folder) is one opaque component
 * with technology unknown-technology and an *unresolved* note saying how to make it readable, so a
 * scan never has a silent hole where a module was.
 */
import type { Semantics } from '../../src/graph/adapter.js';
import { slug } from '../../src/graph/ids.js';
import { plainString, type Resource } from '../../src/graph/resource.js';

export const terraformSemantics: Semantics = {
  meta: { id: 'terraform', description: 'Terraform modules that could not be read (opaque components)' },
  accepts(resource: Resource): boolean {
    return resource.format === 'tf' && resource.type === 'module';
  },
  apply(resources, graph) {
    for (const r of resources) {
      const source = plainString(r.attributes['source']) ?? 'unknown source';
      const reason = plainString(r.attributes['$unresolved']) ?? `module source ${source} is not on disk`;
      const id = slug(r.address.replace(/^tf:/, '').replace(/\/\//g, '-'));
      const init: Parameters<typeof graph.addComponent>[0] = {
        id,
        title: r.name,
        type: 'process',
        technology: 'unknown-technology',
        machine: 'virtual',
        sources: [{ address: r.address, location: r.location }],
        attributes: { 'terraform.module_source': source, opaque: true },
        evidence: [{ kind: 'tf-opaque-module', detail: `module "${r.name}" (${source}) could not be read; its contents are not in the graph`, location: r.location }],
      };
      if (r.group) init.group = r.group;
      if (r.multiplicity !== undefined) init.multiplicity = r.multiplicity;
      graph.addComponent(init);
      graph.markMapped(r);
      graph.unresolved(r.address, reason, r.location);
    }
  },
};
