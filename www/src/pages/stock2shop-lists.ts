// #/stock2shop/sources and #/stock2shop/channels: the account's sources (ERPs products
// come from, GET /v1/sources) and sales channels (GET /v1/channels).

import type { SystemChannel, SystemSource } from 'commerce-kit';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { button, el, emptyView, orDash, pageHeader, plural, replaceChildren, statusLine, table, type Column } from '../ui';
import { activeFlag, channelList, PACING_NOTE, sourceList } from './stock2shop-shared';
import { timeCell } from '../format';

export const stock2shopSourcesPage: Route = { path: '/stock2shop/sources', title: 'Stock2Shop sources', navLabel: 'Sources', render: renderSources };
export const stock2shopChannelsPage: Route = { path: '/stock2shop/channels', title: 'Stock2Shop channels', navLabel: 'Channels', render: renderChannels };

const sourceColumns: Column<SystemSource>[] = [
  { title: 'ID', className: 'num id', cell: (s) => String(s.id) },
  { title: 'Description', className: 'wrap', cell: (s) => orDash(s.description) },
  { title: 'Type', className: 'mono', cell: (s) => orDash(s.type) },
  { title: 'Active', cell: (s) => activeFlag(s.active) },
  // A linked source names its master; a master has none.
  { title: 'Linked to', className: 'num', cell: (s) => (s.source_id === null || s.source_id === undefined ? '—' : String(s.source_id)) },
  {
    title: 'Products',
    cell: (s) => el('a', { href: `#/stock2shop/products?source=${encodeURIComponent(String(s.id))}` }, ['Search']),
  },
  { title: 'Modified', cell: (s) => timeCell(s.modified) },
];

const channelColumns: Column<SystemChannel>[] = [
  { title: 'ID', className: 'num id', cell: (c) => String(c.id) },
  { title: 'Description', className: 'wrap', cell: (c) => orDash(c.description) },
  { title: 'Type', className: 'mono', cell: (c) => orDash(c.type) },
  { title: 'Active', cell: (c) => activeFlag(c.active) },
  { title: 'Client', className: 'num short', cell: (c) => String(c.client_id) },
  { title: 'Price tier', cell: (c) => c.price_tier ?? el('span', { class: 'subtle' }, ['default']) },
  { title: 'Stock from', cell: (c) => c.qty_availability ?? el('span', { class: 'subtle' }, ['total']) },
  {
    title: 'Orders',
    cell: (c) => el('a', { href: `#/stock2shop/orders?channel=${encodeURIComponent(String(c.id))}` }, ['Search']),
  },
  { title: 'Modified', cell: (c) => timeCell(c.modified) },
];

function renderSources(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const load = loader<SystemSource[]>(context, content, {
    loading: 'Loading Stock2Shop sources…',
    fetch: (signal) => sourceList(signal, true),
    view: (sources) =>
      sources.length === 0
        ? [emptyView('No sources')]
        : [el('div', { class: 'table-wrap card' }, [table(sourceColumns, sources, { className: 'stock2shop-sources' })])],
    done: (sources) => (status.textContent = plural(sources.length, 'source')),
  });
  replaceChildren(container, [
    pageHeader('Stock2Shop sources', [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    el('p', { class: 'page-intro' }, ['The ERPs products come from: a product queue names one of these ids. ', PACING_NOTE]),
    content,
  ]);
  void load();
}

function renderChannels(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const load = loader<SystemChannel[]>(context, content, {
    loading: 'Loading Stock2Shop channels…',
    fetch: (signal) => channelList(signal, true),
    view: (channels) =>
      channels.length === 0
        ? [emptyView('No channels')]
        : [el('div', { class: 'table-wrap card' }, [table(channelColumns, channels, { className: 'stock2shop-channels' })])],
    done: (channels) => (status.textContent = plural(channels.length, 'channel')),
  });
  replaceChildren(container, [
    pageHeader('Stock2Shop channels', [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    el('p', { class: 'page-intro' }, ['The sales channels orders come from, with the price tier and stock each sells at. ', PACING_NOTE]),
    content,
  ]);
  void load();
}
