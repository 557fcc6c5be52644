// End to end: the proxy throttles sign-in after 5 failures a minute (per username and per
// client address), and the form says to wait. In a file of its own: its proxy (see
// harness.mjs) refuses every sign-in from 127.0.0.1 for a minute afterwards.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertClean, openPage, signInWithForm, USERS, useDashboard } from './harness.mjs';

const env = useDashboard();

test('dashboard: the sixth wrong password in a minute is throttled, and the form says to wait', { timeout: 60_000 }, async (t) => {
  await env.proxy.hasSignIn();
  const { page, problems, close, cspViolations } = await openPage(env, {
    allow: [
      { status: 401, path: '/auth/me' },
      { status: 401, path: '/auth/login' },
      { status: 429, path: '/auth/login' },
    ],
  });
  try {
    await page.goto(env.proxy.base + '/#/login', { waitUntil: 'load' });
    const error = page.locator('form[aria-label="Sign in"] .form-error');
    for (let i = 1; i <= 5; i++) {
      const answered = page.waitForResponse((r) => r.url().endsWith('/auth/login'));
      await signInWithForm(page, { username: USERS.operator.username, password: `wrong ${i}` });
      assert.equal((await answered).status(), 401, `attempt ${i}`);
      await error.waitFor();
      assert.equal(await error.getAttribute('data-code'), 'bad_credentials', `attempt ${i}`);
    }
    // Even the right password waits now.
    const answered = page.waitForResponse((r) => r.url().endsWith('/auth/login'));
    await signInWithForm(page, USERS.operator);
    assert.equal((await answered).status(), 429);
    await page.locator('form[aria-label="Sign in"] .form-error[data-code="throttled"]').waitFor();
    const text = (await error.textContent()) ?? '';
    assert.match(text, /Too many failed sign-ins/);
    assert.match(text, /Wait (\d+ seconds|a minute)/);
    assert.ok(new URL(page.url()).hash.startsWith('#/login'), 'still on the sign-in page');
    await assertClean(problems, cspViolations);
  } finally {
    await close();
  }
});
