// The inventory page's data, without the DOM: the overview turned into one row per SKU
// with its level in each warehouse and its totals, the search, the low-stock rule and
// the per-warehouse sums the chart draws. Pure functions, so they are cheap to test and
// cheap to run again on every keystroke.

import type { S2InventoryOverview, S2Item, S2Product } from 'commerce-kit';

/** A warehouse as a column: the listed ones, then any the levels name but the list lacks. */
export interface WarehouseColumn {
  id: string;
  name: string;
  /** Named by levels but missing from the warehouse list. */
  unknown: boolean;
}

export interface Quantities {
  available: number;
  incoming: number;
  reserved: number;
}

/** One product (SKU) across every warehouse. */
export interface SkuRow extends Quantities {
  productId: string;
  /** '' when the product is not in the overview's product list. */
  sku: string;
  name: string;
  /** Its levels reference a product missing from the product list. */
  unknown: boolean;
  /** Its level in each warehouse that has one, by warehouse id. */
  levels: Map<string, Quantities>;
  /** Lower-cased "sku name id", what the search looks in. */
  haystack: string;
}

/** One level of one warehouse, joined to its product. */
export interface LevelRow {
  item: S2Item;
  product: S2Product | undefined;
}

export interface InventoryModel {
  warehouses: WarehouseColumn[];
  rows: SkuRow[];
  /** Each warehouse's levels, by warehouse id. */
  levelsByWarehouse: Map<string, LevelRow[]>;
  /** Levels whose product is not in the product list. */
  unknownProductLevels: number;
}

/** How many levels `modelSteps` joins between two of its yields. */
const LEVELS_PER_STEP = 1024;

/**
 * Builds the model, yielding after every `LEVELS_PER_STEP` levels: run by `runInSlices`
 * (yield.ts), 32,000 levels do not hold the main thread in one task.
 */
export function* modelSteps(overview: S2InventoryOverview): Generator<void, InventoryModel> {
  const products = new Map(overview.products.map((p) => [p.id, p]));
  const warehouses: WarehouseColumn[] = overview.warehouses.map((w) => ({ id: w.id, name: w.name || w.id, unknown: false }));
  const known = new Set(warehouses.map((w) => w.id));
  const rows = new Map<string, SkuRow>();
  const levelsByWarehouse = new Map<string, LevelRow[]>();
  let unknownProductLevels = 0;
  let joined = 0;
  for (const item of overview.items) {
    if (++joined % LEVELS_PER_STEP === 0) yield;
    const { level, warehouseId } = item;
    if (!known.has(warehouseId)) {
      known.add(warehouseId);
      warehouses.push({ id: warehouseId, name: 'Unknown warehouse', unknown: true });
    }
    const product = products.get(level.productId);
    if (!product) unknownProductLevels += 1;
    const levels = levelsByWarehouse.get(warehouseId) ?? [];
    levels.push({ item, product });
    levelsByWarehouse.set(warehouseId, levels);

    let row = rows.get(level.productId);
    if (!row) {
      const sku = product?.sku ?? '';
      const name = product?.name ?? '';
      row = {
        productId: level.productId,
        sku,
        name,
        unknown: !product,
        levels: new Map(),
        available: 0,
        incoming: 0,
        reserved: 0,
        haystack: `${sku} ${name} ${level.productId}`.toLowerCase(),
      };
      rows.set(level.productId, row);
    }
    const here = row.levels.get(warehouseId) ?? { available: 0, incoming: 0, reserved: 0 };
    here.available += level.available;
    here.incoming += level.incoming;
    here.reserved += level.reserved;
    row.levels.set(warehouseId, here);
    row.available += level.available;
    row.incoming += level.incoming;
    row.reserved += level.reserved;
  }
  return { warehouses, rows: [...rows.values()], levelsByWarehouse, unknownProductLevels };
}

/** The rows whose SKU, name or product id contain every word of `query` (any case). */
export function searchRows(rows: readonly SkuRow[], query: string): SkuRow[] {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [...rows];
  return rows.filter((row) => words.every((w) => row.haystack.includes(w)));
}

/** Whether a level matches the search (the per-warehouse tables filter with it too). */
export function levelMatches(level: LevelRow, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return true;
  const haystack = `${level.product?.sku ?? ''} ${level.product?.name ?? ''} ${level.item.level.productId}`.toLowerCase();
  return words.every((w) => haystack.includes(w));
}

export type StockState = 'out' | 'low' | 'ok';

/** Out at 0 or below; low at or below `threshold`; ok above. */
export function stockState(available: number, threshold: number): StockState {
  if (available <= 0) return 'out';
  return available <= threshold ? 'low' : 'ok';
}

export const DEFAULT_LOW_STOCK = 10;

/**
 * The low-stock threshold from its text (URL or storage): a whole number from 0 up;
 * null when it is not one.
 */
export function parseThreshold(text: string | null | undefined): number | null {
  if (text === null || text === undefined || !/^\s*\d{1,9}\s*$/.test(text)) return null;
  return Number(text.trim());
}

/** Each warehouse's sums over `rows` (the chart's bars), in column order. */
export function warehouseTotals(rows: readonly SkuRow[], warehouses: readonly WarehouseColumn[]): (WarehouseColumn & Quantities)[] {
  return warehouses.map((w) => {
    const sum = { available: 0, incoming: 0, reserved: 0 };
    for (const row of rows) {
      const level = row.levels.get(w.id);
      if (!level) continue;
      sum.available += level.available;
      sum.incoming += level.incoming;
      sum.reserved += level.reserved;
    }
    return { ...w, ...sum };
  });
}
