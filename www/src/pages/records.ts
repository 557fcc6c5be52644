// The pages of single records, each at an address a row links to and a colleague can be
// sent: an S2 Partner fulfillment or purchase order, a Stock2Shop order or product, a
// Sellers Commerce order, shopper or product. Each is read with the vendor's own lookup
// (an id filter, a term query on `id`, or the `get/{key}` operation).

import type { PartnerFulfillment, PartnerPurchaseOrder, SellersAddress, SystemOrder, SystemProduct } from 'commerce-kit';
import { client } from '../api';
import { fact, facts, partsTable, recordPage, section } from '../details';
import type { PageContext, Route } from '../router';
import { el, flagCell, freeForm, orDash, otherFields, rejectionsOf, type Child, type Rejections } from '../ui';
import { codeCell, formatNumber, timeCell } from '../format';
import { createdOrderPage } from './created-orders';
import { customer, orderDetails } from './stock2shop-orders';
import { amount, paced } from './stock2shop-shared';
import { orderStatusCell } from './sellers-shared';

/** The key in the address, or null when it is not a whole number (the vendor's ids are). */
function wholeNumber(text: string | undefined): number | null {
  return text !== undefined && /^\d{1,15}$/.test(text) ? Number(text) : null;
}

/**
 * A record page read by a whole-number id (a key that is not one is "not an id",
 * without asking the vendor). `read` gets the id and a `partial` callback for the
 * answer it read, so that a record that came but could not be read is said to be so.
 */
function keyRecordPage<T>(
  container: HTMLElement,
  context: PageContext,
  title: string,
  back: { href: string; label: string },
  noun: string,
  read: (id: number, signal: AbortSignal, partial: (answer: unknown) => void) => Promise<T | null>,
  view: (record: T) => Child[],
): void {
  const raw = context.params['id'] ?? '';
  const id = wholeNumber(raw);
  let unreadable: Rejections | null = null;
  recordPage<T>(container, context, {
    unreadable: () => unreadable,
    title: `${title} ${raw}`,
    back,
    loading: `Loading ${noun} ${raw}…`,
    missing: id === null ? `“${raw}” is not ${noun === 'order' ? 'an' : 'a'} ${noun} id: ids are whole numbers.` : `There is no ${noun} ${raw}.`,
    fetch: (signal) => {
      unreadable = null;
      return id === null ? Promise.resolve(null) : read(id, signal, (answer) => (unreadable = rejectionsOf(answer)));
    },
    view,
  });
}

// S2 Partner ---------------------------------------------------------------------------

function fulfillmentView(f: PartnerFulfillment): Child[] {
  const address = [f.address1, f.address2, f.address3, [f.city, f.province, f.zip].filter((p) => p).join(' '), f.country_id].filter((p) => p);
  return [
    facts([
      fact('Status', el('span', { class: 'status' }, [f.status || '—'])),
      fact('Recipient', f.name),
      fact('Address', address.join(', ')),
      fact('Phone', f.phone),
      fact('Warehouse', f.fulfillment_warehouse_id),
      fact('Shipping method', f.shipping_method),
      fact('Warehouse remarks', f.warehouse_remarks ?? ''),
      fact('Created', timeCell(f.created_at)),
      fact('Updated', timeCell(f.updated_at)),
    ]),
    section('Items', [partsTable('Items', ['SKU', 'Quantity'], f.items.map((i) => [el('span', { class: 'sku' }, [i.sku]), String(i.quantity)]), 'none.', 'fulfillment-items')]),
    section('Shipments', [
      partsTable(
        'Shipments',
        ['Shipment', 'Status', 'Carrier', 'Tracking numbers', 'Items', 'Created', 'Shipped by', 'Remarks'],
        f.shipments.map((s) => [
          String(s.id),
          s.status || '—',
          s.carrier_id || '—',
          s.tracking_numbers.length === 0 ? '—' : el('ul', { class: 'tracking-numbers' }, s.tracking_numbers.map((t) => el('li', { class: 'mono' }, [t]))),
          s.items.map((i) => `${i.sku} × ${i.quantity}`).join(', ') || '—',
          timeCell(s.created_at),
          s.shipped_by?.name || '—',
          s.remarks || '—',
        ]),
        'not shipped yet.',
        'fulfillment-shipments',
      ),
    ]),
  ];
}

export const fulfillmentRecordPage: Route = {
  path: '/fulfillments/:id',
  title: 'Fulfillment',
  nav: false,
  navParent: '/fulfillments',
  render: (container, context) =>
    keyRecordPage<PartnerFulfillment>(
      container,
      context,
      'Fulfillment',
      { href: '#/fulfillments', label: 'Fulfillments' },
      'fulfillment',
      async (id, signal, partial) => {
        const page = await client().s2Partner.listFulfillmentsPage({ idList: [id], nextToken: null }, { signal });
        partial(page);
        return page.items.find((f) => f.id === id) ?? null;
      },
      fulfillmentView,
    ),
};


