// A table for lists of thousands of rows: only the rows in view (and a few either side)
// are in the DOM, so a 30,000-level inventory costs as much as a 40-row one. The header
// stays put (sticky) while the body scrolls, columns sort on a click (aria-sort says
// how), and the scrolling box is a labelled, focusable region so that a keyboard can
// scroll it.
//
// The windowing is @tanstack/virtual-core's (maintained, framework-free, ~4 kB gzipped):
// it tracks the scroll box's size and offset and says which rows are in view. This file
// only turns that into <tr>s between two spacer rows. Rows have one fixed height (the
// cells do not wrap), measured once from the first row drawn.

import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { el, type Child } from './ui';

const DEFAULT_WIDTH_REM = 8;

/** The height of a body row, measured once from the first table drawn (px). */
let measuredRowHeight: number | null = null;

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  /** A column's `key`. */
  key: string;
  direction: SortDirection;
}

export interface VirtualColumn<Row> {
  /** Names the column in the sort state (and the URL). */
  key: string;
  title: string;
  cell: (row: Row) => Child | Child[];
  /** Class of the column's header and cells ('num', 'pin' for the key column kept in view). */
  className?: string;
  /** The value rows sort by; no sort button without it. */
  sortValue?: (row: Row) => number | string;
  /** Width in rem (default 8): columns have fixed widths, so drawing rows never re-measures the table. */
  width?: number;
}

export interface VirtualTableOptions<Row> {
  /** Names the scroll region for assistive technology ('Stock by SKU'). */
  label: string;
  className?: string;
  rowClass?: (row: Row) => string | undefined;
  sort?: SortState | null;
  /** Called after a header click changed the sort (e.g. to keep it in the URL). */
  onSort?: (sort: SortState) => void;
  /** Row height in px until the first row is measured. */
  estimatedRowHeight?: number;
  /**
   * How many rows to draw before `mount()` (default 20, a screenful): 0 for a table
   * below the fold, so that the page's first layout does not include its rows.
   */
  rowsBeforeMount?: number;
  /** Rows drawn beyond each edge of the view. */
  overscan?: number;
}

/** Sorts a copy of `rows` by `sort` (stable; numbers numerically, text by locale). */
export function sortRows<Row>(rows: readonly Row[], columns: readonly VirtualColumn<Row>[], sort: SortState | null | undefined): Row[] {
  const copy = [...rows];
  const column = sort ? columns.find((c) => c.key === sort.key) : undefined;
  if (!sort || !column?.sortValue) return copy;
  const value = column.sortValue;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const keyed = copy.map((row, index) => ({ row, index, key: value(row) }));
  keyed.sort((a, b) => {
    const order = typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
    return order !== 0 ? sign * order : a.index - b.index;
  });
  return keyed.map((k) => k.row);
}

/** "sku-ascending" ⇄ { key: 'sku', direction: 'ascending' }; null when it names no column. */
export function parseSort(text: string | null, keys: readonly string[]): SortState | null {
  const match = /^(.+)-(ascending|descending)$/.exec(text ?? '');
  if (!match || !keys.includes(match[1] as string)) return null;
  return { key: match[1] as string, direction: match[2] as SortDirection };
}

export function formatSort(sort: SortState): string {
  return `${sort.key}-${sort.direction}`;
}

export class VirtualTable<Row> {
  /** The scroll region holding the table: put it in the page. */
  readonly element: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly body: HTMLTableSectionElement;
  private readonly head: HTMLTableSectionElement;
  private readonly headers = new Map<string, HTMLTableCellElement>();
  private readonly virtualizer: Virtualizer<HTMLElement, Element>;
  private rows: Row[] = [];
  private source: readonly Row[] = [];
  private sort: SortState | null;
  private drawn = '';
  /** The rows drawn last time, by index: kept while they stay in view, so a scroll builds only the rows it brings in. */
  private drawnRows = new Map<number, HTMLTableRowElement>();
  /** The spacer rows above and below the drawn rows (always in the body, first and last). */
  private readonly before: HTMLTableRowElement;
  private readonly after: HTMLTableRowElement;
  /** The header row's height, read when mounting (an estimate until then). */
  private headHeight = 48;
  private mounting = false;
  private frame = 0;
  private cleanup: (() => void) | null = null;

