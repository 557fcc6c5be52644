// #/purchase-orders?status=pending&q=SKU-GREY&sort=eta: S2 Partner purchase orders, read
// whole through the package's async iterator over pages (the vendor pages them oldest
// first, with no order parameter), then listed newest first with status tabs, a search
// by SKU, supplier or warehouse, sortable headers and pages; and a form for a new one
// (POST /purchase-order).

import type { NewPartnerPurchaseOrder, PartnerPurchaseOrder } from 'commerce-kit';
import { client } from '../api';
import { datalist, fillDatalist, Form, LineList } from '../form';
import { exportButton, LocalList, type ListColumn } from '../listing';
import { loader } from '../load';
import { recordHref, recordLink, type PageContext, type Route } from '../router';
import { canWrite } from '../session';
import { button, el, pageHeader, plural, replaceChildren, statusLine, withRejections } from '../ui';
import { formatNumber, timeCell } from '../format';
import { readOnlyNotice, supplierOptions, warehouseOptions } from './shared';

export const purchaseOrdersPage: Route = { path: '/purchase-orders', title: 'Purchase orders', render };


const ordered = (p: PartnerPurchaseOrder): number => p.items.reduce((n, i) => n + i.quantity, 0);
const received = (p: PartnerPurchaseOrder): number => p.items.reduce((n, i) => n + i.completed_quantity, 0);
const supplierName = (p: PartnerPurchaseOrder): string => p.from_supplier.name || `#${p.from_supplier.id}`;

const columns: ListColumn<PartnerPurchaseOrder>[] = [
  {
    key: 'id',
    title: 'ID',
    className: 'num id',
    cell: (p) => recordLink('/purchase-orders', p.id),
    sortValue: (p) => p.id,
    csv: (p) => p.id,
  },
  { key: 'status', title: 'Status', cell: (p) => el('span', { class: 'status' }, [p.status || '—']), sortValue: (p) => p.status, csv: (p) => p.status },
  { key: 'supplier', title: 'Supplier', className: 'wrap supplier', cell: supplierName, sortValue: supplierName },
  { key: 'warehouse', title: 'To warehouse', className: 'mono', cell: (p) => p.to_warehouse_id || '—', sortValue: (p) => p.to_warehouse_id, csv: (p) => p.to_warehouse_id },
  { key: 'lines', title: 'Lines', className: 'num short', cell: (p) => String(p.items.length), sortValue: (p) => p.items.length, csv: (p) => p.items.length },
  {
    key: 'received',
    title: 'Received / ordered',
    className: 'num',
    cell: (p) => `${formatNumber(received(p))} / ${formatNumber(ordered(p))}`,
    sortValue: (p) => (ordered(p) === 0 ? 0 : received(p) / ordered(p)),
    csv: (p) => `${received(p)} / ${ordered(p)}`,
  },
  { key: 'eta', title: 'ETA', cell: (p) => timeCell(p.eta), sortValue: (p) => Date.parse(p.eta) || null, csv: (p) => p.eta },
  { key: 'created', title: 'Created', cell: (p) => timeCell(p.created_at), sortValue: (p) => Date.parse(p.created_at) || null, csv: (p) => p.created_at },
];

