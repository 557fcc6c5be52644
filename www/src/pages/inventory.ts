// #/inventory: stock by SKU across warehouses (S2 GET /inventory/overview).
//
// One overview answers every question here, so the page loads it once and then works
// on it locally: a search by SKU or name, a SKU × warehouse matrix with per-SKU totals,
// sortable columns, a low-stock threshold (in the URL and remembered in localStorage),
// a chart per warehouse, and each warehouse's own levels. Tables draw only the rows in
// view (virtual-table.ts): the 10 MB overview has 31,896 levels.

import type { S2InventoryOverview } from 'commerce-kit';
import { client, isAborted } from '../api';
import { watchDownload, type DownloadProgress } from '../download-progress';
import { formatInstant, formatNumber, timeCell } from '../format';
import { failureView } from '../load';
import { rememberInAddress, type PageContext, type Route } from '../router';
import { button, el, emptyView, loadingView, rejectedView, rejectionsOf, replaceChildren, type Child } from '../ui';
import { formatSort, parseSort, VirtualTable, type SortState, type VirtualColumn } from '../virtual-table';
import { runInSlices, yieldToEventLoop } from '../yield';
import {
  DEFAULT_LOW_STOCK,
  levelMatches,
  modelSteps,
  parseThreshold,
  searchRows,
  stockState,
  warehouseTotals,
  type InventoryModel,
  type LevelRow,
  type SkuRow,
  type WarehouseColumn,
} from './inventory-model';

export const inventoryPage: Route = { path: '/inventory', title: 'Inventory', render };

const LOW_STOCK_KEY = 'commerce-kit.inventory.low-stock';
/** The overview's URL path, whose download the loading state follows. */
const OVERVIEW_PATH = '/api/s2/inventory/overview';
const SEARCH_DELAY_MS = 150;

/** The page's settings, as kept in the URL. */
interface Settings {
  query: string;
  threshold: number;
  sort: string | null;
}

function storedThreshold(): number | null {
  try {
    return parseThreshold(localStorage.getItem(LOW_STOCK_KEY));
  } catch {
    return null; // storage switched off: the URL and the default still work
  }
}

function storeThreshold(value: number): void {
  try {
    localStorage.setItem(LOW_STOCK_KEY, String(value));
  } catch {
    // storage switched off: the URL keeps it for this page
  }
}

