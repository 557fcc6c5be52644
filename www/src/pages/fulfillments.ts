// #/fulfillments?status=shipped&sort=created&dir=desc&page=2&ids=101,102: S2 Partner
// fulfillments. The vendor lists them oldest first, a page at a time (next_token), with
// no order parameter: newest first needs every page, so the list is read whole (through
// the package's iterator, with progress), then filtered by status tab, sorted by a
// header and shown 50 at a time. An id filter asks the vendor for those ids only. A form
// creates a new one (POST /fulfillment).

import type { NewPartnerFulfillment, PartnerFulfillment } from 'commerce-kit';
import { client } from '../api';
import { datalist, fillDatalist, Form, LineList } from '../form';
import { countStatuses, exportButton, sortFromQuery, sortRows, sortTable, sortToQuery, statusTabs, type ListColumn, type SortState } from '../listing';
import { loader } from '../load';
import { recordHref, rememberInAddress, type PageContext, type Route } from '../router';
import { canWrite } from '../session';
import { button, el, emptyView, pageHeader, Pager, plural, rejectedView, rejectionsOf, replaceChildren, statusLine, timeCell, withRejections } from '../ui';
import { intParam } from './stock2shop-shared';
import { parseIdList, readOnlyNotice, warehouseOptions } from './shared';

export const fulfillmentsPage: Route = { path: '/fulfillments', title: 'Fulfillments', render };

/** Rows a page shows. */
export const PAGE_SIZE = 50;

/** The status tab of a fulfillment without one. */
const NO_STATUS = '(none)';

const columns: ListColumn<PartnerFulfillment>[] = [
  {
    key: 'id',
    title: 'ID',
    className: 'num id',
    cell: (f) => el('a', { href: recordHref('/fulfillments', f.id), class: 'record-link' }, [String(f.id)]),
    sortValue: (f) => f.id,
    csv: (f) => f.id,
  },
  { key: 'status', title: 'Status', cell: (f) => el('span', { class: `status status-${statusClass(f.status)}` }, [f.status || '—']), sortValue: (f) => f.status, csv: (f) => f.status },
  { key: 'name', title: 'Name', className: 'wrap', cell: (f) => f.name || '—', sortValue: (f) => f.name, csv: (f) => f.name },
  { key: 'city', title: 'City', cell: (f) => f.city || '—', sortValue: (f) => f.city, csv: (f) => f.city },
  { key: 'country', title: 'Country', cell: (f) => f.country_id || '—', sortValue: (f) => f.country_id, csv: (f) => f.country_id },
  { key: 'warehouse', title: 'Warehouse', className: 'mono', cell: (f) => f.fulfillment_warehouse_id || '—', sortValue: (f) => f.fulfillment_warehouse_id, csv: (f) => f.fulfillment_warehouse_id },
  { key: 'created', title: 'Created (UTC)', cell: (f) => timeCell(f.created_at), sortValue: (f) => Date.parse(f.created_at) || null, csv: (f) => f.created_at },
];

/** Newest first. */
const DEFAULT_SORT: SortState = { key: 'created', direction: 'descending' };

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });

  const initialIds = parseIdList(context.query.get('ids') ?? '');
  let idList: number[] = initialIds.ok ? initialIds.ids : [];
  let statusTab = context.query.get('status') ?? '';
  let sort = sortFromQuery(context.query, columns, DEFAULT_SORT);
  let page = intParam(context.query, 'page', 1, 1);
  let all: PartnerFulfillment[] | null = null;

  const remember = (push: boolean): void =>
    rememberInAddress(
      context.path,
      { ids: idList.join(','), status: statusTab, ...sortToQuery(sort, DEFAULT_SORT), page: page > 1 ? String(page) : undefined },
      { push },
    );

  /** The rows of the current tab, sorted (every page of them). */
  const view = (): PartnerFulfillment[] => {
    const shown = statusTab === '' ? (all ?? []) : (all ?? []).filter((f) => (f.status || NO_STATUS) === statusTab);
    return sortRows(shown, columns, sort);
  };

  const pager = new Pager({
    onPrevious: () => {
      page = Math.max(1, page - 1);
      change();
    },
    onNext: () => {
      page += 1;
      change();
    },
  });

  /** A tab, sort or page the user chose: a new address, the list drawn again (no request). */
  const change = (): void => {
    remember(true);
    draw();
  };

  const draw = (): void => {
    if (!all) return;
    const rows = view();
    const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
    page = Math.min(page, pages);
    const from = (page - 1) * PAGE_SIZE;
    const rejections = rejectionsOf(all);
    replaceChildren(content, [
      rejections && rejectedView(rejections),
      statusTabs('Status', countStatuses(all, (f) => f.status || NO_STATUS), statusTab, (value) => {
        statusTab = value;
        page = 1;
        change();
      }),
      rows.length === 0
        ? emptyView(idList.length > 0 ? 'No fulfillments with these ids' : statusTab ? `No fulfillments are ${statusTab}` : 'No fulfillments')
        : el('div', { class: 'table-wrap card' }, [
            sortTable(columns, rows.slice(from, from + PAGE_SIZE), {
              className: 'fulfillments',
              sort,
              onSort: (next) => {
                sort = next;
                page = 1;
                change();
              },
            }),
          ]),
    ]);
    pager.show(from, Math.min(PAGE_SIZE, rows.length - from), rows.length);
    status.textContent = plural(all.length, 'fulfillment');
  };

  const load = loader<PartnerFulfillment[]>(context, content, {
    loading: 'Loading fulfillments…',
    fetch: async (signal) => {
      all = null;
      status.textContent = '';
      pager.busy();
      remember(false);
      const list: PartnerFulfillment[] = [];
      const pages = client().s2Partner.listFulfillments({ idList: idList.length > 0 ? idList : null }, { signal });
      for await (const f of pages) {
        list.push(f);
        if (list.length % PAGE_SIZE === 0) status.textContent = `Loaded ${list.length}…`;
      }
      return withRejections(list, pages);
    },
    view: () => [],
    done: (list) => {
      all = list;
      draw();
    },
    failed: () => pager.show(0, 0, null),
  });

  // The id filter.
  const filterInput = el('input', {
    id: 'fulfillment-ids',
    type: 'text',
    class: 'filter-input',
    placeholder: 'e.g. 101, 102',
    inputmode: 'numeric',
    value: idList.join(', '),
    'aria-describedby': 'fulfillment-ids-error',
  });
  const filterError = el('p', { class: 'field-error', id: 'fulfillment-ids-error' });
  const filter = el('form', { class: 'filter', role: 'search', 'aria-label': 'Filter fulfillments' }, [
    el('label', { for: 'fulfillment-ids' }, ['Only ids']),
    filterInput,
    el('button', { type: 'submit' }, ['Apply']),
    button('Clear', () => {
      filterInput.value = '';
      applyFilter();
    }, { class: 'filter-clear' }),
    filterError,
  ]);
  const applyFilter = (): void => {
    const parsed = parseIdList(filterInput.value);
    if (!parsed.ok) {
      filterError.textContent = parsed.error;
      filterInput.setAttribute('aria-invalid', 'true');
      return;
    }
    filterError.textContent = '';
    filterInput.removeAttribute('aria-invalid');
    idList = parsed.ids;
    statusTab = '';
    page = 1;
    remember(true);
    void load();
  };
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    applyFilter();
  });

  // The form shows the new id; the list reloads (the page it is on now may have changed).
  const create = createPanel(context, () => void load());

  replaceChildren(container, [
    pageHeader('Fulfillments', [
      status,
      exportButton('fulfillments.csv', () => columns, () => (all ? view() : null)),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, ['S2 Partner fulfillments, newest first (sort by any column header).']),
    create,
    el('div', { class: 'list-toolbar' }, [filter, pager.element]),
    content,
  ]);
  void load();
}