/** A search matches a line's SKU, the supplier or the warehouse. */
function matches(p: PartnerPurchaseOrder, text: string): boolean {
  return (
    p.items.some((i) => i.sku.toLowerCase().includes(text)) ||
    supplierName(p).toLowerCase().includes(text) ||
    p.to_warehouse_id.toLowerCase().includes(text)
  );
}

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const list = new LocalList<PartnerPurchaseOrder>({
    context,
    content,
    columns,
    tableClass: 'purchase-orders',
    defaultSort: { key: 'created', direction: 'descending' },
    status: { of: (p) => p.status || '(none)' },
    matches,
    empty: (filtered) => (filtered ? 'No purchase orders match' : 'No purchase orders'),
  });

  const load = loader<PartnerPurchaseOrder[]>(context, content, {
    loading: 'Loading purchase orders…',
    fetch: async (signal, progress) => {
      status.textContent = '';
      list.clear();
      list.remember(false);
      const all: PartnerPurchaseOrder[] = [];
      const orders = client().s2Partner.listPurchaseOrders(null, { signal });
      for await (const order of orders) {
        all.push(order);
        progress({ pages: orders.pages, records: all.length });
      }
      // Orders that could not be read were skipped by the iterator: say so above the list.
      return withRejections(all, orders);
    },
    view: () => [],
    done: (orders) => {
      list.set(orders);
      status.textContent = plural(orders.length, 'purchase order');
    },
  });

  const searchInput = el('input', {
    id: 'po-search',
    type: 'search',
    class: 'filter-input',
    placeholder: 'SKU, supplier or warehouse',
    value: list.search,
    autocomplete: 'off',
  });
  const search = el('form', { class: 'filter', role: 'search', 'aria-label': 'Filter purchase orders' }, [
    el('label', { for: 'po-search' }, ['Search']),
    searchInput,
    el('button', { type: 'submit' }, ['Apply']),
  ]);
  search.addEventListener('submit', (event) => {
    event.preventDefault();
    list.search = searchInput.value;
    list.page = 1;
    list.change();
  });

  // The form shows the new id; the list reloads.
  const create = createPanel(context, () => void load());

  replaceChildren(container, [
    pageHeader('Purchase orders', [
      status,
      exportButton('purchase-orders.csv', () => columns, () => list.current()),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, ['S2 Partner purchase orders: inbound stock from suppliers, newest first.']),
    create,
    el('div', { class: 'list-toolbar' }, [search, list.pager.element]),
    content,
  ]);
  void load();
}

function createPanel(context: PageContext, created: (order: PartnerPurchaseOrder) => void): HTMLElement {
  if (!canWrite()) return readOnlyNotice('create purchase orders');
  const warehouses = datalist('po-warehouses');
  const suppliers = datalist('po-suppliers');
  const form = new Form({
    name: 'New purchase order',
    submitLabel: 'Create purchase order',
    onSubmit: async (f) => {
      const body: NewPartnerPurchaseOrder = {
        from_supplier_id: f.number('from_supplier_id'),
        to_warehouse_id: f.text('to_warehouse_id'),
        eta: f.dateTime('eta'),
        items: Array.from({ length: items.count }, (_, i) => ({
          sku: f.text(items.path(i, 'sku')),
          quantity: f.number(items.path(i, 'quantity')),
        })),
      };
      const remarks = f.optionalText('remarks');
      if (remarks !== undefined) body.remarks = remarks;
      const order = await client().s2Partner.createPurchaseOrder(body, { signal: context.signal });
      f.succeed(['Created purchase order ', el('a', { class: 'created-id', href: recordHref('/purchase-orders', order.id) }, [String(order.id)]), ` (${order.status || 'no status'}).`]);
      created(order);
    },
  });
  const items = new LineList(form, {
    path: 'items',
    legend: 'Items',
    noun: 'item',
    columns: [
      { name: 'sku', label: 'SKU', placeholder: 'SKU-GREY' },
      { name: 'quantity', label: 'Quantity', kind: 'number', value: '1', size: 'narrow' },
    ],
  });
  form.body.append(
    form.group(null, 'Order', [
      el('div', { class: 'field-row' }, [
        form.field({ path: 'from_supplier_id', label: 'Supplier id', kind: 'number', list: 'po-suppliers', size: 'narrow', hint: 'See Suppliers' }),
        form.field({ path: 'to_warehouse_id', label: 'To warehouse', list: 'po-warehouses', placeholder: 'system_73' }),
        form.field({ path: 'eta', label: 'Expected arrival (ETA)', kind: 'datetime', hint: 'Your local time' }),
      ]),
      form.field({ path: 'remarks', label: 'Remarks', kind: 'textarea', optional: true, size: 'wide' }),
    ]),
    items.element,
    warehouses,
    suppliers,
  );
  void warehouseOptions(context.signal).then((options) => fillDatalist(warehouses, options));
  void supplierOptions(context.signal).then((options) => fillDatalist(suppliers, options));
  return el('details', { class: 'panel create-panel' }, [el('summary', {}, ['New purchase order']), form.element]);
}
