// #/sellers/orders?status=9&orderby=OrderNumber%20desc: Sellers Commerce orders
// (GET /api/order/getall with `$filter=OrderStatusId eq 9`), and for operators an
// "Update status" form under each order (POST /api/order/updateorderstatus), whose
// field errors show by its inputs; the row shows the order as read back afterwards.

import type { SellersOrder, SellersODataParams } from 'commerce-kit';
import { client } from '../api';
import { Form } from '../form';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { rememberInAddress } from '../router';
import { canWrite } from '../session';
import { button, el, emptyView, orDash, pageHeader, plural, replaceChildren, statusLine, table, type Column } from '../ui';
import { ORDER_STATUSES, orderStatusCell, orderStatusName, sellersDate } from './sellers-shared';

export const sellersOrdersPage: Route = { path: '/sellers/orders', title: 'Sellers Commerce orders', navLabel: 'Orders', render };

const ORDER_BY = [
  { value: 'OrderPlacedDate desc', label: 'Newest first' },
  { value: 'OrderPlacedDate asc', label: 'Oldest first' },
  { value: 'OrderNumber asc', label: 'Order number' },
  { value: 'OrderStatusId asc, OrderPlacedDate desc', label: 'Status' },
] as const;

/** The parts of a row that change when its status does. */
interface RowSlots {
  status: HTMLElement;
  modified: HTMLElement;
}

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const writable = canWrite();
  const slots = new Map<string, RowSlots>();

  const wantedStatus = context.query.get('status') ?? '';
  const wantedOrder = context.query.get('orderby') ?? ORDER_BY[0].value;
  const statusSelect = el('select', { id: 'sc-order-status' }, [
    el('option', { value: '' }, ['All statuses']),
    ...ORDER_STATUSES.map((s) => el('option', { value: String(s.value), selected: String(s.value) === wantedStatus }, [`${s.name} (${s.value})`])),
  ]);
  const orderSelect = el(
    'select',
    { id: 'sc-order-orderby' },
    ORDER_BY.map((o) => el('option', { value: o.value, selected: o.value === wantedOrder }, [o.label])),
  );
  const filter = el('form', { class: 'filter search-form', role: 'search', 'aria-label': 'Filter orders' }, [
    el('div', { class: 'field' }, [el('label', { for: 'sc-order-status' }, ['Status']), statusSelect]),
    el('div', { class: 'field' }, [el('label', { for: 'sc-order-orderby' }, ['Order by']), orderSelect]),
    el('button', { type: 'submit', class: 'primary' }, ['Apply']),
  ]);

  const params = (): SellersODataParams => {
    const p: SellersODataParams = { orderBy: orderSelect.value };
    if (statusSelect.value !== '') p.filter = `OrderStatusId eq ${statusSelect.value}`;
    return p;
  };

  /** A row's status and modified cells, made once per order, kept by order number. */
  const cellsByOrder = new WeakMap<SellersOrder, RowSlots>();
  const slotsOf = (order: SellersOrder): RowSlots => {
    let made = cellsByOrder.get(order);
    if (!made) {
      made = {
        status: el('span', { class: 'status-slot' }, [orderStatusCell(order.OrderStatusId)]),
        modified: el('span', {}, [sellersDate(order.ModifiedDate)]),
      };
      cellsByOrder.set(order, made);
      if (order.OrderNumber) slots.set(order.OrderNumber, made);
    }
    return made;
  };

  const columns: Column<SellersOrder>[] = [
    { title: 'Order', className: 'mono', cell: (o) => orDash(o.OrderNumber) },
    { title: 'Status', cell: (o) => slotsOf(o).status },
    { title: 'Placed (UTC)', cell: (o) => sellersDate(o.OrderPlacedDate) },
    { title: 'Modified (UTC)', className: 'wide-only', cell: (o) => slotsOf(o).modified },
    // Codes of the document's tables (SERVICE_TYPE, CARRIER, PAYMENT_STATUS), as sent.
    // (Narrow screens leave out the columns marked `wide-only`.)
    { title: 'Service', className: 'num short wide-only', cell: (o) => orDash(o.ServiceTypeId) },
    { title: 'Carrier', className: 'num short wide-only', cell: (o) => orDash(o.CarrierId) },
    { title: 'Payment', className: 'num short wide-only', cell: (o) => orDash(o.PaymentStatusId) },
  ];
  if (writable) {
    columns.push({
      title: 'Actions',
      className: 'actions',
      cell: (o) => (o.OrderNumber ? statusToggle(o.OrderNumber) : '—'),
    });
  }

  /** The "Update status" button of a row: opens a form in a row of its own below it. */
  const statusToggle = (orderNumber: string): HTMLButtonElement => {
    let formRow: HTMLTableRowElement | null = null;
    const toggle = button(
      'Update status',
      () => {
        const row = toggle.closest('tr');
        if (!row) return;
        if (formRow?.isConnected) {
          formRow.hidden = !formRow.hidden;
        } else {
          formRow = el('tr', { class: 'row-form', 'data-order': orderNumber }, [
            el('td', { colspan: columns.length }, [statusForm(orderNumber)]),
          ]);
          row.after(formRow);
        }
        toggle.setAttribute('aria-expanded', String(!formRow.hidden));
        if (!formRow.hidden) formRow.querySelector('select')?.focus();
      },
      { class: 'row-toggle', 'aria-expanded': 'false', 'aria-label': `Update status of ${orderNumber}` },
    );
    return toggle;
  };

  const statusForm = (orderNumber: string): HTMLFormElement => {
    const form = new Form({
      name: `Update status of ${orderNumber}`,
      submitLabel: 'Update status',
      onSubmit: async (f) => {
        const answer = await client().sellersCommerce.orderUpdateOrderStatus(
          { OrderNumber: orderNumber, OrderStatusId: f.number('OrderStatusId') },
          { signal: context.signal },
        );
        // Read the order back: the row shows what the store has now.
        const order = await client().sellersCommerce.orderGet(orderNumber, { signal: context.signal });
        const slot = slots.get(orderNumber);
        if (slot) {
          replaceChildren(slot.status, [orderStatusCell(order.OrderStatusId)]);
          replaceChildren(slot.modified, [sellersDate(order.ModifiedDate)]);
        }
        f.succeed([
          answer.ResponseMessage || answer.Results || 'Done',
          '. ',
          orderNumber,
          ' is now ',
          el('strong', { class: 'new-status' }, [orderStatusName(order.OrderStatusId)]),
          '.',
        ]);
      },
    });
    form.body.append(
      form.field({
        path: 'OrderStatusId',
        label: `New status of ${orderNumber}`,
        kind: 'select',
        options: [{ value: '', label: 'Choose a status' }, ...ORDER_STATUSES.map((s) => ({ value: String(s.value), label: `${s.name} (${s.value})` }))],
      }),
    );
    form.element.classList.add('inline-form');
    return form.element;
  };

  const load = loader<SellersOrder[]>(context, content, {
    loading: 'Loading orders…',
    fetch: (signal) => {
      status.textContent = '';
      slots.clear();
      remember();
      return client().sellersCommerce.orderGetAll(params(), { signal });
    },
    view: (orders) =>
      orders.length === 0
        ? [emptyView(statusSelect.value ? `No orders are ${orderStatusName(Number(statusSelect.value))}` : 'No orders')]
        : [el('div', { class: 'table-wrap card' }, [table(columns, orders, { className: 'sellers-orders' })])],
    done: (orders) => (status.textContent = plural(orders.length, 'order')),
  });

  const remember = (): void =>
    rememberInAddress(context.path, {
      status: statusSelect.value,
      orderby: orderSelect.value !== ORDER_BY[0].value ? orderSelect.value : undefined,
    });

  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    void load();
  });
  statusSelect.addEventListener('change', () => void load());
  orderSelect.addEventListener('change', () => void load());

  replaceChildren(container, [
    pageHeader('Sellers Commerce orders', [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    el('p', { class: 'page-intro' }, [
      'Orders of the store. ',
      writable ? 'Update an order’s status from its row.' : 'You are signed in as a viewer: viewers may only read.',
    ]),
    el('div', { class: 'list-toolbar' }, [filter]),
    content,
  ]);
  void load();
}