function render(container: HTMLElement, context: PageContext): void {
  const settings: Settings = {
    query: context.query.get('q') ?? '',
    threshold: parseThreshold(context.query.get('low')) ?? storedThreshold() ?? DEFAULT_LOW_STOCK,
    sort: context.query.get('sort'),
  };
  const remember = (): void =>
    rememberInAddress(context.path, { q: settings.query || null, low: String(settings.threshold), sort: settings.sort });

  const status = el('p', { class: 'toolbar-status', 'aria-live': 'polite' });
  const content = el('div', { class: 'inventory' });
  const search = el('input', { type: 'search', id: 'inventory-search', class: 'input', autocomplete: 'off', placeholder: 'SKU or name' });
  search.value = settings.query;
  const threshold = el('input', { type: 'number', id: 'inventory-low', class: 'input input-narrow', min: 0, step: 1, inputmode: 'numeric' });
  threshold.value = String(settings.threshold);
  const thresholdError = el('p', { class: 'field-error', id: 'inventory-low-error', role: 'alert', hidden: true });
  const controls = el('div', { class: 'inventory-controls' }, [
    el('div', { class: 'field' }, [el('label', { for: 'inventory-search' }, ['Search SKU or name']), search]),
    el('div', { class: 'field' }, [
      el('label', { for: 'inventory-low' }, ['Low stock at or below']),
      threshold,
      thresholdError,
    ]),
  ]);

  let view: InventoryView | null = null;
  let inflight: AbortController | null = null;
  let generation = 0;

  const load = async (): Promise<void> => {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    const mine = ++generation;
    const current = (): boolean => mine === generation && !context.signal.aborted;
    status.textContent = '';
    view?.destroy();
    view = null;
    const cancel = button('Cancel', () => controller.abort(), { class: 'cancel-load' });
    const progress = downloadProgressView();
    replaceChildren(content, [el('div', { class: 'loading-row' }, [loadingView('Loading inventory…'), progress.element, cancel])]);
    const unwatch = watchDownload(OVERVIEW_PATH, progress.update);
    try {
      const overview = await client().getInventoryOverview({ signal: controller.signal });
      unwatch();
      if (!current()) return;
      // The model is built in slices from the next task on: the task that decoded the
      // overview is long enough already (issue 13 item 4).
      await yieldToEventLoop();
      const model = await runInSlices(modelSteps(overview), controller.signal);
      if (!current()) return;
      const rejections = rejectionsOf(overview);
      view = new InventoryView(overview, model, settings, remember);
      replaceChildren(content, [rejections && rejectedView(rejections), view.element]);
      // In the next frame: the tables read their sizes once the page is laid out,
      // outside the task that decoded the overview.
      const shown = view;
      requestAnimationFrame(() => {
        if (view === shown) shown.mount();
      });
      status.replaceChildren('Updated ', el('time', { datetime: new Date().toISOString() }, [formatInstant(new Date())]));
    } catch (e) {
      if (!current()) return;
      if (isAborted(e) && controller.signal.aborted) {
        replaceChildren(content, [
          el('div', { class: 'cancelled', role: 'status' }, [el('p', {}, ['Loading was cancelled.']), button('Load inventory', () => void load())]),
        ]);
        return;
      }
      replaceChildren(content, [failureView(e, () => void load())]);
    } finally {
      unwatch();
      if (inflight === controller) inflight = null;
    }
  };

  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      settings.query = search.value.trim();
      remember();
      view?.refilter();
    }, SEARCH_DELAY_MS);
  });
  threshold.addEventListener('input', () => {
    const value = parseThreshold(threshold.value);
    threshold.setAttribute('aria-invalid', String(value === null));
    thresholdError.hidden = value !== null;
    if (value === null) {
      threshold.setAttribute('aria-describedby', thresholdError.id);
      thresholdError.textContent = 'Low stock: enter a whole number, 0 or more.';
      return;
    }
    threshold.removeAttribute('aria-describedby');
    settings.threshold = value;
    storeThreshold(value);
    remember();
    view?.redraw();
  });

  context.signal.addEventListener(
    'abort',
    () => {
      clearTimeout(searchTimer);
      inflight?.abort();
      view?.destroy();
    },
    { once: true },
  );

  replaceChildren(container, [
    el('div', { class: 'page-header' }, [
      el('h1', {}, ['Inventory']),
      el('div', { class: 'toolbar' }, [status, button('Reload', () => void load(), { class: 'primary reload' })]),
    ]),
    controls,
    content,
  ]);
  void load();
}

/**
 * A progress bar with "2.4 MB of 9.8 MB received" (or "2.4 MB received" when the size
 * is not known), updated at most once a frame.
 */
function downloadProgressView(): { element: HTMLElement; update: (progress: DownloadProgress) => void } {
  const bar = el('progress', { class: 'download-bar', 'aria-label': 'Inventory download' });
  const text = el('span', { class: 'download-text' });
  const element = el('div', { class: 'download-progress', hidden: true }, [bar, text]);
  let latest: DownloadProgress | null = null;
  let frame = 0;
  const megabytes = (bytes: number): string => `${formatNumber(Math.round(bytes / 100_000) / 10)} MB`;
  const draw = (): void => {
    frame = 0;
    if (!latest) return;
    element.hidden = false;
    const { received, total } = latest;
    if (total) {
      bar.max = total;
      bar.value = Math.min(received, total);
    } else {
      bar.removeAttribute('value'); // indeterminate
    }
    text.textContent = total ? `${megabytes(received)} of ${megabytes(total)} received` : `${megabytes(received)} received`;
  };
  return {
    element,
    update: (progress) => {
      latest = progress;
      if (!frame) frame = requestAnimationFrame(draw);
    },
  };
}

