// Part 5: throughput on loopback. wrk (64 connections) against the mock directly, the
// proxy in front of the mock, and nginx proxy_pass in front of the same mock, one after
// the other, `GET` of the S2 inventory overview each time. Every process is started
// here and stopped here; every run is bounded by wrk's duration plus a timeout.
//
// The cost of secret scrubbing: a second mock accepts a 3-byte S2 token, and a second
// proxy, configured the same but with that token, has no secret of `scrub::MIN_SECRET_LEN`
// (4) bytes to search for, so it relays answers untouched (`proxy_unscrubbed`).
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, rmSync, chmodSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
export const out = join(here, '..', 'out', 'proxy');
// The embedded mock's defaults (commerce_mock::MockConfig::default()).
export const TOKEN = 'mock-s2-token';
// Shorter than scrub::MIN_SECRET_LEN: the proxy configured with it scrubs nothing.
const SHORT_TOKEN = 'b3n';
export const ORGANIZATION = '95d73baf-76ba-4bea-86ac-1534c5e5d4aa';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// `BENCH_PORT_BASE`: take ports from there up (checked free), for a machine where each
// user of it keeps to a range of ports; otherwise any the system gives.
let nextPort = Number(process.env.BENCH_PORT_BASE) || 0;

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', (e) => (nextPort && e.code === 'EADDRINUSE' ? freePort().then(resolve, reject) : reject(e)));
    s.listen(nextPort ? nextPort++ : 0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

/** Starts a process; resolves once `ready(stdout so far)` returns a value. */
export function start(name, cmd, args, { env, ready, timeoutMs = 30_000 } = {}) {
  const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    for (let i = 0; i < 50 && child.exitCode === null && child.signalCode === null; i++) await sleep(100);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const poll = async () => {
      if (child.exitCode !== null) return reject(new Error(`${name} exited (${child.exitCode}): ${output.slice(-2000)}`));
      let value;
      try { value = await ready(output); } catch { value = undefined; }
      if (value) return resolve({ child, value, stop, output: () => output });
      if (Date.now() > deadline) { await stop(); return reject(new Error(`${name} did not start in ${timeoutMs} ms: ${output.slice(-2000)}`)); }
      setTimeout(poll, 100);
    };
    poll();
  });
}

export async function httpOk(url, init) {
  const r = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  return r.ok ? r : null;
}

