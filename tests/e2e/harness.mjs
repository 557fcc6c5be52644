// Shared end-to-end setup: the real proxy binary (embedded mock, www/dist as its static
// dir) on a free 127.0.0.1 port, headless Chromium through playwright-core, pages that
// may only talk to 127.0.0.1 and that record every console error, uncaught exception,
// CSP violation and failed same-origin response, and signing in.
//
// COMMERCE_PROXY_BIN overrides the proxy binary (default <repo>/target/debug/commerce-proxy),
// CHROMIUM_PATH the browser (default /usr/bin/chromium). Every wait is bounded.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const proxyBin = process.env.COMMERCE_PROXY_BIN || path.join(repo, 'target', 'debug', 'commerce-proxy');
const staticDir = path.join(repo, 'www', 'dist');
const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const WAIT_MS = 15_000;

/** The demo users the proxy creates when it serves the embedded mock. */
export const USERS = {
  operator: { username: 'demo', password: 'demo' },
  viewer: { username: 'viewer', password: 'viewer' },
};

/** A timer for races that does not keep the process alive once the test is done. */
export const timer = (ms) => sleep(ms, undefined, { ref: false });

/** Polls `condition` every 50 ms for at most `ms`; fails with `what` if it never holds. */
export async function until(condition, what, ms = WAIT_MS) {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await timer(50);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The proxy process, its output (for failure messages) and its base URL. */
export class Proxy {
  constructor(child, base) {
    this.child = child;
    this.base = base;
    this.output = '';
    this.exited = null;
    child.stdout.on('data', (d) => (this.output += d));
    child.stderr.on('data', (d) => (this.output += d));
    this.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve((this.exited = { code, signal }))));
  }

  /**
   * `mockControls`: the embedded mock's fault switches on (see `setMockFaults`).
   * `mockInventoryBytes`: the mock serves a generated S2 inventory of about that size.
   */
  static async start({ mockControls = false, mockInventoryBytes = null } = {}) {
    // Never let a developer's real vendor credentials reach the test proxy: mock only.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COMMERCE_')));
    env.COMMERCE_PROXY_STATIC_DIR = staticDir;
    if (mockControls) env.COMMERCE_PROXY_MOCK_CONTROLS = '1';
    if (mockInventoryBytes) env.COMMERCE_PROXY_MOCK_INVENTORY_BYTES = String(mockInventoryBytes);
    env.RUST_LOG = env.RUST_LOG || 'warn';
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const child = spawn(proxyBin, ['serve', '--listen', `127.0.0.1:${port}`], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const proxy = new Proxy(child, `http://127.0.0.1:${port}`);
      child.on('error', (e) => (proxy.output += `spawn error: ${e.message}\n`));
      if (await proxy.waitHealthy(10_000)) return proxy;
      last = proxy.output;
      await proxy.stop();
      if (!/address already in use|AddrInUse/i.test(last)) break; // only a lost port race is worth a retry
    }
    throw new Error(`commerce-proxy did not answer /healthz within 10 s. Its output:\n${last}`);
  }

  /**
   * Sets the embedded mock's fault switches (mock/src/faults.rs), e.g.
   * `{ corrupt_record: 'stock2shop.list_channels' }`; `{}` clears them. Needs a proxy
   * started with `mockControls`: its log names the mock's address.
   */
  async setMockFaults(faults) {
    const plain = this.output.replace(/\x1b\[[0-9;]*m/g, '');
    const addr = /embedded mock listening, with its \/__mock fault controls.*?addr=(127\.0\.0\.1:\d+)/.exec(plain)?.[1];
    assert.ok(addr, `the proxy's log names no mock with controls:\n${this.output}`);
    const res = await fetch(`http://${addr}/__mock/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(faults),
      signal: AbortSignal.timeout(5_000),
    });
    assert.equal(res.status, 200, await res.text());
  }

  /** Polls /healthz until it answers `ok`, the process exits, or `ms` pass. */
  async waitHealthy(ms) {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline && !this.exited) {
      try {
        const res = await fetch(`${this.base}/healthz`, { signal: AbortSignal.timeout(1_000) });
        if (res.ok && (await res.text()).trim() === 'ok') return true;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    return false;
  }

  async stop() {
    if (this.exited || this.child.exitCode !== null) return;
    this.child.kill('SIGTERM');
    const stopped = await Promise.race([this.exit.then(() => true), timer(5_000).then(() => false)]);
    if (!stopped) {
      this.child.kill('SIGKILL');
      await Promise.race([this.exit, timer(2_000)]);
    }
  }

  /**
   * Checks once that the proxy has sign-in (/auth/me answers JSON, 401 signed out) and
   * fails the test otherwise: every test signs in, none is skipped for its absence.
   */
  async hasSignIn() {
    if (this.signIn === undefined) {
      const res = await fetch(`${this.base}/auth/me`, { signal: AbortSignal.timeout(5_000) });
      const type = res.headers.get('content-type') ?? '';
      await res.arrayBuffer();
      this.signIn = res.status === 401 && type.includes('json');
      assert.ok(this.signIn, `the proxy has no sign-in: GET /auth/me answered ${res.status} ${type}`);
    }
    return true;
  }

  /** Signs in outside any browser; returns the Cookie header value. */
  async sessionCookie({ username, password }) {
    const res = await fetch(`${this.base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-commerce-kit': '1' },
      body: JSON.stringify({ username, password }),
      signal: AbortSignal.timeout(10_000),
    });
    assert.equal(res.status, 200, `POST /auth/login as ${username} answered ${res.status}: ${await res.text()}`);
    const cookie = res.headers.get('set-cookie') ?? '';
    return cookie.split(';')[0];
  }

  /** GET `route` through the proxy (signed in as the demo operator when there is sign-in), as JSON. */
  async getJson(route) {
    const headers = { 'x-commerce-kit': '1' };
    if (await this.hasSignIn()) headers.cookie = await this.sessionCookie(USERS.operator);
    const res = await fetch(this.base + route, { headers, signal: AbortSignal.timeout(10_000) });
    assert.equal(res.status, 200, `GET ${route} answered ${res.status}`);
    return res.json();
  }
}