function purchaseOrderView(p: PartnerPurchaseOrder): Child[] {
  return [
    facts([
      fact('Status', el('span', { class: 'status' }, [p.status || '—'])),
      fact('Supplier', p.from_supplier.name ? `${p.from_supplier.name} (#${p.from_supplier.id})` : `#${p.from_supplier.id}`),
      fact('To warehouse', p.to_warehouse_id),
      fact('ETA', timeCell(p.eta)),
      fact('Completed', timeCell(p.completion_date)),
      fact('Remarks', p.remarks),
      fact('Created', timeCell(p.created_at)),
      fact('Updated', timeCell(p.updated_at)),
    ]),
    section('Lines', [
      partsTable(
        'Lines',
        ['SKU', 'Ordered', 'Received', 'Outstanding'],
        p.items.map((i) => [
          el('span', { class: 'sku' }, [i.sku]),
          formatNumber(i.quantity),
          formatNumber(i.completed_quantity),
          formatNumber(Math.max(0, i.quantity - i.completed_quantity)),
        ]),
        'none.',
        'purchase-order-lines',
      ),
    ]),
  ];
}

export const purchaseOrderRecordPage: Route = {
  path: '/purchase-orders/:id',
  title: 'Purchase order',
  nav: false,
  navParent: '/purchase-orders',
  render: (container, context) =>
    keyRecordPage<PartnerPurchaseOrder>(
      container,
      context,
      'Purchase order',
      { href: '#/purchase-orders', label: 'Purchase orders' },
      'purchase order',
      async (id, signal, partial) => {
        const orders = client().s2Partner.listPurchaseOrders({ idList: [id], limit: 1 }, { signal });
        for await (const order of orders) {
          if (order.id === id) return order;
        }
        partial(orders);
        return null;
      },
      purchaseOrderView,
    ),
};

// Stock2Shop ---------------------------------------------------------------------------

function stock2shopOrderView(o: SystemOrder): Child[] {
  return [
    facts([
      fact('Status', el('span', { class: 'status' }, [o.status || '—'])),
      fact('Channel order', orDash(o.channel_order_code)),
      fact('Channel', String(o.channel_id)),
      fact('Customer', [customer(o), o.customer.email ? el('span', { class: 'subtle' }, [` ${o.customer.email}`]) : null]),
      fact('Total', o.total_display || '—'),
      fact('Created', timeCell(o.created)),
    ]),
    orderDetails(o),
  ];
}

export const stock2shopOrderRecordPage: Route = {
  path: '/stock2shop/orders/:id',
  title: 'Stock2Shop order',
  nav: false,
  navParent: '/stock2shop/orders',
  render: (container, context) =>
    keyRecordPage<SystemOrder>(
      container,
      context,
      'Stock2Shop order',
      { href: '#/stock2shop/orders', label: 'Stock2Shop orders' },
      'order',
      async (id, signal, partial) => {
        const answer = await paced(signal, () =>
          client().stock2shop.searchOrders({ size: 1, from: 0, query: { bool: { filter: [{ term: { id } }] } } }, { signal }),
        );
        partial(answer);
        return answer.system_orders.find((o) => o.id === id) ?? null;
      },
      stock2shopOrderView,
    ),
};

function stock2shopProductView(p: SystemProduct): Child[] {
  return [
    facts([
      fact('Title', p.title),
      fact('Source product code', p.source_product_code ?? ''),
      fact('Active', flagCell(p.active, { yes: 'Active', no: 'Inactive' })),
      fact('Vendor', p.vendor),
      fact('Type', p.product_type),
      fact('Collection', p.collection),
      fact('Tags', p.tags),
      fact('Source', p.source_id === undefined ? '' : String(p.source_id)),
      fact('Created', timeCell(p.created)),
      fact('Modified', timeCell(p.modified)),
    ]),
    section('Variants', [
      partsTable(
        'Variants',
        ['SKU', 'Options', 'Price', 'Quantity', 'Barcode', 'Active'],
        p.variants.map((v) => [
          el('span', { class: 'sku' }, [v.sku || '—']),
          [v.option1, v.option2, v.option3].filter((o) => o).join(' / ') || '—',
          amount(v.price),
          formatNumber(v.qty),
          v.barcode || '—',
          flagCell(v.active, { yes: 'Active', no: 'Inactive' }),
        ]),
        'none.',
        'product-variants',
      ),
    ]),
  ];
}

export const stock2shopProductRecordPage: Route = {
  path: '/stock2shop/products/:id',
  title: 'Stock2Shop product',
  nav: false,
  navParent: '/stock2shop/products',
  render: (container, context) =>
    keyRecordPage<SystemProduct>(
      container,
      context,
      'Stock2Shop product',
      { href: '#/stock2shop/products', label: 'Stock2Shop products' },
      'product',
      async (id, signal, partial) => {
        const answer = await paced(signal, () =>
          client().stock2shop.searchProducts({ size: 1, from: 0, query: { bool: { filter: [{ term: { id } }] } } }, { signal }),
        );
        partial(answer);
        return answer.system_products.find((p) => p.id === id) ?? null;
      },
      stock2shopProductView,
    ),
};

