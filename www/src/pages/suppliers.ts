// #/suppliers?sort=name&dir=asc: S2 Partner suppliers (GET /supplier), sortable, with CSV.

import type { PartnerSupplier } from 'commerce-kit';
import { client } from '../api';
import { exportButton, LocalList, type ListColumn } from '../listing';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { button, el, pageHeader, plural, replaceChildren, statusLine } from '../ui';

export const suppliersPage: Route = { path: '/suppliers', title: 'Suppliers', render };

const columns: ListColumn<PartnerSupplier>[] = [
  { key: 'id', title: 'ID', className: 'num id', cell: (s) => String(s.id), sortValue: (s) => s.id, csv: (s) => s.id },
  { key: 'name', title: 'Name', className: 'wrap', cell: (s) => s.name || '—', sortValue: (s) => s.name, csv: (s) => s.name },
];

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list narrow-table' });
  const list = new LocalList<PartnerSupplier>({
    context,
    content,
    columns,
    tableClass: 'suppliers',
    // As the vendor lists them until a header is clicked.
    defaultSort: { key: '', direction: 'ascending' },
    empty: () => 'No suppliers',
  });
  const load = loader<PartnerSupplier[]>(context, content, {
    loading: 'Loading suppliers…',
    fetch: (signal) => {
      list.clear();
      list.remember(false);
      return client().s2Partner.listSuppliers({ signal });
    },
    view: () => [],
    done: (suppliers) => {
      list.set(suppliers);
      status.textContent = plural(suppliers.length, 'supplier');
    },
  });
  replaceChildren(container, [
    pageHeader('Suppliers', [
      status,
      exportButton('suppliers.csv', () => columns, () => list.current()),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, ['S2 Partner suppliers: a purchase order’s supplier id is one of these.']),
    el('div', { class: 'list-toolbar' }, [list.pager.element]),
    content,
  ]);
  void load();
}
