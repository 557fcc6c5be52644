#!/usr/bin/env node
// Where a decode's time goes in Chromium: the V8 sampling profiler (CDP `Profiler`, 50 µs)
// over repeated runs of one method of the loose-heavy page, self time per function.
// Needs the bodies (`node bench/run.mjs --only=loose` writes them) and, to see the wasm
// functions by name, a package whose module kept its name section:
//   make pkg-named && BENCH_PKG_DIR=target/pkg-named node bench/decode/profile-decode.mjs [issue|dense|none] [package|stream|text_decode_parse] [runs]
// Not part of `make bench`: a tool for before choosing.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPage } from './run-decode.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [name = 'issue', method = 'package', runs = '20'] = process.argv.slice(2);
const pkgDir = process.env.BENCH_PKG_DIR ?? join(here, '..', '..', 'pkg');

const { page, close } = await openPage({ pkgDir, timeoutMs: 300_000 });
try {
  await page.evaluate(([s, n]) => window.bench.looseSetup(s, n), ['10', name]);
  for (let i = 0; i < 3; i++) await page.evaluate((m) => window.bench.looseRun(m), method); // warm up
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
  await cdp.send('Profiler.start');
  const times = [];
  for (let i = 0; i < Number(runs); i++) times.push(await page.evaluate((m) => window.bench.looseRun(m), method));
  const { profile } = await cdp.send('Profiler.stop');
  // Self time per function: samples are node ids, timeDeltas the gaps between them.
  const self = new Map();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const f = byId.get(id).callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url ? f.url.split('/').pop() : ''}`.trim();
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.entries()].filter(([k]) => k !== '(idle)' && k !== '(program)').reduce((a, [, v]) => a + v, 0);
  const sorted = times.sort((a, b) => a - b);
  console.log(`${method} on the ${name} body, ${runs} runs, median ${sorted[sorted.length >> 1].toFixed(1)} ms; self time of the busiest functions:`);
  for (const [k, us] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
    console.log(`${(us / 1000 / Number(runs)).toFixed(2).padStart(8)} ms/run ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
  }
} finally {
  await close();
}
