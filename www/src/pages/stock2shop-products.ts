// #/stock2shop/products?q=keyboard&source=57&since=2021-01-01&sort=title&dir=asc&from=10:
// a Stock2Shop product search (POST /v1/products/elastic_search): the search box is a
// bool query (a match on the title or a term on a variant's SKU), the source and
// "modified since" filters (a term, a range); the headers sort on Elasticsearch's side;
// paging with from/size.

import type { EsBoolQuery, EsSearch, SystemProduct, SystemProductSearch } from 'commerce-kit';
import { client } from '../api';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { recordLink, rememberInAddress } from '../router';
import { exportButton, sortFromQuery, sortTable, sortToQuery, type ListColumn, type SortState } from '../listing';
import { button, el, emptyView, flagCell, pageHeader, Pager, replaceChildren, statusLine, type Child } from '../ui';
import { dayParam, esSort, intParam, knownSources, MAX_WINDOW, hitsFound, modifiedSince, PACING_NOTE, PAGE_SIZES, paced, priceRange, sourceList } from './stock2shop-shared';
import { timeCell } from '../format';

export const stock2shopProductsPage: Route = { path: '/stock2shop/products', title: 'Stock2Shop products', navLabel: 'Products', render };

interface Search {
  q: string;
  source: string;
  /** A day (YYYY-MM-DD), or ''. */
  since: string;
  sort: SortState;
  from: number;
  size: number;
}

/** Most recently modified first. */
const DEFAULT_SORT: SortState = { key: 'modified', direction: 'descending' };

/** The bool query of a search box and a source: the title matches or a SKU is the text. */
function productQuery(search: Search): EsSearch {
  const bool: EsBoolQuery = {};
  const q = search.q.trim();
  if (q !== '') {
    bool.should = [{ match: { title: q } }, { term: { 'variants.sku': q } }];
    bool.minimum_should_match = 1;
  }
  const filter: NonNullable<EsBoolQuery['filter']> = [];
  if (search.source !== '') filter.push({ term: { source_id: Number(search.source) } });
  if (search.since !== '') filter.push(modifiedSince(search.since));
  if (filter.length > 0) bool.filter = filter;
  const body: EsSearch = { size: search.size, from: search.from, sort: esSort(search.sort) };
  if (bool.should || bool.filter) body.query = { bool };
  return body;
}

/** The source id, named in its title once the sources are known. */
function sourceCell(id: number | undefined): Child {
  if (id === undefined) return '—';
  const source = knownSources()?.find((s) => s.id === id);
  return el('span', { title: source?.description || undefined }, [String(id)]);
}

/** SKUs listed in a row; the rest are counted (all of them are in the cell's title). */
const SKUS_SHOWN = 1;

