import init, * as kit from './node_modules/commerce-kit/index.js';
import { scenario } from './scenario.js';

const out = document.getElementById('out');
try {
  await init();
  out.textContent = JSON.stringify(await scenario(kit));
} catch (error) {
  out.textContent = `failed: ${error?.code ?? ''} ${error?.stack ?? error}`;
}
