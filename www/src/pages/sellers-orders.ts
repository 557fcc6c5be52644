// #/sellers/orders?from=2016-01-01&to=2016-06-30&filter=CarrierId%20eq%208&status=9:
// Sellers Commerce orders (GET /api/order/getall). The placed-between dates and the
// condition rows are written as one OData `$filter` (odata.ts), sent to the store; the
// answer is then shown with status tabs and counts, sortable headers (newest placed
// first) and pages. For operators an "Update status" form under each order (POST
// /api/order/updateorderstatus), whose field errors show by its inputs; the row shows
// the order as read back afterwards.

import type { SellersOrder, SellersODataParams } from 'commerce-kit';
import { client, describeError, fieldErrors } from '../api';
import { Form } from '../form';
import { exportButton, LocalList, type ListColumn } from '../listing';
import { loader } from '../load';
import { FilterBuilder, odataLiteral, renderFilter } from '../odata';
import type { PageContext, Route } from '../router';
import { recordLink } from '../router';
import { canWrite } from '../session';
import { button, el, pageHeader, plural, replaceChildren, statusLine } from '../ui';
import { ORDER_STATUSES, orderStatusCell, orderStatusName } from './sellers-shared';
import { codeCell, timeCell } from '../format';

export const sellersOrdersPage: Route = { path: '/sellers/orders', title: 'Sellers Commerce orders', navLabel: 'Orders', render };

/** The parts of a row that change when its status does. */
interface RowSlots {
  status: HTMLElement;
  modified: HTMLElement;
}

const DATE = /^\d{4}-\d\d-\d\d$/;

/** The day after `day` (YYYY-MM-DD), for an inclusive "to" date as a `lt` bound. */
function dayAfter(day: string): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + 1);
  return at.toISOString().slice(0, 10);
}

/**
 * The `$filter` of a placed-between range (UTC days, both inclusive) and the condition
 * rows' text: `(conditions) and OrderPlacedDate ge datetime'…' and OrderPlacedDate lt datetime'…'`.
 */