/**
 * Starts the proxy and the browser before the file's tests and stops both after them.
 * Returns an object whose `proxy` and `browser` are set once `before` ran.
 */
export function useDashboard({ mockControls = false, mockInventoryBytes = null } = {}) {
  const env = { proxy: null, browser: null };
  before(async () => {
    if (!fs.existsSync(proxyBin)) {
      throw new Error(`proxy binary not found at ${proxyBin}: run \`cargo build -p commerce-proxy\` or set COMMERCE_PROXY_BIN`);
    }
    if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
      throw new Error(`${path.join(staticDir, 'index.html')} is missing: run npm --prefix www run build`);
    }
    if (!fs.existsSync(chromiumPath)) {
      throw new Error(`Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH`);
    }
    env.proxy = await Proxy.start({ mockControls, mockInventoryBytes });
    env.browser = await chromium.launch({
      executablePath: chromiumPath,
      timeout: 30_000,
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
  });
  after(async () => {
    await env.browser?.close().catch(() => {});
    await env.proxy?.stop();
  });
  return env;
}

/**
 * A fresh browser context and page that may only talk to 127.0.0.1, with every console
 * error, uncaught exception, CSP violation and failed same-origin response recorded in
 * `problems`, except the responses `allow` expects: `[{ status: 401, path: '/auth/me' }]`.
 * With `user` ({username, password}) and a proxy that has sign-in, the context is
 * signed in before the page opens. `timezoneId` ('America/Toronto') sets the browser's
 * time zone (default: the machine's).
 */
export async function openPage(env, { user = null, allow = [], timezoneId = undefined } = {}) {
  const { proxy, browser } = env;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block', timezoneId });
  context.setDefaultTimeout(WAIT_MS);
  context.setDefaultNavigationTimeout(WAIT_MS);
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    return url.hostname === '127.0.0.1' ? route.fallback() : route.abort('blockedbyclient');
  });
  // Runs before the page's own scripts (and is not subject to its CSP).
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  if (user && (await proxy.hasSignIn())) {
    const res = await context.request.post(`${proxy.base}/auth/login`, {
      data: { username: user.username, password: user.password },
      headers: { 'x-commerce-kit': '1' },
      timeout: WAIT_MS,
    });
    assert.equal(res.status(), 200, `signing in as ${user.username} answered ${res.status()}: ${await res.text()}`);
  }
  const allowed = (status, url) => {
    if (!url.startsWith(proxy.base)) return false;
    const at = new URL(url).pathname;
    return allow.some((a) => a.status === status && at === a.path);
  };
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    // Chromium logs every 4xx/5xx fetch as a console error, with the resource's URL.
    const failed = /the server responded with a status of (\d+)/.exec(m.text());
    if (failed && allowed(Number(failed[1]), m.location()?.url ?? '')) return;
    problems.push(`console error: ${m.text()} (${m.location()?.url ?? ''})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().startsWith(proxy.base) && !allowed(r.status(), r.url())) {
      problems.push(`HTTP ${r.status()} for ${r.url()}`);
    }
  });
  const close = () => context.close().catch(() => {});
  const cspViolations = () => page.evaluate(() => window.__cspViolations ?? []);
  return { page, context, problems, close, cspViolations };
}

/** No CSP violations and no recorded problems. */
export async function assertClean(problems, cspViolations) {
  const csp = await cspViolations();
  assert.deepEqual(csp, [], `CSP violations:\n${csp.join('\n')}`);
  assert.deepEqual(problems, [], `the page reported problems:\n${problems.join('\n')}`);
}

/**
 * Waits for `selector`; if the page shows an error view (`.error`) first, fails with its
 * text and the recorded problems.
 */
export async function waitForContent(page, selector, problems) {
  const shown = await page.waitForSelector(`${selector}, .error`);
  if (await shown.evaluate((n) => n.classList.contains('error'))) {
    const text = (await shown.textContent())?.trim();
    throw new Error(`the dashboard shows an error instead of ${selector}: ${text}\n${problems.join('\n')}`);
  }
  return shown;
}

/** Fills and submits the sign-in form of the page at #/login. */
export async function signInWithForm(page, { username, password }) {
  const form = page.locator('form[aria-label="Sign in"]');
  await form.getByLabel('Username').fill(username);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}