/** What the page shows for one overview; `refilter` / `redraw` follow the settings. */
class InventoryView {
  readonly element: HTMLElement;
  private readonly model: InventoryModel;
  private readonly matrix: VirtualTable<SkuRow> | null;
  private readonly levelTables = new Map<string, VirtualTable<LevelRow>>();
  private readonly matchCount = el('p', { class: 'match-count', 'aria-live': 'polite' });
  private readonly chartCanvas = el('canvas', { class: 'stock-chart', role: 'img', 'aria-label': 'Stock per warehouse' });
  private readonly chartTable = el('div', { class: 'chart-table' });
  private chart: { update: (t: ReturnType<typeof warehouseTotals>) => void; destroy: () => void } | null = null;
  private destroyed = false;
  /** "Oakville, CA" for each listed warehouse, by id. */
  private readonly places: Map<string, string>;

  constructor(
    overview: S2InventoryOverview,
    model: InventoryModel,
    private readonly settings: Settings,
    private readonly remember: () => void,
  ) {
    this.model = model;
    this.places = new Map(
      overview.warehouses.map((w) => [w.id, [w.address.city, w.address.countryId].filter((s) => s.trim() !== '').join(', ')]),
    );
    const { warehouses, rows, unknownProductLevels } = this.model;
    const count = (n: number, noun: string): string => `${formatNumber(n)} ${n === 1 ? noun : `${noun}s`}`;
    const summary = el('p', { class: 'summary' }, [
      count(overview.warehouses.length, 'warehouse'),
      ' · ',
      count(overview.products.length, 'product'),
      ' · ',
      count(overview.items.length, 'inventory level'),
    ]);
    const notes: Child[] = [];
    if (unknownProductLevels > 0) {
      notes.push(
        el('p', { class: 'note' }, [
          `${count(unknownProductLevels, 'level')} ${unknownProductLevels === 1 ? 'references a product' : 'reference products'} missing from the product list; ${unknownProductLevels === 1 ? 'it is' : 'they are'} shown by product id.`,
        ]),
      );
    }
    if (warehouses.length === 0) {
      this.matrix = null;
      this.element = el('div', {}, [summary, emptyView('No warehouses')]);
      return;
    }
    const columns = matrixColumns(warehouses, () => this.settings.threshold);
    const sort = parseSort(settings.sort, columns.map((c) => c.key));
    this.matrix = new VirtualTable(columns, searchRows(rows, settings.query), {
      label: 'Stock by SKU',
      className: 'stock-matrix',
      rowClass: (row) => (row.unknown ? 'unknown' : undefined),
      sort,
      onSort: (next) => this.sorted(next),
    });
    this.element = el('div', {}, [
      summary,
      ...notes,
      el('section', { class: 'stock-by-sku', 'aria-labelledby': 'stock-by-sku-title' }, [
        el('h2', { id: 'stock-by-sku-title' }, ['Stock by SKU']),
        el('div', { class: 'matrix-meta' }, [this.matchCount, legend()]),
        el('div', { class: 'card' }, [this.matrix.element]),
      ]),
      el('section', { class: 'stock-chart-section', 'aria-labelledby': 'stock-chart-title' }, [
        el('h2', { id: 'stock-chart-title' }, ['Stock per warehouse']),
        el('div', { class: 'card chart-card' }, [
          el('div', { class: 'chart-box' }, [this.chartCanvas]),
          el('details', { class: 'chart-data' }, [el('summary', {}, ['The chart as a table']), this.chartTable]),
        ]),
      ]),
      el('h2', {}, ['Levels by warehouse']),
      ...warehouses.map((w) => this.warehouseSection(w)),
    ]);
    this.updateCounts();
  }

  mount(): void {
    this.matrix?.mount();
    if (this.model.warehouses.length === 0) return;
    void this.mountBelowTheFold();
  }

  /**
   * The warehouses' tables and the chart, one per task after the matrix: each mount
   * reads layout and draws, and together they made one long task.
   */
  private async mountBelowTheFold(): Promise<void> {
    for (const t of this.levelTables.values()) {
      await yieldToEventLoop();
      if (this.destroyed) return;
      t.mount();
    }
    await yieldToEventLoop();
    if (this.destroyed) return;
    this.drawChartTable();
    const { stockChart } = await import('./inventory-chart');
    if (this.destroyed) return;
    this.chart = stockChart(this.chartCanvas, this.totals());
  }

  destroy(): void {
    this.destroyed = true;
    this.matrix?.unmount();
    for (const t of this.levelTables.values()) t.unmount();
    this.chart?.destroy();
  }

