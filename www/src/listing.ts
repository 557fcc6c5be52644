// What every list has: headers that sort it (aria-sort on the sorted one), status tabs
// with counts, a CSV export of what is shown, and the sort in the address. Kept apart
// from ui.ts's plain `table` so that pages opt in column by column.

import './lists.css';
import { csvText, downloadCsv, type CsvValue } from './csv';
import { rememberInAddress, type PageContext } from './router';
import { button, el, emptyView, Pager, rejectedView, rejectionsOf, replaceChildren, type Child, type Column } from './ui';

export interface ListColumn<Row> extends Column<Row> {
  /** The column's name in the address (`?sort=created`). */
  key: string;
  /** The value the column sorts by; a column without one does not sort. */
  sortValue?: (row: Row) => string | number | null | undefined;
  /** The value exported; default: the text of the cell. */
  csv?: (row: Row) => CsvValue;
  /** The column sorts on the vendor's side (the page sends the sort): no `sortValue` needed. */
  serverSort?: boolean;
}

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  key: string;
  direction: SortDirection;
}

/** The sort in `query` (`sort=created&dir=asc`) when it names a sortable column, else `fallback`. */
export function sortFromQuery<Row>(query: URLSearchParams, columns: readonly ListColumn<Row>[], fallback: SortState): SortState {
  const key = query.get('sort');
  const column = columns.find((c) => c.key === key && (c.sortValue || c.serverSort));
  if (!column) return fallback;
  return { key: column.key, direction: query.get('dir') === 'asc' ? 'ascending' : 'descending' };
}

/** The sort as address values; the default sort is left out. */
export function sortToQuery(sort: SortState, fallback: SortState): Record<string, string | undefined> {
  if (sort.key === fallback.key && sort.direction === fallback.direction) return { sort: undefined, dir: undefined };
  return { sort: sort.key, dir: sort.direction === 'ascending' ? 'asc' : 'desc' };
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/** `rows` sorted by `sort` (stable; empty values last whatever the direction). */
export function sortRows<Row>(rows: readonly Row[], columns: readonly ListColumn<Row>[], sort: SortState): Row[] {
  const column = columns.find((c) => c.key === sort.key);
  const value = column?.sortValue;
  if (!value) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, key: value(row) }))
    .sort((a, b) => {
      const aEmpty = a.key === null || a.key === undefined || a.key === '';
      const bEmpty = b.key === null || b.key === undefined || b.key === '';
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
      const order =
        typeof a.key === 'number' && typeof b.key === 'number' ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      return order === 0 ? a.index - b.index : sign * order;
    })
    .map((entry) => entry.row);
}

export interface SortTableOptions<Row> {
  sort: SortState;
  /** Called with the new sort when a header is clicked (the page re-sorts or reloads). */
  onSort: (sort: SortState) => void;
  className?: string;
  rowClass?: (row: Row) => string | undefined;
  caption?: string;
}

/**
 * A table whose sortable headers are buttons: the sorted one has aria-sort, a click on it
 * turns the direction, a click on another sorts by that one (newest/largest first for a
 * column first sorted, as lists are read).
 */
export function sortTable<Row>(columns: readonly ListColumn<Row>[], rows: readonly Row[], options: SortTableOptions<Row>): HTMLTableElement {
  const head = el('thead', {}, [
    el(
      'tr',
      {},
      columns.map((c) => {
        const sortable = Boolean(c.sortValue || c.serverSort);
        const sorted = options.sort.key === c.key;
        const th = el('th', { scope: 'col', class: c.className, 'data-key': c.key, 'aria-sort': sorted ? options.sort.direction : sortable ? 'none' : undefined });
        if (!sortable) {
          th.append(c.title);
          return th;
        }
        const next: SortState = sorted
          ? { key: c.key, direction: options.sort.direction === 'ascending' ? 'descending' : 'ascending' }
          : { key: c.key, direction: 'descending' };
        // (The arrow of the sorted one is drawn by CSS: aria-sort says it to screen readers.)
        th.append(button(c.title, () => options.onSort(next), { class: 'sort-button', title: `Sort by ${c.title}, ${next.direction}` }));
        return th;
      }),
    ),
  ]);
  const body = el(
    'tbody',
    {},
    rows.map((row) =>
      el(
        'tr',
        { class: options.rowClass?.(row) },
        columns.map((c) => {
          const content = c.cell(row);
          return el('td', { class: c.className }, Array.isArray(content) ? content : [content]);
        }),
      ),
    ),
  );
  return el('table', { class: ['data', 'sortable', options.className].filter(Boolean).join(' ') }, [
    options.caption ? el('caption', {}, [options.caption]) : null,
    head,
    body,
  ]);
}