export function ordersFilter(conditions: string, from: string, to: string): string {
  const parts: { join: 'and'; condition: string }[] = [];
  if (conditions.trim() !== '') parts.push({ join: 'and', condition: `(${conditions.trim()})` });
  if (from !== '') parts.push({ join: 'and', condition: `OrderPlacedDate ge ${odataLiteral('datetime', `${from}T00:00:00`)}` });
  if (to !== '') parts.push({ join: 'and', condition: `OrderPlacedDate lt ${odataLiteral('datetime', `${dayAfter(to)}T00:00:00`)}` });
  return renderFilter(parts);
}

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const writable = canWrite();
  const slots = new Map<string, RowSlots>();
  const wanted = {
    from: context.query.get('from') ?? '',
    to: context.query.get('to') ?? '',
    filter: context.query.get('filter') ?? '',
  };
  let sent = { ...wanted };

  /** A row's status and modified cells, made once per order, kept by order number. */
  const cellsByOrder = new WeakMap<SellersOrder, RowSlots>();
  const slotsOf = (order: SellersOrder): RowSlots => {
    let made = cellsByOrder.get(order);
    if (!made) {
      made = {
        status: el('span', { class: 'status-slot' }, [orderStatusCell(order.OrderStatusId)]),
        modified: el('span', {}, [timeCell(order.ModifiedDate)]),
      };
      cellsByOrder.set(order, made);
      if (order.OrderNumber) slots.set(order.OrderNumber, made);
    }
    return made;
  };
  const time = (value: string | null | undefined): number | null => (value ? Date.parse(value) || null : null);

  const columns: ListColumn<SellersOrder>[] = [
    {
      key: 'order',
      title: 'Order',
      className: 'mono',
      cell: (o) => (o.OrderNumber ? recordLink('/sellers/orders', o.OrderNumber) : '—'),
      sortValue: (o) => o.OrderNumber,
      csv: (o) => o.OrderNumber,
    },
    { key: 'status', title: 'Status', cell: (o) => slotsOf(o).status, sortValue: (o) => orderStatusName(o.OrderStatusId), csv: (o) => orderStatusName(o.OrderStatusId) },
    { key: 'placed', title: 'Placed', cell: (o) => timeCell(o.OrderPlacedDate), sortValue: (o) => time(o.OrderPlacedDate), csv: (o) => o.OrderPlacedDate },
    { key: 'modified', title: 'Modified', className: 'wide-only', cell: (o) => slotsOf(o).modified, sortValue: (o) => time(o.ModifiedDate), csv: (o) => o.ModifiedDate },
    // Codes of the document's tables (SERVICE_TYPE, CARRIER, PAYMENT_STATUS) by the names the package gives them.
    // (Narrow screens leave out the columns marked `wide-only`.)
    { key: 'service', title: 'Service', className: 'service wide-only', cell: (o) => codeCell('ServiceTypeId', o.ServiceTypeId), sortValue: (o) => o.ServiceTypeId, csv: (o) => o.ServiceTypeId },
    { key: 'carrier', title: 'Carrier', className: 'carrier wide-only', cell: (o) => codeCell('CarrierId', o.CarrierId), sortValue: (o) => o.CarrierId, csv: (o) => o.CarrierId },
    { key: 'payment', title: 'Payment', className: 'payment wide-only', cell: (o) => codeCell('PaymentStatusId', o.PaymentStatusId), sortValue: (o) => o.PaymentStatusId, csv: (o) => o.PaymentStatusId },
  ];
  /** The orders ticked for a bulk status update, by order number. */
  const selected = new Set<string>();
  if (writable) {
    // (Last, by the row's actions: the order number stays the first cell of a row.)
    columns.push({
      key: 'select',
      title: 'Select',
      className: 'actions select',
      cell: (o) => {
        if (!o.OrderNumber) return '';
        const number = o.OrderNumber;
        const box = el('input', { type: 'checkbox', class: 'select-row', 'aria-label': `Select ${number}`, checked: selected.has(number) });
        box.addEventListener('change', () => {
          if (box.checked) selected.add(number);
          else selected.delete(number);
          bulk.update();
        });
        return box;
      },
    });
    columns.push({
      key: 'actions',
      title: 'Actions',
      className: 'actions',
      cell: (o) => (o.OrderNumber ? statusToggle(o.OrderNumber) : '—'),
    });
  }

  const list = new LocalList<SellersOrder>({
    context,
    content,
    columns,
    tableClass: 'sellers-orders',
    defaultSort: { key: 'placed', direction: 'descending' },
    status: { of: (o) => String(o.OrderStatusId ?? ''), name: (v) => (v === '' ? 'No status' : orderStatusName(Number(v))) },
    empty: (filtered) => (filtered ? 'No orders have this status' : sent.filter || sent.from || sent.to ? 'No orders match this filter' : 'No orders'),
    extra: () => ({ from: sent.from, to: sent.to, filter: sent.filter }),
  });

  // The filter: placed between two days, and condition rows written as `$filter`.
  const filterForm = new Form({
    name: 'Filter orders',
    submitLabel: 'Apply',
    onSubmit: async (f) => {
      const from = f.text('from');
      const to = f.text('to');
      const problems = [
        from !== '' && !DATE.test(from) ? { field: 'from', message: 'Placed from: enter a date (YYYY-MM-DD), or leave it empty' } : null,
        to !== '' && !DATE.test(to) ? { field: 'to', message: 'Placed to: enter a date (YYYY-MM-DD), or leave it empty' } : null,
        from !== '' && to !== '' && from > to ? { field: 'to', message: 'Placed to: must be on or after the “from” date' } : null,
      ].filter((p) => p !== null);
      if (problems.length > 0) {
        f.showErrors(problems);
        return;
      }
      sent = { from, to, filter: f.text('$filter') };
      list.statusTab = '';
      list.page = 1;
      list.remember(true);
      await load();
    },
  });
  const builder = new FilterBuilder({
    id: 'sc-orders-condition',
    fields: [
      { name: 'OrderNumber', label: 'Order number', kind: 'text' },
      { name: 'OrderStatusId', label: 'Status', kind: 'number', options: ORDER_STATUSES.map((s) => ({ value: String(s.value), label: s.name })) },
      { name: 'CarrierId', label: 'Carrier', kind: 'number' },
      { name: 'ServiceTypeId', label: 'Service type', kind: 'number' },
      { name: 'PaymentStatusId', label: 'Payment status', kind: 'number' },
      { name: 'ModifiedDate', label: 'Modified', kind: 'datetime' },
    ],
    onChange: (text) => filterForm.setValue('$filter', text),
  });
  filterForm.body.append(
    el('div', { class: 'field-row' }, [
      filterForm.field({ path: 'from', label: 'Placed from', kind: 'date', value: wanted.from, size: 'narrow', hint: 'UTC day' }),
      filterForm.field({ path: 'to', label: 'Placed to', kind: 'date', value: wanted.to, size: 'narrow', hint: 'UTC day, included' }),
    ]),
    builder.element,
    filterForm.field({
      path: '$filter',
      label: '$filter',
      size: 'wide',
      placeholder: 'e.g. CarrierId eq 8',
      hint: 'Written from the conditions above; you may edit it. The dates are added to it.',
      value: wanted.filter,
    }),
  );
  filterForm.element.classList.add('odata-form');

  const params = (): SellersODataParams => {
    const filter = ordersFilter(sent.filter, sent.from, sent.to);
    return filter === '' ? {} : { filter };
  };

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

  /** Sets an order's status and reads it back: the row and the list's record show what the store has now. */
  const setStatus = async (orderNumber: string, statusId: number): Promise<{ message: string; order: SellersOrder }> => {
    const answer = await client().sellersCommerce.orderUpdateOrderStatus({ OrderNumber: orderNumber, OrderStatusId: statusId }, { signal: context.signal });
    const order = await client().sellersCommerce.orderGet(orderNumber, { signal: context.signal });
    // The list's record too, so that the tabs count it under its new status.
    const shown = list.current()?.find((o) => o.OrderNumber === orderNumber);
    if (shown) Object.assign(shown, order);
    const slot = slots.get(orderNumber);
    if (slot) {
      replaceChildren(slot.status, [orderStatusCell(order.OrderStatusId)]);
      replaceChildren(slot.modified, [timeCell(order.ModifiedDate)]);
    }
    return { message: answer.ResponseMessage || answer.Results || 'Done', order };
  };

  const statusForm = (orderNumber: string): HTMLFormElement => {
    const form = new Form({
      name: `Update status of ${orderNumber}`,
      submitLabel: 'Update status',
      onSubmit: async (f) => {
        const previous = list.current()?.find((o) => o.OrderNumber === orderNumber)?.OrderStatusId ?? null;
        const { message, order } = await setStatus(orderNumber, f.number('OrderStatusId'));
        // Undo: the status it had, set again (the store keeps no history to roll back).
        const undo =
          previous !== null && previous !== order.OrderStatusId
            ? button(
                `Undo (back to ${orderStatusName(previous)})`,
                () => {
                  undo?.setAttribute('disabled', '');
                  void setStatus(orderNumber, previous).then(
                    ({ order: restored }) =>
                      f.succeed([orderNumber, ' is back to ', el('strong', { class: 'new-status' }, [orderStatusName(restored.OrderStatusId)]), '.']),
                    (e: unknown) => f.fail(e),
                  );
                },
                { class: 'undo' },
              )
            : null;
        f.succeed([message, '. ', orderNumber, ' is now ', el('strong', { class: 'new-status' }, [orderStatusName(order.OrderStatusId)]), '. ', undo]);
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
      list.clear();
      return client().sellersCommerce.orderGetAll(params(), { signal });
    },
    view: () => [],
    done: (orders) => {
      list.set(orders);
      status.textContent = plural(orders.length, 'order');
    },
    // The package's field errors (a `$filter` that does not parse) go by the filter.
    failed: (e) => {
      const errors = fieldErrors(e);
      if (errors.length > 0) filterForm.showErrors(errors);
    },
    invalid: () => [],
  });

  const bulk = bulkBar(selected, setStatus, () => list.draw());

  list.remember(false);
  replaceChildren(container, [
    pageHeader('Sellers Commerce orders', [
      status,
      exportButton('sellers-orders.csv', () => columns, () => list.current()),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, [
      'Orders of the store, newest placed first. ',
      writable ? 'Update an order’s status from its row.' : 'You are signed in as a viewer: viewers may only read.',
    ]),
    el('div', { class: 'card form-card filter-card' }, [filterForm.element]),
    el('div', { class: 'list-toolbar' }, [writable ? bulk.element : null, list.pager.element]),
    content,
  ]);
  void load();
}

/**
 * "Update selected": the ticked orders set to one status, after a confirm step, one
 * request at a time; each order's outcome is listed (done, or what failed and who).
 */
function bulkBar(
  selected: Set<string>,
  setStatus: (orderNumber: string, statusId: number) => Promise<{ order: SellersOrder }>,
  redraw: () => void,
): { element: HTMLElement; update: () => void } {
  const count = el('span', { class: 'bulk-count', 'aria-live': 'polite' });
  const choice = el('select', { id: 'sc-bulk-status', 'aria-label': 'New status of the selected orders' }, [
    el('option', { value: '' }, ['Choose a status']),
    ...ORDER_STATUSES.map((s) => el('option', { value: String(s.value) }, [s.name])),
  ]);
  const confirmArea = el('span', { class: 'bulk-confirm' });
  const outcomes = el('ul', { class: 'bulk-outcomes', 'aria-live': 'polite' });
  let running = false;
  const start = button('Update selected', () => ask(), { class: 'bulk-update' });

  const update = (): void => {
    count.textContent = `${selected.size} selected`;
    start.disabled = running || selected.size === 0 || choice.value === '';
  };
  choice.addEventListener('change', update);

  const ask = (): void => {
    const statusId = Number(choice.value);
    const orders = [...selected];
    replaceChildren(confirmArea, [
      `Set ${plural(orders.length, 'order')} to ${orderStatusName(statusId)}? `,
      button('Confirm', () => void run(orders, statusId), { class: 'primary bulk-yes' }),
      ' ',
      button('Cancel', () => replaceChildren(confirmArea, []), { class: 'bulk-no' }),
    ]);
  };

  const run = async (orders: string[], statusId: number): Promise<void> => {
    replaceChildren(confirmArea, []);
    replaceChildren(outcomes, []);
    running = true;
    update();
    for (const orderNumber of orders) {
      const item = el('li', { 'data-order': orderNumber, 'data-outcome': 'pending' }, [`${orderNumber}: updating…`]);
      outcomes.append(item);
      try {
        const { order } = await setStatus(orderNumber, statusId);
        item.dataset.outcome = 'done';
        replaceChildren(item, [`${orderNumber}: now `, el('strong', {}, [orderStatusName(order.OrderStatusId)])]);
        selected.delete(orderNumber);
      } catch (e) {
        const content = describeError(e);
        item.dataset.outcome = 'failed';
        replaceChildren(item, [
          `${orderNumber}: not changed. ${content.title}: ${content.message}`,
          content.requestId ? ` (request id ${content.requestId})` : '',
        ]);
      }
    }
    running = false;
    // Rows ticked are the ones that failed, for another try.
    redraw();
    update();
  };

  update();
  return {
    element: el('div', { class: 'bulk-bar', role: 'group', 'aria-label': 'Bulk status update' }, [count, choice, start, confirmArea, outcomes]),
    update,
  };
}
