/**
 * A fake Kubernetes API server on 127.0.0.1 that answers list/get requests from the recorded
 * responses in ./recorded (one `<resource>.json` list each), filtered by namespace, paged by
 * `limit`/`continue`. Modes: every request 401, or 403 for chosen resources. Bounded: an idle
 * timeout per socket, and close() destroys open connections.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RECORDED = join(fileURLToPath(import.meta.url), '..', 'recorded');

interface ListDoc {
  kind: string;
  apiVersion: string;
  metadata: Record<string, unknown>;
  items: Array<{ metadata: { name: string; namespace?: string } }>;
}

export interface FakeOptions {
  /** Answer 401 to everything (an expired token). */
  unauthorized?: boolean;
  /** Resources (`secrets`, `deployments` …) answered with 403. */
  forbid?: string[];
  /** Items per page at most, whatever `limit` asks (to exercise paging). */
  maxPage?: number;
}

export interface FakeApiServer {
  url: string;
  requests: Array<{ method: string; url: string; authorization?: string }>;
  close(): Promise<void>;
}

const PATH_RE = /^\/(?:api\/v1|apis\/[^/]+\/v1)(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/;

function load(resource: string): ListDoc | undefined {
  try {
    return JSON.parse(readFileSync(join(RECORDED, `${resource}.json`), 'utf8')) as ListDoc;
  } catch {
    return undefined;
  }
}

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

export async function startFakeApiServer(opts: FakeOptions = {}): Promise<FakeApiServer> {
  const requests: FakeApiServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ method: req.method ?? '', url: `${url.pathname}${url.search}`, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const send = (code: number, body: string) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(body);
    };
    if (opts.unauthorized) return send(401, status(401, 'Unauthorized', 'Unauthorized'));
    // `/api/v1/namespaces/<name>` is a get of one namespace, not a list in it.
    const single = /^\/api\/v1\/namespaces\/([^/]+)$/.exec(url.pathname);
    const m = single ? [url.pathname, undefined, 'namespaces', single[1]] : PATH_RE.exec(url.pathname);
    if (!m || req.method !== 'GET') return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    const [, namespace, resource, name] = m as [string, string | undefined, string, string | undefined];
    if (opts.forbid?.includes(resource)) {
      const group = url.pathname.startsWith('/apis/') ? url.pathname.split('/')[2] : '';
      const scope = namespace ? ` in the namespace "${namespace}"` : ' at the cluster scope';
      return send(403, status(403, 'Forbidden', `${resource}${group ? `.${group}` : ''} is forbidden: User "ci-reader" cannot list resource "${resource}" in API group "${group}"${scope}`));
    }
    const doc = load(resource);
    if (!doc) return send(404, status(404, 'NotFound', 'the server could not find the requested resource'));
    if (name) {
      const item = doc.items.find((i) => i.metadata.name === name);
      return item ? send(200, JSON.stringify({ ...item, kind: doc.kind.replace(/List$/, ''), apiVersion: doc.apiVersion })) : send(404, status(404, 'NotFound', `${resource} "${name}" not found`));
    }
    let items = namespace ? doc.items.filter((i) => i.metadata.namespace === namespace) : doc.items;
    const start = Number(url.searchParams.get('continue') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 0) || Infinity, opts.maxPage ?? Infinity);
    const end = start + limit;
    const page = items.slice(start, end);
    const metadata = { ...doc.metadata, ...(end < items.length ? { continue: String(end) } : {}) };
    items = page;
    send(200, JSON.stringify({ ...doc, metadata, items }));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.setTimeout(10_000, () => s.destroy());
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A kubeconfig with one context per entry (name → server URL), token auth. */
export function writeKubeconfig(file: string, contexts: Record<string, string>, token = 'test-token-not-a-secret'): string {
  const names = Object.keys(contexts);
  const lines = ['apiVersion: v1', 'kind: Config', `current-context: ${names[0]}`, 'clusters:'];
  // The client refuses plain http unless TLS verification is off, as for any local test cluster.
  for (const n of names) lines.push(`- name: ${n}`, '  cluster:', `    server: ${contexts[n]}`, '    insecure-skip-tls-verify: true');
  lines.push('users:', '- name: ci-reader', '  user:', `    token: ${token}`, 'contexts:');
  for (const n of names) lines.push(`- name: ${n}`, '  context:', `    cluster: ${n}`, '    user: ci-reader');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}
