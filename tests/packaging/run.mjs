// The npm package as users install it: `npm pack` of pkg/, installed (not linked) into
// tiny projects, each run as its user would. Called by `make test-packaging`.
//
//   node tests/packaging/run.mjs [only...]   e.g. `node run.mjs node ts`
//
// Steps: publish (npm publish --dry-run file list), ts (strict consumers x TypeScript
// versions), readme (every ```ts block of the npm README type-checked), node (a Node ESM
// script against a real proxy), browser (a Vite build and the Vite dev server, a plain
// page, a module Worker, in Chromium). COMMERCE_KIT_PKG overrides the package folder
// (default pkg/), COMMERCE_PROXY_BIN the proxy binary, CHROMIUM_PATH the browser. Every
// wait is bounded; every server binds 127.0.0.1.

import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const pkg = process.env.COMMERCE_KIT_PKG || path.join(repo, 'pkg');
const bin = path.join(here, 'node_modules', '.bin');
const proxyBin = process.env.COMMERCE_PROXY_BIN || path.join(repo, 'target', 'debug', 'commerce-proxy');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const WAIT_MS = 30_000;
const run = promisify(execFile);
const only = process.argv.slice(2);

/** TypeScript versions (npm aliases in package.json) x consumer projects. */
const TYPESCRIPTS = ['typescript-5.4', 'typescript-5.9', 'typescript-6', 'typescript-7'];
const TS_PROJECTS = ['browser-es2020', 'browser-es2022', 'node'];
/** What a published tarball may hold: the package's own files, nothing else. */
const PUBLISHED = /^(index|node|commerce_kit)\.(js|d\.ts)$|^commerce_kit_bg\.wasm(\.d\.ts)?$|^snippets\/[\w-]+\/src\/wasm\/\w+\.js$|^(README|CHANGELOG)\.md$|^LICENSE-(MIT|APACHE)$|^package\.json$|^provenance\.json$/;

const results = [];
const began = Date.now();
async function step(name, body) {
  if (only.length && name !== 'install' && !only.includes(name.split(':')[0])) return;
  const started = Date.now();
  try {
    const note = await body();
    results.push({ name, ok: true, ms: Date.now() - started, note });
    console.log(`ok   ${name} (${Date.now() - started} ms)${note ? `: ${note}` : ''}`);
  } catch (error) {
    results.push({ name, ok: false, ms: Date.now() - started, note: error.message });
    console.log(`FAIL ${name} (${Date.now() - started} ms)\n${String(error.stack || error).replace(/^/gm, '     ')}`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function until(condition, what, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await sleep(100);
  }
}

/** A child process whose output is kept for failure messages; stopped at exit. */
const children = [];
function start(command, args, options) {
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  child.output = '';
  child.stdout.on('data', (d) => (child.output += d));
  child.stderr.on('data', (d) => (child.output += d));
  children.push(child);
  return child;
}
const reachable = (url) => fetch(url).then((r) => r.status > 0, () => false);

// ---------------------------------------------------------------------------------
assert.ok(fs.existsSync(path.join(pkg, 'package.json')), 'pkg/ is missing: run make pkg');
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'commerce-kit-packaging-'));
process.on('exit', () => {
  for (const child of children) child.kill();
  fs.rmSync(scratch, { recursive: true, force: true });
});

const packed = JSON.parse((await run('npm', ['pack', pkg, '--json', '--pack-destination', scratch], { cwd: scratch })).stdout)[0];
const tarball = path.join(scratch, packed.filename);
console.log(`packed ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB`);

// Each project is copied into the scratch folder, whose node_modules is this folder's
// (the tools: vite, typescript, @types/node), so nothing above it can lend a
// `commerce-kit` the tarball lacks (tests/node_modules links pkg/). Each installs the
// tarball itself, as a user would, offline when the shared npm cache has it.
const projects = ['node', 'vite', 'plain', 'worker', 'ts'];
const project = (name) => path.join(scratch, name);
fs.symlinkSync(path.join(here, 'node_modules'), path.join(scratch, 'node_modules'), 'dir');
await step('install', async () => {
  await Promise.all(
    projects.map(async (name) => {
      fs.cpSync(path.join(here, name), project(name), { recursive: true, filter: (source) => !/[\\/](node_modules|dist)$/.test(source) });
      if (name !== 'ts') fs.copyFileSync(path.join(here, 'scenario.js'), path.join(project(name), 'scenario.js'));
      await run('npm', ['install', '--no-save', '--no-package-lock', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project(name) });
      const installed = path.join(project(name), 'node_modules', 'commerce-kit');
      assert.ok(fs.existsSync(path.join(installed, 'commerce_kit_bg.wasm')) && !fs.lstatSync(installed).isSymbolicLink(), `${name}: not installed from the tarball`);
    }),
  );
  return projects.join(', ');
});

