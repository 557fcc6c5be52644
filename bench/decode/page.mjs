// The decode benchmark page. bench/run.mjs loads it in headless Chromium and calls
// `window.bench.*`; every timing is taken here with performance.now() after a forced
// GC (Chromium runs with --expose-gc), so one method's garbage is not billed to the next.
import * as z from 'zod';
import * as v from 'valibot';
import init, * as kit from 'commerce-kit';
import { zodSchema, valibotSchema, INVENTORY_OVERVIEW } from '/decode/schemas.mjs';
import validateAjv from '/gen/ajv-inventory.mjs';

const OP = 's2.get_inventory_overview';
const CHUNK = 64 * 1024;
const data = new Map(); // size label -> { bytes: Uint8Array, text: string }
const hostile = {}; // shape -> { bytes, text } (hostileSetup)
let wasm; // the module's exports (memory)
const zod = zodSchema(z);
const valibot = valibotSchema(v);
const worker = new Worker('/decode/worker.mjs', { type: 'module' });
let workerReady;

const fail = (what) => { throw new Error(what); };

/** Each method: from the response (bytes, or text for the JSON.parse-based peers) to a validated object. */
const methods = {
  // (a) the floor: JSON.parse of the text alone.
  json_parse: ({ text }) => JSON.parse(text),
  // (b) zod 4.
  zod: ({ text }) => zod.parse(JSON.parse(text)),
  // (c) ajv 8, compiled.
  ajv: ({ text }) => { const o = JSON.parse(text); return validateAjv(o) ? o : fail('ajv refused'); },
  // (d) valibot 1.
  valibot: ({ text }) => v.parse(valibot, JSON.parse(text)),
  // (e) the package: response bytes to a validated, typed object.
  package: ({ bytes }) => kit.decodeResponse(OP, bytes),
  // reference: the package's validation alone (bytes copied into wasm, scanned once).
  validate_only: ({ bytes }) => kit.validateResponse(OP, bytes),
  // reference: what decoding the bytes costs on top of JSON.parse.
  text_decode_parse: ({ bytes }) => JSON.parse(new TextDecoder().decode(bytes)),
};

function gc() { if (globalThis.gc) globalThis.gc(); }

let initialised;
const ready = () => (initialised ??= init({ module_or_path: '/pkg/commerce_kit_bg.wasm' }));

/** A value of the shape (schemas.mjs) with every field present: an ordinary product. */
function sample(shape, i = 0) {
  if (Array.isArray(shape)) return [sample(shape[0], i)];
  if (typeof shape === 'object') return Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, sample(s, i)]));
  return { string: `value ${i}`, number: 12.5, integer: i, boolean: false }[shape];
}
const PRODUCT = INVENTORY_OVERVIEW.products[0];
/** An overview holding only products, given as JSON texts. */
const overviewOf = (products) => `{"warehouses":[],"products":[${products.join(',')}],"items":[]}`;
const encode = (text) => ({ text, bytes: new TextEncoder().encode(text) });
/** Every 1 KiB of the bytes, each in a fresh buffer as a reader hands them over. */
function chunksOf(bytes, size) {
  const chunks = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.slice(at, at + size));
  return chunks;
}
/** The same text with the product's last field (a boolean) a string: invalid. */
const corrupt = (text) => encode(text.replace('"unknown":false', '"unknown":"no"'));

const S2S_SEARCH = 'stock2shop.search_products';
/** The loose-heavy body through a ResponseDecoder, in 64 KiB chunks. */
function streamedLoose() {
  const decoder = new kit.ResponseDecoder(S2S_SEARCH, hostile.loose.bytes.length);
  for (const chunk of hostile.loose.chunks) decoder.push(chunk);
  return decoder.finish();
}
/** How many values the vendor spelled loosely (strings for numbers, numbers or strings for flags). */
function countLoose(raw) {
  let n = 0;
  for (const p of raw.system_products) {
    n += typeof p.active !== 'boolean';
    for (const c of p.channels) n += typeof c.channel_id === 'string';
    for (const v of p.variants) {
      n += (typeof v.price === 'string') + (typeof v.qty === 'string') + (typeof v.grams === 'string')
        + (typeof v.inventory_management !== 'boolean') + (typeof v.active !== 'boolean');
      for (const t of v.price_tiers) n += typeof t.price === 'string';
    }
  }
  return n;
}

