// #/fulfillment-orders/new: an S2 fulfillment order (POST /fulfillment) with its
// address, items and one shipment. With a channel fulfillment id the package retries a
// lost answer safely, and a duplicate found on retry comes back as "already created".
// Products are picked by SKU or name (the inventory overview maps them to S2's ids);
// a created order links to its page (#/fulfillment-orders/<id>) and the form is cleared
// for the next one.

import type { S2CreateOutcome, S2NewFulfillmentOrder, S2NewFulfillmentShipment, S2FulfillmentMethod, S2OrderType, S2Product } from 'commerce-kit';
import { CommerceKitError } from 'commerce-kit';
import { client } from '../api';
import { datalist, fillDatalist, Form, LineList, type FieldSpec } from '../form';
import { recordHref, type PageContext, type Route } from '../router';
import { canWrite } from '../session';
import { el, pageHeader, replaceChildren } from '../ui';
import { readOnlyNotice } from './shared';
import { keepCreatedOrder } from './created-orders';

export const fulfillmentOrderPage: Route = { path: '/fulfillment-orders/new', title: 'New fulfillment order', render };

const ORDER_TYPES: Record<string, S2OrderType> = { '0': 0, '1': 1, '2': 2 };
const METHODS: Record<string, S2FulfillmentMethod> = { '0': 0, '1': 1, '2': 2 };

/** A plausible e-mail address: something@something.tld, no spaces (the vendor checks the rest). */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The S2 product id for what was typed in a product picker: an id as it is, or the
 * product whose SKU (or, failing that, whose one name) it is, ignoring case. Text that
 * names no product is sent as typed (the package and S2 say what is wrong with it).
 */
export function productIdFor(text: string, products: readonly Pick<S2Product, 'id' | 'sku' | 'name'>[]): string {
  const wanted = text.trim().toLowerCase();
  if (wanted === '') return text.trim();
  const byId = products.find((p) => p.id.toLowerCase() === wanted);
  if (byId) return byId.id;
  const bySku = products.find((p) => p.sku.toLowerCase() === wanted);
  if (bySku) return bySku.id;
  const byName = products.filter((p) => p.name.toLowerCase() === wanted);
  return byName.length === 1 && byName[0] ? byName[0].id : text.trim();
}

