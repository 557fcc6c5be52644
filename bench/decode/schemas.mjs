// The S2 inventory overview (src/vendors/s2/inventory.rs) as a zod 4, valibot 1 and
// JSON Schema (ajv 8) schema. Every field is required, integers are integers (i64),
// numbers are numbers (f64), and unknown keys are accepted (commerce-kit reports them
// as drift without failing), so the four validators accept and refuse the same bodies.
// Shared by the browser page (zod, valibot) and run.mjs (ajv, compiled to a standalone
// module in Node because ajv ships CommonJS only).

const ORGANIZATION = { id: 'string', name: 'string', createdAt: 'string', updatedAt: 'string' };
const ADDRESS = {
  name: 'string', company: 'string', address1: 'string', address2: 'string', city: 'string',
  state: 'string', postalCode: 'string', countryId: 'string', phone: 'string', email: 'string',
};
const WAREHOUSE = {
  id: 'string', organization: ORGANIZATION, name: 'string', address: ADDRESS, dropshipper: 'boolean',
  fulfillmentCenter: 'boolean', rmaCenter: 'boolean', unitSystem: 'string', createdAt: 'string', updatedAt: 'string',
};
const BRAND = { id: 'string', name: 'string', nameNormalized: 'string', createdAt: 'string' };
const PRODUCT = {
  id: 'string', organization: ORGANIZATION, sku: 'string', brand: BRAND, gtin: 'string', name: 'string',
  remarks: 'string', imageMain: 'string', packageLengthMm: 'number', packageWidthMm: 'number',
  packageHeightMm: 'number', shippingWeightKg: 'number', caseUnit: 'string', casePack: 'integer',
  caseLengthMm: 'number', caseWidthMm: 'number', caseHeightMm: 'number', caseWeightKg: 'number',
  condition: 'string', serialNumberRequired: 'boolean', expiryDateRequired: 'boolean', unknown: 'boolean',
  createdAt: 'string', updatedAt: 'string', otherIds: ['string'],
};
const LEVEL = { productId: 'string', available: 'integer', incoming: 'integer', reserved: 'integer', updatedAt: 'string' };
const ITEM = { warehouseId: 'string', level: LEVEL };
/** One description, turned into each library's schema below. */
export const INVENTORY_OVERVIEW = { warehouses: [WAREHOUSE], products: [PRODUCT], items: [ITEM] };

function build(shape, lib) {
  if (Array.isArray(shape)) return lib.array(build(shape[0], lib));
  if (typeof shape === 'string') return lib[shape]();
  return lib.object(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, build(v, lib)])));
}

/** zod 4: `z.looseObject` keeps unknown keys, like the package. */
export function zodSchema(z) {
  return build(INVENTORY_OVERVIEW, {
    array: (s) => z.array(s), object: (f) => z.looseObject(f), string: () => z.string(),
    number: () => z.number(), integer: () => z.int(), boolean: () => z.boolean(),
  });
}

/** valibot 1: `v.looseObject` keeps unknown keys. */
export function valibotSchema(v) {
  return build(INVENTORY_OVERVIEW, {
    array: (s) => v.array(s), object: (f) => v.looseObject(f), string: () => v.string(),
    number: () => v.number(), integer: () => v.pipe(v.number(), v.integer()), boolean: () => v.boolean(),
  });
}

/** JSON Schema for ajv: additional properties allowed (the default). */
export function jsonSchema() {
  return build(INVENTORY_OVERVIEW, {
    array: (s) => ({ type: 'array', items: s }),
    object: (f) => ({ type: 'object', properties: f, required: Object.keys(f) }),
    string: () => ({ type: 'string' }), number: () => ({ type: 'number' }),
    integer: () => ({ type: 'integer' }), boolean: () => ({ type: 'boolean' }),
  });
}
