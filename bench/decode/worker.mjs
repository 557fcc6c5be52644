// The Worker half of the streaming decode design: takes the body's chunks as they
// arrive, and validates the whole body in wasm (the package's validateResponse) when
// the last one is in, while the page's thread runs JSON.parse.
import init, { validateResponse } from '/pkg/commerce_kit.js';

const OP = 's2.get_inventory_overview';
let ready = null;
let chunks = [];
let cpuMs = 0;
onmessage = async (e) => {
  const m = e.data;
  if (m.init) {
    ready ??= init({ module_or_path: '/pkg/commerce_kit_bg.wasm' });
    await ready;
    postMessage({ ready: true });
    return;
  }
  await ready;
  if (m.ping) { postMessage({ pong: true }); return; }
  if (m.begin) { chunks = []; cpuMs = 0; return; }
  const t0 = performance.now();
  chunks.push(m.chunk);
  if (!m.end) { cpuMs += performance.now() - t0; return; }
  let length = 0;
  for (const c of chunks) length += c.length;
  const body = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) { body.set(c, at); at += c.length; }
  chunks = [];
  const report = validateResponse(OP, body);
  cpuMs += performance.now() - t0;
  postMessage({ errors: report.errors.length + report.unlistedErrors, drift: report.drift.length, cpuMs });
};