/** The text a cell shows (for the CSV of a column without `csv`). */
function cellText(content: Child | Child[]): string {
  const parts = Array.isArray(content) ? content : [content];
  return parts
    .map((part) => {
      if (part === null || part === undefined || part === false) return '';
      if (typeof part === 'string' || typeof part === 'number') return String(part);
      return part.textContent ?? '';
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The CSV of `rows` under `columns` (the `actions` columns, buttons, left out). */
export function csvOf<Row>(columns: readonly ListColumn<Row>[], rows: readonly Row[]): string {
  const exported = columns.filter((c) => !c.className?.split(' ').includes('actions'));
  return csvText(
    exported.map((c) => c.title),
    rows.map((row) => exported.map((c) => (c.csv ? c.csv(row) : cellText(c.cell(row))))),
  );
}

/** "Export CSV": downloads `filename` with what `current()` returns (the rows as shown). */
export function exportButton<Row>(filename: string, columns: () => readonly ListColumn<Row>[], current: () => readonly Row[] | null): HTMLButtonElement {
  const b = button(
    'Export CSV',
    () => {
      const rows = current();
      if (rows) downloadCsv(filename, csvOf(columns(), rows));
    },
    { class: 'export-csv', title: 'The rows of this view (every page of it), as a CSV file' },
  );
  return b;
}

export interface StatusTab {
  /** The value in the address ('' for "All"). */
  value: string;
  label: string;
  count: number;
}

/**
 * Status tabs: a group of toggle buttons ("Shipped 12"), the current one pressed. They
 * filter the list below (they are not tabs of separate panels, so no tab roles).
 */
export function statusTabs(label: string, tabs: readonly StatusTab[], current: string, onSelect: (value: string) => void): HTMLElement {
  return el(
    'div',
    { class: 'status-tabs', role: 'group', 'aria-label': label },
    tabs.map((t) =>
      button(
        '',
        () => onSelect(t.value),
        { class: 'status-tab', 'aria-pressed': String(t.value === current), 'data-value': t.value },
      ),
    ).map((b, i) => {
      const t = tabs[i]!;
      b.replaceChildren(t.label, ' ', el('span', { class: 'count' }, [String(t.count)]));
      return b;
    }),
  );
}

/**
 * Tabs for the values of `statusOf` in `rows` (never '': that is "All"), most frequent
 * first, after "All".
 */
export function countStatuses<Row>(rows: readonly Row[], statusOf: (row: Row) => string, name: (value: string) => string = (v) => v): StatusTab[] {
  const counts = new Map<string, number>();
  for (const row of rows) counts.set(statusOf(row), (counts.get(statusOf(row)) ?? 0) + 1);
  return [
    { value: '', label: 'All', count: rows.length },
    ...[...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([value, count]) => ({ value, label: name(value), count })),
  ];
}

export interface LocalListOptions<Row> {
  /** The page's context: its path and address are where the list's state is kept. */
  context: PageContext;
  /** Where the tabs and the table go. */
  content: HTMLElement;
  columns: readonly ListColumn<Row>[];
  tableClass: string;
  defaultSort: SortState;
  /** Rows a page shows. */
  pageSize?: number;
  /** Status tabs: the status of a row (never ''), and its name on the tab. */
  status?: { of: (row: Row) => string; name?: (value: string) => string };
  /** Whether a row matches the search text (lowercase, trimmed, not ''). */
  matches?: (row: Row, text: string) => boolean;
  /** The empty state: `filtered` when tabs or the search hid every row. */
  empty: (filtered: boolean) => string;
  /** The page's own values for the address (its filters), kept with the list's. */
  extra?: () => Record<string, string | undefined>;
}

/**
 * A list read whole and shown by the page: status tabs with counts, a search, sortable
 * headers and pages, all drawn again without a request, and all in the address
 * (`status`, `q`, `sort`, `dir`, `page`): pushed when the user changes them, so Back
 * undoes a change.
 */
export class LocalList<Row> {
  readonly pager: Pager;
  statusTab: string;
  search: string;
  sort: SortState;
  page: number;
  private rows: Row[] | null = null;
  private readonly pageSize: number;

  constructor(private readonly options: LocalListOptions<Row>) {
    const query = options.context.query;
    this.statusTab = options.status ? (query.get('status') ?? '') : '';
    this.search = query.get('q') ?? '';
    this.sort = sortFromQuery(query, options.columns, options.defaultSort);
    const page = Number(query.get('page') ?? '1');
    this.page = Number.isSafeInteger(page) && page >= 1 ? page : 1;
    this.pageSize = options.pageSize ?? 50;
    this.pager = new Pager({
      onPrevious: () => {
        this.page = Math.max(1, this.page - 1);
        this.change();
      },
      onNext: () => {
        this.page += 1;
        this.change();
      },
    });
  }

  /** The address values of the list (and the page's own). */
  private values(): Record<string, string | undefined> {
    return {
      ...(this.options.extra?.() ?? {}),
      status: this.statusTab || undefined,
      q: this.search.trim() || undefined,
      ...sortToQuery(this.sort, this.options.defaultSort),
      page: this.page > 1 ? String(this.page) : undefined,
    };
  }

  /** Writes the state to the address: `push` for a change the user made. */
  remember(push: boolean): void {
    rememberInAddress(this.options.context.path, this.values(), { push });
  }

  /** A new load begins: nothing to show. */
  clear(): void {
    this.rows = null;
    this.pager.busy();
  }

  /** The rows arrived: draws them. */
  set(rows: Row[]): void {
    this.rows = rows;
    this.draw();
  }

  /** The rows of the current tab and search, sorted (every page of them); null before a load. */
  current(): Row[] | null {
    if (!this.rows) return null;
    const { status, matches } = this.options;
    const text = this.search.trim().toLowerCase();
    const shown = this.rows.filter((row) => (!status || this.statusTab === '' || status.of(row) === this.statusTab) && (!matches || text === '' || matches(row, text)));
    return sortRows(shown, this.options.columns, this.sort);
  }

  /** A change the user made: a new address entry, and the list drawn again (no request). */
  change(): void {
    this.remember(true);
    this.draw();
  }

  draw(): void {
    const rows = this.current();
    if (!this.rows || !rows) return;
    const pages = Math.max(1, Math.ceil(rows.length / this.pageSize));
    this.page = Math.min(this.page, pages);
    const from = (this.page - 1) * this.pageSize;
    const { status } = this.options;
    const rejections = rejectionsOf(this.rows);
    replaceChildren(this.options.content, [
      rejections && rejectedView(rejections),
      status
        ? statusTabs('Status', countStatuses(this.rows, status.of, status.name), this.statusTab, (value) => {
            this.statusTab = value;
            this.page = 1;
            this.change();
          })
        : null,
      rows.length === 0
        ? emptyView(this.options.empty(rows.length !== this.rows.length))
        : el('div', { class: 'table-wrap card' }, [
            sortTable(this.options.columns, rows.slice(from, from + this.pageSize), {
              className: this.options.tableClass,
              sort: this.sort,
              onSort: (next) => {
                this.sort = next;
                this.page = 1;
                this.change();
              },
            }),
          ]),
    ]);
    this.pager.show(from, Math.min(this.pageSize, rows.length - from), rows.length);
  }
}
