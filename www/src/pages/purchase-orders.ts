// #/purchase-orders: S2 Partner purchase orders (the first 200, through the package's
// async iterator over pages), and a form for a new one (POST /purchase-order).

import type { NewPartnerPurchaseOrder, PartnerPurchaseOrder } from 'commerce-kit';
import { client } from '../api';
import { datalist, fillDatalist, Form, LineList } from '../form';
import { loader } from '../load';
import { recordHref, type PageContext, type Route } from '../router';
import { canWrite } from '../session';
import { button, el, emptyView, pageHeader, plural, replaceChildren, statusLine, table, timeCell, withRejections, type Column } from '../ui';
import { READ_ONLY_NOTE, supplierOptions, warehouseOptions } from './shared';

export const purchaseOrdersPage: Route = { path: '/purchase-orders', title: 'Purchase orders', render };

/** How many purchase orders the list shows at most. */
export const LIMIT = 200;

const numbers = new Intl.NumberFormat('en-US');

const columns: Column<PartnerPurchaseOrder>[] = [
  { title: 'ID', className: 'num id', cell: (p) => el('a', { href: recordHref('/purchase-orders', p.id), class: 'record-link' }, [String(p.id)]) },
  { title: 'Status', cell: (p) => el('span', { class: 'status' }, [p.status || '—']) },
  { title: 'Supplier', className: 'wrap supplier', cell: (p) => p.from_supplier.name || `#${p.from_supplier.id}` },
  { title: 'To warehouse', className: 'mono', cell: (p) => p.to_warehouse_id || '—' },
  { title: 'Lines', className: 'num short', cell: (p) => String(p.items.length) },
  {
    title: 'Received / ordered',
    className: 'num',
    cell: (p) => {
      const ordered = p.items.reduce((n, i) => n + i.quantity, 0);
      const received = p.items.reduce((n, i) => n + i.completed_quantity, 0);
      return `${numbers.format(received)} / ${numbers.format(ordered)}`;
    },
  },
  { title: 'ETA (UTC)', cell: (p) => timeCell(p.eta) },
  { title: 'Created (UTC)', cell: (p) => timeCell(p.created_at) },
];

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });

  const load = loader<PartnerPurchaseOrder[]>(context, content, {
    loading: 'Loading purchase orders…',
    fetch: async (signal) => {
      status.textContent = '';
      const all: PartnerPurchaseOrder[] = [];
      const orders = client().s2Partner.listPurchaseOrders({ limit: LIMIT }, { signal });
      for await (const order of orders) {
        all.push(order);
        if (all.length % 50 === 0) status.textContent = `Loaded ${all.length}…`;
      }
      // Orders that could not be read were skipped by the iterator: say so above the list.
      return withRejections(all, orders);
    },
    view: (orders) =>
      orders.length === 0
        ? [emptyView('No purchase orders')]
        : [el('div', { class: 'table-wrap card' }, [table(columns, orders, { className: 'purchase-orders' })])],
    done: (orders) => {
      status.textContent = orders.length >= LIMIT ? `The first ${LIMIT} purchase orders` : plural(orders.length, 'purchase order');
    },
  });

  // The form shows the new id; the list reloads.
  const create = createPanel(context, () => void load());

  replaceChildren(container, [
    pageHeader('Purchase orders', [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    el('p', { class: 'page-intro' }, [`S2 Partner purchase orders: inbound stock from suppliers (at most ${LIMIT} listed).`]),
    create,
    content,
  ]);
  void load();
}

function createPanel(context: PageContext, created: (order: PartnerPurchaseOrder) => void): HTMLElement {
  const warehouses = datalist('po-warehouses');
  const suppliers = datalist('po-suppliers');
  const form = new Form({
    name: 'New purchase order',
    submitLabel: 'Create purchase order',
    readOnly: canWrite() ? null : READ_ONLY_NOTE,
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
      f.succeed(['Created purchase order ', el('strong', { class: 'created-id' }, [String(order.id)]), ` (${order.status || 'no status'}).`]);
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
