/**
 * The scan pipeline up to the graph: discover → adapters → platform semantics → ArchitectureGraph.
 * A plain function of its inputs (the file system it is given and the options).
 */
import { resolve } from 'node:path';
import { adapters as registeredAdapters, semantics as registeredSemantics } from '../adapters/index.js';
import { Diagnostics } from './diagnostics.js';
import { discover, type DiscoverOptions } from './discover/discover.js';
import type { Adapter, ScanOptions, Semantics, SourceFile } from './graph/adapter.js';
import { GraphBuilder } from './graph/builder.js';
import { joinAcrossFormats } from './graph/join.js';
import { compareStrings } from './graph/ids.js';
import type { Resource } from './graph/resource.js';
import type { ArchitectureGraph, Diagnostic } from './graph/types.js';
import { NodeFileSystem, type FileSystem } from './fs/vfs.js';

export interface ScanRequest {
  /** Absolute scan root; locations are relative to it. */
  rootDir: string;
  /** Root-relative paths to scan ('' = the root). */
  paths: string[];
  /** Defaults to the working tree under rootDir. */
  fs?: FileSystem;
  discover?: DiscoverOptions;
  options?: ScanOptions;
  adapters?: readonly Adapter[];
  /** Resources from a source that is not files (the live cluster, src/live), with its diagnostics: fed to the same semantics. */
  external?: { resources: readonly Resource[]; diagnostics: readonly Diagnostic[] };
  semantics?: readonly Semantics[];
  /** Called between phases (and after each adapter) so a terminal can show progress. */
  onProgress?: (e: { phase: string; detail?: string }) => void;
}

export interface PhaseTimings {
  discover: number;
  parse: Record<string, number>;
  semantics: number;
}

export interface ScanResult {
  graph: ArchitectureGraph;
  resources: Resource[];
  /** Threagile models met during discover (claimed by the `threagile-model` adapter). */
  modelFiles: string[];
  timings: PhaseTimings;
}

export async function scanGraph(req: ScanRequest): Promise<ScanResult> {
  const rootDir = resolve(req.rootDir);
  const fs = req.fs ?? new NodeFileSystem(rootDir);
  const adapters = req.adapters ?? registeredAdapters;
  const semantics = req.semantics ?? registeredSemantics;
  const diagnostics = new Diagnostics();
  const timings: PhaseTimings = { discover: 0, parse: {}, semantics: 0 };

  const progress = req.onProgress ?? (() => {});
  progress({ phase: 'discovering files' });
  let t = performance.now();
  const found = discover(fs, req.paths, diagnostics, req.discover);
  timings.discover = performance.now() - t;

  let remaining: readonly SourceFile[] = found.files;
  const byAdapter: Record<string, number> = {};
  const resources: Resource[] = [];
  const modelFiles: string[] = [];
  const ctx = { rootDir, fs, diagnostics, options: req.options ?? {} };
  let parsed = 0;
  for (const adapter of adapters) {
    progress({ phase: 'parsing', detail: `${parsed}/${found.files.length} files` });
    const claimed = adapter.claim(remaining);
    if (claimed.length === 0) continue;
    const taken = new Set(claimed);
    remaining = remaining.filter((f) => !taken.has(f));
    byAdapter[adapter.meta.id] = claimed.length;
    if (adapter.meta.id === 'threagile-model') modelFiles.push(...claimed.map((f) => f.path));
    t = performance.now();
    try {
      resources.push(...(await adapter.parse(claimed, ctx)));
    } catch (e) {
      // An adapter bug must not take the scan down: report it against the first file and go on.
      diagnostics.error('adapter-failure', { file: claimed[0]!.path, line: 1 }, `the ${adapter.meta.id} adapter failed: ${(e as Error).message}; please report this with the file`);
    }
    timings.parse[adapter.meta.id] = (timings.parse[adapter.meta.id] ?? 0) + performance.now() - t;
    parsed += claimed.length;
  }
  progress({ phase: 'building the graph', detail: `${resources.length} resources` });

  if (req.external) {
    resources.push(...req.external.resources);
    for (const d of req.external.diagnostics) diagnostics.add(d.severity, d.code, d.location, d.message);
  }
  resources.sort(compareResources);
  t = performance.now();
  const graph = new GraphBuilder(resources, diagnostics);
  const bySemantics = new Map<Semantics, Resource[]>();
  for (const r of resources) {
    const s = semantics.find((x) => x.accepts(r));
    if (!s) continue;
    let list = bySemantics.get(s);
    if (!list) bySemantics.set(s, (list = []));
    list.push(r);
  }
  for (const s of semantics) {
    const list = bySemantics.get(s);
    if (!list) continue;
    try {
      s.apply(list, graph);
    } catch (e) {
      diagnostics.error('semantics-failure', list[0]!.location, `the ${s.meta.id} semantics failed: ${(e as Error).message}; please report this with the input`);
    }
  }
  // Across formats: the same thing seen by several platforms (a ConfigMap naming an RDS endpoint,
  // a Service bound to a Terraform load balancer) is joined once every semantics has run.
  joinAcrossFormats(resources, graph);
  const built = graph.build({
    scanned: found.files.length,
    byAdapter,
    unclaimed: remaining.map((f) => f.path),
    ignored: found.ignored,
  });
  timings.semantics = performance.now() - t;
  return { graph: built, resources, modelFiles: modelFiles.sort(compareStrings), timings };
}

export function compareResources(a: Resource, b: Resource): number {
  return (
    compareStrings(a.address, b.address) ||
    compareStrings(a.location.file, b.location.file) ||
    a.location.line - b.location.line
  );
}
