/**
 * Endpoints named in config files a service mounts (`./nginx.conf:/etc/nginx/conf.d/default.conf`,
 * a grafana provisioning folder, a logstash pipeline) or carries in its build context (an nginx
 * `conf` that its Dockerfile copies). Proxies and dashboards hide their edges there, not in compose.
 * Bounded: small text files only, a few per service, never outside the scan root.
 */
import type { FileSystem } from '../../src/fs/vfs.js';
import { joinPath } from '../../src/fs/vfs.js';
import { parseEndpoints } from '../common/endpoints.js';
import { readFollowedFile } from './loader.js';
import type { ConfigMention, ServiceAttributes } from './model.js';

const MAX_CONFIG_BYTES = 256 * 1024;
const MAX_FILES_PER_SERVICE = 40;
/** Build-context files worth reading: proxy and server configs that Dockerfiles commonly COPY. */
const BUILD_CONFIG_NAME = /(^|\/)(conf|[^/]*\.(conf|cfg|cnf)|nginx[^/]*|caddyfile|haproxy[^/]*|envoy[^/]*\.ya?ml|traefik[^/]*\.(ya?ml|toml))$/i;
const HOST_PORT = /^([a-z][a-z0-9_.-]*):(\d{1,5})$/i;
/** Lines where a proxy config forwards traffic (nginx, Caddy, HAProxy). */
const PROXY_LINE = /\b(proxy_pass|grpc_pass|fastcgi_pass|uwsgi_pass|reverse_proxy|server\s+[a-z0-9_.-]+:\d+)\b|^\s*(server|backend)\s+\S+\s+[a-z0-9_.-]+:\d+/i;
const COMMENT = /^\s*(#|\/\/|;)/;

/** Directory listings and per-file findings shared by all services of a scan (many services build from `.`). */
export class MentionCache {
  readonly listings = new Map<string, string[]>();
  readonly files = new Map<string, Array<Omit<ConfigMention, 'via'>>>();
}

export function findConfigMentions(service: ServiceAttributes, fs: FileSystem, cache: MentionCache = new MentionCache()): ConfigMention[] {
  const files: Array<{ path: string; via: ConfigMention['via'] }> = [];
  const seen = new Set<string>();
  const add = (path: string, via: ConfigMention['via']) => {
    if (seen.has(path) || files.length >= MAX_FILES_PER_SERVICE) return;
    seen.add(path);
    files.push({ path, via });
  };
  for (const m of service.volumes) {
    if (m.type !== 'bind' || !m.hostPath || !fs.exists(m.hostPath)) continue;
    if (fs.size(m.hostPath) !== undefined) add(m.hostPath, 'mount');
    else for (const f of cachedList(fs, m.hostPath, cache)) add(f, 'mount');
  }
  const context = service.build?.context;
  if (context !== undefined && fs.exists(context) && fs.size(context) === undefined) {
    for (const f of cachedList(fs, context, cache)) if (BUILD_CONFIG_NAME.test(f)) add(f, 'build-context');
  }
  const out: ConfigMention[] = [];
  for (const { path, via } of files) {
    if (!cache.files.has(path)) cache.files.set(path, mentionsIn(fs, path));
    for (const m of cache.files.get(path)!) out.push({ ...m, via });
  }
  return out;
}

function mentionsIn(fs: FileSystem, path: string): Array<Omit<ConfigMention, 'via'>> {
  const out: Array<Omit<ConfigMention, 'via'>> = [];
  const size = fs.size(path);
  if (size === undefined || size > MAX_CONFIG_BYTES) return out;
  const text = readFollowedFile(fs, path);
  if (text === undefined) return out;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (COMMENT.test(line) || line.length > 2000) continue;
    const proxy = PROXY_LINE.test(line);
    const found = parseEndpoints(line).filter((e) => e.scheme !== undefined);
    if (found.length === 0) {
      for (const token of line.split(/[\s,;"'()[\]=>]+/)) {
        const m = HOST_PORT.exec(token);
        if (m) found.push({ host: m[1]!.toLowerCase(), port: Number(m[2]) });
      }
    }
    for (const e of found) {
      const mention: Omit<ConfigMention, 'via'> = { host: e.host, proxy, location: { file: path, line: i + 1 } };
      if (e.port !== undefined && e.port > 0 && e.port < 65536) mention.port = e.port;
      if (e.scheme) mention.scheme = e.scheme;
      out.push(mention);
    }
  }
  return out;
}

function cachedList(fs: FileSystem, dir: string, cache: MentionCache): string[] {
  if (!cache.listings.has(dir)) cache.listings.set(dir, listFiles(fs, dir, 2));
  return cache.listings.get(dir)!;
}

/** Files under `dir`, `depth` levels deep, sorted; hidden entries and dependency folders skipped. */
function listFiles(fs: FileSystem, dir: string, depth: number): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = fs.list(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'vendor') continue;
    const p = joinPath(dir, e.name);
    if (p === undefined) continue;
    if (e.kind === 'file') out.push(p);
    else if (e.kind === 'dir' && depth > 1) out.push(...listFiles(fs, p, depth - 1));
  }
  return out;
}
