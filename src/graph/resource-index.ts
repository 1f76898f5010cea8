/**
 * Resources of one scan indexed by address and by type, built once so that passes never loop over
 * all resources to find one. Contexts that carry more state (the AWS passes, the join rules) extend it.
 */
import type { Resource } from './resource.js';

export class ResourceIndex {
  readonly byAddress = new Map<string, Resource>();
  private readonly byType = new Map<string, Resource[]>();

  constructor(readonly resources: readonly Resource[]) {
    for (const r of resources) {
      this.byAddress.set(r.address, r);
      let l = this.byType.get(r.type);
      if (!l) this.byType.set(r.type, (l = []));
      l.push(r);
    }
  }

  /** Resources of these types: type by type, each in the sorted order of the scan. */
  ofType(...types: string[]): Resource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }
}
