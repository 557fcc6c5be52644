// End to end, issue 15 item 2, the dashboard layer: every fault switch of the embedded
// mock (mock/src/faults.rs), scoped to one operation, through one read (S2 Partner
// warehouses) and one write (an S2 Partner fulfillment created by the operator). For each:
// what the dashboard shows, within a bound: the data, the partial list, or the error panel
// naming who failed in words, with the request id whenever an answer came. The proxy and
// package layers of the same matrix are proxy/tests/fault_matrix.rs. Prints the matrix.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard({ mockControls: true });

/** Every outcome must show within this; the slowest is a read retried thrice (~1.5 s of backoff). */
const BOUND_MS = 12_000;

const READ = {
  route: '/warehouses',
  path: '/api/s2_partner/warehouse',
  operation: 's2_partner.list_warehouses',
  rows: 'table.warehouses tbody tr:not(.virtual-spacer)',
};
const WRITE = { route: '/fulfillments', path: '/api/s2_partner/fulfillment', operation: 's2_partner.create_fulfillment' };

// `read` and `write`: what the dashboard must show. `data` (rows, or the created link),
// `partial` (rows and "1 record could not be read"), or `error <party>` with the panel.
// `null`: not run (see the note of the row).
const ROWS = [
  { name: 'none', faults: {}, read: 'data', write: 'data' },
  { name: 'delay_ms 300', faults: { delay_ms: 300 }, read: 'data', write: 'data' },
  { name: '429 Retry-After 1', faults: { status: 429, retry_after: 1 }, read: 'error vendor', write: 'error vendor' },
  { name: '500', faults: { status: 500 }, read: 'error vendor', write: 'error vendor' },
  { name: '502', faults: { status: 502 }, read: 'error vendor', write: 'error vendor' },
  { name: '503', faults: { status: 503 }, read: 'error vendor', write: 'error vendor' },
  { name: '504', faults: { status: 504 }, read: 'error vendor', write: 'error vendor' },
  // Once: the proxy retries the read and the second attempt is served.
  { name: '503 once (retried)', faults: { status: 503, times: 1 }, read: 'data', write: null },
  { name: 'reset', faults: { reset: true }, read: 'error vendor', write: 'error vendor' },
  { name: 'truncate', faults: { truncate: true }, read: 'error vendor', write: 'error vendor' },
  { name: 'content_type text/html', faults: { content_type: 'text/html' }, read: 'data', write: 'data' },
  { name: 'html (200 page)', faults: { html: true, status: 200 }, read: 'error vendor', write: 'error vendor' },
  // 2 ms a byte: a warehouse list of ~1 kB takes a few seconds, far inside the client's timeout.
  { name: 'trickle_ms 2', faults: { trickle_ms: 2 }, read: 'data', write: 'data' },
  { name: 'invalid_json', faults: { invalid_json: true }, read: 'error vendor', write: 'error vendor' },
  { name: 'wrong_type', faults: { wrong_type: true }, read: 'partial', write: 'error vendor' },
  { name: 'lose_answer', faults: { lose_answer: true }, read: 'error vendor', write: 'error vendor' },
];

/** Failed answers the faults cause on purpose (Chromium logs each as a console error). */
const allow = [429, 500, 502, 503, 504].flatMap((status) => [READ.path, WRITE.path].map((path) => ({ status, path })));

/** "who failed" in words must name one of these. */
const WHO = { vendor: /^Who failed: The vendor, S2 Partner\.$/, proxy: /^Who failed: The commerce-kit proxy/, us: /^Who failed: This page/ };

const matrix = [];

/**
 * Reads the error `panel`, checks it names who failed in words and shows the
 * request id of the last answer to `path` when one came; returns the matrix cell.
 */
async function readPanel(panel, answers, path) {
  const party = await panel.getAttribute('data-party');
  const who = ((await panel.locator('.error-who').textContent()) ?? '').trim();
  const title = ((await panel.locator('.error-title').textContent()) ?? '').trim();
  assert.ok(WHO[party], `party ${party}`);
  assert.match(who, WHO[party], `who failed, in words (${title})`);
  const requestId = (await panel.locator('.request-id').count()) ? await panel.locator('.request-id').textContent() : null;
  const answered = answers.filter((a) => a.path === path && a.requestId).at(-1)?.requestId ?? null;
  if (answered) assert.equal(requestId, answered, `the panel shows the request id of the answer that came (${title})`);
  return { outcome: `error ${party}`, shown: `${title}${requestId ? ' [id]' : ' [no id]'}` };
}

/** Notes every answer to /api/ (its path and X-Request-Id), for the panel's check. */
function recordAnswers(page) {
  const answers = [];
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) answers.push({ path: url.pathname, status: r.status(), requestId: r.headers()['x-request-id'] ?? null });
  });
  return answers;
}

