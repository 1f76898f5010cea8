/**
 * Headless Chromium for the HTML report tests: Debian's /usr/bin/chromium driven by playwright-core,
 * with a fresh profile per run and no background networking. Shared by test/e2e/browser.test.ts and
 * the corpus suite's test/corpus/html.test.ts.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests can run. Missing Chromium fails in CI (CI=true: the install step in
 * .ci/run must have put it there) and skips locally with a message saying how to get it.
 */
export function browserSkipReason(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  const message = `${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true, so this is a failure, not a skip)`);
  process.stderr.write(`skipping the browser tests: ${message}\n`);
  return message;
}

export interface OpenedReport {
  page: Page;
  /** Console errors and uncaught page errors, as text. */
  errors: string[];
  /** Requests to anything but the report file itself (the report must need no network). */
  foreignRequests: string[];
}

/** Open a report file in a fresh headless Chromium, run `check`, and always close and clean up. */
export async function withReport<T>(file: string, check: (r: OpenedReport) => Promise<T>, viewport = { width: 1400, height: 1000 }): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'infragile-chromium-'));
  let context: BrowserContext | undefined;
  try {
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport, timeout: 30_000 });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    const foreignRequests: string[] = [];
    const url = pathToFileURL(file).href;
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(`${e.name}: ${e.message}`));
    page.on('request', (req) => {
      if (req.url() !== url && !req.url().startsWith('data:')) foreignRequests.push(req.url());
    });
    await page.goto(url, { waitUntil: 'load', timeout: 30_000 });
    return await check({ page, errors, foreignRequests });
  } finally {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface BrowserFindings {
  /** data-component ids of the diagram nodes that the browser actually laid out (non-zero box). */
  drawnComponents: string[];
  riskRows: number;
  /** Severity whose checkbox was unticked, rows of it visible before and after, and other rows before/after. */
  filter?: { severity: string; before: number; after: number; othersBefore: number; othersAfter: number; countText: string };
  /** After clicking a component in the diagram: the visible rows that do not concern it (must be 0). */
  selection?: { component: string; visible: number; foreign: number; banner: boolean };
  errors: string[];
  foreignRequests: string[];
}

/** What every report must do in a browser: draw, filter by severity, select by component. */
export async function exerciseReport(file: string, screenshot?: string): Promise<BrowserFindings> {
  return withReport(file, async ({ page, errors, foreignRequests }) => {
    const drawnComponents = await page.$$eval('svg.dfd g.comp', (nodes) =>
      nodes.filter((n) => { const b = (n as SVGGraphicsElement).getBBox(); return b.width > 0 && b.height > 0; }).map((n) => n.getAttribute('data-component') ?? ''),
    );
    const riskRows = await page.locator('tr.risk').count();
    const findings: BrowserFindings = { drawnComponents: drawnComponents.sort(), riskRows, errors, foreignRequests };
    if (screenshot) await page.screenshot({ path: screenshot });
    if (riskRows > 0) {
      const visible = (sel: string) => page.locator(`${sel}:visible`).count();
      // The most frequent severity, so the filter visibly changes the table.
      const severities = await page.$$eval('tr.risk', (rows) => rows.map((r) => r.getAttribute('data-severity') ?? ''));
      const counts = new Map<string, number>();
      for (const s of severities) counts.set(s, (counts.get(s) ?? 0) + 1);
      const severity = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]![0];
      const before = await visible(`tr.risk[data-severity="${severity}"]`);
      const othersBefore = await visible(`tr.risk:not([data-severity="${severity}"])`);
      await page.click(`input[data-filter="severity"][value="${severity}"]`);
      const after = await visible(`tr.risk[data-severity="${severity}"]`);
      const othersAfter = await visible(`tr.risk:not([data-severity="${severity}"])`);
      const countText = (await page.textContent('#risk-count')) ?? '';
      findings.filter = { severity, before, after, othersBefore, othersAfter, countText };
      await page.click(`input[data-filter="severity"][value="${severity}"]`); // back on

      const component = await page.$$eval('tr.risk', (rows) => rows.map((r) => (r.getAttribute('data-components') ?? '').split(' ')[0] ?? '').filter(Boolean).sort()[0]);
      if (component && (await page.locator(`svg.dfd g.comp[data-component="${component}"]`).count())) {
        await page.click(`svg.dfd g.comp[data-component="${component}"]`);
        const rows = await page.$$eval('tr.risk', (els) => els.filter((r) => !(r as HTMLElement).hidden).map((r) => r.getAttribute('data-components') ?? ''));
        findings.selection = {
          component,
          visible: rows.length,
          foreign: rows.filter((c) => !c.split(' ').includes(component)).length,
          banner: await page.locator('#selection').isVisible(),
        };
      }
    }
    return findings;
  });
}
