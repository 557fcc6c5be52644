// The static server of the decode benchmark, on 127.0.0.1 only: the page, the package,
// the peers' modules, the generated bodies, and a body streamed at a fixed rate (the
// end-to-end part: the upstream's throughput, not the loopback's, bounds the transfer).
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json' };

/**
 * roots: { '/decode/': dir, ... } prefix to folder. api: { body: file, rateMBps } serves
 * `GET /api/s2/inventory/overview` (the path the package's Client calls) at that rate.
 */
export function startServer({ roots, api }) {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/favicon.ico') { res.writeHead(204); return res.end(); }
    if (url.pathname.startsWith('/api/')) return streamAt(res, api.body, Number(url.searchParams.get('rate') ?? api.rateMBps));
    if (url.pathname.startsWith('/stream/')) {
      const file = safeJoin(roots['/data/'], url.pathname.slice('/stream/'.length));
      return file ? streamAt(res, file, Number(url.searchParams.get('rate') ?? api.rateMBps)) : notFound(res);
    }
    for (const [prefix, dir] of Object.entries(roots)) {
      if (!url.pathname.startsWith(prefix)) continue;
      const file = safeJoin(dir, decodeURIComponent(url.pathname.slice(prefix.length)));
      let size;
      try { size = file && statSync(file).isFile() ? statSync(file).size : null; } catch { size = null; }
      if (size === null) return notFound(res);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-length': size, 'cache-control': 'no-store' });
      return createReadStream(file).pipe(res);
    }
    notFound(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    // BENCH_DECODE_PORT: a fixed port (a shared machine gives each user a range); else any free one.
    server.listen(Number(process.env.BENCH_DECODE_PORT ?? 0), '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

function safeJoin(dir, rel) {
  const path = normalize(join(dir, rel));
  return path.startsWith(normalize(dir) + sep) ? path : null;
}

function notFound(res) {
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
}

const bodies = new Map();
/** Sends `file` in 64 KiB chunks paced to `rateMBps` (10^6 bytes per second). */
async function streamAt(res, file, rateMBps) {
  if (!bodies.has(file)) bodies.set(file, readFileSync(file));
  const body = bodies.get(file);
  const chunk = 64 * 1024;
  const bytesPerMs = (rateMBps > 0 ? rateMBps : 50) * 1000;
  // x-upstream-attempts: what the proxy puts on a vendor answer it relays; the Client
  // takes an answer without it for one from a server that is not the proxy.
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length, 'cache-control': 'no-store', 'x-upstream-attempts': '1' });
  const start = performance.now();
  for (let sent = 0; sent < body.length && !res.destroyed; ) {
    const end = Math.min(sent + chunk, body.length);
    if (!res.write(body.subarray(sent, end))) await new Promise((r) => res.once('drain', r));
    sent = end;
    const wait = start + sent / bytesPerMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  res.end();
}
