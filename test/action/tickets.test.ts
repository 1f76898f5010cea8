/** The ticket script printed in docs/ci/tickets.md runs, and dedupes by synthetic id, against a fake API. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/scan.js';

interface Issue {
  number: number;
  title: string;
  body: string;
  state: string;
}

describe('docs/ci/tickets.md', () => {
  it('opens one issue per open risk, never twice, and closes issues whose risk is gone', async () => {
    const script = /```js\n([\s\S]*?)```/.exec(readFileSync(join(PROJECT_ROOT, 'docs/ci/tickets.md'), 'utf8'))![1]!;
    const dir = mkdtempSync(join(tmpdir(), 'infragile-tickets-'));
    writeFileSync(join(dir, 'tickets.mjs'), script);
    expect(script.split('\n').length).toBeLessThanOrEqual(36);

    const issues: Issue[] = [{ number: 1, title: 'old', body: '<!-- infragile-risk: gone@x -->', state: 'open' }];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        const url = new URL(req.url!, 'http://x');
        const send = (s: number, b: unknown) => res.writeHead(s, { 'content-type': 'application/json' }).end(JSON.stringify(b));
        if (req.method === 'GET' && url.pathname === '/repos/acme/shop/issues') return send(200, url.searchParams.get('page') === '1' ? issues.filter((i) => i.state === 'open') : []);
        if (req.method === 'POST' && url.pathname === '/repos/acme/shop/issues') {
          const b = JSON.parse(data);
          const issue = { number: issues.length + 1, title: b.title, body: b.body, state: 'open' };
          issues.push(issue);
          return send(201, issue);
        }
        const m = /^\/repos\/acme\/shop\/issues\/(\d+)$/.exec(url.pathname);
        if (req.method === 'PATCH' && m) {
          const issue = issues.find((i) => i.number === Number(m[1]))!;
          issue.state = JSON.parse(data).state;
          return send(200, issue);
        }
        send(404, {});
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const risk = (id: string, severity: string, status = 'unchecked') => ({
      synthetic_id: id, severity, risk_status: status, title: `<b>${id}</b>`, category: id.split('@')[0], most_relevant_technical_asset: 'x',
      evidence: [{ file: 'k8s/a.yaml', line: 3, detail: 'Deployment a' }], mitigation: 'do it',
    });
    writeFileSync(join(dir, 'scan.json'), JSON.stringify({ risks: [risk('a@x', 'critical'), risk('b@x', 'high'), risk('c@x', 'medium'), risk('d@x', 'high', 'accepted')] }));
    const runOnce = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [join(dir, 'tickets.mjs'), join(dir, 'scan.json')], {
          env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: 't', GITHUB_REPOSITORY: 'acme/shop', GITHUB_API_URL: api },
          stdio: 'inherit',
        });
        child.on('close', resolve);
      });
    try {
      expect(await runOnce()).toBe(0);
      expect(await runOnce()).toBe(0);
    } finally {
      server.close();
    }
    expect(issues.map((i) => `${i.number} ${i.state} ${i.title}`)).toEqual(['1 closed old', '2 open [critical] a@x', '3 open [high] b@x']);
  });
});
