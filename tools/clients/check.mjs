#!/usr/bin/env node
/**
 * Open BPMN files in the real bpmn.io clients and print one JSON report.
 *
 * For every file: parse it with bpmn-moddle (warnings), lint it with bpmnlint
 * (config: .bpmnlintrc next to this script), import it into bpmn-js in headless
 * Chromium (import warnings, which DI elements were rendered) and optionally
 * save a PNG of the fitted canvas. One browser serves all files.
 *
 * Usage:
 *   node check.mjs [--preview-dir DIR] FILE.bpmn...   PNGs go to DIR/<stem>.png
 *   node check.mjs --jobs JOBS.json                   [{"bpmn": path, "png": path|null}, ...]
 *
 * Environment: CHROMIUM_PATH overrides the browser (default /usr/bin/chromium).
 * Exit code 0 when the report was written (whatever it says), 2 on usage errors.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { BpmnModdle } from 'bpmn-moddle';
import bpmnlint from 'bpmnlint';
import NodeResolver from 'bpmnlint/lib/resolver/node-resolver.js';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MODULES = path.join(HERE, 'node_modules');
const CLIENT_PACKAGES = ['bpmn-moddle', 'bpmnlint', 'bpmn-js', 'playwright-core'];
const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'
];
const DEFAULT_VIEWPORT = { width: 1600, height: 900 };
const MAX_VIEWPORT = { width: 4000, height: 3000 };
const CANVAS_MARGIN = 40;
const WORKERS = Math.min(4, availableParallelism()); // pages checking files in parallel
const LINT_CONFIG = JSON.parse(readFileSync(path.join(HERE, '.bpmnlintrc'), 'utf8'));

/** Parse the command line into a list of {bpmn, png} jobs. */
function parseArgs(argv) {
  const jobs = [];
  let previewDir = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--jobs') {
      jobs.push(...JSON.parse(readFileSync(argv[++i], 'utf8')));
    } else if (arg === '--preview-dir') {
      previewDir = argv[++i];
    } else if (arg.startsWith('--')) {
      throw new Error(`unknown option ${arg}`);
    } else {
      jobs.push({ bpmn: arg, png: null });
    }
  }
  if (previewDir) {
    for (const job of jobs) {
      job.png = job.png || path.join(previewDir, path.basename(job.bpmn, '.bpmn') + '.png');
    }
  }
  return jobs;
}

/** Installed versions of the client packages, for the report header. */
function clientVersions() {
  const versions = {};
  for (const name of CLIENT_PACKAGES) {
    versions[name] = JSON.parse(readFileSync(path.join(MODULES, name, 'package.json'), 'utf8')).version;
  }
  return versions;
}

/** Turn a moddle/bpmn-js warning into plain JSON: first message line, element id, XML line. */
function plainWarning(warning) {
  const message = String(warning.message);
  const line = /\bline: (\d+)/.exec(message);
  return {
    message: message.split('\n')[0],
    element: (warning.element && (warning.element.id || warning.element.$type)) || null,
    line: line ? Number(line[1]) : null
  };
}

/** Parse XML with bpmn-moddle; returns the definitions (or null) and the warnings. */
async function parseWithModdle(xml) {
  try {
    const { rootElement, warnings } = await new BpmnModdle().fromXML(xml, 'bpmn:Definitions');
    return { definitions: rootElement, result: { warnings: warnings.map(plainWarning), error: null } };
  } catch (err) {
    return { definitions: null, result: { warnings: (err.warnings || []).map(plainWarning), error: err.message } };
  }
}

/**
 * Create a bpmnlint Linter that resolves rules from this folder's node_modules.
 * Use one per file: the Linter caches rule instances, and some rules keep state
 * (no-duplicate-sequence-flows remembers every flow it saw).
 */
function createLinter() {
  const require = createRequire(path.join(HERE, 'package.json'));
  return new bpmnlint.Linter({ config: LINT_CONFIG, resolver: new NodeResolver({ require }) });
}

/** Lint parsed definitions; every report becomes {rule, id, message, category}, sorted. */
async function lint(definitions) {
  if (!definitions) {
    return { problems: [], error: 'not linted: bpmn-moddle could not parse the file' };
  }
  try {
    const results = await createLinter().lint(definitions);
    const problems = Object.entries(results).flatMap(([rule, reports]) =>
      reports.map((r) => ({ rule, id: r.id || null, message: r.message, category: r.category })));
    const key = (p) => `${p.rule}\0${p.id}\0${p.message}`;
    problems.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    return { problems, error: null };
  } catch (err) {
    return { problems: [], error: err.message };
  }
}

/** Ids of all BPMNShape/BPMNEdge elements in the parsed definitions, per diagram plane. */
function diElementIds(definitions) {
  if (!definitions) {
    return [];
  }
  return (definitions.diagrams || []).flatMap((diagram) =>
    ((diagram.plane && diagram.plane.planeElement) || []).map((di) => di.id));
}

/** Launch headless Chromium. */
async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS
  });
}

/** Open a page in the browser with the bpmn-js viewer loaded. */
async function openViewerPage(browser) {
  const page = await browser.newPage({ viewport: DEFAULT_VIEWPORT, deviceScaleFactor: 1 });
  await page.route('**/*', (route) => route.abort());
  await page.setContent(
    '<!DOCTYPE html><html><head><meta charset="utf-8"></head>' +
    '<body style="margin:0;background:#fff"><div id="canvas" style="position:absolute;inset:0"></div></body></html>');
  const dist = path.join(MODULES, 'bpmn-js', 'dist');
  await page.addStyleTag({ path: path.join(dist, 'assets', 'diagram-js.css') });
  await page.addStyleTag({ path: path.join(dist, 'assets', 'bpmn-js.css') });
  await page.addScriptTag({ path: path.join(dist, 'bpmn-viewer.production.min.js') });
  return page;
}

