// Node ESM, no bundler: `import init from 'commerce-kit'` resolves the "node" entry.
// Prints one JSON line for run.mjs. PROXY_URL: a running proxy; NOT_PROXY_URL: a
// server that is not one.
import init, * as kit from 'commerce-kit';
import { scenario } from './scenario.js';

const result = {};
try {
  new kit.Client({ baseUrl: process.env.PROXY_URL });
} catch (error) {
  result.beforeInit = { isCommerceKitError: error instanceof kit.CommerceKitError, code: error.code, message: error.message };
}
await init();
result.scenario = await scenario(kit, { baseUrl: process.env.PROXY_URL });

// A server acting for a browser user: take the session cookie from the sign-in answer
// with a `fetch` wrapper, then forward it with the `headers` option.
let sessionCookie = null;
const calls = [];
const recording = new kit.Client({
  baseUrl: process.env.PROXY_URL,
  fetch: async (url, init) => {
    calls.push(`${init.method} ${new URL(url).pathname}`);
    const response = await fetch(url, init);
    sessionCookie ??= response.headers.getSetCookie().map((c) => c.split(';')[0]).find((c) => c.startsWith('commerce_session=')) ?? null;
    return response;
  },
});
await recording.login('viewer', 'viewer');
const forwarding = new kit.Client({ baseUrl: process.env.PROXY_URL, headers: { cookie: sessionCookie } });
result.forwarded = { calls: [...calls], me: (await forwarding.me())?.username ?? null };
await recording.logout();
result.afterLogout = (await forwarding.me())?.username ?? null;

try {
  await new kit.Client({ baseUrl: process.env.NOT_PROXY_URL }).s2.getInventoryOverview();
} catch (error) {
  result.notProxy = { isCommerceKitError: error instanceof kit.CommerceKitError, code: error.code, status: error.status, message: error.message };
}
try {
  new kit.Client({ baseUrl: process.env.PROXY_URL, headers: { cookie: 1 } });
} catch (error) {
  result.badHeaders = { code: error.code, fields: error.details.errors.map((e) => e.field) };
}
// No page to be relative to: a baseUrl is required.
try {
  new kit.Client();
} catch (error) {
  result.noBaseUrl = { code: error.code, fields: error.details.errors.map((e) => e.field) };
}
console.log(JSON.stringify(result));
