/**
 * An in-memory FileSystem: for tests, the fuzzer, and sources that are not files (a live cluster's
 * objects rendered as documents). Paths are root-relative posix; directories are implied by files.
 */
import { compareStrings } from '../graph/ids.js';
import { normalizePath, type DirEntry, type FileSystem } from './vfs.js';

export class MemoryFileSystem implements FileSystem {
  private readonly files = new Map<string, Buffer>();
  private readonly dirs = new Map<string, Map<string, 'file' | 'dir'>>([['', new Map()]]);

  constructor(
    files: Record<string, string | Buffer> = {},
    readonly description = 'memory',
  ) {
    for (const [p, content] of Object.entries(files)) this.write(p, content);
  }

  write(path: string, content: string | Buffer): void {
    const p = normalizePath(path);
    if (p === undefined || p === '') throw new Error(`invalid path: ${path}`);
    this.files.set(p, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
    const parts = p.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let entries = this.dirs.get(dir);
      if (!entries) this.dirs.set(dir, (entries = new Map()));
      entries.set(parts[i]!, i === parts.length - 1 ? 'file' : 'dir');
    }
  }

  list(dir: string): DirEntry[] {
    const entries = this.dirs.get(normalizePath(dir) ?? '\0');
    if (!entries) throw Object.assign(new Error(`ENOENT: ${dir}`), { code: 'ENOENT' });
    return [...entries].map(([name, kind]) => ({ name, kind })).sort((a, b) => compareStrings(a.name, b.name));
  }

  size(path: string): number | undefined {
    return this.files.get(normalizePath(path) ?? '\0')?.length;
  }

  readBytes(path: string): Buffer {
    const b = this.files.get(normalizePath(path) ?? '\0');
    if (!b) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return b;
  }

  identity(dir: string): string | undefined {
    return `mem:${normalizePath(dir) ?? dir}`;
  }

  exists(path: string): boolean {
    const p = normalizePath(path);
    return p !== undefined && (this.files.has(p) || this.dirs.has(p));
  }
}