async function runRead(row) {
  const { page, problems, close, cspViolations } = await openPage(env, { user: USERS.operator, allow });
  const answers = recordAnswers(page);
  const started = Date.now();
  try {
    await env.proxy.setMockFaults({ ...row.faults, operations: [READ.operation] });
    await page.goto(`${env.proxy.base}/#${READ.route}`, { waitUntil: 'load' });
    const shown = await page.waitForSelector(`${READ.rows}, .list .error`, { timeout: BOUND_MS });
    let cell;
    if (await shown.evaluate((n) => n.classList.contains('error'))) {
      cell = await readPanel(page.locator('.list .error'), answers, READ.path);
    } else {
      const rows = await page.locator(READ.rows).count();
      const partial = await page.locator('details.rejected').count();
      if (partial) assert.equal((await page.locator('details.rejected summary').textContent())?.trim(), '1 record could not be read (the rest of the list is shown)');
      cell = { outcome: partial ? 'partial' : 'data', shown: `${rows} rows${partial ? ' + 1 unreadable' : ''}` };
    }
    await assertClean(problems, cspViolations);
    return { ...cell, ms: Date.now() - started };
  } finally {
    await env.proxy.setMockFaults({});
    await close();
  }
}

async function runWrite(row) {
  const { page, problems, close, cspViolations } = await openPage(env, { user: USERS.operator, allow });
  const answers = recordAnswers(page);
  try {
    await page.goto(`${env.proxy.base}/#${WRITE.route}`, { waitUntil: 'load' });
    await waitForContent(page, 'table.fulfillments tbody tr', problems);
    await page.locator('details.create-panel > summary').click();
    const form = page.locator('form[aria-label="New fulfillment"]');
    await form.getByLabel('Name', { exact: true }).fill('Ada Lovelace');
    await form.getByLabel('Address line 1').fill('12 Analytical Row');
    await form.getByLabel('City', { exact: true }).fill('Melbourne');
    await form.getByLabel('Country', { exact: true }).fill('AU');
    await form.getByLabel('Warehouse', { exact: true }).fill('system_73');
    await form.getByLabel('SKU', { exact: true }).fill('SKU-GREY');
    await form.getByLabel('Quantity', { exact: true }).fill('1');
    await env.proxy.setMockFaults({ ...row.faults, operations: [WRITE.operation] });
    const started = Date.now();
    await form.getByRole('button', { name: 'Create fulfillment' }).click();
    const shown = await page.waitForSelector('form[aria-label="New fulfillment"] :is(.success a.created-id, .error)', { timeout: BOUND_MS });
    let cell;
    if (await shown.evaluate((n) => n.classList.contains('error'))) {
      cell = await readPanel(form.locator('.error'), answers, WRITE.path);
    } else {
      cell = { outcome: 'data', shown: `created ${(await shown.textContent())?.trim()}` };
    }
    await assertClean(problems, cspViolations);
    return { ...cell, ms: Date.now() - started };
  } finally {
    await env.proxy.setMockFaults({});
    await close();
  }
}

describe('dashboard: each fault, a read and a write', () => {
  for (const row of ROWS) {
    const line = { fault: row.name, read: '—', write: '—' };
    matrix.push(line);
    test(`${row.name}: read shows ${row.read}`, { timeout: 30_000 }, async () => {
      const got = await runRead(row).catch((e) => {
        line.read = `FAILED: ${e.message.split('\n')[0]}`;
        throw e;
      });
      line.read = `${got.outcome}: ${got.shown} (${got.ms} ms)`;
      assert.equal(got.outcome, row.read);
    });
    if (row.write) {
      test(`${row.name}: write shows ${row.write}`, { timeout: 30_000 }, async () => {
        const got = await runWrite(row).catch((e) => {
          line.write = `FAILED: ${e.message.split('\n')[0]}`;
          throw e;
        });
        line.write = `${got.outcome}: ${got.shown} (${got.ms} ms)`;
        assert.equal(got.outcome, row.write);
      });
    }
  }
});

after(() => {
  const width = (key) => Math.max(key.length, ...matrix.map((m) => m[key].length));
  const [f, r] = [width('fault'), width('read')];
  const lines = [`${'fault'.padEnd(f)} | ${'read (S2 Partner warehouses)'.padEnd(r)} | write (S2 Partner fulfillment)`];
  for (const m of matrix) lines.push(`${m.fault.padEnd(f)} | ${m.read.padEnd(r)} | ${m.write}`);
  console.log(`\nFault matrix, dashboard layer:\n${lines.join('\n')}`);
});
