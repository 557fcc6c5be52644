#!/usr/bin/env node
// `make bench` (full) and `make bench-smoke` (--smoke: small sizes, few repetitions,
// short wrk runs). Every figure is a ratio measured side by side in this one run; they
// are printed and written to bench/results.json (bench-smoke: bench/out/results-smoke.json),
// never asserted. Exits non-zero only when something failed to run or a validator gave
// a wrong answer, not when a target is missed.
//
// Parts: 1-2 decode in headless Chromium (decode/), 3 end to end at a fixed rate,
// 4 package size, 5 proxy throughput against nginx (proxy/), 6 leaks, 7 hostile shapes
// (decode/run-hostile.mjs), 8 a loose-heavy Stock2Shop search answer (decode/run-loose.mjs),
// 9 the dashboard's first load (firstload/run-firstload.mjs).
// `--only=package,decode,hostile,loose,proxy,firstload` runs some of them.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { cpus, totalmem, loadavg } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync, constants as zlib } from 'node:zlib';
import { runProxy } from './proxy/run-proxy.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const smoke = process.argv.includes('--smoke');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7).split(',');
const pkgDir = process.env.BENCH_PKG_DIR ?? join(root, 'pkg');
const out = join(here, 'out');
const started = Date.now();
const log = (m) => console.log(`[bench +${((Date.now() - started) / 1000).toFixed(0)}s] ${m}`);

const P = smoke
  ? { sizes: ['1', '10'], reps: 3, e2eSize: '1', e2eRate: 50, e2eReps: 3, leakSize: '10', leakRuns: 5, wrkSeconds: 3, wrkRounds: 1, proxyBodies: ['1'], proxyConnections: [],
      hostile: { driftKeys: 20_000, stringBytes: 1 << 20, reps: 3 }, loose: { size: '1', reps: 3 }, firstloadRuns: 2 }
  : { sizes: ['1', '10', '50'], reps: 10, e2eSize: '10', e2eRate: 50, e2eReps: 10, leakSize: '50', leakRuns: 20, wrkSeconds: 20, wrkRounds: 2, proxyBodies: ['1', '10', '50'], proxyConnections: [256],
      hostile: { driftKeys: 80_000, stringBytes: 4 << 20, reps: 10 }, loose: { size: '10', reps: 10 }, firstloadRuns: 5 };
const run = (part) => !only || only.includes(part);

function machine() {
  // Both streams: `nginx -v` prints to stderr, `wrk -v` exits non-zero.
  const sh = (cmd, args) => {
    const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 10_000 });
    const text = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    return text ? text.split('\n')[0] : null;
  };
  return {
    nproc: Number(sh('nproc', [])) || cpus().length,
    cpu: cpus()[0]?.model?.trim() ?? 'unknown',
    memory_gib: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    load_average_at_start: loadavg().map((x) => Math.round(x * 100) / 100),
    chromium: sh('/usr/bin/chromium', ['--version']),
    node: process.version,
    nginx: sh('/usr/sbin/nginx', ['-v']),
    wrk: sh('wrk', ['-v']),
    date: new Date().toISOString(),
  };
}

