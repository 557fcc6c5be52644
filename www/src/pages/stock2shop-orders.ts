// #/stock2shop/orders?status=ordered&channel=191&since=2021-01-01&sort=id&from=0: a
// Stock2Shop order search (POST /v1/orders/elastic_search) by status, channel and
// "modified since" (term and range filters of a bool query), newest first or as a
// header sorts it (on Elasticsearch's side), paged with from/size.

import type { EsBoolQuery, EsSearch, SystemOrder, SystemOrderSearch } from 'commerce-kit';
import { client } from '../api';
import { datalist, fillDatalist } from '../form';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { recordLink, rememberInAddress } from '../router';
import { exportButton, sortFromQuery, sortTable, sortToQuery, statusTabs, type ListColumn, type SortState, type StatusTab } from '../listing';
import { button, type Child, el, emptyView, orDash, pageHeader, Pager, replaceChildren, statusLine } from '../ui';
import { amount, channelList, dayParam, esSort, modifiedSince, intParam, knownChannels, MAX_WINDOW, hitsFound, PACING_NOTE, PAGE_SIZES, paced } from './stock2shop-shared';
import { timeCell } from '../format';

export const stock2shopOrdersPage: Route = { path: '/stock2shop/orders', title: 'Stock2Shop orders', navLabel: 'Orders', render };

/** Statuses to suggest before any order was seen (the vendor documents only "ordered"). */
const KNOWN_STATUSES = ['ordered', 'processing', 'cancelled'];

interface Search {
  status: string;
  channel: string;
  /** A day (YYYY-MM-DD), or ''. */
  since: string;
  sort: SortState;
  from: number;
  size: number;
}

function orderQuery(search: Search): EsSearch {
  const filter: NonNullable<EsBoolQuery['filter']> = [];
  const status = search.status.trim();
  if (status !== '') filter.push({ term: { status } });
  if (search.channel !== '') filter.push({ term: { channel_id: Number(search.channel) } });
  if (search.since !== '') filter.push(modifiedSince(search.since));
  const body: EsSearch = { size: search.size, from: search.from, sort: esSort(search.sort) };
  if (filter.length > 0) body.query = { bool: { filter } };
  return body;
}

function channelName(id: number): string {
  const channel = knownChannels()?.find((c) => c.id === id);
  return channel?.description ? `${channel.description} (${id})` : String(id);
}

export function customer(order: SystemOrder): string {
  const c = order.customer;
  const name = [c.first_name, c.last_name].filter((s) => s).join(' ');
  return name || c.email || '—';
}

function statusClass(status: string): string {
  return status.toLowerCase().replace(/[^a-z0-9]+/g, '-') || 'none';
}

/** Newest first. */
const DEFAULT_SORT: SortState = { key: 'created', direction: 'descending' };

const columns: ListColumn<SystemOrder>[] = [
  { key: 'id', serverSort: true, csv: (o) => o.id, title: 'ID', className: 'num id', cell: (o) => recordLink('/stock2shop/orders', o.id) },
  { key: 'channel_order_code', csv: (o) => o.channel_order_code, title: 'Channel order', className: 'mono wide-only', cell: (o) => orDash(o.channel_order_code) },
  { key: 'channel', title: 'Channel', cell: (o) => channelName(o.channel_id) },
  { key: 'status', csv: (o) => o.status, title: 'Status', cell: (o) => el('span', { class: `status status-${statusClass(o.status)}` }, [o.status || '—']) },
  {
    key: 'customer',
    csv: (o) => [customer(o), o.customer.email].filter((s) => s).join(' '),
    title: 'Customer',
    className: 'wrap',
    cell: (o) => [customer(o), o.customer.email && customer(o) !== o.customer.email ? el('span', { class: 'subtle' }, [o.customer.email]) : null],
  },
  { key: 'lines', title: 'Lines', className: 'num short wide-only', cell: (o) => String(o.line_items.length) },
  { key: 'total', title: 'Total', className: 'num', cell: (o) => o.total_display || '—' },
  { key: 'created', serverSort: true, csv: (o) => o.created, title: 'Created', cell: (o) => timeCell(o.created) },
  { key: 'details', title: 'Details', className: 'actions', cell: (o) => detailsToggle(o) },
];

/** A term and its value in an order's details; '—' for nothing. */
function fact(term: string, value: Child): HTMLElement[] {
  return [el('dt', {}, [term]), el('dd', {}, [value === null || value === undefined || value === '' ? '—' : value])];
}

/** A small table of an order's details, or a note when there is none. */
function detailTable(caption: string, heads: string[], rows: (string | HTMLElement)[][], none: string): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'subtle' }, [none]);
  // In a scroll box of its own: on the record page at phone width a line's title and SKU
  // would otherwise push the whole page sideways (109 px at 390).
  return el('div', { class: 'table-wrap' }, [
    el('table', { class: 'data detail-table' }, [
      el('caption', {}, [caption]),
      el('thead', {}, [el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, [h])))]),
      el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, [c]))))),
    ]),
  ]);
}

