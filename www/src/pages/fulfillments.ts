// #/fulfillments?status=shipped&sort=created&dir=desc&page=2&ids=101,102: S2 Partner
// fulfillments. The vendor lists them oldest first, a page at a time (next_token), with
// no order parameter: newest first needs every page, so the list is read whole (through
// the package's iterator, with progress), then filtered by status tab, sorted by a
// header and shown 50 at a time. An id filter asks the vendor for those ids only. A form
// creates a new one (POST /fulfillment).

import type { NewPartnerFulfillment, PartnerFulfillment } from 'commerce-kit';
import { client } from '../api';
import { datalist, fillDatalist, Form, LineList } from '../form';
import { exportButton, LocalList, type ListColumn, type SortState } from '../listing';
import { loader } from '../load';
import { recordHref, recordLink, type PageContext, type Route } from '../router';
import { canWrite } from '../session';
import { button, el, pageHeader, plural, replaceChildren, statusLine, withRejections } from '../ui';
import { timeCell } from '../format';
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
    cell: (f) => recordLink('/fulfillments', f.id),
    sortValue: (f) => f.id,
    csv: (f) => f.id,
  },
  { key: 'status', title: 'Status', cell: (f) => el('span', { class: `status status-${statusClass(f.status)}` }, [f.status || '—']), sortValue: (f) => f.status, csv: (f) => f.status },
  { key: 'name', title: 'Name', className: 'wrap', cell: (f) => f.name || '—', sortValue: (f) => f.name, csv: (f) => f.name },
  { key: 'city', title: 'City', cell: (f) => f.city || '—', sortValue: (f) => f.city, csv: (f) => f.city },
  { key: 'country', title: 'Country', cell: (f) => f.country_id || '—', sortValue: (f) => f.country_id, csv: (f) => f.country_id },
  { key: 'warehouse', title: 'Warehouse', className: 'mono', cell: (f) => f.fulfillment_warehouse_id || '—', sortValue: (f) => f.fulfillment_warehouse_id, csv: (f) => f.fulfillment_warehouse_id },
  { key: 'created', title: 'Created', cell: (f) => timeCell(f.created_at), sortValue: (f) => Date.parse(f.created_at) || null, csv: (f) => f.created_at },
];

/** Newest first. */
const DEFAULT_SORT: SortState = { key: 'created', direction: 'descending' };

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });

  const initialIds = parseIdList(context.query.get('ids') ?? '');
  let idList: number[] = initialIds.ok ? initialIds.ids : [];
  const list = new LocalList<PartnerFulfillment>({
    context,
    content,
    columns,
    tableClass: 'fulfillments',
    defaultSort: DEFAULT_SORT,
    pageSize: PAGE_SIZE,
    status: { of: (f) => f.status || NO_STATUS },
    empty: (filtered) => (filtered ? 'No fulfillments have this status' : idList.length > 0 ? 'No fulfillments with these ids' : 'No fulfillments'),
    extra: () => ({ ids: idList.join(',') || undefined }),
  });

  const load = loader<PartnerFulfillment[]>(context, content, {
    loading: 'Loading fulfillments…',
    fetch: async (signal, progress) => {
      status.textContent = '';
      list.clear();
      list.remember(false);
      const all: PartnerFulfillment[] = [];
      const pages = client().s2Partner.listFulfillments({ idList: idList.length > 0 ? idList : null }, { signal });
      for await (const f of pages) {
        all.push(f);
        progress({ pages: pages.pages, records: all.length });
      }
      return withRejections(all, pages);
    },
    view: () => [],
    done: (all) => {
      list.set(all);
      status.textContent = plural(all.length, 'fulfillment');
    },
    failed: () => list.pager.show(0, 0, null),
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
    list.statusTab = '';
    list.page = 1;
    list.remember(true);
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
      exportButton('fulfillments.csv', () => columns, () => list.current()),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, ['S2 Partner fulfillments, newest first (sort by any column header).']),
    create,
    el('div', { class: 'list-toolbar' }, [filter, list.pager.element]),
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
