// End to end: the built dashboard (www/dist) served by the real proxy binary with its
// embedded mock, driven in headless Chromium through playwright-core.
//
//   npm --prefix www run build && cargo build -p commerce-proxy && npm --prefix tests run e2e
//
// COMMERCE_PROXY_BIN overrides the proxy binary (default <repo>/target/debug/commerce-proxy),
// CHROMIUM_PATH the browser (default /usr/bin/chromium). Every request the page makes
// is confined to 127.0.0.1, and every wait is bounded.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const proxyBin = process.env.COMMERCE_PROXY_BIN || path.join(repo, 'target', 'debug', 'commerce-proxy');
const staticDir = path.join(repo, 'www', 'dist');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const OVERVIEW = '/api/s2/inventory/overview';
const UNKNOWN_PRODUCT_ID = '440352eb-241a-4cac-834f-e0980ffc888';
const WAIT_MS = 15_000;

/** A timer for races that does not keep the process alive once the test is done. */
const timer = (ms) => sleep(ms, undefined, { ref: false });

/** Polls `condition` every 50 ms for at most `ms`; fails with `what` if it never holds. */
async function until(condition, what, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await timer(50);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The proxy process, its output (for failure messages) and its base URL. */
class Proxy {
  constructor(child, base) {
    this.child = child;
    this.base = base;
    this.output = '';
    this.exited = null;
    child.stdout.on('data', (d) => (this.output += d));
    child.stderr.on('data', (d) => (this.output += d));
    this.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((this.exited = { code, signal }))));
  }

  static async start() {
    // Never let a developer's real vendor credentials reach the test proxy: mock only.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COMMERCE_')));
    env.COMMERCE_PROXY_STATIC_DIR = staticDir;
    env.RUST_LOG = env.RUST_LOG || 'warn';
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const child = spawn(proxyBin, ['serve', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const proxy = new Proxy(child, `http://127.0.0.1:${port}`);
      child.on('error', (e) => (proxy.output += `spawn error: ${e.message}\n`));
      if (await proxy.waitHealthy(10_000)) return proxy;
      last = proxy.output;
      await proxy.stop();
      if (!/address already in use|AddrInUse/i.test(last)) break; // only a lost port race is worth a retry
    }
    throw new Error(`commerce-proxy did not answer /healthz within 10 s. Its output:\n${last}`);
  }

  /** Polls /healthz until it answers `ok`, the process exits, or `ms` pass. */
  async waitHealthy(ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && !this.exited) {
      try {
        const res = await fetch(`${this.base}/healthz`, { signal: AbortSignal.timeout(1_000) });
        if (res.ok && (await res.text()).trim() === 'ok') return true;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    return false;
  }

  async stop() {
    if (this.exited || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exit.then(() => true), timer(5_000).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await Promise.race([this.exit, timer(2_000)]);
    }
  }
}

let proxy;
let browser;

before(async () => {
  if (!fs.existsSync(proxyBin)) {
    throw new Error(`proxy binary not found at ${proxyBin}: run \`cargo build -p commerce-proxy\` or set COMMERCE_PROXY_BIN`);
  }
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
    throw new Error(`${path.join(staticDir, 'index.html')} is missing: run npm --prefix www run build`);
  }
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
  }
  proxy = await Proxy.start();
  browser = await chromium.launch({
    executablePath: chromiumPath,
    timeout: 30_000,
    args: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  await proxy?.stop();
});

/**
 * A fresh page that may only talk to 127.0.0.1, with every console error, uncaught
 * exception, CSP violation and failed same-origin response recorded in `problems`.
 */
async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.fallback() : route.abort('blockedbyclient');
  });
  // Runs before the page's own scripts (and is not subject to its CSP).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(proxy.base)) problems.push(`HTTP ${r.status()} for ${r.url()}`);
  });
  const close = () => context.close().catch(() => {});
  const cspViolations = () => page.evaluate(() => window.__cspViolations ?? []);
  return { page, problems, close, cspViolations };
}

/** The seed overview as the proxy serves it, parsed. */
async function seedOverview() {
  const res = await fetch(proxy.base + OVERVIEW, { signal: AbortSignal.timeout(5_000) });
  assert.equal(res.status, 200, `GET ${OVERVIEW} answered ${res.status}`);
  return res.json();
}

