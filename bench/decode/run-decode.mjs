// Parts 1, 3 and 6 of the benchmark: decode in headless Chromium, end to end over a
// rate-limited stream, and the leak check. Returns plain numbers for results.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { jsonSchema } from './schemas.mjs';
import { startServer } from './server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bench = join(here, '..');

export const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--no-first-run',
  '--js-flags=--expose-gc', '--enable-precise-memory-info'];

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

/** ajv compiles in Node (it is CommonJS); the page imports the standalone ES module. */
function writeAjvModule(outDir) {
  const ajv = new Ajv({ code: { source: true, esm: true }, allErrors: false });
  const validate = ajv.compile(jsonSchema());
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'ajv-inventory.mjs'), standaloneCode(ajv, validate));
}

/**
 * sizes: labels of bench/out/inventory-<size>mb.json; reps: interleaved repetitions.
 * log: progress printer. Returns { decode, e2e, leak, checks }.
 */
export async function runDecode({ pkgDir, sizes, reps, e2eSize, e2eRate, e2eReps, leakSize, leakRuns, log, timeoutMs }) {
  const out = join(bench, 'out');
  const { page, pageErrors, close } = await openPage({ pkgDir, api: { body: join(out, `inventory-${e2eSize}mb.json`), rateMBps: e2eRate }, timeoutMs });
  try {
    const allSizes = [...new Set([...sizes, e2eSize, leakSize])];
    const { methods } = await page.evaluate((s) => window.bench.setup({ sizes: s }), allSizes);
    const checks = await page.evaluate(() => window.bench.check());
    log(`decode: checks ${JSON.stringify(checks)}`);

    // Interleaved: every repetition runs each method once per size, in a rotating order.
    const sync = methods;
    const times = {};
    for (const size of sizes) for (const m of [...methods, 'stream', 'stream_worker']) times[`${size}/${m}`] = [];
    const extra = {};
    for (let rep = 0; rep < reps; rep++) {
      for (const size of sizes) {
        const order = sync.map((_, i) => sync[(i + rep) % sync.length]);
        for (const m of order) times[`${size}/${m}`].push(await page.evaluate(([m, s]) => window.bench.run(m, s), [m, size]));
        const w = await page.evaluate((s) => window.bench.runStream(s), size);
        times[`${size}/stream`].push(w.ms);
        (extra[`${size}/stream_cpu`] ??= []).push(w.cpuMs);
        const sw = await page.evaluate((s) => window.bench.runStreamWorker(s), size);
        times[`${size}/stream_worker`].push(sw.ms);
        (extra[`${size}/stream_worker_cpu`] ??= []).push(sw.cpuMs);
      }
      log(`decode: repetition ${rep + 1}/${reps}`);
    }
    const decode = {};
    for (const size of sizes) {
      const med = (m) => median(times[`${size}/${m}`]);
      const d = (decode[`${size}mb`] = {});
      for (const m of [...sync, 'stream', 'stream_worker']) d[`${m}_ms`] = med(m);
      d.stream_cpu_ms = median(extra[`${size}/stream_cpu`]);
      d.stream_worker_cpu_ms = median(extra[`${size}/stream_worker_cpu`]);
      d.ratio_vs_json_parse = med('package') / med('json_parse');
      d.ratio_vs_zod = med('package') / med('zod');
      d.ratio_vs_ajv = med('package') / med('ajv');
      d.ratio_vs_valibot = med('package') / med('valibot');
      d.after_last_byte_ratio_vs_json_parse = med('stream') / med('json_parse');
      d.stream_total_cpu_ratio_vs_json_parse = d.stream_cpu_ms / med('json_parse');
      d.stream_worker_after_last_byte_ratio_vs_json_parse = med('stream_worker') / med('json_parse');
    }

    // Part 3: end to end at a fixed rate, interleaved.
    const e2eTimes = { package: [], fetch_ajv: [], stream: [] };
    for (let rep = 0; rep < e2eReps; rep++) {
      for (const kind of Object.keys(e2eTimes)) e2eTimes[kind].push(await page.evaluate(([k, r]) => window.bench.runE2E(k, r), [kind, e2eRate]));
    }
    const e2e = { size_mb: Number(e2eSize), rate_mb_s: e2eRate, reps: e2eReps };
    for (const [kind, ts] of Object.entries(e2eTimes)) e2e[`${kind}_ms`] = median(ts);
    e2e.transfer_ms = (Number(e2eSize) * 1e6) / (e2eRate * 1e3);
    e2e.package_ratio_vs_fetch_ajv = e2e.package_ms / e2e.fetch_ajv_ms;
    e2e.stream_ratio_vs_fetch_ajv = e2e.stream_ms / e2e.fetch_ajv_ms;
    log(`e2e: ${JSON.stringify(e2e)}`);

    // Part 6: no leaks.
    const runs = await page.evaluate(([s, n]) => window.bench.leak(s, n), [leakSize, leakRuns]);
    const leak = {
      size_mb: Number(leakSize), runs: leakRuns,
      wasm_bytes_after_2nd: runs[1].wasmBytes, wasm_bytes_after_last: runs.at(-1).wasmBytes,
      js_heap_bytes_after_2nd: runs[1].jsHeapBytes, js_heap_bytes_after_last: runs.at(-1).jsHeapBytes,
    };
    leak.wasm_grew_bytes = leak.wasm_bytes_after_last - leak.wasm_bytes_after_2nd;
    leak.js_heap_grew_bytes = leak.js_heap_bytes_after_last - leak.js_heap_bytes_after_2nd;
    log(`leak: ${JSON.stringify(leak)}`);
    return { decode, e2e, leak, checks, pageErrors };
  } finally {
    await close();
  }
}

/**
 * The benchmark page (decode/index.html) loaded in headless Chromium behind the bench
 * server. api: the body the server streams at `/api/` (the end-to-end part), or none.
 * Returns { page, pageErrors, close }.
 */
export async function openPage({ pkgDir, api, timeoutMs }) {
  const out = join(bench, 'out');
  writeAjvModule(join(out, 'gen')); // the page imports it
  const { server, origin } = await startServer({
    roots: { '/decode/': here, '/pkg/': pkgDir, '/nm/': join(bench, 'node_modules'), '/gen/': join(out, 'gen'), '/data/': out },
    api: api ?? { body: null, rateMBps: 0 },
  });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 }).catch((e) => { server.close(); throw e; });
  const close = async () => { await browser.close().catch(() => {}); server.close(); };
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeoutMs);
    const pageErrors = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
    await page.goto(`${origin}/decode/index.html`);
    await page.waitForFunction(() => window.benchReady === true).catch(() => { throw new Error(`page did not load: ${pageErrors.join('; ')}`); });
    return { page, pageErrors, close };
  } catch (e) {
    await close();
    throw e;
  }
}
