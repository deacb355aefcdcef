#!/usr/bin/env node
/**
 * Open workshop reports (rapport.html) in headless Chromium and print one JSON report.
 *
 * For every page: console errors and page errors, every request that is not the page itself
 * (a self-contained page makes none) and every failed request, the drawn size of each
 * diagram (svg.diagram), the theme sections (with their questions and the diagrams of each
 * process), and optionally a full-page screenshot.
 *
 * Usage: node pack_check.mjs [--screenshot-dir DIR] FILE.html...
 * Environment: CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

async function checkPage(browser, file, screenshotDir) {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const url = pathToFileURL(path.resolve(file)).href;
  const result = { file, consoleErrors: [], pageErrors: [], requests: [], failedRequests: [] };
  page.on('console', (msg) => { if (msg.type() === 'error') result.consoleErrors.push(msg.text()); });
  page.on('pageerror', (err) => result.pageErrors.push(String(err)));
  page.on('request', (req) => { if (req.url() !== url) result.requests.push(req.url()); });
  page.on('requestfailed', (req) => result.failedRequests.push(req.url()));
  await page.goto(url, { waitUntil: 'load' });
  Object.assign(result, await page.evaluate(() => ({
    title: document.title,
    themeSections: document.querySelectorAll('section.theme').length,
    sections: [...document.querySelectorAll('section.theme')].map((section) => ({
      id: section.id, questions: section.querySelectorAll('blockquote.question').length,
      processes: [...section.querySelectorAll('div.process')].map((div) => ({
        id: div.id, diagrams: div.querySelectorAll('svg.diagram').length })),
    })),
    diagrams: [...document.querySelectorAll('svg.diagram')].map((svg) => {
      const box = svg.getBoundingClientRect();
      return { section: svg.closest('section')?.id || null, width: box.width, height: box.height,
        shapes: svg.querySelectorAll('polygon, path, ellipse, text').length };
    }),
  })));
  if (screenshotDir) {
    result.screenshot = path.join(screenshotDir, `${path.basename(path.dirname(path.resolve(file)))}.png`);
    await page.screenshot({ path: result.screenshot, fullPage: true });
  }
  await page.close();
  return result;
}

const args = process.argv.slice(2);
let screenshotDir = null;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--screenshot-dir') screenshotDir = args[++i];
  else files.push(args[i]);
}
if (!files.length) {
  console.error('usage: node pack_check.mjs [--screenshot-dir DIR] FILE.html...');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS,
});
try {
  const pages = [];
  for (const file of files) pages.push(await checkPage(browser, file, screenshotDir));
  process.stdout.write(JSON.stringify({ pages }, null, 2) + '\n');
} finally {
  await browser.close();
}
