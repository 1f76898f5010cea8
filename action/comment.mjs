#!/usr/bin/env node
/**
 * The sticky PR comment: one comment per pull request, found again by a hidden marker and edited in
 * place on every run, so a PR never collects a pile of bot comments.
 *
 *   node action/comment.mjs BODY_FILE [--marker '<!-- infragile:drift -->']
 *
 * Environment (set by GitHub Actions): GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_EVENT_PATH
 * (the event payload: pull_request.number), GITHUB_API_URL (default https://api.github.com).
 * Outside a pull request it does nothing. A token that may not comment (a fork's PR) is a warning,
 * never a failed build: the comment is a courtesy, the gate is the exit code of the scan.
 *
 * Plain Node 20 ESM with the built-in fetch; no dependencies.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const DEFAULT_MARKER = '<!-- infragile:drift -->';
/** GitHub rejects comment bodies over 65536 characters. */
export const MAX_BODY = 65536;
const PER_PAGE = 100;
/** Enough for any real PR; bounds the loop if an API misbehaves. */
const MAX_PAGES = 50;

export class GitHubApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

/** The body as posted: marker first (so it is found next time), cut to GitHub's limit with a note. */
export function stickyBody(body, marker = DEFAULT_MARKER) {
  let text = body.includes(marker) ? body : `${marker}\n${body}`;
  if (text.length > MAX_BODY) {
    const note = '\n\n… (truncated: the full report is in the workflow run\'s artifacts and logs)\n';
    text = text.slice(0, MAX_BODY - note.length) + note;
  }
  return text;
}

function client({ token, apiUrl = 'https://api.github.com', fetchImpl = globalThis.fetch }) {
  const base = apiUrl.replace(/\/+$/, '');
  return async (method, path, body) => {
    const res = await fetchImpl(`${base}${path}`, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'infragile-action',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = JSON.parse(text).message ?? text;
      } catch {
        /* not JSON */
      }
      throw new GitHubApiError(`${method} ${path}: ${res.status} ${message}`.trim(), res.status);
    }
    return text ? JSON.parse(text) : undefined;
  };
}

/** The first comment on the issue/PR whose body carries the marker, or undefined. Pages through all comments. */
export async function findSticky(request, repo, number, marker = DEFAULT_MARKER) {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const comments = await request('GET', `/repos/${repo}/issues/${number}/comments?per_page=${PER_PAGE}&page=${page}`);
    if (!Array.isArray(comments)) return undefined;
    const found = comments.find((c) => typeof c.body === 'string' && c.body.includes(marker));
    if (found) return found;
    if (comments.length < PER_PAGE) return undefined;
  }
  return undefined;
}

/**
 * Create or update the one sticky comment. Returns { action: 'created' | 'updated' | 'unchanged', id, url }.
 */
export async function upsertStickyComment({ token, repo, number, body, marker = DEFAULT_MARKER, apiUrl, fetchImpl }) {
  if (!/^[^/\s]+\/[^/\s]+$/.test(repo ?? '')) throw new Error(`GITHUB_REPOSITORY must be owner/name, got '${repo ?? ''}'`);
  if (!Number.isInteger(number) || number <= 0) throw new Error(`not a pull request number: ${number}`);
  const request = client({ token, apiUrl, fetchImpl });
  const text = stickyBody(body, marker);
  const existing = await findSticky(request, repo, number, marker);
  if (existing) {
    if (existing.body === text) return { action: 'unchanged', id: existing.id, url: existing.html_url };
    const updated = await request('PATCH', `/repos/${repo}/issues/comments/${existing.id}`, { body: text });
    return { action: 'updated', id: updated.id, url: updated.html_url };
  }
  const created = await request('POST', `/repos/${repo}/issues/${number}/comments`, { body: text });
  return { action: 'created', id: created.id, url: created.html_url };
}

/** The pull request number of the event that started the workflow, or undefined. */
export function pullRequestNumber(event) {
  if (event?.pull_request?.number) return event.pull_request.number;
  if (event?.issue?.pull_request && event.issue.number) return event.issue.number;
  return undefined;
}

export async function main(argv = process.argv.slice(2), env = process.env, io = { out: console.log, warn: (m) => console.log(`::warning::${m}`) }, fetchImpl) {
  const markerAt = argv.indexOf('--marker');
  const marker = markerAt >= 0 ? argv[markerAt + 1] : DEFAULT_MARKER;
  const bodyFile = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--marker');
  if (!bodyFile) {
    io.warn('comment.mjs: no body file given');
    return 2;
  }
  let event;
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH ?? '', 'utf8'));
  } catch {
    io.out('infragile: no event payload; not commenting');
    return 0;
  }
  const number = pullRequestNumber(event);
  if (!number) {
    io.out('infragile: not a pull request; not commenting');
    return 0;
  }
  if (!env.GITHUB_TOKEN) {
    io.warn('infragile: no GITHUB_TOKEN; the PR comment was not written');
    return 0;
  }
  const body = readFileSync(bodyFile, 'utf8');
  try {
    const r = await upsertStickyComment({ token: env.GITHUB_TOKEN, repo: env.GITHUB_REPOSITORY, number, body, marker, apiUrl: env.GITHUB_API_URL, fetchImpl });
    io.out(`infragile: PR comment ${r.action}${r.url ? `: ${r.url}` : ''}`);
    return 0;
  } catch (e) {
    const hint = e.status === 403 || e.status === 404 ? ' (the token may not write to this PR: grant `pull-requests: write`; PRs from forks get a read-only token)' : '';
    io.warn(`infragile: the PR comment was not written: ${e.message}${hint}`);
    return 0;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main();
}
