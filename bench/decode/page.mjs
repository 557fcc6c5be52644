// The decode benchmark page. bench/run.mjs loads it in headless Chromium and calls
// `window.bench.*`; every timing is taken here with performance.now() after a forced
// GC (Chromium runs with --expose-gc), so one method's garbage is not billed to the next.
import * as z from 'zod';
import * as v from 'valibot';
import init, * as kit from 'commerce-kit';
import { zodSchema, valibotSchema } from '/decode/schemas.mjs';
import validateAjv from '/gen/ajv-inventory.mjs';

const OP = 's2.get_inventory_overview';
const CHUNK = 64 * 1024;
const data = new Map(); // size label -> { bytes: Uint8Array, text: string }
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

window.bench = {
  async setup({ sizes }) {
    wasm = await init({ module_or_path: '/pkg/commerce_kit_bg.wasm' });
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
      else { try { run(bad); } catch { refuses = true; } }
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

  memory() {
    gc();
    return { wasmBytes: wasm.memory.buffer.byteLength, jsHeapBytes: performance.memory?.usedJSHeapSize ?? null };
  },
};
window.benchReady = true;