/** A tracking URL as a link when it is an http(s) address, as text otherwise. */
function trackingLink(url: string | null | undefined, label: string): string | HTMLElement {
  if (!url) return '—';
  return /^https?:\/\//i.test(url) ? el('a', { href: url, target: '_blank', rel: 'noopener noreferrer' }, [label || url]) : url;
}

/** What an order holds beyond its row: when it was ordered, its state, its lines, shipping charged and shipments. */
export function orderDetails(order: SystemOrder): HTMLElement {
  return el('div', { class: 'order-details', 'aria-label': `Details of order ${order.id}` }, [
    el('dl', { class: 'facts' }, [...fact('Ordered', timeCell(order.ordered_date)), ...fact('State', order.state)]),
    detailTable(
      'Lines',
      ['Title', 'SKU', 'Qty', 'Price'],
      order.line_items.map((l) => [l.title || '—', l.sku || '—', String(l.qty), l.price_display || String(l.price)]),
      'No lines.',
    ),
    detailTable(
      'Shipping',
      ['Method', 'Price'],
      (order.shipping_lines ?? []).map((s) => [s.title || '—', s.price == null ? '—' : amount(s.price)]),
      'No shipping charged.',
    ),
    detailTable(
      'Fulfillments',
      ['Status', 'Company', 'Tracking number', 'Tracking'],
      (order.fulfillments ?? []).map((f) => [f.status || f.state || '—', f.tracking_company || '—', f.tracking_number || '—', trackingLink(f.tracking_url, 'Track')]),
      'Not shipped yet.',
    ),
  ]);
}

