// Part 9 of `make bench` (issue 11 item 4): the dashboard's first load. The release
// proxy serves www/dist (precompressed by proxy/precompress.mjs) with its embedded mock;
// headless Chromium signs in, then opens the inventory page in a fresh browser context
// (an empty HTTP cache) and counts, from the DevTools protocol, the bytes on the wire
// (`Network.loadingFinished.encodedDataLength`: headers + body as sent, compressed),
// the same resources' bytes after decoding (`Network.dataReceived.dataLength`), and the
// time from navigation start to the first rendered inventory row. Then a reload of that
// page in the same context: what a returning user downloads. Medians of `runs` cold
// loads. Nothing is asserted beyond the page loading at all: these are figures.
//
// BENCH_FIRSTLOAD_PORT fixes the proxy's port (default: a free one).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

/** The first inventory row, as the e2e tests wait for it (tests/e2e/inventory.test.mjs). */
const FIRST_ROW = 'table.stock-matrix tbody tr[aria-rowindex]';
const INVENTORY = '/#/inventory';
const KINDS = ['wasm', 'js', 'css', 'html', 'api', 'other'];

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** What a response is, for the split: by path first (a .wasm may be sent as octet-stream). */
function kindOf(url, mimeType) {
  const path = new URL(url).pathname;
  if (path.startsWith('/api/') || path.startsWith('/auth/')) return 'api';
  if (path.endsWith('.wasm') || mimeType === 'application/wasm') return 'wasm';
  if (path.endsWith('.js') || path.endsWith('.mjs') || /javascript/.test(mimeType)) return 'js';
  if (path.endsWith('.css') || mimeType === 'text/css') return 'css';
  if (mimeType === 'text/html') return 'html';
  return 'other';
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function startProxy(root, log) {
  // COMMERCE_PROXY_BIN (as in the e2e tests): another build, e.g. the debug one, whose
  // bytes are the same and whose times are not; results.json names the binary.
  let bin = process.env.COMMERCE_PROXY_BIN;
  if (!bin) {
    bin = join(root, 'target', 'release', 'commerce-proxy');
    log('firstload: building the proxy (release)');
    execFileSync('cargo', ['build', '--release', '-q', '-p', 'commerce-proxy'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_200_000 });
  }
  const dist = join(root, 'www', 'dist');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run make www-build`);
  if (!existsSync(join(dist, 'index.html.br'))) throw new Error(`${dist} is not precompressed: run node proxy/precompress.mjs www/dist (make www-build does)`);
  // The embedded mock only: never a developer's real vendor credentials.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COMMERCE_')));
  Object.assign(env, { COMMERCE_PROXY_STATIC_DIR: dist, RUST_LOG: 'warn' });
  const port = Number(process.env.BENCH_FIRSTLOAD_PORT) || (await freePort());
  const child = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      const res = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) return { child, base, bin };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`commerce-proxy did not answer /healthz at ${base} within 15 s:\n${output}`);
}

/**
 * Counts every response of `page` from now on, until `stop()`: per kind, the bytes on
 * the wire and decoded, the requests, how many came from the cache or as 304.
 */
async function recordNetwork(context, page) {
  const cdp = await context.newCDPSession(page);
  const requests = new Map();
  cdp.on('Network.responseReceived', ({ requestId, response }) => {
    const r = requests.get(requestId) ?? { decoded: 0 };
    Object.assign(r, {
      url: response.url,
      kind: kindOf(response.url, response.mimeType),
      status: response.status,
      cached: Boolean(r.servedFromCache || response.fromDiskCache || response.fromMemoryCache || response.fromPrefetchCache),
      encoding: Object.entries(response.headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1] ?? 'identity',
    });
    requests.set(requestId, r);
  });
  // A memory-cache hit may come without `fromMemoryCache` on its response.
  cdp.on('Network.requestServedFromCache', ({ requestId }) => {
    const r = requests.get(requestId) ?? { decoded: 0 };
    r.servedFromCache = true;
    requests.set(requestId, r);
  });
  cdp.on('Network.dataReceived', ({ requestId, dataLength }) => {
    const r = requests.get(requestId) ?? { decoded: 0 };
    r.decoded += dataLength;
    requests.set(requestId, r);
  });
  cdp.on('Network.loadingFinished', ({ requestId, encodedDataLength }) => {
    const r = requests.get(requestId) ?? { decoded: 0 };
    r.wire = encodedDataLength;
    requests.set(requestId, r);
  });
  await cdp.send('Network.enable');
  return {
    async stop() {
      await cdp.detach().catch(() => {});
      const totals = Object.fromEntries(KINDS.map((k) => [k, { wire_bytes: 0, decoded_bytes: 0, requests: 0, from_cache: 0, not_modified: 0, encodings: [] }]));
      for (const r of requests.values()) {
        if (r.kind === undefined || r.wire === undefined) continue; // never answered, or still loading: not counted
        const t = totals[r.kind];
        t.wire_bytes += r.wire;
        t.decoded_bytes += r.decoded;
        t.requests += 1;
        if (r.cached) t.from_cache += 1;
        if (r.status === 304) t.not_modified += 1;
        if (!t.encodings.includes(r.encoding)) t.encodings.push(r.encoding);
      }
      const sum = (field) => KINDS.reduce((n, k) => n + totals[k][field], 0);
      totals.total = { wire_bytes: sum('wire_bytes'), decoded_bytes: sum('decoded_bytes'), requests: sum('requests'), from_cache: sum('from_cache'), not_modified: sum('not_modified') };
      return totals;
    },
  };
}

/** One cold load of the inventory page in a fresh context, then a reload in it. */
async function coldLoad(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
  try {
    context.setDefaultTimeout(30_000);
    // Signed in through the context's API client: the cookie is in the context, the
    // sign-in's bytes are not in the page's figures.
    const login = await context.request.post(`${base}/auth/login`, { data: { username: 'demo', password: 'demo' }, headers: { 'x-commerce-kit': '1' } });
    if (login.status() !== 200) throw new Error(`sign-in answered ${login.status()}: ${await login.text()}`);
    // Runs before the page's scripts: notes when the first row is in the DOM, in the
    // page's clock (performance.now() counts from navigation start).
    await context.addInitScript((selector) => {
      const seen = () => {
        if (window.__firstRowAt === undefined && document.querySelector(selector)) {
          window.__firstRowAt = performance.now();
          observer.disconnect();
        }
      };
      const observer = new MutationObserver(seen);
      observer.observe(document, { childList: true, subtree: true });
    }, FIRST_ROW);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const cold = await recordNetwork(context, page);
    await page.goto(base + INVENTORY, { waitUntil: 'load' });
    const shown = await page.waitForSelector(`${FIRST_ROW}, .error`);
    if (await shown.evaluate((n) => n.classList.contains('error'))) throw new Error(`the inventory page shows an error: ${await shown.textContent()}`);
    const firstRowMs = await page.evaluate(() => window.__firstRowAt);
    // Every request the page started has finished (the chart's data is the same answer).
    await page.waitForLoadState('networkidle');
    const coldBytes = await cold.stop();

    const warm = await recordNetwork(context, page);
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector(FIRST_ROW);
    const warmFirstRowMs = await page.evaluate(() => window.__firstRowAt);
    await page.waitForLoadState('networkidle');
    const warmBytes = await warm.stop();
    if (errors.length) throw new Error(`page errors: ${errors.join(' | ')}`);
    return { cold: coldBytes, first_row_ms: firstRowMs, warm: warmBytes, warm_first_row_ms: warmFirstRowMs };
  } finally {
    await context.close().catch(() => {});
  }
}

export async function runFirstload({ root, runs, log }) {
  const proxy = await startProxy(root, log);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      timeout: 30_000,
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const loads = [];
    for (let i = 0; i < runs; i++) {
      loads.push(await coldLoad(browser, proxy.base));
      log(`firstload: cold load ${i + 1}/${runs}: ${loads[i].cold.total.wire_bytes} bytes on the wire, first row at ${loads[i].first_row_ms.toFixed(0)} ms`);
    }
    // The medians of each figure over the loads (the bytes hardly vary; the times do).
    const medianOf = (pick) => median(loads.map(pick));
    const split = (which) => Object.fromEntries([...KINDS, 'total'].map((k) => [k, {
      wire_bytes: medianOf((l) => l[which][k].wire_bytes),
      decoded_bytes: medianOf((l) => l[which][k].decoded_bytes),
      requests: medianOf((l) => l[which][k].requests),
      from_cache: medianOf((l) => l[which][k].from_cache),
      not_modified: medianOf((l) => l[which][k].not_modified),
      ...(k === 'total' ? {} : { encodings: [...new Set(loads.flatMap((l) => l[which][k].encodings))] }),
    }]));
    return {
      runs,
      proxy_binary: proxy.bin.replace(`${root}/`, ''),
      page: INVENTORY,
      cold: split('cold'),
      first_row_ms: medianOf((l) => l.first_row_ms),
      first_row_ms_each: loads.map((l) => Math.round(l.first_row_ms * 10) / 10),
      warm: split('warm'),
      warm_first_row_ms: medianOf((l) => l.warm_first_row_ms),
    };
  } finally {
    await browser?.close().catch(() => {});
    proxy.child.kill('SIGTERM');
    await Promise.race([new Promise((r) => proxy.child.once('exit', r)), sleep(5_000)]);
    if (proxy.child.exitCode === null && proxy.child.signalCode === null) proxy.child.kill('SIGKILL');
  }
}