/** Part 4: compressed size of what a page downloads (the .wasm and the JS glue). */
function packageFiles(dir) {
  if (!existsSync(join(dir, 'commerce_kit_bg.wasm'))) throw new Error(`${dir}/commerce_kit_bg.wasm is missing: run make pkg`);
  const glue = [join(dir, 'commerce_kit.js')];
  if (existsSync(join(dir, 'index.js'))) glue.push(join(dir, 'index.js'));
  const walk = (d) => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
  if (existsSync(join(dir, 'snippets'))) glue.push(...walk(join(dir, 'snippets')).filter((f) => f.endsWith('.js')));
  const measure = (files) => {
    const buf = Buffer.concat(files.map((f) => readFileSync(f)));
    return {
      raw: buf.length,
      gzip: gzipSync(buf, { level: 9 }).length,
      brotli: brotliCompressSync(buf, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const wasm = measure([join(dir, 'commerce_kit_bg.wasm')]);
  const js = measure(glue);
  return {
    wasm_bytes: wasm.raw, wasm_gzip_bytes: wasm.gzip, wasm_brotli_bytes: wasm.brotli,
    glue_bytes: js.raw, glue_gzip_bytes: js.gzip, glue_brotli_bytes: js.brotli,
    gzip_bytes: wasm.gzip + js.gzip, brotli_bytes: wasm.brotli + js.brotli,
  };
}

function packageSize() {
  const size = packageFiles(pkgDir);
  // `make bench` builds it first (`make pkg-single`: one vendor, target/pkg-single).
  const singleDir = process.env.BENCH_SINGLE_PKG_DIR ?? join(root, 'target', 'pkg-single');
  if (existsSync(join(singleDir, 'commerce_kit_bg.wasm'))) {
    const provenance = join(singleDir, 'provenance.json');
    const vendors = existsSync(provenance) ? JSON.parse(readFileSync(provenance, 'utf8')).vendors?.join(' ') : undefined;
    size.single_vendor = { vendors: vendors ?? 'one vendor', ...packageFiles(singleDir) };
  }
  // twiggy names functions in the linked module before wasm-bindgen strips the names.
  const named = join(root, 'target', 'wasm32-unknown-unknown', 'release', 'commerce_kit.wasm');
  try {
    size.twiggy_top = execFileSync('twiggy', ['top', '-n', '15', existsSync(named) ? named : join(pkgDir, 'commerce_kit_bg.wasm')], { encoding: 'utf8', timeout: 60_000 });
  } catch (e) {
    size.twiggy_top = `twiggy unavailable (cargo install twiggy): ${String(e.message).split('\n')[0]}`;
  }
  return size;
}

function generateBodies(sizes) {
  log(`data: S2 inventory overviews of ${sizes.join(', ')} MB (mock/examples/gen_inventory.rs)`);
  execFileSync('cargo', ['run', '--release', '-q', '-p', 'commerce-mock', '--example', 'gen_inventory', '--', out, ...sizes], {
    cwd: root, stdio: ['ignore', 'inherit', 'inherit'], timeout: 1_200_000,
  });
}

const fmt = (x, digits = 2) => (typeof x === 'number' && Number.isFinite(x) ? x.toFixed(digits) : String(x));
const kb = (b) => `${(b / 1024).toFixed(1)} KiB`;

function table(results) {
  const rows = [];
  const target = (label, value, goal, met, unit = '') => rows.push([label, `${fmt(value)}${unit}`, goal, met === null ? '-' : met ? 'met' : 'MISSED']);
  const d = results.decode;
  if (d) {
    for (const [size, r] of Object.entries(d)) {
      rows.push([`decode ${size}: JSON.parse / zod / ajv / valibot (ms)`, `${fmt(r.json_parse_ms, 1)} / ${fmt(r.zod_ms, 1)} / ${fmt(r.ajv_ms, 1)} / ${fmt(r.valibot_ms, 1)}`, '', '']);
      rows.push([`decode ${size}: package / validation alone / TextDecoder+JSON.parse (ms)`, `${fmt(r.package_ms, 1)} / ${fmt(r.validate_only_ms, 1)} / ${fmt(r.text_decode_parse_ms, 1)}`, '', '']);
      rows.push([`decode ${size}: after last byte: ResponseDecoder / Worker design (ms)`, `${fmt(r.stream_ms, 1)} / ${fmt(r.stream_worker_ms, 1)}`, '', '']);
      const ten = size === '10mb';
      target(`decode ${size}: e/a package / JSON.parse`, r.ratio_vs_json_parse, ten ? '<= 1.5' : '', ten ? r.ratio_vs_json_parse <= 1.5 : null);
      target(`decode ${size}: e/b package / zod`, r.ratio_vs_zod, '< 1', r.ratio_vs_zod < 1);
      target(`decode ${size}: e/c package / ajv`, r.ratio_vs_ajv, '< 1', r.ratio_vs_ajv < 1);
      target(`decode ${size}: e/d package / valibot`, r.ratio_vs_valibot, '< 1', r.ratio_vs_valibot < 1);
      target(`decode ${size}: after last byte (ResponseDecoder) / JSON.parse`, r.after_last_byte_ratio_vs_json_parse, ten ? '<= 1.0' : '', ten ? r.after_last_byte_ratio_vs_json_parse <= 1.0 : null);
      target(`decode ${size}: ResponseDecoder total CPU / JSON.parse`, r.stream_total_cpu_ratio_vs_json_parse, '', null);
      target(`decode ${size}: Worker design after last byte / JSON.parse`, r.stream_worker_after_last_byte_ratio_vs_json_parse, '', null);
    }
  }
  const h = results.hostile;
  if (h) {
    const keys = `${h.drift_keys.toLocaleString('en')} unknown keys`;
    rows.push([`hostile ${keys} (${fmt(h.drift_bytes / 1e6)} MB): package / JSON.parse / validation alone (ms)`, `${fmt(h.drift_ms, 1)} / ${fmt(h.drift_json_parse_ms, 1)} / ${fmt(h.drift_validate_only_ms, 1)}`, '', '']);
    target(`hostile ${keys}: package / JSON.parse of the same text`, h.drift_ratio_vs_json_parse, '<= 3', h.drift_ratio_vs_json_parse <= 3);
    target(`hostile ${keys}: package / package of as many bytes of products (${fmt(h.plain_ms, 1)} ms)`, h.drift_ratio_vs_plain, '', null);
    rows.push([`hostile ${keys}: t(n) / t(n/4) / 4: package / JSON.parse / validation alone`,
      `${fmt(h.drift_growth_per_key)} / ${fmt(h.drift_json_parse_growth_per_key)} / ${fmt(h.drift_validate_only_growth_per_key)}`, '1 when linear', '']);
    const mb = `${fmt(h.string_chars / 2 ** 20, 0)} MiB string`;
    rows.push([`hostile ${mb}: one-shot / in 1 KiB chunks (ms)`, `${fmt(h.string_one_shot_ms, 1)} / ${fmt(h.string_chunked_ms, 1)}`, '', '']);
    target(`hostile ${mb}: ResponseDecoder in 1 KiB chunks / decodeResponse`, h.string_chunked_ratio_vs_one_shot, '<= 3', h.string_chunked_ratio_vs_one_shot <= 3);
  }
  for (const [name, lo] of Object.entries(results.loose ?? {})) {
    const label = `loose ${name}: ${fmt(lo.bytes / 1e6, 1)} MB Stock2Shop search, ${lo.loose_values.toLocaleString('en')} loose values`;
    rows.push([`${label}: package / ResponseDecoder / TextDecoder+JSON.parse (ms)`, `${fmt(lo.package_ms, 1)} / ${fmt(lo.stream_ms, 1)} / ${fmt(lo.text_decode_parse_ms, 1)}`, '', '']);
    const goal = lo.size_mb >= 10 && name === 'issue';
    target(`${label}: package / TextDecoder+JSON.parse`, lo.ratio_vs_text_decode_parse, goal ? '<= 1.5' : '', goal ? lo.ratio_vs_text_decode_parse <= 1.5 : null);
    target(`${label}: package / JSON.parse of the text (${fmt(lo.json_parse_ms, 1)} ms)`, lo.ratio_vs_json_parse, goal ? '<= 1.5' : '', goal ? lo.ratio_vs_json_parse <= 1.5 : null);
    target(`${label}: after last byte (ResponseDecoder, ${fmt(lo.stream_after_last_byte_ms, 1)} ms) / JSON.parse`, lo.after_last_byte_ratio_vs_json_parse, goal ? '<= 1.0' : '', goal ? lo.after_last_byte_ratio_vs_json_parse <= 1.0 : null);
  }
  const e = results.e2e;
  if (e) {
    rows.push([`e2e ${e.size_mb} MB at ${e.rate_mb_s} MB/s: Client / fetch+ajv / ResponseDecoder (ms)`, `${fmt(e.package_ms, 1)} / ${fmt(e.fetch_ajv_ms, 1)} / ${fmt(e.stream_ms, 1)} (transfer ${fmt(e.transfer_ms, 0)})`, '', '']);
    target('e2e: Client / fetch+JSON.parse+ajv', e.package_ratio_vs_fetch_ajv, '<= 1', e.package_ratio_vs_fetch_ajv <= 1);
    target('e2e: ResponseDecoder / fetch+JSON.parse+ajv', e.stream_ratio_vs_fetch_ajv, '<= 1', e.stream_ratio_vs_fetch_ajv <= 1);
  }
  const p = results.package;
  if (p) {
    rows.push(['package: wasm raw / gzip / brotli', `${kb(p.wasm_bytes)} / ${kb(p.wasm_gzip_bytes)} / ${kb(p.wasm_brotli_bytes)}`, '', '']);
    rows.push(['package: JS glue raw / gzip / brotli', `${kb(p.glue_bytes)} / ${kb(p.glue_gzip_bytes)} / ${kb(p.glue_brotli_bytes)}`, '', '']);
    rows.push(['package: wasm + glue gzip (all 4 vendors)', kb(p.gzip_bytes), '<= 120 KiB', p.gzip_bytes <= 120 * 1024 ? 'met' : 'MISSED']);
    const one = p.single_vendor;
    if (one) {
      rows.push([`package, ${one.vendors}: wasm raw / gzip, glue gzip`, `${kb(one.wasm_bytes)} / ${kb(one.wasm_gzip_bytes)}, ${kb(one.glue_gzip_bytes)}`, '', '']);
      rows.push([`package, ${one.vendors}: wasm + glue gzip`, kb(one.gzip_bytes), '<= 60 KiB', one.gzip_bytes <= 60 * 1024 ? 'met' : 'MISSED']);
    } else {
      rows.push(['package, one vendor: wasm + glue gzip', 'not built (make pkg-single)', '<= 60 KiB', 'MISSED']);
    }
  }
  const x = results.proxy;
  if (x && !x.skipped) {
    for (const name of ['direct', 'proxy', 'nginx', 'proxy_unscrubbed']) rows.push([`proxy: ${name} rps / p50 / p99 (best of ${x.rounds})`, `${fmt(x[name].rps, 0)} / ${fmt(x[name].p50_ms)} ms / ${fmt(x[name].p99_ms)} ms`, '', '']);
    target('proxy: rps / nginx rps', x.rps_ratio_vs_nginx, '>= 1', x.rps_ratio_vs_nginx >= 1);
    target('proxy: scrub cost (1 - scrubbed rps / unscrubbed rps)', x.scrub_cost, '<= 0.05', x.scrub_cost <= 0.05);
    for (const name of ['direct', 'proxy', 'nginx', 'proxy_unscrubbed']) rows.push([`proxy: ${name} at 4 connections: p50 / p99`, `${fmt(x.latency[name].p50_ms)} ms / ${fmt(x.latency[name].p99_ms)} ms`, '', '']);
    target('proxy: added p99 over direct (4 connections)', x.added_p99_ms, '<= 1 ms', x.added_p99_ms <= 1, ' ms');
    rows.push(['proxy: added p50 (4 connections) / nginx added p99', `${fmt(x.added_p50_ms)} ms / ${fmt(x.nginx_added_p99_ms)} ms`, '', '']);
    rows.push(['proxy: scrubbing added p50 (4 connections)', `${fmt(x.scrub_added_p50_ms)} ms`, '', '']);
    rows.push(['proxy: peak RSS', `${fmt(x.proxy_peak_rss_mb, 1)} MiB`, '', '']);
    rows.push(['proxy: CPU per request, proxy / nginx (64 connections)', `${fmt(x.proxy.cpu_us_per_request, 0)} / ${fmt(x.nginx.cpu_us_per_request, 0)} us`, '', '']);
    for (const [n, r] of Object.entries(x.scale_connections ?? {})) rows.push([`proxy: scale, ${n} connections: proxy / nginx rps`, `${fmt(r.proxy, 0)} / ${fmt(r.nginx, 0)} (${fmt(r.proxy / r.nginx)})`, '', '']);
    for (const [mb, r] of Object.entries(x.scale_bodies ?? {})) {
      rows.push([`proxy: scale, ${mb} MB body (4 conn.): proxy / direct rps`, `${fmt(r.proxy.rps, 1)} / ${fmt(r.direct.rps, 1)} (${fmt(r.proxy.mb_per_s, 0)} / ${fmt(r.direct.mb_per_s, 0)} MB/s)`, '', '']);
      rows.push([`proxy: scale, ${mb} MB body: proxy CPU per request / peak RSS`, `${fmt(r.proxy.cpu_ms_per_request, 1)} ms / ${fmt(r.proxy_peak_rss_mb, 1)} MiB`, '', '']);
    }
  } else if (x) rows.push(['proxy', `skipped: ${x.skipped}`, '', '']);
  const f = results.firstload;
  if (f) {
    const split = (s, field) => ['wasm', 'js', 'css', 'html', 'api', 'other'].map((k) => kb(s[k][field])).join(' / ');
    const label = `firstload ${f.page}, median of ${f.runs} cold loads`;
    rows.push([`${label}: on the wire, wasm / JS / CSS / HTML / API / other`, split(f.cold, 'wire_bytes'), '', '']);
    rows.push([`${label}: decoded, wasm / JS / CSS / HTML / API / other`, split(f.cold, 'decoded_bytes'), '', '']);
    rows.push([`${label}: content-encoding of wasm / JS / CSS / HTML`, ['wasm', 'js', 'css', 'html'].map((k) => f.cold[k].encodings.join('+') || '-').join(' / '), '', '']);
    target(`${label}: on the wire, total (${f.cold.total.requests} requests)`, f.cold.total.wire_bytes / 1024, '—', null, ' KiB');
    target(`${label}: decoded, total`, f.cold.total.decoded_bytes / 1024, '—', null, ' KiB');
    target(`${label}: navigation start to first inventory row`, f.first_row_ms, '—', null, ' ms');
    rows.push([`firstload: reload (warm cache): on the wire, total / API`, `${kb(f.warm.total.wire_bytes)} / ${kb(f.warm.api.wire_bytes)}`, '', '']);
    rows.push([`firstload: reload: requests / from cache / 304 / first row`, `${f.warm.total.requests} / ${f.warm.total.from_cache} / ${f.warm.total.not_modified} / ${fmt(f.warm_first_row_ms, 0)} ms`, '', '']);
  }
  const l = results.leak;
  if (l) {
    rows.push([`leak: ${l.size_mb} MB x ${l.runs}, wasm memory after 2nd / last`, `${l.wasm_bytes_after_2nd} / ${l.wasm_bytes_after_last}`, 'no growth', l.wasm_grew_bytes <= 0 ? 'met' : 'MISSED']);
    rows.push([`leak: JS heap after 2nd / last`, `${l.js_heap_bytes_after_2nd} / ${l.js_heap_bytes_after_last}`, 'no growth (1 MiB noise)', l.js_heap_grew_bytes <= 2 ** 20 ? 'met' : 'MISSED']);
  }
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => String(r[i]).length), ['figure', 'value', 'target', ''][i].length));
  const line = (r) => `| ${r.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(['figure', 'value', 'target', 'met']), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

async function main() {
  mkdirSync(out, { recursive: true });
  const results = { mode: smoke ? 'smoke' : 'full', machine: machine(), params: P };
  const failures = [];
  const part = async (name, fn) => {
    try { await fn(); } catch (e) { failures.push(`${name}: ${e.stack ?? e}`); log(`${name} FAILED: ${e.message ?? e}`); }
  };
  if (run('package')) await part('package', () => { results.package = packageSize(); log(`package: wasm ${results.package.wasm_gzip_bytes} + glue ${results.package.glue_gzip_bytes} bytes gzip`); });
  if (run('decode')) {
    await part('decode', async () => {
      generateBodies([...new Set([...P.sizes, P.e2eSize, P.leakSize])]);
      // Loaded here: `--only=proxy` needs no npm packages (playwright-core and the validators).
      const { runDecode } = await import('./decode/run-decode.mjs');
      const r = await runDecode({ pkgDir, ...P, log, timeoutMs: smoke ? 120_000 : 600_000 });
      Object.assign(results, { decode: r.decode, e2e: r.e2e, leak: r.leak, decode_checks: r.checks });
      for (const [m, c] of Object.entries(r.checks)) {
        if (c.accepts !== true || c.refuses !== true) throw new Error(`${m} does not accept the body and refuse a corrupted one: ${JSON.stringify(c)}`);
      }
      if (r.pageErrors.length) log(`decode: page messages: ${r.pageErrors.join(' | ')}`);
    });
  }
  if (run('hostile')) {
    await part('hostile', async () => {
      const { runHostile } = await import('./decode/run-hostile.mjs');
      const r = await runHostile({ pkgDir, ...P.hostile, log, timeoutMs: smoke ? 120_000 : 600_000 });
      Object.assign(results, { hostile: r.hostile, hostile_checks: r.checks });
      for (const [shape, c] of Object.entries(r.checks)) {
        if (Object.values(c).some((ok) => ok !== true)) throw new Error(`the package does not accept the ${shape} body, or refuses it wrongly: ${JSON.stringify(c)}`);
      }
    });
  }
  if (run('loose')) {
    await part('loose', async () => {
      const { runLoose } = await import('./decode/run-loose.mjs');
      const r = await runLoose({ pkgDir, root, out, ...P.loose, log, timeoutMs: smoke ? 120_000 : 600_000 });
      Object.assign(results, { loose: r.loose, loose_checks: r.checks });
      if (Object.values(r.checks).flatMap(Object.values).some((ok) => ok !== true)) throw new Error(`the loose-heavy body is not decoded as declared: ${JSON.stringify(r.checks)}`);
    });
  }
  if (run('firstload')) {
    await part('firstload', async () => {
      const { runFirstload } = await import('./firstload/run-firstload.mjs');
      results.firstload = await runFirstload({ root, runs: P.firstloadRuns, log });
    });
  }
  if (run('proxy')) await part('proxy', async () => { results.proxy = await runProxy({ seconds: P.wrkSeconds, rounds: P.wrkRounds, log, bodySizes: P.proxyBodies, scaleConnections: P.proxyConnections }); });

  const file = smoke ? join(out, 'results-smoke.json') : join(here, 'results.json');
  writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
  console.log(`\ncommerce-kit benchmark (${results.mode}), ${results.machine.nproc} x ${results.machine.cpu}, ${results.machine.memory_gib} GiB, load ${results.machine.load_average_at_start.join(' ')}\n`);
  console.log(table(results));
  if (results.package?.twiggy_top) console.log(`\ntwiggy top (linked module, before wasm-bindgen):\n${results.package.twiggy_top}`);
  console.log(`\nwritten: ${file}`);
  if (failures.length) {
    console.error(`\nbench: ${failures.length} part(s) failed:\n${failures.join('\n')}`);
    process.exit(1);
  }
}

// A hard bound on the whole run, whatever hangs.
const limit = setTimeout(() => { console.error('bench: time limit reached'); process.exit(1); }, (smoke ? 15 : 60) * 60_000);
limit.unref();
main().catch((e) => { console.error(e); process.exit(1); });
