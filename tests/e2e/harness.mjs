// Serves dist/ on a free localhost port and drives Debian's Chromium with playwright-core.
// Collects console errors and page errors; problemHooks fails every test that caused one.
import { afterEach, after } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { fileURLToPath } from 'node:url';
import { serve } from '../../scripts/serve.mjs';

const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'];

// The page's service worker is blocked unless asked for ({ serviceWorkers: 'allow' }, the offline
// tests): a page it controls answers from its cache, where context.route() cannot see the requests.
// root: the folder to serve (default dist/, or DIST).
export async function startApp({ serviceWorkers = 'block', root = undefined } = {}) {
  // DIST points the tests at another build of the site (to see a test fail on an older page).
  const server = await serve(root ?? process.env.DIST ?? fileURLToPath(new URL('../../dist/', import.meta.url)), 0);
  const url = `http://127.0.0.1:${server.address().port}/`;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: FLAGS });
  const context = await browser.newContext({ acceptDownloads: true, serviceWorkers });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const problems = [];
  const requests = [];
  // Console errors a test causes on purpose (a framed page refused by the browser, …).
  const expectedConsole = [];

  async function open(path = '', { width = 1280, height = 900, waitForFit = true } = {}) {
    const page = await context.newPage();
    await page.setViewportSize({ width, height });
    page.on('console', (m) => { if (m.type() === 'error' && !expectedConsole.some((re) => re.test(m.text()))) problems.push(`console: ${m.text()}`); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url + path);
    if (waitForFit) await fitted(page, 1);
    return page;
  }

  return {
    url,
    open,
    problems,
    requests,
    expectedConsole,
    context,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

// Console and page errors fail the test they happened in (afterEach: every test of a file is
// checked, not the file once at its end); any that come after the last test fail the file (after).
// Call once per file, beside the hooks that start and close the app: problemHooks(() => app).
export function problemHooks(getApp) {
  const check = (what) => {
    const app = getApp();
    if (app) assert.deepEqual(app.problems.splice(0), [], `no console errors or page errors ${what}`);
  };
  afterEach((t) => check(`in "${t.name}"`));
  after(() => check('after the last test'));
}

// Waits until the page has finished `count` fits in total (and the 3D view, loaded after the first
// result, is there: lazy-sphere-view.js).
export async function fitted(page, count) {
  await page.waitForFunction((n) => Number(document.body.dataset.fitCount ?? 0) >= n
    && document.querySelector('[data-testid="viewer"]')?.dataset.view !== 'loading', count, { timeout: 30000 });
}

export async function fitCount(page) {
  return Number(await page.evaluate(() => document.body.dataset.fitCount ?? 0));
}

export async function shownSphere(page) {
  const value = async (id) => Number(await page.getByTestId(id).getAttribute('data-value'));
  return {
    center: [await value('result-center-x'), await value('result-center-y'), await value('result-center-z')],
    radius: await value('result-radius'),
  };
}
