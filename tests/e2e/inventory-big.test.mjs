// End to end: the inventory page with a 10 MB overview (issue 13, item 4): the embedded
// mock serves a generated inventory (8 warehouses, ~4,000 products, ~32,000 levels).
// Measured and printed: the longest main-thread task after the overview arrived
// (PerformanceObserver 'longtask'; target under 200 ms) and the median frame time while
// the matrix scrolls (requestAnimationFrame deltas; target under 16 ms of work per frame,
// which rAF deltas show as the display's interval, 16.7 ms at 60 Hz: a median at that
// interval means no frame was dropped, a larger one that frames were). Asserted are
// only gross failures (a task over 2.5 s, frames over 200 ms at median; the page of the
// issue blocked for 6.4 s) since make test runs the e2e files at once and timings
// swing, and that the rows are virtualised (a few thousand DOM elements, not 287,000).

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage as open, until, USERS, useDashboard, waitForContent } from './harness.mjs';

const OVERVIEW = '/api/s2/inventory/overview';
const env = useDashboard({ mockInventoryBytes: 10_000_000 });

describe('inventory: 10 MB overview', () => {
  test('no long main-thread task after the data arrives; scrolling stays smooth', { timeout: 180_000 }, async () => {
    const { page, context, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      await context.addInitScript(() => {
        window.__longTasks = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) window.__longTasks.push({ start: entry.startTime, duration: entry.duration });
        }).observe({ type: 'longtask', buffered: true });
      });
      const response = page.waitForResponse((r) => r.url().endsWith(OVERVIEW), { timeout: 120_000 });
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      const bytes = (await (await response).body()).length;
      await waitForContent(page, 'table.stock-matrix tbody tr[aria-rowindex]', problems);
      await page.waitForTimeout(1_000); // let the chart and any follow-up work run

      const timing = await page.evaluate((overview) => {
        const entry = performance.getEntriesByType('resource').find((e) => e.name.endsWith(overview));
        const arrived = entry ? entry.responseEnd : 0;
        const after = window.__longTasks.filter((t) => t.start + t.duration >= arrived);
        return { arrived, longest: Math.max(0, ...after.map((t) => t.duration)), tasks: after.map((t) => Math.round(t.duration)) };
      }, OVERVIEW);
      const elements = await page.evaluate(() => document.querySelectorAll('*').length);
      const summary = (await page.locator('.summary').textContent())?.trim();

      // Scroll the matrix programmatically, one step per frame, and time the frames.
      const frames = await page.evaluate(async () => {
        const scroller = document.querySelector('.stock-by-sku .virtual-scroll');
        const deltas = [];
        let last = performance.now();
        for (let i = 0; i < 150; i++) {
          scroller.scrollTop += 240;
          await new Promise((resolve) => requestAnimationFrame(resolve));
          const now = performance.now();
          deltas.push(now - last);
          last = now;
        }
        deltas.sort((a, b) => a - b);
        return { median: deltas[Math.floor(deltas.length / 2)], p95: deltas[Math.floor(deltas.length * 0.95)], top: scroller.scrollTop };
      });
      // The header stays in view while the body scrolls.
      const sticky = await page.evaluate(() => {
        const scroller = document.querySelector('.stock-by-sku .virtual-scroll');
        const th = scroller.querySelector('thead th');
        return Math.abs(th.getBoundingClientRect().top - scroller.getBoundingClientRect().top);
      });

      console.log(
        `inventory 10 MB: ${(bytes / 1e6).toFixed(1)} MB, ${summary}; longest main-thread task after the data arrived: ` +
          `${Math.round(timing.longest)} ms (target < 200; tasks ≥ 50 ms after arrival: ${JSON.stringify(timing.tasks)}); ` +
          `scrolling: median frame ${frames.median.toFixed(1)} ms, p95 ${frames.p95.toFixed(1)} ms (target: the 60 Hz interval, 16.7, i.e. no frame dropped at median); ` +
          `${elements} DOM elements`,
      );
      assert.ok(bytes > 9_000_000, `the mock served ${bytes} bytes`);
      assert.match(summary, /^8 warehouses · \d,\d{3} products · \d{2},\d{3} inventory levels$/, 'counts with digit grouping');
      assert.ok(frames.top > 10_000, 'the matrix scrolled');
      assert.ok(sticky < 2, `the header moved ${sticky} px away from the top of its scroll box`);
      assert.ok(elements < 10_000, `${elements} DOM elements: rows are not virtualised`);
      assert.ok(timing.longest < 2_500, `a ${Math.round(timing.longest)} ms task after the data arrived`);
      assert.ok(frames.median < 200, `median frame ${frames.median} ms while scrolling`);

      // Searching 4,000 SKUs answers within the debounce and a frame or two.
      await page.getByLabel('Search SKU or name').fill('SKU-000042');
      await until(
        async () => (await page.$$eval('table.stock-matrix tbody tr[aria-rowindex]', (trs) => trs.length)) === 1,
        'the search to leave one SKU',
      );
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('a slow download shows a progress bar of the bytes so far, and Cancel stops it', { timeout: 180_000 }, async () => {
    const { page, context, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      // About 1 MB/s: the 10 MB overview takes long enough to watch and to cancel.
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 20, downloadThroughput: 1_000_000, uploadThroughput: -1 });
      await page.goto(env.proxy.base + '/#/inventory', { waitUntil: 'load' });
      const text = page.locator('.download-progress .download-text');
      await text.waitFor({ timeout: 60_000 });
      const received = async () => Number.parseFloat(((await text.textContent()) ?? '').replace(/,/g, ''));
      const first = await received();
      await until(async () => (await received()) > first, 'the received count to grow', 30_000);
      assert.match((await text.textContent()) ?? '', /^[\d.,]+ MB( of [\d.,]+ MB)? received$/);
      const bar = page.locator('progress.download-bar');
      assert.equal(await bar.getAttribute('aria-label'), 'Inventory download');
      const aborted = page.waitForEvent('requestfailed', { predicate: (r) => r.url().endsWith(OVERVIEW), timeout: 30_000 });
      await page.getByRole('button', { name: 'Cancel' }).click();
      assert.match((await aborted).failure()?.errorText ?? '', /abort/i);
      await page.getByText('Loading was cancelled.').waitFor();
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});
