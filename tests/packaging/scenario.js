// What every smoke project does with the installed package, as a user would: sign in,
// a read, a paged iteration, a create refused with a field error, and the error class.
// run.mjs copies this file into each project, which imports it like its own code.
export async function scenario(kit, options = {}) {
  const client = new kit.Client(options);
  await client.login('demo', 'demo');
  const user = await client.me();
  const overview = await client.s2.getInventoryOverview();
  let products = 0;
  for await (const product of client.s2Partner.listProducts()) {
    if (typeof product.sku !== 'string') throw new Error(`a product without a sku: ${JSON.stringify(product)}`);
    products += 1;
  }
  let refusal = null;
  try {
    await client.s2Partner.createPurchaseOrder({ eta: 'soon', from_supplier_id: 'one', to_warehouse_id: 'WH-1', items: [] });
  } catch (error) {
    refusal = error;
  }
  return {
    user: user?.username ?? null,
    warehouses: overview.warehouses.length,
    products,
    refusal: refusal && {
      isCommerceKitError: refusal instanceof kit.CommerceKitError,
      code: refusal.code,
      fields: (refusal.details?.errors ?? []).map((e) => e.field),
    },
  };
}