/** Every warehouse section, as text. */
function readSections(page) {
  return page.$$eval('section.warehouse', (sections) =>
    sections.map((s) => ({
      name: s.querySelector('h3')?.textContent ?? '',
      place: s.querySelector('.warehouse-place')?.textContent ?? '',
      empty: s.querySelector('.empty')?.textContent ?? null,
      rows: [...s.querySelectorAll('tbody tr')].map((tr) => ({
        unknown: tr.classList.contains('unknown'),
        cells: [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
      })),
    })),
  );
}

/** Waits for the tables; if the page shows an error view instead, fails with its text. */
async function waitForTables(page, problems) {
  const shown = await page.waitForSelector('section.warehouse table tbody tr, .error');
  if (await shown.evaluate((n) => n.classList.contains('error'))) {
    const text = (await shown.textContent())?.trim();
    throw new Error(`the dashboard shows an error instead of the tables: ${text}\n${problems.join('\n')}`);
  }
}

async function assertClean(problems, cspViolations) {
  const csp = await cspViolations();
  assert.deepEqual(csp, [], `CSP violations:\n${csp.join('\n')}`);
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
}

describe('dashboard: inventory page', () => {
  test('shows every warehouse with its levels joined to products', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await openPage();
    try {
      const response = await page.goto(proxy.base + '/', { waitUntil: 'load' });
      assert.ok(response, 'no response for /');
      assert.match(response.headers()['content-security-policy'] ?? '', /script-src 'self' 'wasm-unsafe-eval'/, 'the proxy sent no CSP');
      await waitForTables(page, problems);
      await page.waitForSelector('.loading', { state: 'detached' });

      const sections = await readSections(page);
      const names = sections.map((s) => s.name);
      assert.ok(names.includes('test warehouse'), `warehouses shown: ${JSON.stringify(names)}`);
      assert.ok(names.includes('test Warehouse2'), `warehouses shown: ${JSON.stringify(names)}`);

      const first = sections.find((s) => s.name === 'test warehouse');
      assert.equal(first.place, 'Oakville, CA');
      assert.equal(first.rows.length, 5, 'one row per level of the warehouse');
      const headers = await page.$$eval('section.warehouse table thead th', (ths) => ths.slice(0, 5).map((th) => th.textContent));
      assert.deepEqual(headers, ['Product', 'SKU', 'Available', 'Incoming', 'Reserved']);

      // cells: Product, SKU, Available, Incoming, Reserved
      const bySku = (sku) => first.rows.find((r) => r.cells[1] === sku);
      const black = bySku('TEST-BLACK');
      assert.ok(black, `no TEST-BLACK row in ${JSON.stringify(first.rows)}`);
      assert.deepEqual(black.cells, ['SKU Black', 'TEST-BLACK', '0', '0', '-13']);
      assert.equal(black.unknown, false);
      const testSku = bySku('test');
      assert.ok(testSku, `no "test" row in ${JSON.stringify(first.rows)}`);
      assert.deepEqual(testSku.cells, ['Test Product', 'test', '0', '0', '-2']);

      const unknown = first.rows.find((r) => r.cells[0].includes(UNKNOWN_PRODUCT_ID));
      assert.ok(unknown, `no row for unknown product ${UNKNOWN_PRODUCT_ID}`);
      assert.equal(unknown.unknown, true, 'an unknown product row has class "unknown"');
      assert.equal(unknown.cells[1], '—');
      assert.deepEqual(unknown.cells.slice(2), ['11', '0', '-7']);
      assert.equal(first.rows.filter((r) => r.unknown).length, 3, 'three levels reference unknown products');

      const second = sections.find((s) => s.name === 'test Warehouse2');
      assert.equal(second.rows.length, 0);
      assert.equal(second.empty, 'No inventory levels');

      assert.equal(await page.locator('.banner.drift').count(), 0, 'no drift banner for the seed');
      assert.equal(await page.title(), 'Inventory · commerce-kit');
      assert.equal(await page.getAttribute('nav a[href="#/inventory"]', 'aria-current'), 'page');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('shows the validation error of a malformed response', { timeout: 60_000 }, async () => {
    const seed = await seedOverview();
    seed.items[1].level.available = '11';
    const body = JSON.stringify(seed);
    const { page, problems, close, cspViolations } = await openPage();
    try {
      await page.route('**' + OVERVIEW, (r) => r.fulfill({ status: 200, contentType: 'application/json', body }));
      await page.goto(proxy.base + '/#/inventory', { waitUntil: 'load' });
      const error = page.locator('.error');
      await error.waitFor();
      assert.equal(await error.getAttribute('data-code'), 'invalid_response');
      const text = await error.textContent();
      assert.ok(text.includes('$.items[1].level.available: expected integer, found string "11"'), `error view text: ${text}`);
      assert.equal(await page.locator('section.warehouse').count(), 0, 'no tables next to the error');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('loading state, Reload aborts the request in flight, drift banner is dismissible', { timeout: 60_000 }, async () => {
    const seed = await seedOverview();
    seed.pageInfo = { total: seed.items.length };
    seed.items[2].level.allocated = 3;
    const body = JSON.stringify(seed);
    const { page, problems, close, cspViolations } = await openPage();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    let calls = 0;
    try {
      await page.route('**' + OVERVIEW, async (r) => {
        calls += 1;
        if (calls === 1) {
          // Hold the first request until the test lets go (bounded), so Reload finds it in flight.
          await Promise.race([held, timer(WAIT_MS)]);
          await r.fulfill({ status: 200, contentType: 'application/json', body: '{}' }).catch(() => {});
          return;
        }
        await r.fulfill({ status: 200, contentType: 'application/json', body });
      });
      await page.goto(proxy.base + '/', { waitUntil: 'load' });
      // (the boot placeholder 'Starting…' shares the class until the wasm is loaded)
      await page.locator('.loading', { hasText: 'Loading inventory…' }).waitFor();
      await until(() => calls === 1, 'the first overview request');

      const aborted = page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith(OVERVIEW), timeout: WAIT_MS });
      await page.getByRole('button', { name: 'Reload' }).click();
      const failed = await aborted;
      assert.match(failed.failure()?.errorText ?? '', /abort/i, 'Reload aborts the request in flight');
      await waitForTables(page, problems);
      assert.equal(calls, 2);
      release();
      // The held first answer ('{}', which would be an error) must not replace the good one.
      await timer(300);
      assert.equal(await page.locator('.error').count(), 0, 'the aborted request left an error view');
      assert.equal(await page.locator('section.warehouse').count(), 2);

      const banner = page.locator('.banner.drift');
      await banner.waitFor();
      const bannerText = await banner.textContent();
      assert.ok(bannerText.includes('$.pageInfo'), bannerText);
      assert.ok(bannerText.includes('$.items[2].level.allocated'), bannerText);
      await banner.getByRole('button', { name: /dismiss/i }).click();
      await banner.waitFor({ state: 'detached' });
      await assertClean(problems, cspViolations);
    } finally {
      release?.();
      await close();
    }
  });
});
