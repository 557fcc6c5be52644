// End to end: a list read whole, page after page (fulfillments), shows how far it has
// come (pages and records so far) and can be cancelled (issue 13, item 4). The vendor's
// second page is held back so that the state between pages can be seen.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage as open, until, USERS, useDashboard, waitForContent } from './harness.mjs';

const env = useDashboard();

/** Holds every fulfillment page after the first until `release()`; counts the pages asked for. */
async function holdLaterPages(page) {
  let release;
  const released = new Promise((resolve) => (release = resolve));
  const asked = { pages: 0 };
  await page.route('**/api/s2_partner/fulfillment*', async (route) => {
    asked.pages += 1;
    if (route.request().url().includes('next_token')) await released;
    await route.fallback();
  });
  return { release, asked };
}

describe('dashboard: loading a whole list', () => {
  test('shows pages and records so far, then the list', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      const held = await holdLaterPages(page);
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      const progress = page.locator('.load-progress');
      await until(async () => (await progress.isVisible()) && /1 page · 50 records so far/.test((await progress.textContent()) ?? ''), 'the progress after the first page');
      assert.equal(await page.locator('.load-progress progress').getAttribute('aria-label'), 'Pages loaded');
      assert.ok(await page.locator('button.cancel-load').isVisible(), 'a Cancel button while loading');
      held.release();
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      assert.equal(await page.locator('.load-progress').count(), 0, 'the progress goes once the list is shown');
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });

  test('Cancel stops reading pages and offers to load again', { timeout: 60_000 }, async () => {
    const { page, problems, close, cspViolations } = await open(env, { user: USERS.operator });
    try {
      const held = await holdLaterPages(page);
      await page.goto(`${env.proxy.base}/#/fulfillments`, { waitUntil: 'load' });
      await until(() => page.locator('.load-progress').isVisible(), 'the progress after the first page');
      await page.locator('button.cancel-load').click();
      await page.locator('.cancelled').getByText('Loading was cancelled.').waitFor();
      const asked = held.asked.pages;
      held.release();
      // Nothing more is asked for once cancelled.
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.equal(held.asked.pages, asked, 'no page is asked for after Cancel');
      await page.unroute('**/api/s2_partner/fulfillment*');
      await page.locator('.cancelled').getByRole('button', { name: 'Load again' }).click();
      await waitForContent(page, 'table.fulfillments tbody tr', problems);
      await assertClean(problems, cspViolations);
    } finally {
      await close();
    }
  });
});
