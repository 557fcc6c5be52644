// #/fulfillment-orders/<id>: an S2 fulfillment order created from this tab. S2's API
// has no operation that reads a fulfillment order back (endpoints.tsv: create and the
// inventory overview only), so the page shows the order as S2 answered the create,
// kept in this tab's sessionStorage, and says so; an id it does not have is explained.

import type { S2FulfillmentOrder } from 'commerce-kit';
import { fact, facts, partsTable, recordPage, section } from '../details';
import type { Route } from '../router';
import { timeCell } from '../format';
import { el } from '../ui';

const KEY = 'commerce-kit.created-fulfillment-orders';
/** How many created orders a tab keeps (the newest). */
const KEPT = 20;

function kept(): S2FulfillmentOrder[] {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? (raw as S2FulfillmentOrder[]) : [];
  } catch {
    return [];
  }
}

/** Keeps a created order for its page (the newest KEPT of this tab). */
export function keepCreatedOrder(order: S2FulfillmentOrder): void {
  const list = [order, ...kept().filter((o) => o.id !== order.id)].slice(0, KEPT);
  try {
    sessionStorage.setItem(KEY, JSON.stringify(list));
  } catch {
    // Storage full or off: the page will say it does not have the order.
  }
}

function view(o: S2FulfillmentOrder): HTMLElement[] {
  const a = o.address;
  return [
    el('p', { class: 'page-intro' }, ['As S2 answered the create (S2 has no operation to read a fulfillment order back).']),
    facts([
      fact('Status', el('span', { class: 'status' }, [o.status || '—'])),
      fact('Channel fulfillment id', o.channelFulfillmentId ?? ''),
      fact('Ship to', [a.name, a.company, a.address1, a.address2, a.city, a.state, a.postalCode, a.countryId].filter((p) => p).join(', ')),
      fact('E-mail', a.email),
      fact('Warehouse', o.warehouse.name || o.warehouse.id),
      fact('Shipping method', o.shippingMethod),
      fact('Customer note', o.customerNote ?? ''),
      fact('Created', timeCell(o.createdAt)),
    ]),
    section('Items', [
      partsTable(
        'Items',
        ['SKU', 'Product', 'Quantity'],
        o.items.map((i) => [el('span', { class: 'sku' }, [i.product.sku || '—']), i.product.name || i.product.id, String(i.quantity)]),
        'none.',
        'fulfillment-order-items',
      ),
    ]),
    section('Shipments', [
      partsTable(
        'Shipments',
        ['Status', 'Carrier', 'Tracking number', 'Items'],
        o.shipments.map((s) => [s.status || '—', s.shippingCarrier.name || s.shippingCarrier.id || '—', s.trackingNumber || '—', String(s.items.length)]),
        'none.',
        'fulfillment-order-shipments',
      ),
    ]),
  ];
}

export const createdOrderPage: Route = {
  path: '/fulfillment-orders/:id',
  title: 'Fulfillment order',
  nav: false,
  navParent: '/fulfillment-orders/new',
  render: (container, context) => {
    const id = context.params['id'] ?? '';
    recordPage<S2FulfillmentOrder>(container, context, {
      title: `Fulfillment order ${id}`,
      back: { href: '#/fulfillment-orders/new', label: 'New fulfillment order' },
      loading: `Loading fulfillment order ${id}…`,
      missing: `This tab did not create fulfillment order ${id}. S2 has no operation to read a fulfillment order back, so only those created here can be shown.`,
      fetch: () => Promise.resolve(kept().find((o) => o.id === id) ?? null),
      view,
    });
  },
};
