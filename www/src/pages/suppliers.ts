// #/suppliers: S2 Partner suppliers (GET /supplier).

import type { PartnerSupplier } from 'commerce-kit';
import { client } from '../api';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { button, el, emptyView, pageHeader, plural, replaceChildren, statusLine, table } from '../ui';

export const suppliersPage: Route = { path: '/suppliers', title: 'Suppliers', render };

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const load = loader<PartnerSupplier[]>(context, content, {
    loading: 'Loading suppliers…',
    fetch: (signal) => client().s2Partner.listSuppliers({ signal }),
    view: (suppliers) =>
      suppliers.length === 0
        ? [emptyView('No suppliers')]
        : [
            el('div', { class: 'table-wrap card narrow-table' }, [
              table(
                [
                  { title: 'ID', className: 'num id', cell: (s) => String(s.id) },
                  { title: 'Name', className: 'wrap', cell: (s) => s.name || '—' },
                ],
                suppliers,
                { className: 'suppliers' },
              ),
            ]),
          ],
    done: (suppliers) => (status.textContent = plural(suppliers.length, 'supplier')),
  });
  replaceChildren(container, [
    pageHeader('Suppliers', [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    el('p', { class: 'page-intro' }, ['S2 Partner suppliers: a purchase order’s supplier id is one of these.']),
    content,
  ]);
  void load();
}