/** The "Details" button of a row: opens the order's details in a row of its own below it. */
function detailsToggle(order: SystemOrder): HTMLButtonElement {
  let detailRow: HTMLTableRowElement | null = null;
  const toggle = button(
    'Details',
    () => {
      const row = toggle.closest('tr');
      if (!row) return;
      if (detailRow?.isConnected) {
        detailRow.hidden = !detailRow.hidden;
      } else {
        detailRow = el('tr', { class: 'row-form row-details', 'data-order': String(order.id) }, [el('td', { colspan: columns.length }, [orderDetails(order)])]);
        row.after(detailRow);
      }
      toggle.setAttribute('aria-expanded', String(!detailRow.hidden));
    },
    { class: 'row-toggle', 'aria-expanded': 'false', 'aria-label': `Details of order ${order.id}` },
  );
  return toggle;
}

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const state: Search = {
    status: context.query.get('status') ?? '',
    channel: context.query.get('channel') ?? '',
    since: dayParam(context.query, 'since'),
    sort: sortFromQuery(context.query, columns, DEFAULT_SORT),
    from: intParam(context.query, 'from', 0),
    size: PAGE_SIZES.find((n) => n === intParam(context.query, 'size', PAGE_SIZES[0])) ?? PAGE_SIZES[0],
  };
  const statuses = new Set(KNOWN_STATUSES);

  const statusInput = el('input', {
    id: 's2s-order-status',
    type: 'text',
    list: 's2s-order-statuses',
    placeholder: 'any status',
    value: state.status,
    autocomplete: 'off',
  });
  const statusList = datalist('s2s-order-statuses');
  fillDatalist(statusList, KNOWN_STATUSES.map((s) => ({ value: s, label: s })));
  const sinceInput = el('input', { id: 's2s-order-since', type: 'date', value: state.since });
  const channelSelect = el('select', { id: 's2s-order-channel' });
  const sizeSelect = el(
    'select',
    { id: 's2s-order-size' },
    PAGE_SIZES.map((n) => el('option', { value: String(n), selected: n === state.size }, [String(n)])),
  );
  const fillChannels = (): void => {
    const list = knownChannels() ?? [];
    const wanted = state.channel;
    replaceChildren(channelSelect, [
      el('option', { value: '' }, ['All channels']),
      ...list.map((c) => el('option', { value: String(c.id), selected: String(c.id) === wanted }, [`${c.description || c.type || 'Channel'} (${c.id})`])),
      wanted !== '' && !list.some((c) => String(c.id) === wanted) ? el('option', { value: wanted, selected: true }, [`Channel ${wanted}`]) : null,
    ]);
  };
  fillChannels();

  const form = el('form', { class: 'filter search-form', role: 'search', 'aria-label': 'Search orders' }, [
    el('div', { class: 'field' }, [el('label', { for: 's2s-order-status' }, ['Status']), statusInput, statusList]),
    el('div', { class: 'field' }, [el('label', { for: 's2s-order-channel' }, ['Channel']), channelSelect]),
    el('div', { class: 'field' }, [el('label', { for: 's2s-order-since' }, ['Modified since']), sinceInput]),
    el('div', { class: 'field field-narrow' }, [el('label', { for: 's2s-order-size' }, ['Per page']), sizeSelect]),
    el('button', { type: 'submit', class: 'primary' }, ['Search']),
  ]);

  const pager = new Pager({
    onPrevious: () => {
      state.from = Math.max(0, state.from - state.size);
      remember(true);
      void load();
    },
    onNext: () => {
      state.from += state.size;
      remember(true);
      void load();
    },
  });

  let shown: SystemOrderSearch | null = null;
  const view = (answer: SystemOrderSearch): HTMLElement[] =>
    answer.system_orders.length === 0
      ? [emptyView(state.status.trim() || state.channel ? 'No orders match this search' : 'No orders')]
      : [
          el('div', { class: 'table-wrap card' }, [
            sortTable(columns, answer.system_orders, {
              className: 'stock2shop-orders',
              sort: state.sort,
              onSort: (next) => {
                state.sort = next;
                state.from = 0;
                remember(true);
                void load();
              },
            }),
          ]),
        ];

  const load = loader<SystemOrderSearch>(context, content, {
    loading: 'Searching Stock2Shop orders…',
    fetch: (signal) => {
      shown = null;
      status.textContent = '';
      pager.busy();
      remember(false);
      const body = orderQuery(state);
      return paced(signal, () => client().stock2shop.searchOrders(body, { signal }));
    },
    view,
    done: (answer) => {
      shown = answer;
      pager.show(state.from, answer.system_orders.length, answer.hits.total, MAX_WINDOW);
      status.textContent = hitsFound(answer.hits, 'order');
      // Suggest the statuses seen so far.
      const before = statuses.size;
      for (const o of answer.system_orders) if (o.status) statuses.add(o.status);
      if (statuses.size !== before) fillDatalist(statusList, [...statuses].map((s) => ({ value: s, label: s })));
      void countStatuses(answer);
    },
    failed: () => pager.show(state.from, 0, null),
  });

  /**
   * Status tabs with counts: one search of size 0 per status (Stock2Shop's answer carries
   * no aggregations), with the channel and date filters, paced like every call. Counted
   * again only when those filters change, not for a page or a status.
   */
  const tabsSlot = el('div', { class: 'status-tabs-slot' });
  let countedFor: string | null = null;
  let tabs: StatusTab[] = [];
  const drawTabs = (): void =>
    replaceChildren(tabsSlot, [
      tabs.length > 0
        ? statusTabs('Status', tabs, state.status.trim(), (value) => {
            statusInput.value = value;
            submit();
          })
        : null,
    ]);
  const countStatuses = async (answer: SystemOrderSearch): Promise<void> => {
    const key = JSON.stringify([state.channel, state.since]);
    if (key === countedFor) {
      drawTabs();
      return;
    }
    countedFor = key;
    // The old counts are not this filter's: none until the new ones are in.
    tabs = [];
    drawTabs();
    const counted: StatusTab[] = [];
    const countOf = async (status: string): Promise<number> => {
      const body = orderQuery({ ...state, status, from: 0, size: 0 });
      const found = await paced(context.signal, () => client().stock2shop.searchOrders(body, { signal: context.signal }));
      return found.hits.total;
    };
    try {
      const all = state.status.trim() === '' ? answer.hits.total : await countOf('');
      for (const status of statuses) {
        const count = status === state.status.trim() ? answer.hits.total : await countOf(status);
        if (key !== countedFor) return; // the filters changed meanwhile: a newer count runs
        if (count > 0 || status === state.status.trim()) counted.push({ value: status, label: status, count });
      }
      tabs = [{ value: '', label: 'All', count: all }, ...counted];
      drawTabs();
    } catch {
      // No counts (aborted, or a search failed): the status box still filters.
      if (key === countedFor) countedFor = null;
    }
  };

  const remember = (push: boolean): void =>
    rememberInAddress(
      context.path,
      {
        status: state.status.trim(),
        channel: state.channel,
        since: state.since,
        ...sortToQuery(state.sort, DEFAULT_SORT),
        from: state.from > 0 ? String(state.from) : undefined,
        size: state.size !== PAGE_SIZES[0] ? String(state.size) : undefined,
      },
      { push },
    );

  const submit = (): void => {
    state.status = statusInput.value;
    state.channel = channelSelect.value;
    state.since = sinceInput.value;
    state.size = Number(sizeSelect.value) || PAGE_SIZES[0];
    state.from = 0;
    remember(true);
    void load();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  channelSelect.addEventListener('change', submit);
  sinceInput.addEventListener('change', submit);
  sizeSelect.addEventListener('change', submit);

  replaceChildren(container, [
    pageHeader('Stock2Shop orders', [
      status,
      exportButton('stock2shop-orders.csv', () => columns, () => shown?.system_orders ?? null),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, ['Orders from the sales channels, newest first (sort by the ID or created header). Export saves this page. ', PACING_NOTE]),
    el('div', { class: 'list-toolbar' }, [form, pager.element]),
    tabsSlot,
    content,
  ]);
  void load();
  if (!knownChannels()) {
    void channelList(context.signal)
      .then(() => {
        if (context.signal.aborted) return;
        fillChannels();
        if (shown) replaceChildren(content, view(shown));
      })
      .catch(() => {});
  }
}