  constructor(
    private readonly columns: readonly VirtualColumn<Row>[],
    rows: readonly Row[],
    private readonly options: VirtualTableOptions<Row>,
  ) {
    this.sort = options.sort ?? null;
    this.head = el('thead', {}, [el('tr', { 'aria-rowindex': 1 }, columns.map((c) => this.header(c)))]);
    this.before = this.spacer();
    this.after = this.spacer();
    this.body = el('tbody', {}, [this.before, this.after]);
    this.table = el('table', { class: ['data', 'virtual-table', options.className].filter(Boolean).join(' ') }, [this.head, this.body]);
    // table-layout: fixed with set widths (CSSOM, allowed under style-src 'self'): the
    // browser lays out new rows without measuring every cell's content again.
    this.table.style.width = `${columns.reduce((sum, c) => sum + (c.width ?? DEFAULT_WIDTH_REM), 0)}rem`;
    this.element = el('div', { class: 'virtual-scroll', tabindex: 0, role: 'region', 'aria-label': options.label }, [this.table]);
    this.virtualizer = new Virtualizer<HTMLElement, Element>({
      count: 0,
      getScrollElement: () => this.element,
      estimateSize: () => options.estimatedRowHeight ?? 37,
      overscan: options.overscan ?? 6,
      scrollToFn: elementScroll,
      observeElementRect,
      observeElementOffset,
      onChange: () => this.draw(),
    });
    this.setRows(rows);
  }