const columns: ListColumn<SystemProduct>[] = [
  { key: 'id', serverSort: true, title: 'ID', className: 'num id', csv: (p) => p.id, cell: (p) => recordLink('/stock2shop/products', p.id) },
  {
    key: 'title',
    serverSort: true,
    title: 'Title',
    className: 'wrap',
    csv: (p) => p.title,
    cell: (p) => [p.title || '—', p.source_product_code ? el('span', { class: 'subtle' }, [p.source_product_code]) : null],
  },
  {
    key: 'skus',
    title: 'SKUs',
    csv: (p) => p.variants.map((v) => v.sku).filter((s) => s !== '').join(' '),
    className: 'sku',
    cell: (p) => {
      const skus = p.variants.map((v) => v.sku).filter((s) => s !== '');
      if (skus.length === 0) return '—';
      const more = skus.length - SKUS_SHOWN;
      return el('span', { title: skus.join(', ') }, [
        skus.slice(0, SKUS_SHOWN).join(', '),
        more > 0 ? el('span', { class: 'subtle' }, [` +${more}`]) : null,
      ]);
    },
  },
  { key: 'variants', title: 'Variants', className: 'num short', cell: (p) => String(p.variants.length) },
  { key: 'active', title: 'Active', cell: (p) => flagCell(p.active, { yes: 'Active', no: 'Inactive' }) },
  { key: 'price', title: 'Price', className: 'num', cell: (p) => priceRange(p.variants.map((v) => v.price)) },
  // (Narrow screens leave out the columns marked `wide-only`.)
  { key: 'source', title: 'Source', className: 'num short wide-only', cell: (p) => sourceCell(p.source_id) },
  { key: 'modified', serverSort: true, title: 'Modified', className: 'wide-only', cell: (p) => timeCell(p.modified), csv: (p) => p.modified },
];

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const content = el('div', { class: 'list' });
  const state: Search = {
    q: context.query.get('q') ?? '',
    source: context.query.get('source') ?? '',
    since: dayParam(context.query, 'since'),
    sort: sortFromQuery(context.query, columns, DEFAULT_SORT),
    from: intParam(context.query, 'from', 0),
    size: PAGE_SIZES.find((n) => n === intParam(context.query, 'size', PAGE_SIZES[0])) ?? PAGE_SIZES[0],
  };

  const queryInput = el('input', {
    id: 's2s-product-q',
    type: 'search',
    class: 'filter-input',
    placeholder: 'a title word or an exact SKU',
    value: state.q,
    autocomplete: 'off',
  });
  const sinceInput = el('input', { id: 's2s-product-since', type: 'date', value: state.since });
  const sourceSelect = el('select', { id: 's2s-product-source' });
  const sizeSelect = el(
    'select',
    { id: 's2s-product-size' },
    PAGE_SIZES.map((n) => el('option', { value: String(n), selected: n === state.size }, [String(n)])),
  );
  const fillSources = (): void => {
    const list = knownSources() ?? [];
    const wanted = state.source;
    replaceChildren(sourceSelect, [
      el('option', { value: '' }, ['All sources']),
      ...list.map((s) => el('option', { value: String(s.id), selected: String(s.id) === wanted }, [`${s.description || 'Source'} (${s.id})`])),
      // A source from the address that is not (yet) in the list stays chosen.
      wanted !== '' && !list.some((s) => String(s.id) === wanted) ? el('option', { value: wanted, selected: true }, [`Source ${wanted}`]) : null,
    ]);
  };
  fillSources();

  const form = el('form', { class: 'filter search-form', role: 'search', 'aria-label': 'Search products' }, [
    el('div', { class: 'field field-grow' }, [el('label', { for: 's2s-product-q' }, ['Search']), queryInput]),
    el('div', { class: 'field' }, [el('label', { for: 's2s-product-source' }, ['Source']), sourceSelect]),
    el('div', { class: 'field' }, [el('label', { for: 's2s-product-since' }, ['Modified since']), sinceInput]),
    el('div', { class: 'field field-narrow' }, [el('label', { for: 's2s-product-size' }, ['Per page']), sizeSelect]),
    el('button', { type: 'submit', class: 'primary' }, ['Search']),
  ]);

  const pager = new Pager({
    onPrevious: () => {
      state.from = Math.max(0, state.from - state.size);
      remember(true);
      void load();
    },
    onNext: () => {
      state.from += state.size;
      remember(true);
      void load();
    },
  });

  /** The answer on screen (null while loading or after a failure). */
  let shown: SystemProductSearch | null = null;
  const view = (answer: SystemProductSearch): HTMLElement[] =>
    answer.system_products.length === 0
      ? [emptyView(state.q.trim() || state.source ? 'No products match this search' : 'No products')]
      : [
          el('div', { class: 'table-wrap card' }, [
            sortTable(columns, answer.system_products, {
              className: 'stock2shop-products',
              sort: state.sort,
              onSort: (next) => {
                state.sort = next;
                state.from = 0;
                remember(true);
                void load();
              },
            }),
          ]),
        ];

  const load = loader<SystemProductSearch>(context, content, {
    loading: 'Searching Stock2Shop products…',
    fetch: (signal) => {
      shown = null;
      status.textContent = '';
      pager.busy();
      remember(false);
      const body = productQuery(state);
      return paced(signal, () => client().stock2shop.searchProducts(body, { signal }));
    },
    view,
    done: (answer) => {
      shown = answer;
      pager.show(state.from, answer.system_products.length, answer.hits.total, MAX_WINDOW);
      status.textContent = hitsFound(answer.hits, 'product');
    },
    failed: () => pager.show(state.from, 0, null),
  });

  /** The search in the address, so that a reload or a link shows the same page. */
  const remember = (push: boolean): void =>
    rememberInAddress(
      context.path,
      {
        q: state.q.trim(),
        source: state.source,
        since: state.since,
        ...sortToQuery(state.sort, DEFAULT_SORT),
        from: state.from > 0 ? String(state.from) : undefined,
        size: state.size !== PAGE_SIZES[0] ? String(state.size) : undefined,
      },
      { push },
    );

  const submit = (): void => {
    state.q = queryInput.value;
    state.source = sourceSelect.value;
    state.since = sinceInput.value;
    state.size = Number(sizeSelect.value) || PAGE_SIZES[0];
    state.from = 0;
    remember(true);
    void load();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  sourceSelect.addEventListener('change', submit);
  sinceInput.addEventListener('change', submit);
  sizeSelect.addEventListener('change', submit);

  replaceChildren(container, [
    pageHeader('Stock2Shop products', [
      status,
      exportButton('stock2shop-products.csv', () => columns, () => shown?.system_products ?? null),
      button('Reload', () => void load(), { class: 'primary reload' }),
    ]),
    el('p', { class: 'page-intro' }, ['Products as Stock2Shop stores them, most recently modified first (sort by the ID, title or modified header). Export saves this page. ', PACING_NOTE]),
    el('div', { class: 'list-toolbar' }, [form, pager.element]),
    content,
  ]);
  void load();
  // The source filter's options: after the first search (one call at a time).
  if (!knownSources()) {
    void sourceList(context.signal)
      .then(() => {
        if (context.signal.aborted) return;
        fillSources();
        // The table names the sources now (no new search).
        if (shown) replaceChildren(content, view(shown));
      })
      .catch(() => {});
  }
}
