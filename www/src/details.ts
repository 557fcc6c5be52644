// A record's own page (`#/fulfillments/120724`): a back link to its list, a heading, then
// facts (a term and its value) and small tables of its parts, loaded with the page's
// one-request-at-a-time loader. A record the vendor does not have is a "not found" state,
// not an error: the address may be old or mistyped.

import './lists.css';
import { loader } from './load';
import type { PageContext } from './router';
import { button, el, emptyView, pageHeader, rejectedView, replaceChildren, statusLine, type Child, type Rejections } from './ui';

/** A term and its value; '—' for nothing. */
export function fact(term: string, value: Child | Child[]): HTMLElement {
  const empty = value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
  return el('div', { class: 'fact' }, [el('dt', {}, [term]), el('dd', {}, empty ? ['—'] : Array.isArray(value) ? value : [value])]);
}

/** Facts as a description list (class `facts`). */
export function facts(items: HTMLElement[]): HTMLElement {
  return el('dl', { class: 'facts' }, items);
}

/** A captioned table of a record's parts, or `none` as a note when there are none. */
export function partsTable(caption: string, heads: string[], rows: Child[][], none: string, className = ''): HTMLElement {
  if (rows.length === 0) return el('p', { class: 'subtle parts-none' }, [`${caption}: ${none}`]);
  return el('div', { class: 'table-wrap card' }, [
    el('table', { class: `data detail-table ${className}`.trim() }, [
      el('caption', {}, [caption]),
      el('thead', {}, [el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, [h])))]),
      el(
        'tbody',
        {},
        rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, [c])))),
      ),
    ]),
  ]);
}

/** A section of a record's page with its own heading. */
export function section(title: string, children: Child[]): HTMLElement {
  return el('section', { class: 'record-section' }, [el('h3', { class: 'section-title' }, [title]), ...children]);
}

export interface RecordPageOptions<T> {
  /** The heading ('Fulfillment 120724'). */
  title: string;
  /** The list it belongs to: its address ('#/fulfillments') and name ('Fulfillments'). */
  back: { href: string; label: string };
  /** 'Loading fulfillment 120724…' */
  loading: string;
  /** The record, or null when the vendor has none with this key. */
  fetch: (signal: AbortSignal) => Promise<T | null>;
  /** What "not found" says ('There is no fulfillment 120724.'). */
  missing: string;
  view: (record: T) => Child[];
  /**
   * After a fetch that found no record: the records the vendor sent that could not be
   * read (a partial answer), if any. The record may be among them: the page says so and
   * shows their details instead of "there is none".
   */
  unreadable?: () => Rejections | null;
}

/** Fills `container` with a record's page (class `record`, `data-state` loaded/missing). */
export function recordPage<T>(container: HTMLElement, context: PageContext, options: RecordPageOptions<T>): void {
  const status = statusLine();
  const content = el('div', { class: 'record', 'aria-live': 'polite' });
  const load = loader<T | null>(context, content, {
    loading: options.loading,
    fetch: options.fetch,
    view: (record) => {
      if (record !== null) {
        content.dataset.state = 'loaded';
        return options.view(record);
      }
      const rejections = options.unreadable?.() ?? null;
      content.dataset.state = rejections ? 'unreadable' : 'missing';
      return rejections
        ? [emptyView('The vendor sent an answer, but the record in it could not be read: see the details below.'), rejectedView(rejections)]
        : [emptyView(options.missing)];
    },
  });
  replaceChildren(container, [
    el('p', { class: 'breadcrumb' }, [el('a', { href: options.back.href, class: 'back-link' }, [`← ${options.back.label}`])]),
    pageHeader(options.title, [status, button('Reload', () => void load(), { class: 'reload' })]),
    content,
  ]);
  void load();
}
