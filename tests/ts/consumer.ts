// A strict TypeScript consumer of the built package (pkg/). It is only type-checked
// (`npm --prefix tests run typecheck`), never run. Each `@ts-expect-error` line is a
// wrong use the package's types must reject: if one stops being an error, tsc fails.

import init, { Client, CommerceKitError, endpoints, validateResponse } from 'commerce-kit';
import type {
  CallOptions,
  ClientOptions,
  DriftReport,
  EndpointInfo,
  ErrorCode,
  InventoryOverview,
  Item,
  Level,
  Product,
  ValidationIssue,
  ValidationReport,
  Warehouse,
} from 'commerce-kit';

/** Compile-time equality of two types. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function assertType<T extends true>(): T | void {}

export async function inventory(): Promise<string[]> {
  await init();
  const drifts: string[] = [];
  const options: ClientOptions = {
    baseUrl: '',
    timeoutMs: 10_000,
    onDrift: (drift: DriftReport) => {
      const operation: string = drift.operation;
      drifts.push(operation, ...drift.paths);
    },
  };
  const client = new Client(options);
  const controller = new AbortController();
  const call: CallOptions = { signal: controller.signal, timeoutMs: 5_000 };
  const overview: InventoryOverview = await client.getInventoryOverview(call);

  // Field access through the declared shape.
  const available: number = overview.items[0].level.available;
  const reserved: number = overview.items[0].level.reserved;
  const warehouse: Warehouse = overview.warehouses[0];
  const country: string = warehouse.address.countryId;
  const product: Product = overview.products[0];
  const sku: string = product.sku;
  const brand: string = product.brand.name;
  const otherIds: string[] = product.otherIds;
  const item: Item = overview.items[0];
  const level: Level = item.level;
  const productId: string = level.productId;
  assertType<Equal<typeof overview.items, Item[]>>();
  assertType<Equal<InventoryOverview['warehouses'][number]['dropshipper'], boolean>>();

  // Wrong uses.
  // @ts-expect-error misspelled field
  overview.items[0].level.avaliable;
  // @ts-expect-error a number is not a string
  const s: string = overview.items[0].level.available;
  // @ts-expect-error baseUrl is a string
  new Client({ baseUrl: 42 });
  // @ts-expect-error there is no such method
  await client.getInventory();
  // @ts-expect-error signal must be an AbortSignal
  await client.getInventoryOverview({ signal: 'soon' });
  // @ts-expect-error unknown option
  new Client({ baseURL: '' });
  // @ts-expect-error products are not levels
  const wrong: Level = overview.products[0];
  // @ts-expect-error warehouses have no `city` of their own (it is address.city)
  warehouse.city;

  return [String(available + reserved), country, sku, brand, productId, ...otherIds, ...drifts, String(s), String(wrong)];
}

/** Narrowing a rejection to CommerceKitError, then on its code. */
export function describe(e: unknown): string {
  if (!(e instanceof CommerceKitError)) return e instanceof Error ? e.message : String(e);
  const status: number | null = e.status;
  const details: unknown = e.details;
  // @ts-expect-error details is unknown: narrow it before use
  details.issues;
  // @ts-expect-error not an ErrorCode
  const bogus: ErrorCode = 'not_found';
  void bogus;
  switch (e.code) {
    case 'invalid_response': {
      const issues = readIssues(details);
      return issues.map((i) => `${i.path}: expected ${i.expected}, found ${i.found}`).join('\n');
    }
    case 'invalid_request':
    case 'proxy':
    case 'vendor':
    case 'unauthorized':
      return `${e.code} (${status ?? 'no status'}): ${e.message}`;
    case 'rate_limited':
      return 'slow down';
    case 'network':
    case 'timeout':
    case 'aborted':
      return e.code;
    default: {
      // Every code is handled above: a new one in the package breaks this line.
      const never: never = e.code;
      return never;
    }
  }
}

function readIssues(details: unknown): ValidationIssue[] {
  if (typeof details !== 'object' || details === null || !('issues' in details)) return [];
  const issues = (details as { issues: unknown }).issues;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
}

/** The error's fields are readonly. */
export function readonlyFields(e: CommerceKitError): void {
  // @ts-expect-error code is readonly
  e.code = 'network';
  // @ts-expect-error status is readonly
  e.status = 500;
}

/** validateResponse() and endpoints() without a network. */
export function offline(body: Uint8Array): string[] {
  const report: ValidationReport = validateResponse('s2.get_inventory_overview', body);
  const errors: ValidationIssue[] = report.errors;
  const unlisted: number = report.unlistedErrors;
  const drift: string[] = report.drift;
  validateResponse('s2.get_inventory_overview', [123, 125]);
  // @ts-expect-error the body is bytes, not a string
  validateResponse('s2.get_inventory_overview', '{}');
  // @ts-expect-error the report has no `valid` flag: check errors.length
  report.valid;

  const list: EndpointInfo[] = endpoints();
  const gets = list.filter((e) => e.method === 'GET').map((e) => `${e.vendor} ${e.id} ${e.path} ${e.idempotent}`);
  const first = list[0];
  if (first) {
    // @ts-expect-error PATCH is not a method of the catalogue
    if (first.method === 'PATCH') gets.push('never');
    // @ts-expect-error not a vendor of the catalogue
    if (first.vendor === 'shopify') gets.push('never');
  }
  return [...errors.map((e) => e.path), String(unlisted), ...drift, ...gets];
}
