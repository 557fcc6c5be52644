// The package from a plain <script type="module">, no bundler: pkg/ and a page served as
// static files by a tiny server on 127.0.0.1.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { repo, WAIT_MS } from './harness.mjs';

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.json': 'application/json', '.ts': 'text/plain' };
const roots = { '/pkg/': path.join(repo, 'pkg'), '/': path.join(repo, 'tests', 'e2e', 'plain-module') };
let server;
let browser;
let base;

before(async () => {
  assert.ok(fs.existsSync(path.join(repo, 'pkg', 'index.js')), 'pkg/ is missing: run make pkg');
  server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const [prefix, root] = Object.entries(roots).find(([p]) => url.pathname.startsWith(p));
    const file = path.normalize(path.join(root, url.pathname.slice(prefix.length) || 'index.html'));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
});

test('the package loads and validates from a plain module script', async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/index.html`);
  await page.waitForFunction(() => document.getElementById('out').textContent !== 'loading', null, { timeout: WAIT_MS });
  const text = await page.textContent('#out');
  const result = JSON.parse(text.startsWith('{') ? text : '{}');
  // Every operation of the catalogue (docs/endpoints.md is generated from it, one row each).
  const documented = fs.readFileSync(path.join(repo, 'docs', 'endpoints.md'), 'utf8').match(/^\| \w+ \| `[^`]+` \|/gm) ?? [];
  assert.ok(documented.length > 0, 'docs/endpoints.md lists no operation');
  assert.equal(result.operations, documented.length, text);
  assert.deepEqual(result.errors.slice(0, 2), ['$.items[0].warehouseId', '$.items[0].level'], text);
  assert.equal(result.rejected, 'invalid_request', text);
  assert.deepEqual(errors, []);
  await page.close();
});