  /**
   * Starts watching the scroll box: call once the element is in the document. Only
   * reads layout here and draws in the next frame, so that mounting several tables
   * lays the page out once, not once per table.
   */
  mount(): void {
    if (this.cleanup) return;
    this.mounting = true;
    this.cleanup = this.virtualizer._didMount();
    // No scrollMargin for the header: rows are placed as if it were not there, so
    // the range is at most one row late (inside the overscan), spacers are exact, and
    // scrollToIndex puts a row just under the sticky header.
    this.virtualizer.setOptions({ ...this.virtualizer.options, estimateSize: () => measuredRowHeight ?? this.options.estimatedRowHeight ?? 37 });
    this.virtualizer._willUpdate();
    this.headHeight = this.head.getBoundingClientRect().height;
    this.mounting = false;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
      if (measuredRowHeight === null) this.measure();
    });
  }

  /** Stops watching (the page is left). */
  unmount(): void {
    cancelAnimationFrame(this.frame);
    this.cleanup?.();
    this.cleanup = null;
  }

  /** Shows `rows` (sorted by the current sort), from the top. */
  setRows(rows: readonly Row[]): void {
    this.source = rows;
    this.rows = sortRows(rows, this.columns, this.sort);
    this.table.setAttribute('aria-rowcount', String(this.rows.length + 1));
    this.virtualizer.setOptions({ ...this.virtualizer.options, count: this.rows.length });
    this.element.scrollTop = 0;
    this.drawn = '';
    for (const tr of this.drawnRows.values()) tr.remove();
    this.drawnRows = new Map();
    if (this.cleanup) this.virtualizer._willUpdate();
    this.draw();
  }

  /** The rows in their shown order. */
  get shownRows(): readonly Row[] {
    return this.rows;
  }

  get currentSort(): SortState | null {
    return this.sort;
  }

  /** Scrolls so that row `index` (in shown order) is in view. */
  scrollToIndex(index: number): void {
    this.virtualizer.scrollToIndex(index);
  }

  private header(column: VirtualColumn<Row>): HTMLTableCellElement {
    const th = el('th', { scope: 'col', class: column.className });
    th.style.width = `${column.width ?? DEFAULT_WIDTH_REM}rem`;
    if (!column.sortValue) {
      th.textContent = column.title;
      return th;
    }
    const sortButton = el('button', { type: 'button', class: 'sort-button' }, [
      column.title,
      el('span', { class: 'sort-mark', 'aria-hidden': 'true' }),
    ]);
    sortButton.addEventListener('click', () => {
      const ascending = this.sort?.key === column.key && this.sort.direction === 'ascending';
      this.sort = { key: column.key, direction: ascending ? 'descending' : 'ascending' };
      this.setRows(this.source);
      this.markSort();
      this.options.onSort?.(this.sort);
    });
    th.append(sortButton);
    this.headers.set(column.key, th);
    if (this.headers.size === this.columns.filter((c) => c.sortValue).length) this.markSort();
    return th;
  }

  private markSort(): void {
    for (const [key, th] of this.headers) {
      th.setAttribute('aria-sort', this.sort?.key === key ? this.sort.direction : 'none');
    }
  }

  /**
   * Puts the rows in view into the body, between spacers that stand for the rest. Rows
   * still in view stay where they are: a scroll removes the rows that left and adds the
   * ones that came, so the browser restyles and lays out only those (replacing the whole
   * body each frame restyled every row and cost most of a frame, issue 13 item 4).
   */
  private draw(): void {
    if (this.mounting) return;
    const items = this.cleanup ? this.virtualizer.getVirtualItems() : this.firstItems();
    const first = items[0];
    const last = items[items.length - 1];
    const key = first && last ? `${first.index}:${last.index}:${this.rows.length}` : `empty:${this.rows.length}`;
    if (key === this.drawn) return;
    this.drawn = key;
    const total = this.virtualizer.getTotalSize();
    this.setSpacer(this.before, first ? first.start : 0);
    this.setSpacer(this.after, last ? Math.max(0, total - last.end) : 0);
    const drawnRows = new Map<number, HTMLTableRowElement>();
    for (const item of items) drawnRows.set(item.index, this.drawnRows.get(item.index) ?? this.rowElement(item.index));
    for (const [index, tr] of this.drawnRows) if (!drawnRows.has(index)) tr.remove();
    // Walk the wanted rows in order against the body's: a row already in place is
    // skipped, a missing one is inserted before the node that is there.
    let next: ChildNode | null = this.before.nextSibling;
    for (const tr of drawnRows.values()) {
      if (next === tr) next = tr.nextSibling;
      else this.body.insertBefore(tr, next);
    }
    this.drawnRows = drawnRows;
    this.fitHeight(total);
  }

  /**
   * The scroll box's height: its content's up to the stylesheet's cap. Set, not left to
   * the content, so that the box can be `contain: strict` (its size does not depend on
   * its rows): a scroll lays out the box alone, not the page around it.
   */
  private fitHeight(total: number): void {
    // The stylesheet's max-height caps it.
    const height = `${Math.ceil(total + this.headHeight + 2)}px`;
    if (this.element.style.height !== height) this.element.style.height = height;
  }

  private setSpacer(spacer: HTMLTableRowElement, height: number): void {
    const cell = spacer.firstChild as HTMLTableCellElement;
    const text = `${height}px`;
    // A zero spacer is hidden: an empty row still takes the border's pixel.
    spacer.hidden = height <= 0;
    if (cell.style.height !== text) cell.style.height = text;
  }

  private rowElement(index: number): HTMLTableRowElement {
    const row = this.rows[index] as Row;
    const cells = this.columns.map((c) => {
      const content = c.cell(row);
      return el('td', { class: c.className }, Array.isArray(content) ? content : [content]);
    });
    return el('tr', { class: this.options.rowClass?.(row), 'aria-rowindex': index + 2 }, cells);
  }

  /** Before mounting there is no scroll box size: draw the first screenful. */
  private firstItems(): { index: number; start: number; end: number }[] {
    const size = this.options.estimatedRowHeight ?? 37;
    const count = Math.min(this.rows.length, this.options.rowsBeforeMount ?? 20);
    return Array.from({ length: count }, (_, index) => ({ index, start: index * size, end: (index + 1) * size }));
  }

  /** Measures a drawn row (once for every table: they share the stylesheet's row height). */
  private measure(): void {
    const row = this.body.querySelector('tr[aria-rowindex]');
    if (!(row instanceof HTMLElement)) return;
    const height = row.getBoundingClientRect().height;
    if (height <= 0) return;
    measuredRowHeight = height;
    if (Math.abs(height - (this.options.estimatedRowHeight ?? 37)) > 0.5) {
      this.virtualizer.measure();
      this.drawn = '';
      this.draw();
    }
  }

  private spacer(): HTMLTableRowElement {
    // Heights are set through the CSSOM, not a style attribute: allowed under the page's style-src 'self'.
    const cell = el('td', { colspan: this.columns.length });
    return el('tr', { class: 'virtual-spacer', 'aria-hidden': 'true', hidden: true }, [cell]);
  }
}
