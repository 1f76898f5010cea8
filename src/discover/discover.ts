/**
 * discover: walk the given paths and return the files adapters may claim. Honours every `.gitignore`
 * on the way and `--exclude` patterns (gitignore syntax), follows directory symlinks once (loops are
 * reported), and leaves out oversized and binary files with a diagnostic each. Output order is sorted
 * by path, so nothing downstream depends on the file system's order.
 */
import ignore, { type Ignore } from 'ignore';
import type { Diagnostics } from '../diagnostics.js';
import type { SourceFile } from '../graph/adapter.js';
import { compareStrings } from '../graph/ids.js';
import { joinPath, type FileSystem } from '../fs/vfs.js';

export interface DiscoverOptions {
  /** gitignore-style patterns, relative to the scan root. */
  exclude?: string[];
  /** Bytes; larger files are skipped with a diagnostic. */
  maxFileSize?: number;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
}

export const DEFAULT_MAX_FILE_SIZE = 8 * 1024 * 1024;

/** Files worth offering to adapters. Everything else (source code, docs, images) is counted as ignored. */
const CANDIDATE = /\.(ya?ml|json|tf|tfvars|template|hcl)$/i;
const ALWAYS_SKIPPED_DIRS = new Set(['.git', 'node_modules', '.terraform', '.terragrunt-cache']);

export interface DiscoverResult {
  files: SourceFile[];
  /** Files seen but not offered to adapters (not an IaC extension). */
  ignored: number;
}

export function discover(fs: FileSystem, paths: readonly string[], diagnostics: Diagnostics, opts: DiscoverOptions = {}): DiscoverResult {
  const maxSize = opts.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  const excluded = ignore().add(opts.exclude ?? []);
  const found = new Map<string, SourceFile>();
  let ignoredCount = 0;

  const isExcluded = (path: string, isDir: boolean) => path !== '' && excluded.ignores(isDir ? `${path}/` : path);

  const addFile = (path: string, explicit: boolean) => {
    if (found.has(path)) return;
    if (!explicit && !CANDIDATE.test(path)) {
      ignoredCount++;
      return;
    }
    const size = fs.size(path);
    if (size === undefined) {
      diagnostics.error('unreadable-file', { file: path, line: 1 }, 'file cannot be read; check that it exists and is readable');
      return;
    }
    if (size > maxSize) {
      diagnostics.error(
        'file-too-large',
        { file: path, line: 1 },
        `file is ${size} bytes, over the ${maxSize}-byte limit; skipped (raise it with --max-file-size, or exclude the file)`,
      );
      return;
    }
    let bytes: Buffer;
    try {
      bytes = fs.readBytes(path);
    } catch (e) {
      diagnostics.error('unreadable-file', { file: path, line: 1 }, `file cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); skipped`);
      return;
    }
    const nul = bytes.subarray(0, 8192).indexOf(0);
    if (nul >= 0) {
      diagnostics.error('binary-file', { file: path, line: 1 }, 'binary content (NUL byte) in a file with a text extension; skipped');
      return;
    }
    found.set(path, textFile(path, bytes));
  };

  const walk = (dir: string, ignores: Array<{ base: string; ig: Ignore }>, seenDirs: string[]) => {
    const identity = fs.identity(dir);
    if (identity !== undefined) {
      if (seenDirs.includes(identity)) {
        diagnostics.error('symlink-loop', { file: dir || '.', line: 1 }, 'symbolic link loop: this directory contains itself; not followed again');
        return;
      }
      seenDirs = [...seenDirs, identity];
    }
    let entries;
    try {
      entries = fs.list(dir);
    } catch (e) {
      diagnostics.error('unreadable-dir', { file: dir || '.', line: 1 }, `directory cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)}); skipped`);
      return;
    }
    if (opts.gitignore !== false && entries.some((e) => e.name === '.gitignore' && e.kind === 'file')) {
      const p = joinPath(dir, '.gitignore')!;
      try {
        ignores = [...ignores, { base: dir, ig: ignore().add(fs.readBytes(p).toString('utf8')) }];
      } catch {
        /* an unreadable .gitignore ignores nothing */
      }
    }
    const ignoredByGit = (path: string, isDir: boolean) =>
      ignores.some(({ base, ig }) => {
        const rel = base ? path.slice(base.length + 1) : path;
        return rel !== '' && ig.ignores(isDir ? `${rel}/` : rel);
      });
    for (const e of entries) {
      const path = joinPath(dir, e.name)!;
      const isDir = e.kind === 'dir' || e.kind === 'symlink-dir';
      if (isDir && ALWAYS_SKIPPED_DIRS.has(e.name)) continue;
      if (isExcluded(path, isDir) || ignoredByGit(path, isDir)) continue;
      if (isDir) walk(path, ignores, seenDirs);
      else if (e.kind === 'file' || e.kind === 'symlink-file') addFile(path, false);
      else if (e.kind === 'dangling-symlink') {
        if (CANDIDATE.test(path)) diagnostics.warning('dangling-symlink', { file: path, line: 1 }, 'symbolic link points to nothing; skipped');
      }
    }
  };

  for (const p of paths) {
    if (fs.size(p) !== undefined) addFile(p, true);
    else if (fs.exists(p) || p === '') {
      try {
        fs.list(p);
        walk(p, [], []);
      } catch {
        diagnostics.error('unreadable-path', { file: p || '.', line: 1 }, 'path is neither a readable file nor a directory');
      }
    } else diagnostics.error('missing-path', { file: p || '.', line: 1 }, 'path does not exist');
  }
  return { files: [...found.values()].sort((a, b) => compareStrings(a.path, b.path)), ignored: ignoredCount };
}

/** A SourceFile over bytes already read; text decoded once, BOM removed. */
export function textFile(path: string, bytes: Buffer | string): SourceFile {
  let cached: string | undefined;
  const size = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
  return {
    path,
    size,
    text() {
      if (cached === undefined) {
        const s = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
        cached = s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
      }
      return cached;
    },
  };
}
