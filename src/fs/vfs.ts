/**
 * The file system the pipeline reads through. The working tree is one implementation; a git revision
 * (for `drift --base`) is another, so that adapters which follow includes (.env files, Terraform
 * modules, nested stacks) read the same revision as discover did. Paths are scan-root-relative, posix.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type EntryKind = 'file' | 'dir' | 'symlink-dir' | 'symlink-file' | 'dangling-symlink' | 'other';

export interface DirEntry {
  name: string;
  kind: EntryKind;
}

export interface FileSystem {
  /** A human description of where files come from (`working tree`, `git HEAD~1`). */
  readonly description: string;
  list(dir: string): DirEntry[];
  /** Size in bytes, or undefined if the file does not exist. */
  size(path: string): number | undefined;
  readBytes(path: string): Buffer;
  /** An identity for loop detection (the real path), or undefined where not applicable. */
  identity(dir: string): string | undefined;
  exists(path: string): boolean;
}

/** Normalise `a/./b/../c` and strip leading `./`; keeps posix separators. Returns undefined when the path escapes the root. */
export function normalizePath(path: string): string | undefined {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

export function joinPath(dir: string, rel: string): string | undefined {
  return normalizePath(dir ? `${dir}/${rel}` : rel);
}

export function dirnameOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

export class NodeFileSystem implements FileSystem {
  readonly description = 'working tree';
  constructor(readonly root: string) {}

  private abs(path: string): string {
    return path ? join(this.root, path) : this.root;
  }

  list(dir: string): DirEntry[] {
    const out: DirEntry[] = [];
    for (const d of readdirSync(this.abs(dir), { withFileTypes: true })) {
      let kind: EntryKind = d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other';
      if (d.isSymbolicLink()) {
        try {
          kind = statSync(join(this.abs(dir), d.name)).isDirectory() ? 'symlink-dir' : 'symlink-file';
        } catch {
          kind = 'dangling-symlink';
        }
      }
      out.push({ name: d.name, kind });
    }
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  size(path: string): number | undefined {
    try {
      const s = statSync(this.abs(path));
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  }

  readBytes(path: string): Buffer {
    return readFileSync(this.abs(path));
  }

  identity(dir: string): string | undefined {
    try {
      return realpathSync(this.abs(dir));
    } catch {
      return undefined;
    }
  }

  exists(path: string): boolean {
    try {
      lstatSync(this.abs(path));
      return true;
    } catch {
      return false;
    }
  }
}
