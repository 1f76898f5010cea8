/**
 * A FileSystem over a git revision, for `drift --base`: the tree is listed once with
 * `git ls-tree -r -l -z` and blobs are read with `git cat-file --batch`, so the user's working tree
 * and index are never touched (no checkout, no stash). Paths are relative to the scan root, which may
 * be a subdirectory of the repository.
 *
 * Blobs with IaC-ish names are read in one batch on first access (one process, not one per file);
 * anything else is read on demand. Symlinks are listed as `other` (discover skips them): following
 * links inside a revision is a known limit.
 */
import { execFileSync } from 'node:child_process';
import { relative, resolve, sep } from 'node:path';
import { compareStrings } from '../graph/ids.js';
import { normalizePath, type DirEntry, type EntryKind, type FileSystem } from './vfs.js';

interface BlobEntry {
  sha: string;
  size: number;
  kind: EntryKind;
}

/** Names worth pre-reading in the first batch: what discover offers to adapters, plus the files adapters follow. */
const PRELOAD = /(\.(ya?ml|json|tf|tfvars|template|hcl)$)|(^|\/)(\.env[^/]*|\.gitignore|\.infragile\.yaml)$/i;
const MAX_BUFFER = 1024 * 1024 * 1024;

export class GitError extends Error {}

export class GitFileSystem implements FileSystem {
  readonly description: string;
  private readonly files = new Map<string, BlobEntry>();
  private readonly dirs = new Map<string, Map<string, EntryKind>>([['', new Map()]]);
  private readonly cache = new Map<string, Buffer>();
  private preloaded = false;

  /**
   * @param rootDir absolute scan root (inside a git work tree)
   * @param ref any revision git understands (`origin/main`, `HEAD~1`, a sha)
   */
  constructor(
    readonly rootDir: string,
    readonly ref: string,
  ) {
    this.description = `git ${ref}`;
    const top = git(rootDir, ['rev-parse', '--show-toplevel']).toString('utf8').trim();
    const prefix = relative(resolve(top), resolve(rootDir)).split(sep).join('/');
    if (prefix.startsWith('..')) throw new GitError(`${rootDir} is not inside the git repository at ${top}`);
    const commit = git(rootDir, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], `unknown revision '${ref}' (fetch it first, e.g. git fetch origin main)`)
      .toString('utf8')
      .trim();
    this.commit = commit;
    const out = git(top, ['ls-tree', '-r', '-l', '-z', '--full-tree', commit]);
    for (const rec of out.toString('utf8').split('\0')) {
      if (!rec) continue;
      const tab = rec.indexOf('\t');
      const [mode, type, sha, size] = rec.slice(0, tab).split(/\s+/) as [string, string, string, string];
      const full = rec.slice(tab + 1);
      if (type !== 'blob') continue; // submodules (commit) are not part of this repository's files
      const rel = prefix === '' ? full : full.startsWith(prefix + '/') ? full.slice(prefix.length + 1) : undefined;
      if (rel === undefined) continue;
      const kind: EntryKind = mode === '120000' ? 'other' : 'file';
      this.add(rel, { sha, size: Number(size), kind });
    }
  }

  /** The resolved commit sha. */
  readonly commit: string;

  private add(path: string, entry: BlobEntry): void {
    this.files.set(path, entry);
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let entries = this.dirs.get(dir);
      if (!entries) this.dirs.set(dir, (entries = new Map()));
      entries.set(parts[i]!, i === parts.length - 1 ? entry.kind : 'dir');
    }
  }

  list(dir: string): DirEntry[] {
    const entries = this.dirs.get(normalizePath(dir) ?? '\0');
    if (!entries) throw Object.assign(new Error(`ENOENT: ${dir} in ${this.description}`), { code: 'ENOENT' });
    return [...entries].map(([name, kind]) => ({ name, kind })).sort((a, b) => compareStrings(a.name, b.name));
  }

  size(path: string): number | undefined {
    const e = this.files.get(normalizePath(path) ?? '\0');
    return e && e.kind === 'file' ? e.size : undefined;
  }

  readBytes(path: string): Buffer {
    const p = normalizePath(path) ?? '\0';
    const e = this.files.get(p);
    if (!e || e.kind !== 'file') throw Object.assign(new Error(`ENOENT: ${path} in ${this.description}`), { code: 'ENOENT' });
    if (!this.preloaded) {
      this.preloaded = true;
      const wanted = [...this.files].filter(([f, b]) => b.kind === 'file' && PRELOAD.test(f)).map(([f]) => f);
      this.readBatch(wanted);
    }
    if (!this.cache.has(p)) this.readBatch([p]);
    return this.cache.get(p)!;
  }

  identity(dir: string): string | undefined {
    const p = normalizePath(dir);
    return p !== undefined && this.dirs.has(p) ? `${this.commit}:${p}` : undefined;
  }

  exists(path: string): boolean {
    const p = normalizePath(path);
    return p !== undefined && (this.files.has(p) || this.dirs.has(p));
  }

  /** One `git cat-file --batch` for all the paths; output is `<sha> blob <size>\n<bytes>\n` per object. */
  private readBatch(paths: string[]): void {
    const todo = paths.filter((p) => !this.cache.has(p));
    if (todo.length === 0) return;
    const input = todo.map((p) => this.files.get(p)!.sha).join('\n') + '\n';
    const out = git(this.rootDir, ['cat-file', '--batch'], undefined, input);
    let pos = 0;
    for (const p of todo) {
      const nl = out.indexOf(0x0a, pos);
      const header = out.subarray(pos, nl).toString('utf8').split(' ');
      const size = Number(header[2]);
      if (header[1] !== 'blob' || !Number.isFinite(size)) throw new GitError(`git cat-file: unexpected reply for ${p}: ${header.join(' ')}`);
      this.cache.set(p, Buffer.from(out.subarray(nl + 1, nl + 1 + size)));
      pos = nl + 1 + size + 1;
    }
  }
}

function git(cwd: string, args: string[], friendly?: string, input?: string): Buffer {
  try {
    return execFileSync('git', args, {
      cwd,
      maxBuffer: MAX_BUFFER,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(input !== undefined ? { input } : {}),
      // Never let a user's git config open an editor or a pager, or prompt.
      env: { ...process.env, GIT_PAGER: 'cat', GIT_TERMINAL_PROMPT: '0' },
    });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string; code?: string };
    if (err.code === 'ENOENT') throw new GitError('git is not installed or not on PATH (needed for --base)');
    throw new GitError(friendly ?? `git ${args[0]} failed: ${err.stderr?.toString('utf8').trim() || err.message}`);
  }
}
