// Bits the Sellers Commerce pages share: the order status names, and a list page with an
// OData filter builder (`$filter`, `$orderby`) whose field errors show by its inputs.
//
// The vendor's records are sparse: most fields optional and nullable. Missing values show
// as '—'; fields the package does not declare (which the drift banner reports) show as a
// compact key: value list.

import type { SellersODataParams } from 'commerce-kit';
import { fieldErrors } from '../api';
import { Form } from '../form';
import { exportButton, LocalList, type ListColumn } from '../listing';
import { loader } from '../load';
import { FilterBuilder, type ODataField } from '../odata';
import type { PageContext } from '../router';
import { button, el, freeForm, otherFields, pageHeader, plural, replaceChildren, statusLine, type Child, type Column } from '../ui';

/**
 * The document's ORDER_STATUS code table (`OrderStatusId`), as the package's own check
 * lists it. Only for names and choices: the package decides what is valid.
 */
export const ORDER_STATUSES: readonly { value: number; name: string }[] = [
  { value: 1, name: 'Live Cart' },
  { value: 2, name: 'Abandoned Cart' },
  { value: 3, name: 'Placed' },
  { value: 4, name: 'Waiting for dropshipment' },
  { value: 5, name: 'Cancelled' },
  { value: 6, name: 'Awaiting Fulfillment' },
  { value: 7, name: 'Awaiting Shipment' },
  { value: 8, name: 'Partially Shipped' },
  { value: 9, name: 'Shipped' },
  { value: 10, name: 'Completed' },
  { value: 35, name: 'Processing Order' },
  { value: 36, name: 'Rejected' },
  { value: 37, name: 'Undelivered' },
  { value: 38, name: 'Partial Paid' },
];

/** `Shipped (9)`; `Status 99` for a code the table lacks; '—' for none. */
export function orderStatusName(id: number | null | undefined): string {
  if (id === null || id === undefined) return '—';
  const known = ORDER_STATUSES.find((s) => s.value === id);
  return known ? known.name : `Status ${id}`;
}

/** A status as a pill (`status status-shipped`), its code in the title. */
export function orderStatusCell(id: number | null | undefined): Child {
  if (id === null || id === undefined) return '—';
  const name = orderStatusName(id);
  return el('span', { class: `status status-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`, title: `OrderStatusId ${id}` }, [name]);
}

/** The "Other fields" column: what a record carries beyond `known` (undeclared fields). */
export function otherFieldsColumn<T extends object>(known: readonly string[]): Column<T> {
  return { title: 'Other fields', className: 'wrap other-fields', cell: (row) => freeForm(otherFields(row, known)) };
}

/** A column's text, to sort by (a column of scalars: its cell). */
function textSortValue<T>(column: Column<T> & { sortValue?: unknown }): ((row: T) => string) | undefined {
  if (column.className?.includes('other-fields') || column.className?.includes('addresses')) return undefined;
  return (row) => {
    const content = column.cell(row);
    const parts = Array.isArray(content) ? content : [content];
    const text = parts.map((p) => (typeof p === 'string' || typeof p === 'number' ? String(p) : p ? (p.textContent ?? '') : '')).join(' ');
    return text === '—' ? '' : text;
  };
}

export interface ODataListOptions<T> {
  /** Page heading. */
  title: string;
  intro: Child[];
  /** `product` / `products`, for the status line and the empty state. */
  noun: string;
  nouns?: string;
  /** An id prefix (also of the filter form's name: `Filter products`). */
  id: string;
  /** A `$filter` to show as the input's placeholder. */
  example: string;
  /** The fields the builder offers (the record type's declared fields). */
  fields: readonly ODataField[];
  /** The `$orderby` choices; the first is the default. */
  orderby: readonly { value: string; label: string }[];
  fetch: (params: SellersODataParams, signal: AbortSignal) => Promise<T[]>;
  /** The table's columns; each sorts by its text unless it gives `sortValue`. */
  columns: (Column<T> & { sortValue?: (row: T) => string | number | null | undefined })[];
  /** The table's class. */
  tableClass: string;
  /** A table of few columns: not the full width. */
  narrow?: boolean;
  /** Sections after the list. */
  after?: Child[];
}