await step('publish', async () => {
  // On a copy with a prerelease version of its own: a dry run still refuses a version
  // the registry already has, and the file list is what is checked here.
  const copy = path.join(scratch, 'publish');
  fs.cpSync(pkg, copy, { recursive: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(copy, 'package.json'), 'utf8'));
  fs.writeFileSync(path.join(copy, 'package.json'), JSON.stringify({ ...manifest, version: `${manifest.version}-publish-check.${Date.now()}` }));
  // A dry run still asks the registry; offline, the same file list comes from npm pack.
  let stdout;
  let via = 'npm publish --dry-run';
  try {
    ({ stdout } = await run('npm', ['publish', '--dry-run', '--json', '--ignore-scripts', '--tag', 'publish-check', '--fetch-retries=0', '--fetch-timeout=15000'], { cwd: copy, timeout: 60_000 }));
  } catch (error) {
    if (!(error.killed || /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ECONNRESET|network/i.test(error.stderr ?? ''))) throw error;
    ({ stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: copy }));
    via = 'npm pack --dry-run (the registry did not answer)';
  }
  const report = JSON.parse(stdout.slice(stdout.search(/[[{]/)));
  const entry = Array.isArray(report) ? report[0] : report;
  const files = (entry.files ?? entry[Object.keys(entry)[0]]?.files ?? []).map((f) => f.path);
  assert.ok(files.length > 0, `no file list in: ${stdout.slice(0, 400)}`);
  const unexpected = files.filter((f) => !PUBLISHED.test(f));
  assert.deepEqual(unexpected, [], 'files that are not the package');
  for (const required of ['LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md', 'provenance.json', 'node.js', 'commerce_kit_bg.wasm']) assert.ok(files.includes(required), `${required} missing`);
  for (const field of ['repository', 'license', 'engines']) assert.ok(manifest[field], `package.json has no ${field}`);
  return `${via}: ${files.join(' ')}`;
});

// Two compilers at a time: each is mostly one busy core.
const checks = TYPESCRIPTS.flatMap((typescript) => TS_PROJECTS.map((config) => ({ typescript, config })));
await Promise.all(
  [0, 1].map(async () => {
    for (let check = checks.shift(); check; check = checks.shift()) {
      const { typescript, config } = check;
      await step(`ts:${typescript}:${config}`, async () => {
        const tsc = path.join(here, 'node_modules', typescript, 'bin', 'tsc');
        try {
          await run(process.execPath, [tsc, '-p', `tsconfig.${config}.json`], { cwd: project('ts') });
        } catch (error) {
          throw new Error(`tsc failed:\n${error.stdout}${error.stderr}`);
        }
      });
    }
  }),
);

// The README's ```ts blocks, each a module of its own, against the installed package.
await step('readme', async () => {
  const readme = fs.readFileSync(path.join(repo, 'pkg-template', 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```/gm)].map((m) => m[1]);
  assert.ok(blocks.length >= 5, `only ${blocks.length} ts blocks in the README`);
  // In the consumer project itself, so that a block importing the installed files by
  // path (`./node_modules/commerce-kit/index.js`, the no-bundler example) resolves.
  const dir = project('ts');
  const files = blocks.map((code, i) => {
    const file = `readme-block-${String(i + 1).padStart(2, '0')}.ts`;
    fs.writeFileSync(path.join(dir, file), `${code}\nexport {};\n`);
    return file;
  });
  fs.writeFileSync(
    path.join(dir, 'tsconfig.readme.json'),
    JSON.stringify({ extends: './tsconfig.base.json', compilerOptions: { target: 'es2022', module: 'esnext', moduleResolution: 'bundler', types: ['node'], noUnusedLocals: false }, files }, null, 2),
  );
  try {
    await run(process.execPath, [path.join(here, 'node_modules', 'typescript-5.9', 'bin', 'tsc'), '-p', 'tsconfig.readme.json'], { cwd: project('ts') });
  } catch (error) {
    throw new Error(`a README block does not compile:\n${error.stdout}${error.stderr}`);
  }
  return `${blocks.length} blocks`;
});

// ---------------------------------------------------------------------------------
// The proxy (embedded mock) serves the built pages itself, under its own CSP.
const needsProxy = !only.length || only.some((s) => ['node', 'browser'].includes(s));
let proxyUrl;
let vitePort;
if (needsProxy) {
  const staticDir = path.join(scratch, 'static');
  fs.mkdirSync(staticDir);
  await step('browser:vite-build', async () => {
    try {
      await run(path.join(bin, 'vite'), ['build', '--outDir', path.join(staticDir, 'vite'), '--emptyOutDir'], { cwd: project('vite') });
    } catch (error) {
      throw new Error(`vite build failed:\n${error.stdout}${error.stderr}`);
    }
    const assets = fs.readdirSync(path.join(staticDir, 'vite', 'assets'));
    assert.ok(assets.some((f) => f.endsWith('.wasm')), `no .wasm emitted: ${assets}`);
    return assets.join(' ');
  });
  for (const name of ['plain', 'worker']) {
    fs.cpSync(project(name), path.join(staticDir, name), { recursive: true, dereference: true });
  }
  vitePort = await freePort();
  const port = await freePort();
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COMMERCE_')));
  const proxy = start(proxyBin, ['serve', '--listen', `127.0.0.1:${port}`], { env: { ...env, COMMERCE_PROXY_STATIC_DIR: staticDir, RUST_LOG: 'warn' } });
  proxyUrl = `http://127.0.0.1:${port}`;
  await until(() => reachable(`${proxyUrl}/healthz`), `the proxy (${proxy.output})`);
}

await step('node', async () => {
  // Not the proxy: what a misconfigured baseUrl meets (a static host's 404 page).
  const notProxy = http.createServer((req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<!DOCTYPE html><title>Not Found</title>'));
  await new Promise((resolve) => notProxy.listen(0, '127.0.0.1', resolve));
  try {
    const env = { ...process.env, PROXY_URL: proxyUrl, NOT_PROXY_URL: `http://127.0.0.1:${notProxy.address().port}` };
    const { stdout } = await run(process.execPath, ['main.mjs'], { cwd: project('node'), env, timeout: WAIT_MS });
    const result = JSON.parse(stdout.trim().split('\n').pop());
    assert.deepEqual(result.beforeInit && [result.beforeInit.isCommerceKitError, result.beforeInit.code], [true, 'not_initialised'], stdout);
    assertScenario('node', result.scenario);
    assert.deepEqual(result.forwarded, { calls: ['POST /auth/login'], me: 'viewer' }, stdout);
    assert.equal(result.afterLogout, null, 'the forwarded session still works after logout');
    assert.deepEqual([result.notProxy?.isCommerceKitError, result.notProxy?.code, result.notProxy?.status], [true, 'not_proxy', 404], stdout);
    assert.match(result.notProxy.message, /baseUrl/);
    assert.deepEqual(result.badHeaders, { code: 'invalid_request', fields: ['headers.cookie'] }, stdout);
    assert.deepEqual(result.noBaseUrl, { code: 'invalid_request', fields: ['baseUrl'] }, stdout);
    return JSON.stringify(result.scenario);
  } catch (error) {
    throw new Error(`${error.message}${error.stderr ? `\n${error.stderr}` : ''}`);
  } finally {
    notProxy.close();
  }
});

function assertScenario(where, result) {
  assert.ok(result && typeof result === 'object', `${where}: no result`);
  assert.equal(result.user, 'demo', `${where}: the session was not kept`);
  assert.ok(result.warehouses > 0, `${where}: no warehouses`);
  // The mock's pages hold 50: more than that means the iteration followed `next`.
  assert.ok(result.products > 50, `${where}: ${result.products} products, expected more than one page`);
  assert.deepEqual(result.refusal, { isCommerceKitError: true, code: 'invalid_request', fields: ['from_supplier_id'] }, `${where}: ${JSON.stringify(result.refusal)}`);
}

if (needsProxy && (!only.length || only.includes('browser'))) {
  const { chromium } = await import('playwright-core');
  const vite = start(path.join(bin, 'vite'), [], { cwd: project('vite'), env: { ...process.env, PROXY_URL: proxyUrl, VITE_PORT: String(vitePort) } });
  const viteUrl = `http://127.0.0.1:${vitePort}`;
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  const pages = {
    'browser:vite-build': `${proxyUrl}/vite/index.html`,
    'browser:vite-dev': `${viteUrl}/`,
    'browser:plain': `${proxyUrl}/plain/index.html`,
    'browser:worker': `${proxyUrl}/worker/index.html`,
  };
  for (const [name, url] of Object.entries(pages)) {
    await step(name === 'browser:vite-build' ? 'browser:vite-build-page' : name, async () => {
      if (name === 'browser:vite-dev') await until(() => reachable(viteUrl), `the Vite dev server (${vite.output})`);
      const context = await browser.newContext();
      const page = await context.newPage();
      const problems = [];
      page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
      page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
      page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()} ${r.request().method()} ${r.url()}`));
      const wasm = [];
      // The context's requests include a Worker's.
      context.on('requestfinished', (r) => r.url().endsWith('.wasm') && wasm.push(new URL(r.url()).pathname));
      try {
        await page.goto(url);
        await page.waitForFunction(() => document.getElementById('out')?.textContent !== 'loading', null, { timeout: WAIT_MS });
        const text = await page.textContent('#out');
        assert.ok(text.startsWith('{'), `${text}\n${problems.join('\n')}`);
        assertScenario(name, JSON.parse(text));
        assert.deepEqual(problems, []);
        return `wasm from ${wasm.join(', ') || '?'}: ${text}`;
      } finally {
        await context.close();
      }
    });
  }
  await browser.close();
}

const failed = results.filter((r) => !r.ok);
console.log(`\npackaging: ${results.length - failed.length}/${results.length} passed in ${((Date.now() - began) / 1000).toFixed(1)} s`);
process.exit(failed.length ? 1 : 0);
