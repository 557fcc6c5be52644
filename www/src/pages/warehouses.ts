// #/warehouses: S2 Partner warehouses (GET /warehouse), each linking to its supply.

import type { PartnerWarehouse } from 'commerce-kit';
import { client } from '../api';
import { exportButton, LocalList, type ListColumn } from '../listing';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { button, el, pageHeader, plural, replaceChildren, statusLine } from '../ui';

export const warehousesPage: Route = { path: '/warehouses', title: 'Warehouses', render };

const columns: ListColumn<PartnerWarehouse>[] = [
  { key: 'id', title: 'ID', className: 'mono', cell: (w) => w.id, sortValue: (w) => w.id, csv: (w) => w.id },
  { key: 'name', title: 'Name', className: 'wrap', cell: (w) => w.name || '—', sortValue: (w) => w.name, csv: (w) => w.name },
  {
    key: 'supply',
    title: 'Supply',
    className: 'actions',
    cell: (w) => el('a', { href: `#/supply?warehouse=${encodeURIComponent(w.id)}` }, ['View supply']),
  },
];

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list narrow-table' });
  const list = new LocalList<PartnerWarehouse>({
    context,
    content,
    columns,
    tableClass: 'warehouses',
    // As the vendor lists them until a header is clicked.
    defaultSort: { key: '', direction: 'ascending' },
    empty: () => 'No warehouses',
  });
  const load = loader<PartnerWarehouse[]>(context, content, {
    loading: 'Loading warehouses…',
    fetch: (signal) => {
      list.clear();
      list.remember(false);
      return client().s2Partner.listWarehouses({ signal });
    },
    view: () => [],
    done: (warehouses) => {
      list.set(warehouses);
      status.textContent = plural(warehouses.length, 'warehouse');
    },
  });
  replaceChildren(container, [
    pageHeader('Warehouses', [
      status,
      exportButton('warehouses.csv', () => columns, () => list.current()),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, ['S2 Partner warehouses: where fulfillments ship from and purchase orders arrive.']),
    el('div', { class: 'list-toolbar' }, [list.pager.element]),
    content,
  ]);
  void load();
}
