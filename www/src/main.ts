// Boot: load the WebAssembly module, create the one Client, ask who is signed in,
// start the router.

import './style.css';
import init from 'commerce-kit';
import { accountArea } from './account';
import { createClient, describeError, onDrift } from './api';
import { driftBanners } from './banners';
import { fulfillmentOrderPage } from './pages/fulfillment-order';
import { fulfillmentsPage } from './pages/fulfillments';
import { inventoryPage } from './pages/inventory';
import { loginPage } from './pages/login';
import { purchaseOrdersPage } from './pages/purchase-orders';
import { recordRoutes } from './pages/records';
import { sellersCategoriesPage, sellersProductsPage, sellersShoppersPage } from './pages/sellers-lists';
import { sellersOrdersPage } from './pages/sellers-orders';
import { stock2shopChannelsPage, stock2shopSourcesPage } from './pages/stock2shop-lists';
import { stock2shopOrdersPage } from './pages/stock2shop-orders';
import { stock2shopProductsPage } from './pages/stock2shop-products';
import { suppliersPage } from './pages/suppliers';
import { supplyPage } from './pages/supply';
import { warehousesPage } from './pages/warehouses';
import { currentTarget, startRouter, type NavGroup, type Route } from './router';
import { focusableScrollRegions, menuButton, navArrowKeys, skipLink } from './shell';
import { initSession, LOGIN_PATH, loginTarget, onSessionChange, signInRequired } from './session';
import { errorView, loadingView, replaceChildren } from './ui';

/** The nav: one menu per vendor. The first page is the default. */
const navGroups: NavGroup[] = [
  { label: 'S2', routes: [inventoryPage, fulfillmentOrderPage] },
  { label: 'S2 Partner', routes: [fulfillmentsPage, purchaseOrdersPage, suppliersPage, warehousesPage, supplyPage] },
  { label: 'Stock2Shop', routes: [stock2shopProductsPage, stock2shopOrdersPage, stock2shopSourcesPage, stock2shopChannelsPage] },
  { label: 'Sellers Commerce', routes: [sellersProductsPage, sellersOrdersPage, sellersShoppersPage, sellersCategoriesPage] },
];

/** Every page, each at `#<path>`: the nav's, each record's, and the sign-in page. */
const routes: Route[] = [...navGroups.flatMap((g) => g.routes), ...recordRoutes, loginPage];

function required(id: string): HTMLElement {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html has no #${id}`);
  return node;
}

const onLoginPage = (): boolean => {
  const target = currentTarget();
  return target === LOGIN_PATH || target.startsWith(`${LOGIN_PATH}?`);
};

async function boot(): Promise<void> {
  const outlet = required('app');
  skipLink(required('skip-link'), outlet);
  const menu = required('menu-button');
  if (menu instanceof HTMLButtonElement) menuButton(menu, required('topbar'), required('nav'));
  navArrowKeys(required('nav'));
  focusableScrollRegions(outlet);
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
  replaceChildren(outlet, [loadingView('Checking sign-in…')]);
  await initSession();
  accountArea(required('account'));
  const router = startRouter({
    routes,
    outlet,
    nav: required('nav'),
    navGroups,
    defaultPath: routes[0]?.path ?? '/',
    appTitle: 'commerce-kit',
    guard: (route, { path, query }) => {
      if (route === loginPage || !signInRequired()) return null;
      const search = query.toString();
      return loginTarget(search ? `${path}?${search}` : path);
    },
  });
  // Signed out (here, in another tab, or the session ended): to the sign-in page, which
  // comes back to this page afterwards.
  const markSignedOut = (): void => {
    document.body.classList.toggle('signed-out', signInRequired());
  };
  markSignedOut();
  onSessionChange(() => {
    markSignedOut();
    if (!signInRequired()) return;
    if (onLoginPage()) router.refresh();
    else window.location.assign(`#${loginTarget()}`);
  });
}

void boot();
