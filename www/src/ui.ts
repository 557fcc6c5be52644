// Small DOM helpers. Everything is built with createElement/textContent: vendor data is
// untrusted and the CSP forbids inline styles, so no innerHTML and no style="...".

import type { RejectedRecord } from 'commerce-kit';

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/**
 * `el('td', { class: 'num' }, [String(n)])`. Attribute values are set with
 * setAttribute (boolean true sets an empty attribute, false/null/undefined skip it);
 * string children become text nodes.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, children: Child[] = []): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === 'style' || name.startsWith('on')) {
      throw new Error(`el(): attribute ${name} is not allowed (use CSS classes and addEventListener)`);
    }
    node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all of `parent`'s children. */
export function replaceChildren(parent: Element, children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

export function button(label: string, onClick: (event: MouseEvent) => void, attrs: Attrs = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, [label]);
  b.addEventListener('click', onClick);
  return b;
}

export interface Column<Row> {
  /** Header text. */
  title: string;
  /** Cell content: text or nodes. */
  cell: (row: Row) => Child | Child[];
  /** Class of the column's header and cells, e.g. 'num' for right-aligned numbers. */
  className?: string;
}

export interface TableOptions<Row> {
  /** Extra classes of a row (e.g. 'unknown'). */
  rowClass?: (row: Row) => string | undefined;
  caption?: string;
  className?: string;
}

/** A table with a header row and one body row per element of `rows`. */
export function table<Row>(columns: Column<Row>[], rows: readonly Row[], options: TableOptions<Row> = {}): HTMLTableElement {
  const head = el('thead', {}, [
    el('tr', {}, columns.map((c) => el('th', { scope: 'col', class: c.className }, [c.title]))),
  ]);
  const body = el(
    'tbody',
    {},
    rows.map((row) => {
      const cells = columns.map((c) => {
        const content = c.cell(row);
        return el('td', { class: c.className }, Array.isArray(content) ? content : [content]);
      });
      return el('tr', { class: options.rowClass?.(row) }, cells);
    }),
  );
  return el('table', { class: ['data', options.className].filter(Boolean).join(' ') }, [
    options.caption ? el('caption', {}, [options.caption]) : null,
    head,
    body,
  ]);
}

/** The loading state: an element with class `loading`. */
export function loadingView(text: string): HTMLElement {
  return el('p', { class: 'loading', role: 'status' }, [el('span', { class: 'spinner', 'aria-hidden': 'true' }), text]);
}

/** Whose failure an error is: this page, the commerce-kit proxy, or the vendor. */
export type ErrorParty = 'us' | 'proxy' | 'vendor';

export interface ErrorViewContent {
  code: string;
  title: string;
  message: string;
  /** Who failed; shown in words (`who`). */
  party?: ErrorParty;
  who?: string;
  /** The proxy's `X-Request-Id` of the failed response: what its logs (and the vendor's) are searched by. */
  requestId?: string | null;
  /** Extra lines, e.g. validation issues. */
  lines?: string[];
  /** How many more lines there were than listed. */
  more?: number;
}

/** The text "Copy details" puts on the clipboard: what a support request needs. */
export function errorReport(content: ErrorViewContent): string {
  return [
    content.title,
    content.who ? `Who failed: ${content.who}` : null,
    content.message,
    `Code: ${content.code}`,
    content.requestId ? `Request id: ${content.requestId}` : null,
    ...(content.lines ?? []),
    `Page: ${window.location.href}`,
    `Time: ${new Date().toISOString()}`,
  ]
    .filter((line) => line !== null)
    .join('\n');
}

/**
 * The one error panel (class `error`, `data-code`, `data-party`): what failed, who
 * failed in words, the message, the request id to quote, and "Copy details".
 */
export function errorView(content: ErrorViewContent, actions: Child[] = []): HTMLElement {
  const lines = content.lines ?? [];
  const copied = el('span', { class: 'copy-status', role: 'status' });
  const copy = button(
    'Copy details',
    () => {
      navigator.clipboard.writeText(errorReport(content)).then(
        () => (copied.textContent = 'Copied'),
        () => (copied.textContent = 'Could not copy: select the text instead'),
      );
    },
    { class: 'copy-error' },
  );
  return el('div', { class: 'error', role: 'alert', 'data-code': content.code, 'data-party': content.party }, [
    el('h3', { class: 'error-title' }, [content.title]),
    content.who ? el('p', { class: 'error-who' }, [el('strong', {}, ['Who failed: ']), content.who]) : null,
    el('p', { class: 'error-message' }, [el('code', { class: 'error-code' }, [content.code]), ' ', content.message]),
    content.requestId ? el('p', { class: 'error-request-id' }, ['Request id: ', el('code', { class: 'request-id' }, [content.requestId])]) : null,
    lines.length > 0
      ? el(
          'ul',
          { class: 'error-lines' },
          lines.map((line) => el('li', {}, [el('code', {}, [line])])),
        )
      : null,
    content.more ? el('p', { class: 'error-more' }, [`… and ${content.more} more`]) : null,
    el('div', { class: 'error-actions' }, [...actions, copy, copied]),
  ]);
}

/** An empty-state line. */
export function emptyView(text: string): HTMLElement {
  return el('p', { class: 'empty' }, [text]);
}

