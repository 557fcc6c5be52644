// Where decode's cost per MB goes as the body grows (bench/README.md, "Scale"): for the
// generated S2 inventory at each size, the package's `decodeResponse(bytes)` and
// `JSON.parse(text)` timed one at a time (process CPU time, medians), with V8's own GC trace (`--trace-gc`) counted
// between the runs' markers: how many scavenges and mark-compacts each run caused and
// their pause time. Node, not Chromium: the same V8 and the same wasm, and its GC trace
// goes to a file in order with the markers. Run it as
//
//   node --expose-gc --trace-gc bench/scale/gc-decode.mjs 1 10 50 > /tmp/gc.txt
//   node bench/scale/gc-decode.mjs --summary < /tmp/gc.txt
//
// after `make pkg` and `node bench/run.mjs --only=decode` (which generates
// bench/out/inventory-<size>mb.json). stdout must be a file: the markers are written
// synchronously so that they interleave with V8's lines in order.
import { readFileSync, writeSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const REPS = 7;

if (process.argv.includes('--summary')) {
  summarise(readFileSync(0, 'utf8'));
} else {
  await measure(process.argv.slice(2));
}

async function measure(sizes) {
  if (typeof gc !== 'function') throw new Error('run with --expose-gc --trace-gc');
  const { default: init, decodeResponse } = await import(join(root, 'pkg', 'node.js'));
  await init();
  for (const size of sizes) {
    const bytes = new Uint8Array(readFileSync(join(root, 'bench', 'out', `inventory-${size}mb.json`)));
    const text = new TextDecoder().decode(bytes);
    const methods = {
      package: () => decodeResponse('s2.get_inventory_overview', bytes),
      json_parse: () => JSON.parse(text),
    };
    // Once each outside the count: the wasm memory grows to the body's size on the first run.
    for (const run of Object.values(methods)) run();
    for (let rep = 0; rep < REPS; rep++) {
      for (const [name, run] of Object.entries(methods)) {
        gc();
        writeSync(1, `@@start ${name} ${size}\n`);
        // CPU time of the process (user + system, every thread: V8's concurrent GC
        // helpers too), not wall time: on a shared, loaded machine wall time measures
        // the scheduler.
        const c0 = process.cpuUsage();
        const value = run();
        const c = process.cpuUsage(c0);
        const ms = (c.user + c.system) / 1000;
        writeSync(1, `@@end ${name} ${size} ${ms.toFixed(3)} ${bytes.length}\n`);
        if (typeof value !== 'object') throw new Error(`${name} returned ${typeof value}`);
      }
    }
  }
}

/** Per method and size: median time, ms per MB, and the GC each run caused. */
function summarise(trace) {
  const runs = new Map();
  let open = null;
  for (const line of trace.split('\n')) {
    const start = /^@@start (\S+) (\S+)/.exec(line);
    if (start) { open = { scavenges: 0, scavenge_ms: 0, mark_compacts: 0, mark_compact_ms: 0 }; continue; }
    const end = /^@@end (\S+) (\S+) (\S+) (\d+)/.exec(line);
    if (end && open) {
      const key = `${end[1]} ${end[2]}MB`;
      const list = runs.get(key) ?? [];
      list.push({ ...open, ms: Number(end[3]), bytes: Number(end[4]) });
      runs.set(key, list);
      open = null;
      continue;
    }
    // "[pid:0x...]   123 ms: Scavenge 40.1 (52.3) -> 39.8 (60.3) MB, 3.21 / 0.00 ms ..."
    const gcLine = /(Scavenge|Mark-Compact|Mark-sweep)[^,]*MB, ([\d.]+) \/ ([\d.]+) ms/.exec(line);
    if (gcLine && open) {
      if (gcLine[1] === 'Scavenge') { open.scavenges += 1; open.scavenge_ms += Number(gcLine[2]); }
      else { open.mark_compacts += 1; open.mark_compact_ms += Number(gcLine[2]); }
    }
  }
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  console.log('| run | CPU ms (median) | CPU ms per MB | scavenges | scavenge ms | mark-compacts | mark-compact ms | GC share |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const [key, list] of runs) {
    const ms = median(list.map((r) => r.ms));
    const mb = list[0].bytes / 1e6;
    const gcMs = median(list.map((r) => r.scavenge_ms + r.mark_compact_ms));
    console.log(`| ${key} | ${ms.toFixed(1)} | ${(ms / mb).toFixed(2)} | ${median(list.map((r) => r.scavenges))} | ${median(list.map((r) => r.scavenge_ms)).toFixed(1)} | ${median(list.map((r) => r.mark_compacts))} | ${median(list.map((r) => r.mark_compact_ms)).toFixed(1)} | ${(100 * gcMs / ms).toFixed(0)} % |`);
  }
}
