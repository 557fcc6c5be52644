// #/fulfillments: S2 Partner fulfillments, a page at a time (GET /fulfillment with
// next_token), an id filter, and a form for a new one (POST /fulfillment).

import type { NewPartnerFulfillment, PartnerFulfillment, PartnerFulfillmentPage } from 'commerce-kit';
import { client } from '../api';
import { datalist, fillDatalist, Form, LineList } from '../form';
import { loader } from '../load';
import { recordHref, type PageContext, type Route } from '../router';
import { canWrite } from '../session';
import { button, el, emptyView, pageHeader, plural, replaceChildren, statusLine, table, timeCell, type Column } from '../ui';
import { parseIdList, READ_ONLY_NOTE, warehouseOptions } from './shared';

export const fulfillmentsPage: Route = { path: '/fulfillments', title: 'Fulfillments', render };

const columns: Column<PartnerFulfillment>[] = [
  { title: 'ID', className: 'num id', cell: (f) => el('a', { href: recordHref('/fulfillments', f.id), class: 'record-link' }, [String(f.id)]) },
  { title: 'Status', cell: (f) => el('span', { class: `status status-${statusClass(f.status)}` }, [f.status || '—']) },
  { title: 'Name', className: 'wrap', cell: (f) => f.name || '—' },
  { title: 'City', cell: (f) => f.city || '—' },
  { title: 'Country', cell: (f) => f.country_id || '—' },
  { title: 'Warehouse', className: 'mono', cell: (f) => f.fulfillment_warehouse_id || '—' },
  { title: 'Created (UTC)', cell: (f) => timeCell(f.created_at) },
];

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });

  // Paging: `tokens[i]` is the next_token that fetched page i (null for the first).
  let tokens: (string | null)[] = [null];
  let next: string | null = null;
  let idList: number[] = [];

  const prev = button('Previous', () => {
    if (tokens.length <= 1) return;
    tokens = tokens.slice(0, -1);
    void load();
  }, { class: 'page-prev' });
  const nextButton = button('Next', () => {
    if (!next) return;
    tokens = [...tokens, next];
    void load();
  }, { class: 'page-next' });
  const pageLabel = el('span', { class: 'page-label', 'aria-live': 'polite' });
  const setPaging = (busy: boolean): void => {
    prev.disabled = busy || tokens.length <= 1;
    nextButton.disabled = busy || !next;
    pageLabel.textContent = `Page ${tokens.length}`;
  };

  const load = loader<PartnerFulfillmentPage>(context, content, {
    loading: 'Loading fulfillments…',
    fetch: (signal) => {
      status.textContent = '';
      setPaging(true);
      const nextToken = tokens[tokens.length - 1] ?? null;
      return client().s2Partner.listFulfillmentsPage({ idList: idList.length > 0 ? idList : null, nextToken }, { signal });
    },
    view: (page) => [
      page.items.length === 0
        ? emptyView(idList.length > 0 ? 'No fulfillments with these ids' : 'No fulfillments')
        : el('div', { class: 'table-wrap card' }, [table(columns, page.items, { className: 'fulfillments' })]),
    ],
    done: (page) => {
      next = page.next_token ?? null;
      setPaging(false);
      status.textContent = `${plural(page.items.length, 'fulfillment')} on this page`;
    },
    failed: () => {
      next = null;
      prev.disabled = tokens.length <= 1;
    },
  });

  // The id filter.
  const filterInput = el('input', {
    id: 'fulfillment-ids',
    type: 'text',
    class: 'filter-input',
    placeholder: 'e.g. 101, 102',
    inputmode: 'numeric',
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
    tokens = [null];
    void load();
  };
  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    applyFilter();
  });

  // The form shows the new id; the list reloads (the page it is on now may have changed).
  const create = createPanel(context, () => void load());

  replaceChildren(container, [
    pageHeader('Fulfillments', [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    el('p', { class: 'page-intro' }, ['S2 Partner fulfillments, newest pages first as the vendor lists them.']),
    create,
    el('div', { class: 'list-toolbar' }, [filter, el('div', { class: 'pager' }, [prev, pageLabel, nextButton])]),
    content,
  ]);
  setPaging(true);
  void load();
}

/** The "New fulfillment" panel: a form for NewPartnerFulfillment. */
function createPanel(context: PageContext, created: (f: PartnerFulfillment) => void): HTMLElement {
  const warehouses = datalist('partner-warehouses');
  const form = new Form({
    name: 'New fulfillment',
    submitLabel: 'Create fulfillment',
    readOnly: canWrite() ? null : READ_ONLY_NOTE,
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
        el('strong', { class: 'created-id' }, [String(fulfillment.id)]),
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