/** `3 fulfillments`, `1 fulfillment`. */
export function plural(n: number, noun: string, nouns = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : nouns}`;
}

/** The usual page heading row: a title, then a toolbar (status text, buttons). */
export function pageHeader(title: string, toolbar: Child[] = []): HTMLElement {
  return el('div', { class: 'page-header' }, [el('h1', {}, [title]), el('div', { class: 'toolbar' }, toolbar)]);
}

/** A status line for a toolbar, read out when it changes. */
export function statusLine(): HTMLParagraphElement {
  return el('p', { class: 'toolbar-status', 'aria-live': 'polite' });
}

/** A value the vendor may leave out or send as null (or ''): its text, or '—'. */
export function orDash(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
}

/** A yes/no flag as a small badge (`flag flag-yes` / `flag flag-no`); '—' when absent. */
export function flagCell(value: boolean | null | undefined, labels: { yes: string; no: string } = { yes: 'Yes', no: 'No' }): Child {
  if (value === null || value === undefined) return '—';
  return el('span', { class: `flag flag-${value ? 'yes' : 'no'}` }, [value ? labels.yes : labels.no]);
}

const MAX_DEPTH = 3;

/**
 * Free-form vendor data as compact text: scalars as they are, objects as a `key: value`
 * list (class `kv`), arrays as a list of their elements; null, absent, '' and empty
 * containers as '—'. Deeper than three levels it is JSON text.
 */
export function freeForm(value: unknown, depth = 0): Child {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (depth >= MAX_DEPTH) return el('code', {}, [JSON.stringify(value)]);
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    if (value.length === 1) return freeForm(value[0], depth + 1);
    return el(
      'ol',
      { class: 'kv-items' },
      value.map((item) => el('li', {}, [freeForm(item, depth + 1)])),
    );
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return '—';
    return el(
      'dl',
      { class: 'kv' },
      entries.map(([key, item]) => el('div', { class: 'kv-pair' }, [el('dt', {}, [key]), el('dd', {}, [freeForm(item, depth + 1)])])),
    );
  }
  return String(value);
}

/** The keys of `record` that are not in `known` (fields the package does not declare), as an object. */
export function otherFields(record: object, known: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([key]) => !known.includes(key)));
}

export interface PagerOptions {
  onPrevious: () => void;
  onNext: () => void;
}

/** Previous / "1–10 of 60" / Next, for offset paging. Buttons start disabled. */
export class Pager {
  readonly element: HTMLElement;
  private readonly previous: HTMLButtonElement;
  private readonly next: HTMLButtonElement;
  private readonly label: HTMLElement;

  constructor(options: PagerOptions) {
    this.previous = button('Previous', options.onPrevious, { class: 'page-prev', disabled: true });
    this.next = button('Next', options.onNext, { class: 'page-next', disabled: true });
    this.label = el('span', { class: 'page-label', 'aria-live': 'polite' });
    this.element = el('div', { class: 'pager' }, [this.previous, this.label, this.next]);
  }

  /** While a page loads: both buttons off, the label kept. */
  busy(): void {
    this.previous.disabled = true;
    this.next.disabled = true;
  }

  /** After a load: `from` and `shown` of `total` (null: unknown, e.g. after a failure). */
  show(from: number, shown: number, total: number | null, max = Number.POSITIVE_INFINITY): void {
    this.previous.disabled = from <= 0;
    const end = from + shown;
    this.next.disabled = total === null || end >= total || end >= max || shown === 0;
    this.label.textContent = total === null ? '' : shown === 0 ? `0 of ${total}` : `${from + 1}–${end} of ${total}`;
  }
}

/** What a partial list carries (the package's `Checked<T>` marks, or an iterator's). */
export interface Rejections {
  rejected: readonly RejectedRecord[];
  unlistedRejected: number;
}

/**
 * The records of a list that could not be read, if any: the marks the package puts on a
 * list-shaped answer (non-enumerable, so read them by name) or on a page iterator.
 */
export function rejectionsOf(value: unknown): Rejections | null {
  if (typeof value !== 'object' || value === null) return null;
  const { rejected, unlistedRejected } = value as Partial<Rejections>;
  if (!Array.isArray(rejected)) return null;
  const unlisted = typeof unlistedRejected === 'number' ? unlistedRejected : 0;
  return rejected.length + unlisted > 0 ? { rejected, unlistedRejected: unlisted } : null;
}

/**
 * `list`, carrying the rejections of `from` (the answer it was taken out of, or the
 * iterator that produced it) the way the package marks its answers: non-enumerable.
 */
export function withRejections<T extends object>(list: T, from: unknown): T {
  const rejections = rejectionsOf(from);
  if (rejections) {
    Object.defineProperties(list, { rejected: { value: rejections.rejected }, unlistedRejected: { value: rejections.unlistedRejected } });
  }
  return list;
}

/**
 * "N records could not be read", above a list that is shown without them; opens to the
 * details of each (its index, the list's path, what is wrong where, the raw record).
 */
export function rejectedView({ rejected, unlistedRejected }: Rejections): HTMLElement {
  const count = rejected.length + unlistedRejected;
  return el('details', { class: 'rejected', role: 'status', 'data-count': count }, [
    el('summary', {}, [`${count} ${count === 1 ? 'record' : 'records'} could not be read`, ' (the rest of the list is shown)']),
    el(
      'ol',
      { class: 'rejected-records' },
      rejected.map((r) =>
        el('li', { class: 'rejected-record', 'data-index': r.index }, [
          el('p', {}, ['Record ', el('code', {}, [String(r.index)]), ' of ', el('code', {}, [r.path])]),
          el(
            'ul',
            { class: 'error-lines' },
            [
              ...r.errors.map((e) => el('li', {}, [el('code', {}, [`${e.path}: expected ${e.expected}, found ${e.found}`])])),
              r.unlistedErrors > 0 ? el('li', {}, [`… and ${r.unlistedErrors} more`]) : null,
            ],
          ),
          el('pre', { class: 'raw' }, [r.raw + (r.rawTruncated ? ' …' : '')]),
        ]),
      ),
    ),
    unlistedRejected > 0 ? el('p', { class: 'error-more' }, [`… and ${unlistedRejected} more records not listed`]) : null,
  ]);
}
