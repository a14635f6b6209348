// Takes a screenshot of the page served on localhost (scripts/serve.mjs), to look at it as a
// person would: node scripts/screenshot.mjs out.png [width] [url]
import { chromium } from 'playwright-core';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
const page = await browser.newPage({ viewport: { width: Number(process.argv[3] ?? 1400), height: 1000 } });
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror', e.message));
await page.goto(process.argv[4] ?? 'http://localhost:8080/');
await page.waitForFunction(() => document.body.dataset.fitCount >= 1, null, { timeout: 20000 }).catch((e) => console.log('timeout', e.message));
await page.waitForTimeout(500);
await page.screenshot({ path: process.argv[2] ?? '/tmp/shot.png', fullPage: true });
console.log(await page.locator('[data-testid=result-radius]').getAttribute('data-value'));
await browser.close();
