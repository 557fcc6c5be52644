// #/warehouses: S2 Partner warehouses (GET /warehouse), each linking to its supply.

import type { PartnerWarehouse } from 'commerce-kit';
import { client } from '../api';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { button, el, emptyView, pageHeader, plural, replaceChildren, statusLine, table } from '../ui';

export const warehousesPage: Route = { path: '/warehouses', title: 'Warehouses', render };

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const load = loader<PartnerWarehouse[]>(context, content, {
    loading: 'Loading warehouses…',
    fetch: (signal) => client().s2Partner.listWarehouses({ signal }),
    view: (warehouses) =>
      warehouses.length === 0
        ? [emptyView('No warehouses')]
        : [
            el('div', { class: 'table-wrap card narrow-table' }, [
              table(
                [
                  { title: 'ID', className: 'mono', cell: (w) => w.id },
                  { title: 'Name', className: 'wrap', cell: (w) => w.name || '—' },
                  {
                    title: 'Supply',
                    cell: (w) => el('a', { href: `#/supply?warehouse=${encodeURIComponent(w.id)}` }, ['View supply']),
                  },
                ],
                warehouses,
                { className: 'warehouses' },
              ),
            ]),
          ],
    done: (warehouses) => (status.textContent = plural(warehouses.length, 'warehouse')),
  });
  replaceChildren(container, [
    pageHeader('Warehouses', [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    el('p', { class: 'page-intro' }, ['S2 Partner warehouses: where fulfillments ship from and purchase orders arrive.']),
    content,
  ]);
  void load();
}
