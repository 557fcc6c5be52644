// Builds of the proxy side by side: one mock, each build in front of it (configured as
// part 5 configures its proxy), nginx in front of the same mock, and wrk at 64
// connections against each in turn, round after round, so that the machine's load moves
// every build's figures alike. Prints rps and CPU microseconds per request (user +
// system of the process) per round, and each build's median.
//
//   BENCH_PORT_BASE=23100 node bench/proxy/ab.mjs base=/tmp/a/commerce-proxy new=target/release/commerce-proxy
//
// Options (environment): AB_ROUNDS (5), AB_SECONDS (10), AB_CONNECTIONS (64).
// A build named `name:ENV=value` runs with that environment variable (the same binary
// with and without a switch, say).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuSeconds, freePort, httpOk, ORGANIZATION, out, proxyStarter, start, TOKEN, wrk } from './run-proxy.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..', '..');
const rounds = Number(process.env.AB_ROUNDS) || 5;
const seconds = Number(process.env.AB_SECONDS) || 10;
const connections = Number(process.env.AB_CONNECTIONS) || 64;
const builds = process.argv.slice(2).map((arg) => {
  const [label, bin] = arg.split('=', 2).length === 2 ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, arg];
  const [name, ...env] = label.split(':');
  return { name, bin, env: Object.fromEntries(env.map((e) => e.split('=', 2))) };
});
if (!builds.length) {
  console.error('usage: node bench/proxy/ab.mjs name=binary [name=binary ...]');
  process.exit(2);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

mkdirSync(join(out, 'nginx-tmp'), { recursive: true });
const stops = [];
try {
  const mockBin = join(root, 'target', 'release', 'examples', 'serve_mock');
  const mock = await start('mock', mockBin, [`127.0.0.1:${await freePort()}`], {
    env: { COMMERCE_MOCK_S2_TOKEN: TOKEN },
    ready: (o) => /listening on http:\/\/(\S+)/.exec(o)?.[1],
  });
  stops.push(mock.stop);
  const targets = [];
  for (const build of builds) {
    const startProxy = proxyStarter({ proxyBin: build.bin, connections, stops, env: build.env });
    const proxy = await startProxy(`ab-${build.name}`, mock.value, TOKEN);
    targets.push({ name: build.name, pid: proxy.child.pid, url: `http://127.0.0.1:${proxy.port}/api/s2/inventory/overview`, headers: { Cookie: proxy.cookie, 'X-Commerce-Kit': '1' } });
  }
  const nginxPort = await freePort();
  const conf = readFileSync(join(here, 'nginx.conf.template'), 'utf8')
    .replaceAll('@DIR@', out).replaceAll('@MOCK@', mock.value).replaceAll('@PORT@', String(nginxPort))
    .replaceAll('@TOKEN@', TOKEN).replaceAll('@ORGANIZATION@', ORGANIZATION);
  writeFileSync(join(out, 'ab-nginx.conf'), conf);
  const nginx = await start('nginx', '/usr/sbin/nginx', ['-c', join(out, 'ab-nginx.conf'), '-p', out], {
    ready: () => httpOk(`http://127.0.0.1:${nginxPort}/api/s2/inventory/overview`),
  });
  stops.push(nginx.stop);
  targets.push({ name: 'nginx', pid: nginx.child.pid, url: `http://127.0.0.1:${nginxPort}/api/s2/inventory/overview`, headers: {} });

  const rows = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let round = 1; round <= rounds; round++) {
    // Each round starts with another build, so none always runs first.
    const order = targets.map((_, i) => targets[(i + round - 1) % targets.length]);
    for (const t of order) {
      const before = cpuSeconds(t.pid);
      const { raw, ...r } = wrk(t.url, t.headers, seconds, connections);
      if (r.rps === null || r.non_2xx > 0) throw new Error(`${t.name}: ${r.non_2xx} non-2xx answers or no summary:\n${raw}`);
      const us = ((cpuSeconds(t.pid) - before) * 1e6) / (r.rps * seconds);
      rows[t.name].push({ rps: r.rps, us });
      console.log(`round ${round} ${t.name.padEnd(12)} ${r.rps.toFixed(0).padStart(6)} rps ${us.toFixed(1).padStart(5)} µs/request  load ${load()}`);
    }
  }
  console.log(`medians over ${rounds} rounds of ${seconds} s, ${connections} connections:`);
  for (const [name, rs] of Object.entries(rows)) {
    const rps = median(rs.map((r) => r.rps));
    console.log(`${name.padEnd(12)} ${rps.toFixed(0).padStart(6)} rps ${median(rs.map((r) => r.us)).toFixed(1).padStart(5)} µs/request  / nginx ${(rps / median(rows.nginx.map((r) => r.rps))).toFixed(2)}`);
  }
} finally {
  for (const stop of stops.reverse()) await stop().catch(() => {});
}
