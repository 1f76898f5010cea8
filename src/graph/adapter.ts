/**
 * The two plug-in contracts: an Adapter parses files of one format into resources; a Semantics turns
 * the resources of one platform into graph elements. Both are registered in `adapters/index.ts`;
 * the core never names a specific one.
 */
import type { FileSystem } from '../fs/vfs.js';
import type { Diagnostics } from '../diagnostics.js';
import type { GraphBuilder } from './builder.js';
import type { Resource } from './resource.js';

/** A file discover found, readable lazily. */
export interface SourceFile {
  /** Scan-root-relative, posix. */
  readonly path: string;
  readonly size: number;
  /** The content as UTF-8 with a leading BOM removed; read once and cached. */
  text(): string;
}

export interface ScanOptions {
  /** Run `helm template` on chart directories (needs helm on PATH). */
  renderHelm?: boolean;
  /** Values files for `--render-helm`, scan-root-relative. */
  helmValues?: string[];
  /** Run `kubectl kustomize` / `kustomize build` on kustomization directories. */
  renderKustomize?: boolean;
  /** Extra Terraform variable files, scan-root-relative. */
  varFiles?: string[];
  /** Worker threads for parsing (0 = decide by input size). */
  workers?: number;
}

export interface ParseContext {
  /** Absolute path of the scan root, for adapters that must run a program there (helm, kustomize). */
  readonly rootDir: string;
  readonly fs: FileSystem;
  readonly diagnostics: Diagnostics;
  readonly options: ScanOptions;
}

export interface AdapterMeta {
  /** Short, stable: `kubernetes`, `compose`, `terraform`, `cloudformation`. */
  id: string;
  description: string;
}

export interface Adapter {
  meta: AdapterMeta;
  /**
   * Take the files this adapter parses from those no earlier adapter took. Decide by name *and* content
   * (a `.yaml` may be Kubernetes, compose, CloudFormation or a Threagile model). May also take files it
   * will deliberately not parse (e.g. an unrendered Helm chart) and say so with a diagnostic in `parse`.
   */
  claim(files: readonly SourceFile[]): SourceFile[];
  parse(files: readonly SourceFile[], ctx: ParseContext): Promise<Resource[]>;
}

export interface SemanticsMeta {
  /** `kubernetes`, `compose`, `aws`, `gcp`, `azure`. */
  id: string;
  description: string;
}

export interface Semantics {
  meta: SemanticsMeta;
  /** Whether this platform knows the resource (e.g. AWS: `aws_*` and `AWS::*`). */
  accepts(resource: Resource): boolean;
  /**
   * Add components, flows, boundaries and data assets for these resources (all accepted ones of the
   * scan, sorted by address). Mark each resource mapped or folded; what is not marked is reported as
   * unmapped.
   */
  apply(resources: readonly Resource[], graph: GraphBuilder): void;
}
