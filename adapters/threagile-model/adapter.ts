import type { Adapter, SourceFile } from '../../src/graph/adapter.js';

/**
 * Claims hand-written Threagile models met during a scan so that no IaC adapter mistakes them for
 * infrastructure. They produce no resources; `drift`/`scan --model` read them through src/model.
 */
export const threagileModelAdapter: Adapter = {
  meta: { id: 'threagile-model', description: 'Threagile model files (threagile_version at top level)' },
  claim(files: readonly SourceFile[]): SourceFile[] {
    return files.filter((f) => /\.ya?ml$/i.test(f.path) && /^threagile_version\s*:/m.test(f.text()));
  },
  async parse() {
    return [];
  },
};
