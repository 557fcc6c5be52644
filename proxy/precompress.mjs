#!/usr/bin/env node
// Writes `<file>.br` (brotli, quality 11) and `<file>.gz` (gzip -9) next to every
// compressible file of a built dashboard (`node proxy/precompress.mjs www/dist`), for the
// proxy to serve by `Accept-Encoding` (proxy/src/statics.rs says why at build time).
// A variant that saves less than 5 % is not written: the file then goes out as it is.
import { readdirSync, readFileSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node proxy/precompress.mjs <static dir>');
  process.exit(2);
}
// Already-compressed formats (images, fonts) gain nothing.
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.wasm', '.json', '.svg', '.txt', '.map', '.ico', '.xml']);
const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
let raw = 0;
let brotli = 0;
for (const file of walk(dir)) {
  if (!COMPRESSIBLE.has(extname(file))) continue;
  const bytes = readFileSync(file);
  const variants = {
    br: brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
    gz: gzipSync(bytes, { level: 9 }),
  };
  for (const [suffix, packed] of Object.entries(variants)) {
    if (packed.length < bytes.length * 0.95) writeFileSync(`${file}.${suffix}`, packed);
    else rmSync(`${file}.${suffix}`, { force: true });
  }
  raw += bytes.length;
  brotli += Math.min(bytes.length, variants.br.length);
}
console.log(`precompressed ${dir}: ${(raw / 1024).toFixed(1)} KiB -> ${(brotli / 1024).toFixed(1)} KiB brotli`);
