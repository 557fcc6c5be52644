// Imports the package's entry file directly, as a <script type="module"> user would.
import init, { Client, CommerceKitError, endpoints, validateResponse } from '/pkg/index.js';

const out = document.getElementById('out');
try {
  await init();
  const report = validateResponse('s2.get_inventory_overview', new TextEncoder().encode('{"warehouses": [], "products": [], "items": [{}]}'));
  let rejected = null;
  try {
    new Client({ baseUrl: 42 });
  } catch (e) {
    rejected = e instanceof CommerceKitError ? e.code : `not a CommerceKitError: ${e}`;
  }
  out.textContent = JSON.stringify({ operations: endpoints().length, errors: report.errors.map((e) => e.path), rejected });
} catch (e) {
  out.textContent = `failed: ${e && e.stack ? e.stack : e}`;
}