/** The "New fulfillment" panel: a form for NewPartnerFulfillment. */
function createPanel(context: PageContext, created: (f: PartnerFulfillment) => void): HTMLElement {
  if (!canWrite()) return readOnlyNotice('create fulfillments');
  const warehouses = datalist('partner-warehouses');
  const form = new Form({
    name: 'New fulfillment',
    submitLabel: 'Create fulfillment',
    onSubmit: async (f) => {
      const body: NewPartnerFulfillment = {
        name: f.text('name'),
        address1: f.text('address1'),
        city: f.text('city'),
        country_id: f.text('country_id'),
        fulfillment_warehouse_id: f.text('fulfillment_warehouse_id'),
        items: Array.from({ length: items.count }, (_, i) => ({
          sku: f.text(items.path(i, 'sku')),
          quantity: f.number(items.path(i, 'quantity')),
        })),
      };
      const optional = ['address2', 'address3', 'province', 'zip', 'phone', 'shipping_method'] as const;
      for (const key of optional) {
        const value = f.optionalText(key);
        if (value !== undefined) body[key] = value;
      }
      const fulfillment = await client().s2Partner.createFulfillment(body, { signal: context.signal });
      f.succeed([
        'Created fulfillment ',
        el('a', { class: 'created-id', href: recordHref('/fulfillments', fulfillment.id) }, [String(fulfillment.id)]),
        ` (${fulfillment.status || 'no status'}).`,
      ]);
      created(fulfillment);
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
    form.group(null, 'Recipient', [
      el('div', { class: 'field-row' }, [
        form.field({ path: 'name', label: 'Name', autocomplete: 'off' }),
        form.field({ path: 'phone', label: 'Phone', optional: true }),
      ]),
      el('div', { class: 'field-row' }, [
        form.field({ path: 'address1', label: 'Address line 1', size: 'wide' }),
        form.field({ path: 'address2', label: 'Address line 2', optional: true }),
        form.field({ path: 'address3', label: 'Address line 3', optional: true }),
      ]),
      el('div', { class: 'field-row' }, [
        form.field({ path: 'city', label: 'City' }),
        form.field({ path: 'province', label: 'Province', optional: true }),
        form.field({ path: 'zip', label: 'ZIP', optional: true, size: 'narrow' }),
        form.field({ path: 'country_id', label: 'Country', placeholder: 'AU', size: 'narrow', hint: 'Two letters' }),
      ]),
    ]),
    form.group(null, 'Shipping', [
      el('div', { class: 'field-row' }, [
        form.field({ path: 'fulfillment_warehouse_id', label: 'Warehouse', list: 'partner-warehouses', placeholder: 'system_73' }),
        form.field({ path: 'shipping_method', label: 'Shipping method', optional: true, placeholder: 'standard' }),
      ]),
    ]),
    items.element,
    warehouses,
  );
  void warehouseOptions(context.signal).then((options) => fillDatalist(warehouses, options));
  return el('details', { class: 'panel create-panel' }, [el('summary', {}, ['New fulfillment']), form.element]);
}

function statusClass(status: string): string {
  return status.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'none';
}
