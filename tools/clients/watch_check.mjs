#!/usr/bin/env node
/**
 * Drive the `oir-bpmn watch` page in headless Chromium for the tests and the bench.
 *
 * Opens URL (on 127.0.0.1), then reads one JSON command a line on stdin:
 *   {"text": "…", "timeout": ms}  wait until the page (its text and its inline SVG text) shows
 *                                  "text"; prints {"found", "ms", "generation", "problems",
 *                                  "foreign"} (foreign: requests not to 127.0.0.1)
 *   {"quit": true}
 * The page reloads itself after each build; the wait polls across those reloads.
 *
 * Usage: node watch_check.mjs URL
 * Environment: CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
 */
import readline from 'node:readline';

import { chromium } from 'playwright-core';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const url = process.argv[2];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: CHROMIUM_ARGS,
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
const foreign = [];
page.on('request', (req) => { if (new URL(req.url()).hostname !== '127.0.0.1') foreign.push(req.url()); });
await page.goto(url, { waitUntil: 'load' });

async function look() {
  try {
    return await page.evaluate(() => ({
      text: [document.body.innerText, ...[...document.querySelectorAll('svg text')].map((t) => t.textContent)].join('\n'),
      generation: Number(document.body.dataset.generation),
      problems: [...document.querySelectorAll('.problem')].map((p) => p.textContent),
    }));
  } catch (err) {
    return null; // the page is reloading
  }
}

const lines = readline.createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  if (command.quit) break;
  const start = Date.now();
  let state = await look();
  while (!(state && state.text.includes(command.text)) && Date.now() - start < command.timeout) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    state = await look();
  }
  const found = Boolean(state && state.text.includes(command.text));
  console.log(JSON.stringify({ found, ms: Date.now() - start, generation: state?.generation ?? null,
    problems: state?.problems ?? [], foreign }));
}
await browser.close();
