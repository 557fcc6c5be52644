// Boot: load the WebAssembly module, create the one Client, start the router.

import './style.css';
import init from 'commerce-kit';
import { createClient, describeError, onDrift } from './api';
import { driftBanners } from './banners';
import { inventoryPage } from './pages/inventory';
import { startRouter, type Route } from './router';
import { errorView, replaceChildren } from './ui';

/** Every page: a nav link and a `#<path>` route each. The first is the default. */
const routes: Route[] = [inventoryPage];

function required(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no #${id}`);
  return node;
}

async function boot(): Promise<void> {
  const outlet = required('app');
  try {
    await init();
  } catch (e) {
    replaceChildren(outlet, [
      errorView({ ...describeError(e), code: 'wasm_init', title: 'Could not load commerce-kit (WebAssembly)' }),
    ]);
    return;
  }
  createClient();
  onDrift(driftBanners(required('banners')));
  startRouter({
    routes,
    outlet,
    nav: required('nav'),
    defaultPath: routes[0]?.path ?? '/',
    appTitle: 'commerce-kit',
  });
}

void boot();
