// As the README shows: the default export loads the wasm, no Vite settings needed.
import init, * as kit from 'commerce-kit';
import { scenario } from './scenario.js';

const out = document.getElementById('out');
try {
  await init();
  out.textContent = JSON.stringify(await scenario(kit));
} catch (error) {
  out.textContent = `failed: ${error?.code ?? ''} ${error?.stack ?? error}`;
}