/**
 * A Sellers Commerce `getall` list: a filter form (builder rows, the `$filter` text,
 * an `$orderby` select) over a table. `?filter=` and `?orderby=` in the address are
 * applied at first, and kept up to date.
 */
export function odataListPage<T extends object>(container: HTMLElement, context: PageContext, options: ODataListOptions<T>): void {
  const status = statusLine();
  const content = el('div', { class: `list${options.narrow ? ' narrow-table' : ''}` });
  const nouns = options.nouns ?? `${options.noun}s`;
  let params: SellersODataParams = {};
  /** The first list replaces the address (the page as opened); later ones push. */
  let first = true;
  // Headers sort what the store sent (its `$orderby` is the order before a header is clicked).
  const columns: ListColumn<T>[] = options.columns.map((c) => {
    const sortValue = c.sortValue ?? textSortValue(c);
    return sortValue ? { ...c, key: c.title, sortValue } : { title: c.title, cell: c.cell, key: c.title, ...(c.className ? { className: c.className } : {}) };
  });
  const list = new LocalList<T>({
    context,
    content,
    columns,
    tableClass: options.tableClass,
    defaultSort: { key: '', direction: 'ascending' },
    empty: () => (params.filter ? `No ${nouns} match this filter` : `No ${nouns}`),
    extra: () => ({ filter: params.filter ?? undefined, orderby: params.orderBy !== options.orderby[0]?.value ? (params.orderBy ?? undefined) : undefined }),
  });

  const form = new Form({
    name: `Filter ${nouns}`,
    submitLabel: 'Apply',
    onSubmit: async (f) => {
      params = {};
      const filter = f.text('$filter');
      const orderby = f.text('$orderby');
      if (filter !== '') params.filter = filter;
      if (orderby !== '') params.orderBy = orderby;
      await load();
    },
  });

  const builder = new FilterBuilder({
    id: `${options.id}-condition`,
    fields: options.fields,
    onChange: (text) => form.setValue('$filter', text),
  });
  form.body.append(
    builder.element,
    el('div', { class: 'field-row' }, [
      form.field({
        path: '$filter',
        label: '$filter',
        size: 'wide',
        placeholder: `e.g. ${options.example}`,
        hint: 'Written from the conditions above; you may edit it. Empty: no filter.',
        value: context.query.get('filter') ?? '',
      }),
      form.field({
        path: '$orderby',
        label: 'Order by',
        kind: 'select',
        options: options.orderby,
        value: context.query.get('orderby') ?? options.orderby[0]?.value ?? '',
      }),
    ]),
  );
  form.element.classList.add('odata-form');

  const load = loader<T[]>(context, content, {
    loading: `Loading ${nouns}…`,
    fetch: (signal) => {
      status.textContent = '';
      list.clear();
      list.remember(!first);
      first = false;
      return options.fetch(params, signal);
    },
    view: () => [],
    done: (rows) => {
      list.set(rows);
      status.textContent = `${plural(rows.length, options.noun, nouns)}${params.filter ? ' match' : ''}`;
    },
    // The package's field errors go by their inputs; anything else is the list's error view.
    failed: (e) => {
      const errors = fieldErrors(e);
      if (errors.length > 0) form.showErrors(errors);
    },
    // Nothing was sent: the form says why, next to the filter.
    invalid: () => [],
  });

  replaceChildren(container, [
    pageHeader(options.title, [
      status,
      exportButton(`${options.id}.csv`, () => columns, () => list.current()),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, options.intro),
    el('div', { class: 'card form-card filter-card' }, [form.element]),
    el('div', { class: 'list-toolbar' }, [list.pager.element]),
    content,
    ...(options.after ?? []),
  ]);
  // The first list: with the address's filter, through the same checks as Apply.
  form.element.requestSubmit();
}
