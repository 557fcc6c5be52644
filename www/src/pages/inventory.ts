// #/inventory: every warehouse with its inventory levels (S2 GET /inventory/overview).

import type { S2InventoryOverview, S2Item, S2Product, S2Warehouse } from 'commerce-kit';
import { client, isAborted } from '../api';
import { failureView } from '../load';
import type { PageContext, Route } from '../router';
import { button, el, emptyView, loadingView, rejectedView, rejectionsOf, replaceChildren, table, type Column } from '../ui';

export const inventoryPage: Route = { path: '/inventory', title: 'Inventory', render };

/** One table row: a level and, when the overview lists it, its product. */
interface Row {
  item: S2Item;
  product: S2Product | undefined;
}

const numbers = new Intl.NumberFormat('en-US', { maximumFractionDigits: 3 });

function render(container: HTMLElement, context: PageContext): void {
  const status = el('p', { class: 'toolbar-status', 'aria-live': 'polite' });
  const content = el('div', { class: 'inventory' });
  let inflight: AbortController | null = null;
  let generation = 0;

  const load = async (): Promise<void> => {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    const mine = ++generation;
    const current = (): boolean => mine === generation && !context.signal.aborted;
    status.textContent = '';
    replaceChildren(content, [loadingView('Loading inventory…')]);
    try {
      const overview = await client().getInventoryOverview({ signal: controller.signal });
      if (!current()) return;
      const rejections = rejectionsOf(overview);
      replaceChildren(content, [rejections && rejectedView(rejections), ...overviewView(overview)]);
      status.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      if (!current() || (isAborted(e) && controller.signal.aborted)) return;
      replaceChildren(content, [failureView(e, () => void load())]);
    } finally {
      if (inflight === controller) inflight = null;
    }
  };

  context.signal.addEventListener('abort', () => inflight?.abort(), { once: true });

  replaceChildren(container, [
    el('div', { class: 'page-header' }, [
      el('h2', {}, ['Inventory']),
      el('div', { class: 'toolbar' }, [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    ]),
    content,
  ]);
  void load();
}

function overviewView(overview: S2InventoryOverview): HTMLElement[] {
  const products = new Map(overview.products.map((p) => [p.id, p]));
  const byWarehouse = new Map<string, Row[]>();
  for (const item of overview.items) {
    const rows = byWarehouse.get(item.warehouseId) ?? [];
    rows.push({ item, product: products.get(item.level.productId) });
    byWarehouse.set(item.warehouseId, rows);
  }
  const known = new Set(overview.warehouses.map((w) => w.id));
  const unknownProducts = overview.items.filter((i) => !products.has(i.level.productId)).length;
  const strayWarehouses = [...byWarehouse.keys()].filter((id) => !known.has(id));

  const summary = el('p', { class: 'summary' }, [
    plural(overview.warehouses.length, 'warehouse'),
    ' · ',
    plural(overview.products.length, 'product'),
    ' · ',
    plural(overview.items.length, 'inventory level'),
  ]);
  const notes: HTMLElement[] = [];
  if (unknownProducts > 0) {
    notes.push(
      el('p', { class: 'note' }, [
        `${plural(unknownProducts, 'level')} ${unknownProducts === 1 ? 'references a product' : 'reference products'} missing from the product list; ${unknownProducts === 1 ? 'it is' : 'they are'} shown by product id.`,
      ]),
    );
  }
  if (overview.warehouses.length === 0 && strayWarehouses.length === 0) {
    return [summary, emptyView('No warehouses')];
  }
  return [
    summary,
    ...notes,
    ...overview.warehouses.map((w) => warehouseSection(w, byWarehouse.get(w.id) ?? [])),
    ...strayWarehouses.map((id) => unknownWarehouseSection(id, byWarehouse.get(id) ?? [])),
  ];
}

function warehouseSection(warehouse: S2Warehouse, rows: Row[]): HTMLElement {
  const place = [warehouse.address.city, warehouse.address.countryId].filter((s) => s.trim() !== '').join(', ');
  return el('section', { class: 'warehouse', 'data-warehouse-id': warehouse.id }, [
    el('header', { class: 'warehouse-header' }, [
      el('h3', {}, [warehouse.name || warehouse.id]),
      place ? el('p', { class: 'warehouse-place' }, [place]) : null,
    ]),
    rows.length > 0 ? levelsTable(rows) : emptyView('No inventory levels'),
  ]);
}

function unknownWarehouseSection(id: string, rows: Row[]): HTMLElement {
  return el('section', { class: 'warehouse unknown-warehouse', 'data-warehouse-id': id }, [
    el('header', { class: 'warehouse-header' }, [
      el('h3', {}, ['Unknown warehouse']),
      el('p', { class: 'warehouse-place' }, [el('code', {}, [id]), ' is not in the warehouse list']),
    ]),
    levelsTable(rows),
  ]);
}

const columns: Column<Row>[] = [
  {
    title: 'Product',
    className: 'product',
    cell: ({ item, product }) =>
      product
        ? product.name || product.id
        : [el('code', { class: 'product-id' }, [item.level.productId]), ' ', el('span', { class: 'badge' }, ['unknown product'])],
  },
  { title: 'SKU', className: 'sku', cell: ({ product }) => (product ? product.sku || '—' : '—') },
  { title: 'Available', className: 'num', cell: ({ item }) => quantity(item.level.available) },
  { title: 'Incoming', className: 'num', cell: ({ item }) => quantity(item.level.incoming) },
  { title: 'Reserved', className: 'num', cell: ({ item }) => quantity(item.level.reserved) },
];

function levelsTable(rows: Row[]): HTMLElement {
  return el('div', { class: 'table-wrap' }, [
    table(columns, rows, {
      className: 'levels',
      rowClass: ({ product }) => (product ? undefined : 'unknown'),
    }),
  ]);
}

/** A quantity as-is (negative too), marked when negative. */
function quantity(n: number): HTMLElement {
  return el('span', { class: n < 0 ? 'negative' : undefined }, [numbers.format(n)]);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
