import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ESM script without types
import { DEFAULT_MARKER, MAX_BODY, main, stickyBody, upsertStickyComment } from '../../action/comment.mjs';
import { PROJECT_ROOT } from '../helpers/scan.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';

const REPO = 'acme/shop';
let gh: FakeGitHub;
beforeAll(async () => {
  gh = await startFakeGitHub(REPO);
});
afterAll(() => gh.close());
beforeEach(() => {
  gh.comments.clear();
  gh.requests.length = 0;
  gh.forbid = false;
});

const upsert = (number: number, body: string) => upsertStickyComment({ token: 'test-token', repo: REPO, number, body, apiUrl: gh.url });

describe('sticky comment logic', () => {
  it('creates once, then updates the same comment, then leaves it alone', async () => {
    gh.comments.set(7, [{ id: 1, body: 'LGTM', html_url: 'u' }]);
    const a = await upsert(7, `${DEFAULT_MARKER}\n## drift v1`);
    expect(a.action).toBe('created');
    const b = await upsert(7, `${DEFAULT_MARKER}\n## drift v2`);
    expect(b).toMatchObject({ action: 'updated', id: a.id });
    const c = await upsert(7, `${DEFAULT_MARKER}\n## drift v2`);
    expect(c).toMatchObject({ action: 'unchanged', id: a.id });
    expect(gh.comments.get(7)!.map((x) => x.body)).toEqual(['LGTM', `${DEFAULT_MARKER}\n## drift v2`]);
  });

  it('finds the marker past the first page of comments', async () => {
    const many = Array.from({ length: 130 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, html_url: 'u' }));
    many[120]!.body = `${DEFAULT_MARKER}\nold report`;
    gh.comments.set(9, many);
    const r = await upsert(9, 'new report');
    expect(r).toMatchObject({ action: 'updated', id: 121 });
    expect(gh.comments.get(9)).toHaveLength(130);
    expect(gh.requests.filter((q) => q.startsWith('GET'))).toEqual([
      `GET /repos/${REPO}/issues/9/comments?per_page=100&page=1`,
      `GET /repos/${REPO}/issues/9/comments?per_page=100&page=2`,
    ]);
  });

  it('adds the marker when the body lacks it, and cuts bodies to GitHub\'s limit', () => {
    expect(stickyBody('hello')).toBe(`${DEFAULT_MARKER}\nhello`);
    const long = stickyBody('x'.repeat(MAX_BODY * 2));
    expect(long.length).toBeLessThanOrEqual(MAX_BODY);
    expect(long.startsWith(DEFAULT_MARKER)).toBe(true);
    expect(long).toMatch(/truncated/);
  });

  it('refuses a malformed repository or PR number', async () => {
    await expect(upsertStickyComment({ token: 't', repo: 'nope', number: 1, body: 'b', apiUrl: gh.url })).rejects.toThrow(/owner\/name/);
    await expect(upsertStickyComment({ token: 't', repo: REPO, number: 0, body: 'b', apiUrl: gh.url })).rejects.toThrow(/pull request/);
  });
});

describe('comment.mjs as the action runs it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'infragile-action-'));
  const bodyFile = join(dir, 'drift.md');
  writeFileSync(bodyFile, `${DEFAULT_MARKER}\n## Drift\n\n2 findings\n`);
  const event = (payload: unknown) => {
    const p = join(dir, `event-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(p, JSON.stringify(payload));
    return p;
  };
  const script = join(PROJECT_ROOT, 'action/comment.mjs');
  const runScript = (eventPath: string, extra: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stdout: string }>((resolve) => {
      // spawnSync would block the fake server in this process: run it asynchronously.
      import('node:child_process').then(({ spawn }) => {
        const child = spawn(process.execPath, [script, bodyFile], {
          env: { PATH: process.env.PATH ?? '', GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: REPO, GITHUB_EVENT_PATH: eventPath, GITHUB_API_URL: gh.url, ...extra },
        });
        let stdout = '';
        child.stdout.on('data', (c) => (stdout += c));
        child.on('close', (code) => resolve({ code, stdout }));
      });
    });

  it('a pull_request event payload: creates, then updates the one comment', async () => {
    const payload = event({ action: 'synchronize', number: 42, pull_request: { number: 42, base: { ref: 'main' } } });
    const first = await runScript(payload);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/PR comment created/);
    const second = await runScript(payload);
    expect(second.stdout).toMatch(/PR comment (updated|unchanged)/);
    expect(gh.comments.get(42)).toHaveLength(1);
  });

  it('a push event: no comment, no request, exit 0', async () => {
    const r = await runScript(event({ ref: 'refs/heads/main', commits: [] }));
    expect(r).toMatchObject({ code: 0 });
    expect(r.stdout).toMatch(/not a pull request/);
    expect(gh.requests).toEqual([]);
  });

  it('a read-only token (fork PR): a warning, never a failed build', async () => {
    gh.forbid = true;
    const r = await runScript(event({ pull_request: { number: 5 } }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/::warning::.*403.*pull-requests: write/);
  });

  it('main() with an injected fetch', async () => {
    const calls: string[] = [];
    const fetchImpl = async (url: string, init: { method: string }) => {
      calls.push(`${init.method} ${new URL(url).pathname}`);
      return new Response(init.method === 'GET' ? '[]' : JSON.stringify({ id: 1, html_url: 'x' }), { status: init.method === 'GET' ? 200 : 201 });
    };
    const out: string[] = [];
    const code = await main([bodyFile], { GITHUB_TOKEN: 't', GITHUB_REPOSITORY: REPO, GITHUB_EVENT_PATH: event({ pull_request: { number: 3 } }) }, { out: (m: string) => out.push(m), warn: (m: string) => out.push(m) }, fetchImpl);
    expect(code).toBe(0);
    expect(calls).toEqual([`GET /repos/${REPO}/issues/3/comments`, `POST /repos/${REPO}/issues/3/comments`]);
  });
});