window.bench = {
  async setup({ sizes }) {
    wasm = await ready();
    workerReady = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
    worker.postMessage({ init: true });
    await workerReady;
    for (const size of sizes) {
      const bytes = new Uint8Array(await (await fetch(`/data/inventory-${size}mb.json`)).arrayBuffer());
      data.set(size, { bytes, text: new TextDecoder().decode(bytes) });
    }
    return { methods: Object.keys(methods) };
  },

  /** Every method accepts the generated body and refuses a corrupted one. */
  check() {
    const { bytes } = data.get([...data.keys()][0]);
    const good = { bytes, text: new TextDecoder().decode(bytes) };
    const badText = good.text.replace('"available":', '"available":"x","was":');
    const bad = { bytes: new TextEncoder().encode(badText), text: badText };
    const out = {};
    for (const [name, run] of Object.entries(methods)) {
      let accepts = false, refuses = false;
      try { accepts = typeof run(good) === 'object'; } catch (e) { accepts = String(e).slice(0, 200); }
      if (name === 'json_parse' || name === 'text_decode_parse') { refuses = true; }
      else if (name === 'validate_only') { refuses = run(bad).errors.length > 0; }
      // A wrong record is left out and reported (the answer is partial), not thrown.
      else { try { refuses = run(bad)?.partial === true; } catch { refuses = true; } }
      out[name] = { accepts, refuses };
    }
    return out;
  },

  /** One timed run of a synchronous method, in milliseconds. */
  run(method, size) {
    const input = data.get(size);
    gc();
    const t0 = performance.now();
    const value = methods[method](input);
    const ms = performance.now() - t0;
    if (!value || typeof value !== 'object') fail(`${method} returned ${typeof value}`);
    return ms;
  },

  /**
   * The streaming path, over the same bytes cut into 64 KiB chunks as a response body
   * arrives: the package's ResponseDecoder validates and turns into text each chunk as
   * it comes, so after the last chunk only JSON.parse is left. Reports the time after
   * the last byte, and the CPU spent on the whole body.
   */
  runStream(size) {
    const { bytes } = data.get(size);
    const chunks = [];
    for (let at = 0; at < bytes.length; at += CHUNK) chunks.push(bytes.slice(at, at + CHUNK)); // fresh buffers, as a reader hands them over
    gc();
    let cpu = 0;
    const decoder = new kit.ResponseDecoder(OP, bytes.length);
    for (const chunk of chunks.slice(0, -1)) {
      const t = performance.now();
      decoder.push(chunk);
      cpu += performance.now() - t;
    }
    gc(); // like the baseline, the time after the last byte starts from a collected heap
    const t0 = performance.now();
    decoder.push(chunks.at(-1));
    const value = decoder.finish();
    const ms = performance.now() - t0;
    if (!value || !Array.isArray(value.items)) fail('stream: no value');
    return { ms, cpuMs: cpu + ms };
  },

  /**
   * The same with validation in a Worker instead (the package's validateResponse over
   * the whole body, concurrently with JSON.parse here), for comparison.
   */
  async runStreamWorker(size) {
    const { bytes } = data.get(size);
    gc();
    let cpu = 0;
    const decoder = new TextDecoder();
    const pieces = [];
    worker.postMessage({ begin: true });
    const lastStart = Math.max(0, Math.ceil(bytes.length / CHUNK) - 1) * CHUNK;
    for (let at = 0; at < lastStart; at += CHUNK) {
      const t = performance.now();
      const chunk = bytes.slice(at, at + CHUNK);
      pieces.push(decoder.decode(chunk, { stream: true }));
      worker.postMessage({ chunk }, [chunk.buffer]);
      cpu += performance.now() - t;
    }
    // Let the Worker take in what it was sent so far (the network would leave it time).
    await new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); worker.postMessage({ ping: true }); });
    gc();
    const t0 = performance.now();
    const report = new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
    const chunk = bytes.slice(lastStart);
    pieces.push(decoder.decode(chunk));
    worker.postMessage({ chunk, end: true }, [chunk.buffer]);
    const value = JSON.parse(pieces.join(''));
    const mainMs = performance.now() - t0;
    const r = await report;
    const ms = performance.now() - t0;
    if (r.errors || typeof value !== 'object') fail(`stream: ${r.errors} errors`);
    return { ms, cpuMs: cpu + mainMs + r.cpuMs };
  },

  /**
   * End to end over a body streamed at a fixed rate: from the request to the validated,
   * typed object. `package`: the package's Client (fetch, validation in wasm, JSON.parse);
   * `fetch_ajv`: fetch, text(), JSON.parse, ajv; `stream`: the package's ResponseDecoder
   * fed by a fetch reader.
   */
  async runE2E(kind, rate) {
    gc();
    const url = `/api/s2/inventory/overview?rate=${rate}`;
    const t0 = performance.now();
    let value;
    if (kind === 'package') {
      value = await new kit.Client({ baseUrl: '' }).s2.getInventoryOverview();
    } else if (kind === 'fetch_ajv') {
      const o = JSON.parse(await (await fetch(url)).text());
      value = validateAjv(o) ? o : fail('ajv refused');
    } else {
      const response = await fetch(url);
      const reader = response.body.getReader();
      const decoder = new kit.ResponseDecoder(OP, Number(response.headers.get('content-length')) || undefined);
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        decoder.push(chunk);
      }
      value = decoder.finish();
    }
    const ms = performance.now() - t0;
    if (!value || !Array.isArray(value.items)) fail(`${kind}: no inventory overview`);
    return ms;
  },

  /** Decodes the body `runs` times with the package; memory after each run (after a GC). */
  leak(size, runs) {
    const { bytes } = data.get(size);
    // Preallocated, so that recording a figure allocates nothing on the JS heap.
    const wasmBytes = new Float64Array(runs);
    const jsHeapBytes = new Float64Array(runs);
    for (let i = 0; i < runs; i++) {
      let value = kit.decodeResponse(OP, bytes);
      if (!value.items) fail('leak: no value');
      value = null;
      gc();
      wasmBytes[i] = wasm.memory.buffer.byteLength;
      jsHeapBytes[i] = performance.memory?.usedJSHeapSize ?? NaN;
    }
    return Array.from(wasmBytes, (w, i) => ({ wasmBytes: w, jsHeapBytes: jsHeapBytes[i] }));
  },

  /**
   * Hostile shapes (issue 16 item 2), built here from the schema. `drift`: one product
   * carrying `driftKeys` distinct undeclared keys (`"x000000":1`, 12 bytes each), and as
   * many keys a quarter as often (how the time grows); `plain`: ordinary products as
   * many bytes as the drift body. `string`: one product whose `remarks` is a string of
   * `stringBytes` characters (ASCII text, two escaped quotes every 68 characters), decoded one-shot and
   * fed to a ResponseDecoder in 1 KiB chunks. Checks the package accepts each (the drift
   * counted in full), refuses a corrupted copy, and streams to the same value.
   */
  async hostileSetup({ driftKeys, stringBytes }) {
    await ready();
    const product = JSON.stringify(sample(PRODUCT));
    const withKeys = (n) => {
      const keys = Array.from({ length: n }, (_, i) => `"x${String(i).padStart(6, '0')}":1`);
      return overviewOf([`${product.slice(0, -1)},${keys.join(',')}}`]);
    };
    const drift = withKeys(driftKeys);
    const products = [];
    for (let i = 0, length = overviewOf([]).length; length < drift.length; i++) {
      products.push(JSON.stringify(sample(PRODUCT, i)));
      length += products.at(-1).length + 1;
    }
    const plain = overviewOf(products);
    const unit = 'The remarks of a product, long: a "quoted" word, digits 0123456789. ';
    const remarks = unit.repeat(Math.ceil(stringBytes / unit.length)).slice(0, stringBytes);
    const string = overviewOf([JSON.stringify({ ...sample(PRODUCT), remarks })]);
    hostile.drift = encode(drift);
    hostile.driftQuarter = encode(withKeys(driftKeys / 4));
    hostile.plain = encode(plain);
    hostile.string = { ...encode(string), chunks: chunksOf(new TextEncoder().encode(string), 1024) };

    const checks = {};
    // Refused: the call rejects, or (a wrong record of a list) the record is left out.
    const refuses = (f) => { try { return f()?.partial === true; } catch (e) { return e?.code === 'invalid_response' || String(e); } };
    const report = kit.validateResponse(OP, hostile.drift.bytes);
    const driftValue = kit.decodeResponse(OP, hostile.drift.bytes);
    checks.drift = {
      accepts: report.errors.length === 0 && Object.keys(driftValue.products[0]).length === Object.keys(PRODUCT).length + driftKeys,
      counted: report.drift.length + report.unlistedDrift === driftKeys || `${report.drift.length} + ${report.unlistedDrift}`,
      refuses: refuses(() => kit.decodeResponse(OP, corrupt(drift).bytes)),
    };
    checks.plain = { accepts: kit.decodeResponse(OP, hostile.plain.bytes).products.length === products.length };
    const streamed = (bytes) => { const d = new kit.ResponseDecoder(OP, bytes.length); for (const c of chunksOf(bytes, 1024)) d.push(c); return d.finish(); };
    checks.string = {
      accepts: kit.decodeResponse(OP, hostile.string.bytes).products[0].remarks === remarks,
      streams: streamed(hostile.string.bytes).products[0].remarks === remarks,
      refuses: refuses(() => kit.decodeResponse(OP, corrupt(string).bytes)),
      streamed_refuses: refuses(() => streamed(corrupt(string).bytes)),
    };
    return {
      checks,
      drift_bytes: hostile.drift.bytes.length, plain_bytes: hostile.plain.bytes.length, plain_products: products.length,
      string_body_bytes: hostile.string.bytes.length, string_chars: remarks.length,
    };
  },

  /** One timed run of a hostile shape, in milliseconds. */
  hostileRun(method) {
    const run = {
      drift: () => kit.decodeResponse(OP, hostile.drift.bytes),
      drift_json_parse: () => JSON.parse(hostile.drift.text),
      drift_validate_only: () => kit.validateResponse(OP, hostile.drift.bytes),
      drift_quarter: () => kit.decodeResponse(OP, hostile.driftQuarter.bytes),
      drift_quarter_json_parse: () => JSON.parse(hostile.driftQuarter.text),
      drift_quarter_validate_only: () => kit.validateResponse(OP, hostile.driftQuarter.bytes),
      plain: () => kit.decodeResponse(OP, hostile.plain.bytes),
      string_one_shot: () => kit.decodeResponse(OP, hostile.string.bytes),
      string_chunked: () => {
        const decoder = new kit.ResponseDecoder(OP, hostile.string.bytes.length);
        for (const chunk of hostile.string.chunks) decoder.push(chunk);
        return decoder.finish();
      },
    }[method] ?? fail(`unknown hostile method ${method}`);
    gc();
    const t0 = performance.now();
    const value = run();
    const ms = performance.now() - t0;
    if (!value || typeof value !== 'object') fail(`${method} returned ${typeof value}`);
    return ms;
  },

  /** The loose-heavy Stock2Shop body (run-loose.mjs): loaded, counted and checked. */
  async looseSetup(size, name) {
    await ready();
    const bytes = new Uint8Array(await (await fetch(`/data/s2s-${name}-${size}mb.json`)).arrayBuffer());
    hostile.loose = { bytes, text: new TextDecoder().decode(bytes), chunks: chunksOf(bytes, CHUNK) };
    const value = kit.decodeResponse(S2S_SEARCH, bytes);
    const raw = JSON.parse(hostile.loose.text);
    // Product 0 is spelled loosely in both bodies.
    const v0 = value.system_products[0].variants[0];
    const r0 = raw.system_products[0].variants[0];
    const checks = {
      // Every product kept, each loose value in its declared type, the same numbers.
      typed: value.system_products.length === raw.system_products.length && !value.partial
        && typeof v0.price === 'number' && v0.price === Number(r0.price) && typeof v0.qty === 'number'
        && typeof v0.inventory_management === 'boolean' && value.system_products[0].active === true
        && typeof value.system_products[0].channels[0].channel_id === 'number',
      streams: JSON.stringify(streamedLoose()) === JSON.stringify(value),
    };
    return { checks, bytes: bytes.length, loose_values: countLoose(raw) };
  },

  /** One timed run on the loose-heavy body, in milliseconds. */
  looseRun(method) {
    const { bytes, text, chunks } = hostile.loose;
    if (method === 'stream_after_last_byte') {
      // As runStream: every chunk but the last pushed untimed, then the last push and
      // finish() from a collected heap: what a reader's caller waits for after the body.
      const decoder = new kit.ResponseDecoder(S2S_SEARCH, bytes.length);
      for (const chunk of chunks.slice(0, -1)) decoder.push(chunk);
      gc();
      const t0 = performance.now();
      decoder.push(chunks.at(-1));
      const value = decoder.finish();
      const ms = performance.now() - t0;
      if (!value || !Array.isArray(value.system_products)) fail('stream_after_last_byte: no value');
      return ms;
    }
    const run = {
      package: () => kit.decodeResponse(S2S_SEARCH, bytes),
      stream: streamedLoose,
      text_decode_parse: () => JSON.parse(new TextDecoder().decode(bytes)),
      json_parse: () => JSON.parse(text),
    }[method] ?? fail(`unknown loose method ${method}`);
    gc();
    const t0 = performance.now();
    const value = run();
    const ms = performance.now() - t0;
    if (!value || typeof value !== 'object') fail(`${method} returned ${typeof value}`);
    return ms;
  },

  memory() {
    gc();
    return { wasmBytes: wasm.memory.buffer.byteLength, jsHeapBytes: performance.memory?.usedJSHeapSize ?? null };
  },
};
window.benchReady = true;