  /** The search changed. */
  refilter(): void {
    if (!this.matrix) return;
    this.matrix.setRows(searchRows(this.model.rows, this.settings.query));
    for (const [id, t] of this.levelTables) {
      const levels = this.model.levelsByWarehouse.get(id) ?? [];
      t.setRows(levels.filter((l) => levelMatches(l, this.settings.query)));
    }
    this.updateCounts();
    this.drawChartTable();
    this.chart?.update(this.totals());
  }

  /** The threshold changed: same rows, new marks. */
  redraw(): void {
    this.refilter();
  }

  private sorted(sort: SortState): void {
    this.settings.sort = formatSort(sort);
    this.remember();
  }

  private totals(): ReturnType<typeof warehouseTotals> {
    return warehouseTotals(this.matrix?.shownRows ?? [], this.model.warehouses);
  }

  private updateCounts(): void {
    const shown = this.matrix?.shownRows ?? [];
    const { threshold } = this.settings;
    let out = 0;
    let low = 0;
    for (const row of shown) {
      const state = stockState(row.available, threshold);
      if (state === 'out') out += 1;
      else if (state === 'low') low += 1;
    }
    const total = this.model.rows.length;
    this.matchCount.textContent =
      `${shown.length === total ? `All ${formatNumber(total)} SKUs` : `${formatNumber(shown.length)} of ${formatNumber(total)} SKUs`}` +
      ` · ${formatNumber(out)} out of stock · ${formatNumber(low)} low (at or below ${formatNumber(threshold)})`;
  }

  private drawChartTable(): void {
    const totals = this.totals();
    replaceChildren(this.chartTable, [
      el('table', { class: 'data chart-numbers' }, [
        el('caption', {}, ['Stock per warehouse, summed over the SKUs shown']),
        el('thead', {}, [
          el('tr', {}, [
            el('th', { scope: 'col' }, ['Warehouse']),
            el('th', { scope: 'col', class: 'num' }, ['Available']),
            el('th', { scope: 'col', class: 'num' }, ['Incoming']),
            el('th', { scope: 'col', class: 'num' }, ['Reserved']),
          ]),
        ]),
        el(
          'tbody',
          {},
          totals.map((w) =>
            el('tr', {}, [
              el('th', { scope: 'row' }, [w.name]),
              el('td', { class: 'num' }, [quantity(w.available)]),
              el('td', { class: 'num' }, [quantity(w.incoming)]),
              el('td', { class: 'num' }, [quantity(w.reserved)]),
            ]),
          ),
        ),
      ]),
    ]);
  }

  private warehouseSection(warehouse: WarehouseColumn): HTMLElement {
    const levels = this.model.levelsByWarehouse.get(warehouse.id) ?? [];
    const listed = this.settings.query ? levels.filter((l) => levelMatches(l, this.settings.query)) : levels;
    const place = warehouse.unknown ? null : this.places.get(warehouse.id);
    let body: HTMLElement;
    if (levels.length === 0) {
      body = emptyView('No inventory levels');
    } else {
      const t = new VirtualTable(levelColumns(() => this.settings.threshold), listed, {
        label: `Levels in ${warehouse.name}`,
        className: 'levels',
        rowClass: ({ product }) => (product ? undefined : 'unknown'),
        // Below the matrix and the chart: drawn when mounted, a task after the first
        // frame, which then lays out the matrix alone.
        rowsBeforeMount: 0,
      });
      this.levelTables.set(warehouse.id, t);
      body = el('div', { class: 'levels-wrap' }, [t.element]);
    }
    return el('section', { class: `warehouse${warehouse.unknown ? ' unknown-warehouse' : ''}`, 'data-warehouse-id': warehouse.id }, [
      el('header', { class: 'warehouse-header' }, [
        el('h3', {}, [warehouse.name]),
        warehouse.unknown
          ? el('p', { class: 'warehouse-place' }, [el('code', {}, [warehouse.id]), ' is not in the warehouse list'])
          : place
            ? el('p', { class: 'warehouse-place' }, [place])
            : null,
      ]),
      body,
    ]);
  }

}