// Sellers Commerce ---------------------------------------------------------------------

/** The Sellers Commerce `get/{key}` answers: a 404 from the vendor is "no such record". */
async function sellersGet<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 404) return null;
    throw e;
  }
}

/** Every field of a sparse record: the declared ones by name, then the rest as sent. */
function sellersFacts(record: object, known: [string, string, (value: unknown) => Child][]): HTMLElement {
  const values = record as Record<string, unknown>;
  return facts([
    ...known.map(([key, term, show]) => fact(term, values[key] === null || values[key] === undefined ? '' : show(values[key]))),
    ...Object.entries(otherFields(record, known.map(([key]) => key))).map(([key, value]) => fact(key, freeForm(value))),
  ]);
}

function sellersRoute<T extends object>(path: string, title: string, listLabel: string, key: string, read: (key: string, signal: AbortSignal) => Promise<T>, view: (record: T) => Child[]): Route {
  return {
    path: `${path}/:key`,
    title,
    nav: false,
    navParent: path,
    render: (container, context) => {
      const value = context.params['key'] ?? '';
      recordPage<T>(container, context, {
        title: `${title} ${value}`,
        back: { href: `#${path}`, label: listLabel },
        loading: `Loading ${key} ${value}…`,
        missing: `There is no ${key} ${value}.`,
        fetch: (signal) => sellersGet(() => read(value, signal)),
        view,
      });
    },
  };
}

const text = (value: unknown): Child => String(value);
const date = (value: unknown): Child => timeCell(String(value));
/** A code of one of the package's Sellers Commerce tables, by name. */
const code =
  (column: string) =>
  (value: unknown): Child =>
    codeCell(column, typeof value === 'number' ? value : Number(value));

export const sellersOrderRecordPage = sellersRoute(
  '/sellers/orders',
  'Sellers Commerce order',
  'Sellers Commerce orders',
  'order',
  (key, signal) => client().sellersCommerce.orderGet(key, { signal }),
  (order) => [
    sellersFacts(order, [
      ['OrderNumber', 'Order number', text],
      ['OrderStatusId', 'Status', (v) => orderStatusCell(Number(v))],
      ['OrderPlacedDate', 'Placed', date],
      ['CreatedDate', 'Created', date],
      ['ModifiedDate', 'Modified', date],
      ['ServiceTypeId', 'Service type', code('ServiceTypeId')],
      ['CarrierId', 'Carrier', code('CarrierId')],
      ['PaymentMethodId', 'Payment method', code('PaymentMethodId')],
      ['PaymentStatusId', 'Payment status', code('PaymentStatusId')],
      ['PaymentGatewayId', 'Payment gateway', code('PaymentGatewayId')],
      ['DiscountTypeId', 'Discount type', code('DiscountTypeId')],
    ]),
  ],
);

function addressRows(list: SellersAddress[]): Child[][] {
  return list.map((a) => [a.AddressName || '—', a.AddressLine1 || '—', a.City || '—', [a.StateCode, a.ZipCode].filter((p) => p).join(' ') || '—', a.CountryCode || '—']);
}

export const sellersShopperRecordPage = sellersRoute(
  '/sellers/shoppers',
  'Sellers Commerce shopper',
  'Sellers Commerce shoppers',
  'shopper',
  (key, signal) => client().sellersCommerce.shopperGet(key, { signal }),
  (shopper) => {
    const { Address, ...rest } = shopper;
    return [
      sellersFacts(rest, [
        ['UserName', 'Username', text],
        ['FirstName', 'First name', text],
        ['LastName', 'Last name', text],
        ['DOB', 'Date of birth', date],
        ['Gender', 'Gender', (v) => (v === 1 ? 'Male' : v === 2 ? 'Female' : String(v))],
        ['ShopperTypeID', 'Shopper type', text],
        ['Deleted', 'Deleted', (v) => (v ? 'Yes' : 'No')],
      ]),
      section('Addresses', [partsTable('Addresses', ['Name', 'Line 1', 'City', 'State / ZIP', 'Country'], addressRows(Address ?? []), 'none.', 'shopper-addresses')]),
    ];
  },
);

export const sellersProductRecordPage = sellersRoute(
  '/sellers/products',
  'Sellers Commerce product',
  'Sellers Commerce products',
  'product',
  (key, signal) => client().sellersCommerce.productGet(key, { signal }),
  (product) => [
    sellersFacts(product, [
      ['ProductCode', 'Product code', text],
      ['SCproductID', 'SC product id', text],
    ]),
  ],
);

/** Every record page (each without a nav link; its list's link is marked while it shows). */
export const recordRoutes: Route[] = [
  createdOrderPage,
  fulfillmentRecordPage,
  purchaseOrderRecordPage,
  stock2shopOrderRecordPage,
  stock2shopProductRecordPage,
  sellersOrderRecordPage,
  sellersShopperRecordPage,
  sellersProductRecordPage,
];