function render(container: HTMLElement, context: PageContext): void {
  if (!canWrite()) {
    replaceChildren(container, [pageHeader('New fulfillment order'), readOnlyNotice('create S2 fulfillment orders')]);
    return;
  }
  const products = datalist('s2-products');
  const warehouses = datalist('s2-warehouses');
  /** The products of the inventory overview, for the pickers (empty until it arrives). */
  let known: S2Product[] = [];
  const productId = (text: string): string => productIdFor(text, known);

  const form = new Form({
    name: 'New fulfillment order',
    submitLabel: 'Create fulfillment order',
    onSubmit: async (f) => {
      const email = f.text('address.email');
      if (email !== '' && !EMAIL.test(email)) {
        f.showErrors([{ field: 'address.email', message: 'Enter an e-mail address like name@example.com, or leave it empty' }]);
        return;
      }
      const body: S2NewFulfillmentOrder = {
        address: {
          name: f.text('address.name'),
          company: f.text('address.company'),
          address1: f.text('address.address1'),
          address2: f.text('address.address2'),
          city: f.text('address.city'),
          state: f.text('address.state'),
          postalCode: f.text('address.postalCode'),
          countryId: f.text('address.countryId'),
          phone: f.text('address.phone'),
          email: f.text('address.email'),
        },
        shippingMethod: f.text('shippingMethod'),
        items: Array.from({ length: items.count }, (_, i) => ({
          productId: productId(f.text(items.path(i, 'productId'))),
          quantity: f.number(items.path(i, 'quantity')),
        })),
        shipments: [],
        attachments: [],
      };
      if (f.checked('ship')) {
        const shipment: S2NewFulfillmentShipment = {
          items: Array.from({ length: shipmentItems.count }, (_, i) => ({
            productId: productId(f.text(shipmentItems.path(i, 'productId'))),
            quantity: f.number(shipmentItems.path(i, 'quantity')),
          })),
          prepaidLabels: [],
        };
        const carrier = f.optionalText('shipments[0].shippingCarrierId');
        if (carrier !== undefined) shipment.shippingCarrierId = carrier;
        const tracking = f.optionalText('shipments[0].trackingNumber');
        if (tracking !== undefined) shipment.trackingNumber = tracking;
        body.shipments = [shipment];
      }
      const channelId = f.optionalText('channelFulfillmentId');
      if (channelId !== undefined) body.channelFulfillmentId = channelId;
      const warehouseId = f.optionalText('warehouseId');
      if (warehouseId !== undefined) body.warehouseId = warehouseId;
      const orderType = ORDER_TYPES[f.text('orderType')];
      if (orderType !== undefined) body.orderType = orderType;
      const method = METHODS[f.text('method')];
      if (method !== undefined) body.method = method;
      if (f.checked('signatureRequired')) body.signatureRequired = true;
      const note = f.optionalText('customerNote');
      if (note !== undefined) body.customerNote = note;

      let result: S2CreateOutcome;
      try {
        result = await client().s2.createFulfillmentOrder(body, { signal: context.signal });
      } catch (e) {
        // A first attempt that meets an existing channel id (a retry would have resolved
        // as already_created): the id was used by an earlier order.
        if (e instanceof CommerceKitError && (e.code as string) === 'already_exists') {
          f.problem('already_exists', 'Already exists', [
            'S2 already has a fulfillment order with channelFulfillmentId ',
            el('code', {}, [channelId ?? '']),
            '. Use a new id for a new order.',
          ]);
          return;
        }
        throw e;
      }
      if (result.outcome === 'created') {
        keepCreatedOrder(result.fulfillment);
        // The next order starts from a clean form; the created one is a link away.
        form.element.reset();
        syncShipment();
      }
      f.succeed(outcomeText(result));
    },
  });

  const productColumn = { name: 'productId', label: 'Product', list: 's2-products', placeholder: 'SKU or name', hint: 'SKU, name or id' };
  const quantityColumn = { name: 'quantity', label: 'Quantity', kind: 'number' as const, value: '1', size: 'narrow' as const };
  const items = new LineList(form, { path: 'items', legend: 'Items', noun: 'item', columns: [productColumn, quantityColumn] });
  const shipmentItems = new LineList(form, {
    path: 'shipments[0].items',
    legend: 'Items in this shipment',
    noun: 'item',
    columns: [productColumn, quantityColumn],
  });
  const shipment = form.group('shipments[0]', 'Shipment', [
    form.field({ path: 'ship', label: 'Create one shipment with the order', kind: 'checkbox', value: 'true' }),
    el('div', { class: 'field-row' }, [
      form.field({ path: 'shipments[0].shippingCarrierId', label: 'Carrier', optional: true, placeholder: 'OTHER' }),
      form.field({ path: 'shipments[0].trackingNumber', label: 'Tracking number', optional: true }),
    ]),
    shipmentItems.element,
  ]);
  const shipToggle = shipment.querySelector<HTMLInputElement>('input[name="ship"]');
  const syncShipment = (): void => {
    shipment.classList.toggle('collapsed', !(shipToggle?.checked ?? true));
  };
  shipToggle?.addEventListener('change', syncShipment);

  const address = (name: string, label: string, extra: Partial<FieldSpec> = {}): HTMLElement =>
    form.field({ path: `address.${name}`, label, ...extra });

  form.body.append(
    form.group('address', 'Ship to', [
      el('div', { class: 'field-row' }, [address('name', 'Name'), address('company', 'Company'), address('phone', 'Phone'), address('email', 'Email')]),
      el('div', { class: 'field-row' }, [address('address1', 'Address line 1', { size: 'wide' }), address('address2', 'Address line 2')]),
      el('div', { class: 'field-row' }, [
        address('city', 'City'),
        address('state', 'State'),
        address('postalCode', 'Postal code', { size: 'narrow' }),
        address('countryId', 'Country', { placeholder: 'US', size: 'narrow', hint: 'Two letters' }),
      ]),
      el('p', { class: 'field-hint' }, ['Leave a part empty where there is none; the country is required.']),
    ]),
    form.group(null, 'Order', [
      el('div', { class: 'field-row' }, [
        form.field({
          path: 'channelFulfillmentId',
          label: 'Channel fulfillment id',
          optional: true,
          hint: 'Your own id: makes retries safe',
        }),
        form.field({ path: 'warehouseId', label: 'Warehouse', optional: true, list: 's2-warehouses', hint: 'S2 picks one when empty' }),
        form.field({ path: 'shippingMethod', label: 'Shipping method', value: 'standard' }),
      ]),
      el('div', { class: 'field-row' }, [
        form.field({
          path: 'orderType',
          label: 'Order type',
          kind: 'select',
          options: [
            { value: '', label: 'Default (B2C)' },
            { value: '0', label: 'B2C' },
            { value: '1', label: 'B2B' },
            { value: '2', label: 'FBA (Fulfillment by Amazon)' },
          ],
        }),
        form.field({
          path: 'method',
          label: 'Fulfillment method',
          kind: 'select',
          options: [
            { value: '', label: 'Not set' },
            { value: '0', label: 'SPD (small parcel)' },
            { value: '1', label: 'Pickup' },
            { value: '2', label: 'LTL (less than truckload)' },
          ],
        }),
        form.field({ path: 'signatureRequired', label: 'Signature required', kind: 'checkbox' }),
      ]),
      form.field({ path: 'customerNote', label: 'Customer note', kind: 'textarea', optional: true, size: 'wide' }),
    ]),
    items.element,
    shipment,
    products,
    warehouses,
  );
  syncShipment();

  replaceChildren(container, [
    pageHeader('New fulfillment order'),
    el('p', { class: 'page-intro' }, [
      'An S2 fulfillment order. Product and warehouse ids are suggested from the ',
      el('a', { href: '#/inventory' }, ['inventory overview']),
      '.',
    ]),
    el('div', { class: 'card form-card' }, [form.element]),
  ]);

  // Suggestions for the id inputs; the inputs work without them.
  void client()
    .s2.getInventoryOverview({ signal: context.signal })
    .then((overview) => {
      known = overview.products;
      fillDatalist(
        products,
        overview.products.filter((p) => p.sku !== '').map((p) => ({ value: p.sku, label: p.name || p.sku })),
      );
      fillDatalist(
        warehouses,
        overview.warehouses.map((w) => ({ value: w.id, label: w.name })),
      );
    })
    .catch(() => {});
}

function outcomeText(result: S2CreateOutcome): (Node | string)[] {
  if (result.outcome === 'created') {
    const f = result.fulfillment;
    return ['Created ', el('a', { class: 'created-id', href: recordHref('/fulfillment-orders', f.id) }, [f.id]), ` (status ${f.status || 'unknown'}). The form is cleared for the next one.`];
  }
  return [
    el('strong', {}, ['Already created']),
    ' (channelFulfillmentId ',
    el('code', { class: 'channel-id' }, [result.channelFulfillmentId]),
    '): S2 has it from an earlier attempt; nothing new was created.',
  ];
}