/** The matrix: SKU (kept in view on narrow screens), name, one column per warehouse, totals. */
function matrixColumns(warehouses: readonly WarehouseColumn[], threshold: () => number): VirtualColumn<SkuRow>[] {
  return [
    {
      key: 'sku',
      title: 'SKU',
      className: 'sku pin',
      width: 10,
      cell: (row) => (row.unknown ? el('span', { class: 'badge' }, ['unknown product']) : row.sku || '—'),
      sortValue: (row) => row.sku,
    },
    {
      key: 'name',
      title: 'Product',
      className: 'product',
      width: 14,
      cell: (row) => (row.unknown ? el('code', { class: 'product-id' }, [row.productId]) : row.name || '—'),
      sortValue: (row) => row.name || row.productId,
    },
    ...warehouses.map(
      (w, i): VirtualColumn<SkuRow> => ({
        key: `w${i}`,
        title: w.name,
        className: 'num',
        cell: (row) => {
          const level = row.levels.get(w.id);
          return level ? stock(level.available, threshold()) : el('span', { class: 'not-stocked', title: 'No level in this warehouse' }, ['—']);
        },
        sortValue: (row) => row.levels.get(w.id)?.available ?? Number.NEGATIVE_INFINITY,
      }),
    ),
    { key: 'available', title: 'Total available', className: 'num total', width: 9, cell: (row) => stock(row.available, threshold()), sortValue: (row) => row.available },
    { key: 'incoming', title: 'Incoming', className: 'num', cell: (row) => quantity(row.incoming), sortValue: (row) => row.incoming },
    { key: 'reserved', title: 'Reserved', className: 'num', cell: (row) => quantity(row.reserved), sortValue: (row) => row.reserved },
  ];
}

function levelColumns(threshold: () => number): VirtualColumn<LevelRow>[] {
  return [
    {
      key: 'product',
      title: 'Product',
      className: 'product pin',
      width: 16,
      cell: ({ item, product }) =>
        product
          ? product.name || product.id
          : [el('code', { class: 'product-id' }, [item.level.productId]), ' ', el('span', { class: 'badge' }, ['unknown product'])],
      sortValue: ({ item, product }) => product?.name || item.level.productId,
    },
    { key: 'sku', title: 'SKU', className: 'sku', width: 10, cell: ({ product }) => (product ? product.sku || '—' : '—'), sortValue: ({ product }) => product?.sku ?? '' },
    {
      key: 'available',
      title: 'Available',
      className: 'num',
      cell: ({ item }) => stock(item.level.available, threshold()),
      sortValue: ({ item }) => item.level.available,
    },
    { key: 'incoming', title: 'Incoming', className: 'num', cell: ({ item }) => quantity(item.level.incoming), sortValue: ({ item }) => item.level.incoming },
    { key: 'reserved', title: 'Reserved', className: 'num', cell: ({ item }) => quantity(item.level.reserved), sortValue: ({ item }) => item.level.reserved },
    { key: 'updated', title: 'Updated', className: 'time', width: 17, cell: ({ item }) => timeCell(item.level.updatedAt), sortValue: ({ item }) => item.level.updatedAt },
  ];
}

/**
 * An available quantity with its stock state in words as well as colour: "0 out",
 * "3 low"; negative numbers marked too.
 */
function stock(available: number, threshold: number): HTMLElement {
  const state = stockState(available, threshold);
  return el('span', { class: `stock stock-${state}${available < 0 ? ' negative' : ''}` }, [
    formatNumber(available),
    state === 'ok' ? null : ' ',
    state === 'ok' ? null : el('span', { class: 'stock-flag' }, [state === 'out' ? 'out' : 'low']),
  ]);
}

/** A quantity as-is (negative too), marked when negative. */
function quantity(n: number): HTMLElement {
  return el('span', { class: n < 0 ? 'negative' : undefined }, [formatNumber(n)]);
}

function legend(): HTMLElement {
  return el('p', { class: 'stock-legend' }, [
    el('span', { class: 'stock stock-out' }, ['0 ', el('span', { class: 'stock-flag' }, ['out'])]),
    ' none available · ',
    el('span', { class: 'stock stock-low' }, ['3 ', el('span', { class: 'stock-flag' }, ['low'])]),
    ' at or below the threshold · ',
    el('span', { class: 'negative' }, ['−2']),
    ' negative',
  ]);
}
