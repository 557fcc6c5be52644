// What every list has: headers that sort it (aria-sort on the sorted one), status tabs
// with counts, a CSV export of what is shown, and the sort in the address. Kept apart
// from ui.ts's plain `table` so that pages opt in column by column.

import './lists.css';
import { csvText, downloadCsv, type CsvValue } from './csv';
import { button, el, type Child, type Column } from './ui';

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
        th.append(
          button(c.title, () => options.onSort(next), {
            class: 'sort-button',
            title: `Sort by ${c.title}, ${next.direction}`,
          }),
          el('span', { class: 'sort-mark', 'aria-hidden': 'true' }, [sorted ? (options.sort.direction === 'ascending' ? ' ▲' : ' ▼') : '']),
        );
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