/**
 * In the page: import the XML into a fresh viewer and describe the result.
 * Runs inside Chromium, so it may only use page globals (BpmnJS).
 */
async function importInPage(xml) {
  if (window.viewer) {
    window.viewer.destroy();
  }
  window.viewer = new window.BpmnJS({ container: '#canvas' });
  const plain = (w) => ({
    message: String(w.message).split('\n')[0],
    element: (w.element && (w.element.id || w.element.$type)) || null,
    line: Number((/\bline: (\d+)/.exec(String(w.message)) || [])[1]) || null
  });
  // Where bpmn-js drew each task's name (one box per line) and its type icon, relative to the task.
  const box = (r) => [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10);
  const taskBoxes = () => window.viewer.get('elementRegistry').getAll()
    .filter((e) => /Task$/.test(e.type) && !e.labelTarget)
    .map((e) => {
      const visual = window.viewer.get('elementRegistry').getGraphics(e).querySelector('.djs-visual');
      const lines = [...visual.querySelectorAll('text tspan')].filter((t) => t.textContent.trim())
        .map((t) => box(t.getBBox()));
      const icons = [...visual.children].filter((c) => c.tagName === 'path').map((c) => box(c.getBBox()));
      return { id: e.id, size: [e.width, e.height], lines, icons };
    });
  try {
    const { warnings } = await window.viewer.importXML(xml);
    const rendered = window.viewer.get('elementRegistry').getAll()
      .filter((e) => !e.labelTarget && e.di && e.di.$type !== 'bpmndi:BPMNPlane')
      .map((e) => e.di.id);
    const inner = window.viewer.get('canvas').viewbox().inner;
    return { warnings: warnings.map(plain), error: null, rendered, inner, tasks: taskBoxes() };
  } catch (err) {
    return { warnings: (err.warnings || []).map(plain), error: err.message, rendered: [], inner: null, tasks: [] };
  }
}

/** Viewport big enough to show the diagram at 100 %, within sane limits. */
function viewportFor(inner) {
  const fit = (size, min, max) => Math.min(max, Math.max(min, Math.ceil(size) + 2 * CANVAS_MARGIN));
  return {
    width: fit(inner.width, DEFAULT_VIEWPORT.width / 2, MAX_VIEWPORT.width),
    height: fit(inner.height, DEFAULT_VIEWPORT.height / 2, MAX_VIEWPORT.height)
  };
}

/** Resize the page to the diagram, fit the canvas and write a PNG. */
async function screenshot(page, inner, pngPath) {
  await page.setViewportSize(viewportFor(inner));
  await page.evaluate(() => {
    const canvas = window.viewer.get('canvas');
    canvas.resized();
    canvas.zoom('fit-viewport', 'auto');
  });
  // CDP instead of page.screenshot(): optimizeForSpeed halves the time for big diagrams.
  const cdp = await page.context().newCDPSession(page);
  try {
    const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', optimizeForSpeed: true });
    mkdirSync(path.dirname(pngPath), { recursive: true });
    writeFileSync(pngPath, Buffer.from(data, 'base64'));
  } finally {
    await cdp.detach();
  }
}

/** Import one file in bpmn-js; compare rendered DI with the file's DI; screenshot if asked. */
async function checkInViewer(page, xml, diIds, pngPath) {
  const pageErrors = [];
  const onError = (err) => pageErrors.push(String(err.message || err));
  const onConsole = (msg) => msg.type() === 'error' && pageErrors.push(msg.text());
  page.on('pageerror', onError);
  page.on('console', onConsole);
  try {
    await page.setViewportSize(DEFAULT_VIEWPORT);
    const result = await page.evaluate(importInPage, xml);
    const rendered = new Set(result.rendered);
    const png = result.inner && pngPath ? pngPath : null;
    if (png) {
      await screenshot(page, result.inner, png);
    }
    return {
      warnings: result.warnings,
      error: result.error,
      page_errors: pageErrors,
      di_count: diIds.length,
      rendered_count: rendered.size,
      unrendered: diIds.filter((id) => !rendered.has(id)),
      tasks: result.tasks,
      png
    };
  } finally {
    page.off('pageerror', onError);
    page.off('console', onConsole);
  }
}

/** Run all checks on one file; an unreadable file becomes a moddle error, the rest is skipped. */
async function checkFile(job, page) {
  let xml;
  try {
    xml = readFileSync(job.bpmn, 'utf8');
  } catch (err) {
    return { bpmn: job.bpmn, moddle: { warnings: [], error: err.message }, lint: null, bpmnjs: null };
  }
  const { definitions, result: moddle } = await parseWithModdle(xml);
  return {
    bpmn: job.bpmn,
    moddle,
    lint: await lint(definitions),
    bpmnjs: await checkInViewer(page, xml, diElementIds(definitions), job.png)
  };
}

/** Check all jobs with WORKERS pages of one browser; results keep the job order. */
async function checkAll(jobs, browser) {
  const files = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    const page = await openViewerPage(browser);
    while (next < jobs.length) {
      const index = next++;
      files[index] = await checkFile(jobs[index], page);
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: Math.min(WORKERS, jobs.length) }, worker));
  return files;
}

/** Entry point: check all jobs with one browser and print the JSON report. */
async function main() {
  let jobs;
  try {
    jobs = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`check.mjs: ${err.message}`);
    process.exit(2);
  }
  const browser = await launchBrowser();
  try {
    const files = await checkAll(jobs, browser);
    const versions = { ...clientVersions(), chromium: browser.version() };
    process.stdout.write(JSON.stringify({ versions, files }, null, 2) + '\n');
  } finally {
    await browser.close();
  }
}

await main();