/** wrk's summary: requests per second and the latency percentiles (ms). */
function parseWrk(text) {
  const unit = { us: 1e-3, ms: 1, s: 1e3, m: 6e4 };
  const pct = (p) => {
    const m = new RegExp(`^\\s*${p}%\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(text);
    return m ? Number(m[1]) * unit[m[2]] : null;
  };
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(text);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(text);
  const errors = /Socket errors:.*/.exec(text);
  return { rps: rps ? Number(rps[1]) : null, p50_ms: pct(50), p99_ms: pct(99), non_2xx: non2xx ? Number(non2xx[1]) : 0, socket_errors: errors ? errors[0] : null };
}

export function wrk(url, headers, seconds, connections) {
  const args = ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', '--timeout', '5s'];
  for (const [k, v] of Object.entries(headers)) args.push('-H', `${k}: ${v}`);
  args.push(url);
  const text = execFileSync('wrk', args, { encoding: 'utf8', timeout: (seconds + 30) * 1000 });
  return { ...parseWrk(text), raw: text };
}

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** User + system CPU seconds of `pid` and its children (nginx's workers). */
export function cpuSeconds(pid) {
  const stat = (p) => {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
    } catch { return null; }
  };
  let ticks = stat(pid)?.ticks ?? 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(entry);
    if (s && s.ppid === pid) ticks += s.ticks;
  }
  return ticks / CLOCK_TICKS;
}

function peakRssKb(pid) {
  try { return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]); } catch { return null; }
}

/**
 * A function that starts `proxyBin` as a proxy: S2 "configured for real" at a mock, one
 * viewer signed in; `stops` gets its stop. Also used by `ab.mjs`.
 */
export function proxyStarter({ proxyBin, connections, stops, env = {} }) {
  const password = 'bench-password-not-secret';
  const hash = execFileSync(proxyBin, ['hash-password'], { input: `${password}\n`, encoding: 'utf8', timeout: 60_000 }).trim();
  return async (name, mockAddr, token) => {
    const port = await freePort();
    const config = join(out, `${name}.toml`);
    writeFileSync(config, [
      `listen = "127.0.0.1:${port}"`,
      // As many upstream requests in flight as wrk has connections, like nginx.
      `max_concurrent_upstream = ${connections}`,
      '[s2]', `base_url = "http://${mockAddr}/s2"`, `token = "${token}"`, `organization = "${ORGANIZATION}"`,
      '[[users]]', 'username = "bench"', `password_hash = "${hash}"`, 'role = "viewer"', '',
    ].join('\n'));
    chmodSync(config, 0o600);
    const proxy = await start(name, proxyBin, ['serve', '--config', config], {
      env: { RUST_LOG: 'warn', ...env },
      ready: () => httpOk(`http://127.0.0.1:${port}/healthz`),
    });
    stops.push(proxy.stop);
    const login = await fetch(`http://127.0.0.1:${port}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-commerce-kit': '1' },
      body: JSON.stringify({ username: 'bench', password }), signal: AbortSignal.timeout(10_000),
    });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    if (!login.ok || !cookie) throw new Error(`${name} sign-in failed: ${login.status} ${await login.text()}`);
    return { ...proxy, port, cookie };
  };
}

/**
 * `bodySizes`: MB of the S2 inventory overview for the body-size scale (item 5 of issue
 * 11), each behind its own proxy, upstream a static nginx (sendfile: the upstream costs
 * next to nothing, so the time is the proxy's). `scaleConnections`: wrk connection counts
 * for the connection scale, besides 4 (latency pass) and `connections`.
 */
export async function runProxy({ seconds, rounds = 1, connections = 64, log, beforeWrk, bodySizes = ['1', '10', '50'], scaleConnections = [256] }) {
  for (const tool of ['wrk', 'nginx']) {
    const found = tool === 'nginx' ? existsSync('/usr/sbin/nginx') : (() => { try { execFileSync('which', ['wrk']); return true; } catch { return false; } })();
    if (!found) return { skipped: `${tool} is not installed (apt-get install -y nginx-light wrk)` };
  }
  mkdirSync(join(out, 'nginx-tmp'), { recursive: true });
  // `BENCH_PROXY_BIN`: another build of the proxy (an earlier commit's, say) in the same
  // harness, with the mock already built: nothing is built then.
  const proxyBin = process.env.BENCH_PROXY_BIN ?? join(root, 'target', 'release', 'commerce-proxy');
  const mockBin = join(root, 'target', 'release', 'examples', 'serve_mock');
  if (!process.env.BENCH_PROXY_BIN || !existsSync(mockBin)) {
    log('proxy: building the proxy and the mock (release)');
    for (const args of [['-p', 'commerce-proxy', '--bin', 'commerce-proxy'], ['-p', 'commerce-mock', '--example', 'serve_mock']]) {
      execFileSync('cargo', ['build', '--release', '-q', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], timeout: 1_200_000 });
    }
  }

  const stops = [];
  const startMock = async (name, token) => {
    const mock = await start(name, mockBin, [`127.0.0.1:${nextPort ? await freePort() : 0}`], { env: { COMMERCE_MOCK_S2_TOKEN: token }, ready: (o) => /listening on http:\/\/(\S+)/.exec(o)?.[1] });
    stops.push(mock.stop);
    return mock;
  };
  const startProxy = proxyStarter({ proxyBin, connections, stops });
  try {
    const mock = await startMock('mock', TOKEN);
    const mockAddr = mock.value;
    const proxy = await startProxy('proxy', mockAddr, TOKEN);
    const shortMock = await startMock('mock-short-token', SHORT_TOKEN);
    const unscrubbed = await startProxy('proxy-unscrubbed', shortMock.value, SHORT_TOKEN);

    const nginxPort = await freePort();
    const conf = readFileSync(join(here, 'nginx.conf.template'), 'utf8')
      .replaceAll('@DIR@', out).replaceAll('@MOCK@', mockAddr).replaceAll('@PORT@', String(nginxPort))
      .replaceAll('@TOKEN@', TOKEN).replaceAll('@ORGANIZATION@', ORGANIZATION);
    writeFileSync(join(out, 'nginx.conf'), conf);
    const nginx = await start('nginx', '/usr/sbin/nginx', ['-c', join(out, 'nginx.conf'), '-p', out], {
      ready: () => httpOk(`http://127.0.0.1:${nginxPort}/api/s2/inventory/overview`),
    });
    stops.push(nginx.stop);

    const targets = {
      direct: [`http://${mockAddr}/s2/inventory/overview`, { Authorization: `Bearer ${TOKEN}`, 'X-S2-Organization': ORGANIZATION }],
      proxy: [`http://127.0.0.1:${proxy.port}/api/s2/inventory/overview`, { Cookie: proxy.cookie, 'X-Commerce-Kit': '1' }],
      nginx: [`http://127.0.0.1:${nginxPort}/api/s2/inventory/overview`, {}],
      proxy_unscrubbed: [`http://127.0.0.1:${unscrubbed.port}/api/s2/inventory/overview`, { Cookie: unscrubbed.cookie, 'X-Commerce-Kit': '1' }],
    };
    const pids = { proxy: { proxy: proxy.child.pid, mock: mock.child.pid }, proxy_unscrubbed: { proxy: unscrubbed.child.pid, mock: shortMock.child.pid } };
    // Whose CPU each target's requests cost: the proxy's or nginx's (master + workers),
    // the upstream's not included.
    const cpuPid = { proxy: proxy.child.pid, proxy_unscrubbed: unscrubbed.child.pid, nginx: nginx.child.pid };
    const bodies = {};
    const lengths = {};
    for (const [name, [url, headers]] of Object.entries(targets)) {
      const r = await fetch(url, { headers, signal: AbortSignal.timeout(10_000) });
      lengths[name] = r.headers.get('content-length');
      bodies[name] = await r.text();
      if (!r.ok) throw new Error(`${name}: GET ${url} answered ${r.status}: ${bodies[name].slice(0, 300)}`);
    }
    // The body holds no token: scrubbed or not, every target answers the same bytes.
    const differ = Object.keys(targets).filter((name) => bodies[name] !== bodies.direct);
    if (differ.length) throw new Error(`${differ.join(', ')} do(es) not answer the same body as direct`);
    // A scrubbing proxy drops the vendor's Content-Length (a replacement changes it); one
    // with nothing to search for keeps it. Proof the short token really turned scrubbing off.
    if (lengths.proxy !== null || lengths.proxy_unscrubbed === null) throw new Error(`scrubbing is not as expected: Content-Length ${lengths.proxy} (proxy), ${lengths.proxy_unscrubbed} (proxy_unscrubbed)`);

    // Interleaved rounds; each target keeps its best round (the machine's noise only
    // ever slows a run down): the highest rps and the lowest percentiles.
    const results = { connections, seconds, rounds, body_bytes: Buffer.byteLength(bodies.direct) };
    for (let round = 1; round <= rounds; round++) {
      for (const [name, [url, headers]] of Object.entries(targets)) {
        log(`proxy: round ${round}/${rounds}, wrk ${connections} connections, ${seconds} s against ${name}`);
        beforeWrk?.(name, pids[name] ?? pids.proxy);
        const cpuBefore = cpuPid[name] ? cpuSeconds(cpuPid[name]) : null;
        const { raw, ...r } = wrk(url, headers, seconds, connections);
        if (r.rps === null) throw new Error(`wrk against ${name} printed no summary:\n${raw}`);
        // CPU microseconds per request: user + system time over the requests wrk counted.
        if (cpuBefore !== null) r.cpu_us_per_request = ((cpuSeconds(cpuPid[name]) - cpuBefore) * 1e6) / (r.rps * seconds);
        if (r.non_2xx > 0) log(`proxy: warning: ${name} answered ${r.non_2xx} non-2xx responses`);
        const best = results[name];
        results[name] = best
          ? { ...best, rps: Math.max(best.rps, r.rps), cpu_us_per_request: Math.min(best.cpu_us_per_request ?? Infinity, r.cpu_us_per_request ?? Infinity), p50_ms: Math.min(best.p50_ms, r.p50_ms), p99_ms: Math.min(best.p99_ms, r.p99_ms), non_2xx: best.non_2xx + r.non_2xx, all_rps: [...best.all_rps, r.rps], all_p99_ms: [...best.all_p99_ms, r.p99_ms] }
          : { ...r, all_rps: [r.rps], all_p99_ms: [r.p99_ms] };
      }
    }
    // Added latency, measured where the CPU is not saturated: with 64 connections every
    // target runs the 2 cores flat out (wrk included), and its p99 is the scheduler's
    // queueing, not the proxy's work. 4 connections, the same order, best of the rounds.
    const latencySeconds = Math.max(2, Math.round(seconds / 4));
    results.latency = { connections: 4, seconds: latencySeconds };
    for (let round = 1; round <= rounds; round++) {
      for (const [name, [url, headers]] of Object.entries(targets)) {
        log(`proxy: latency round ${round}/${rounds}, wrk 4 connections, ${latencySeconds} s against ${name}`);
        const { raw, ...r } = wrk(url, headers, latencySeconds, 4);
        if (r.rps === null) throw new Error(`wrk against ${name} printed no summary:\n${raw}`);
        const best = results.latency[name];
        results.latency[name] = best ? { rps: Math.max(best.rps, r.rps), p50_ms: Math.min(best.p50_ms, r.p50_ms), p99_ms: Math.min(best.p99_ms, r.p99_ms) } : { rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms };
      }
    }
    // Connection scale: 4 (the latency pass), `connections` (the rounds above) and these.
    results.scale_connections = {};
    for (const n of [4, connections, ...scaleConnections]) {
      results.scale_connections[n] = {};
      for (const name of ['proxy', 'nginx']) {
        if (n === 4) results.scale_connections[n][name] = results.latency[name].rps;
        else if (n === connections) results.scale_connections[n][name] = results[name].rps;
        else {
          log(`proxy: scale, wrk ${n} connections, ${latencySeconds} s against ${name}`);
          const [url, headers] = targets[name];
          const { raw, ...r } = wrk(url, headers, latencySeconds, n);
          if (r.rps === null) throw new Error(`wrk against ${name} printed no summary:\n${raw}`);
          results.scale_connections[n][name] = r.rps;
        }
      }
    }
    results.scale_bodies = await bodyScale({ bodySizes, seconds: latencySeconds, startProxy, log, stops });

    results.proxy_peak_rss_mb = (peakRssKb(proxy.child.pid) ?? NaN) / 1024;
    results.nginx_master_peak_rss_mb = (peakRssKb(nginx.child.pid) ?? NaN) / 1024;
    results.rps_ratio_vs_nginx = results.proxy.rps / results.nginx.rps;
    results.added_p99_ms = results.latency.proxy.p99_ms - results.latency.direct.p99_ms;
    results.added_p50_ms = results.latency.proxy.p50_ms - results.latency.direct.p50_ms;
    results.nginx_added_p99_ms = results.latency.nginx.p99_ms - results.latency.direct.p99_ms;
    results.saturated_added_p99_ms = results.proxy.p99_ms - results.direct.p99_ms;
    // Negative when noise favours the scrubbing proxy.
    results.scrub_cost = 1 - results.proxy.rps / results.proxy_unscrubbed.rps;
    results.scrub_added_p50_ms = results.latency.proxy.p50_ms - results.latency.proxy_unscrubbed.p50_ms;
    return results;

    /** Proxy and direct rps (4 connections) for each body size, upstream a static nginx. */
    async function bodyScale({ bodySizes, seconds, startProxy, log, stops }) {
      if (!bodySizes.length) return {};
      const bodies = join(out, 'bodies');
      execFileSync('cargo', ['run', '--release', '-q', '-p', 'commerce-mock', '--example', 'gen_inventory', '--', bodies, ...bodySizes], { cwd: root, stdio: 'ignore', timeout: 600_000 });
      const servers = [];
      for (const size of bodySizes) {
        const docroot = join(out, 'static', `${size}mb`);
        mkdirSync(join(docroot, 's2', 'inventory'), { recursive: true });
        copyFileSync(join(bodies, `inventory-${size}mb.json`), join(docroot, 's2', 'inventory', 'overview'));
        servers.push({ size, docroot, port: await freePort() });
      }
      const conf = [
        'worker_processes 1;', 'daemon off;', `pid ${join(out, 'static-nginx.pid')};`, `error_log ${join(out, 'static-nginx.err')} warn;`,
        'events { worker_connections 1024; }',
        'http {', 'access_log off;', 'sendfile on;', 'default_type application/json;', `client_body_temp_path ${join(out, 'nginx-tmp')};`,
        `proxy_temp_path ${join(out, 'nginx-tmp')};`, `fastcgi_temp_path ${join(out, 'nginx-tmp')};`, `uwsgi_temp_path ${join(out, 'nginx-tmp')};`, `scgi_temp_path ${join(out, 'nginx-tmp')};`,
        ...servers.map((s) => `server { listen 127.0.0.1:${s.port}; root ${s.docroot}; }`),
        '}', '',
      ].join('\n');
      writeFileSync(join(out, 'static-nginx.conf'), conf);
      const last = servers[servers.length - 1];
      const staticNginx = await start('static nginx', '/usr/sbin/nginx', ['-c', join(out, 'static-nginx.conf'), '-p', out], {
        ready: () => httpOk(`http://127.0.0.1:${last.port}/s2/inventory/overview`),
      });
      stops.push(staticNginx.stop);
      const scale = {};
      for (const s of servers) {
        const p = await startProxy(`proxy-${s.size}mb`, `127.0.0.1:${s.port}`, TOKEN);
        const bytes = readFileSync(join(s.docroot, 's2', 'inventory', 'overview')).length;
        const row = { body_bytes: bytes };
        for (const [name, url, headers] of [
          ['direct', `http://127.0.0.1:${s.port}/s2/inventory/overview`, {}],
          ['proxy', `http://127.0.0.1:${p.port}/api/s2/inventory/overview`, { Cookie: p.cookie, 'X-Commerce-Kit': '1' }],
        ]) {
          log(`proxy: body scale ${s.size} MB, wrk 4 connections, ${seconds} s against ${name}`);
          const cpuBefore = name === 'proxy' ? cpuSeconds(p.child.pid) : null;
          const { raw, ...r } = wrk(url, headers, seconds, 4);
          if (r.rps === null) throw new Error(`wrk against ${name} (${s.size} MB) printed no summary:\n${raw}`);
          if (r.non_2xx > 0) throw new Error(`${name} (${s.size} MB) answered ${r.non_2xx} non-2xx responses`);
          row[name] = { rps: r.rps, p50_ms: r.p50_ms, mb_per_s: (r.rps * bytes) / 1e6 };
          if (cpuBefore !== null) row[name].cpu_ms_per_request = ((cpuSeconds(p.child.pid) - cpuBefore) * 1e3) / (r.rps * seconds);
        }
        row.proxy_peak_rss_mb = (peakRssKb(p.child.pid) ?? NaN) / 1024;
        await p.stop();
        scale[s.size] = row;
      }
      return scale;
    }
  } finally {
    for (const stop of stops.reverse()) await stop().catch(() => {});
    rmSync(join(out, 'nginx.pid'), { force: true });
  }
}
