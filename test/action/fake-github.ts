/** A fake GitHub REST API on 127.0.0.1: issue comments only, with paging, and a switch to answer 403. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: number;
  body: string;
  html_url: string;
}

export interface FakeGitHub {
  url: string;
  comments: Map<number, FakeComment[]>;
  requests: string[];
  forbid: boolean;
  close(): Promise<void>;
}

export async function startFakeGitHub(repo: string): Promise<FakeGitHub> {
  let nextId = 1000;
  const state = { comments: new Map<number, FakeComment[]>(), requests: [] as string[], forbid: false };
  const server: Server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      state.requests.push(`${req.method} ${url.pathname}${url.search}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer test-token') return send(401, { message: 'Bad credentials' });
      if (state.forbid && req.method !== 'GET') return send(403, { message: 'Resource not accessible by integration' });
      const list = url.pathname.match(new RegExp(`^/repos/${repo}/issues/(\\d+)/comments$`));
      const one = url.pathname.match(new RegExp(`^/repos/${repo}/issues/comments/(\\d+)$`));
      if (list && req.method === 'GET') {
        const all = state.comments.get(Number(list[1])) ?? [];
        const per = Number(url.searchParams.get('per_page') ?? 30);
        const page = Number(url.searchParams.get('page') ?? 1);
        return send(200, all.slice((page - 1) * per, page * per));
      }
      if (list && req.method === 'POST') {
        const n = Number(list[1]);
        const c = { id: nextId++, body: JSON.parse(data).body as string, html_url: `https://github.test/${repo}/pull/${n}#c` };
        state.comments.set(n, [...(state.comments.get(n) ?? []), c]);
        return send(201, c);
      }
      if (one && req.method === 'PATCH') {
        for (const cs of state.comments.values()) {
          const c = cs.find((x) => x.id === Number(one[1]));
          if (c) {
            c.body = JSON.parse(data).body;
            return send(200, c);
          }
        }
        return send(404, { message: 'Not Found' });
      }
      return send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  }) as FakeGitHub;
}
