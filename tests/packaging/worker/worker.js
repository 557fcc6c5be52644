// A module Worker: fetch and the session cookie work as on the page.
import init, * as kit from './node_modules/commerce-kit/index.js';
import { scenario } from './scenario.js';

try {
  await init();
  postMessage(JSON.stringify(await scenario(kit)));
} catch (error) {
  postMessage(`failed: ${error?.code ?? ''} ${error?.stack ?? error}`);
}
