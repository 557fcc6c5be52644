// #/supply?warehouse=system_73&sku=A,B: one S2 Partner warehouse's inventory supply
// (GET /inventory-supply), optionally only some SKUs; headers sort it, Export saves it.

import type { PartnerInventorySupply, PartnerWarehouse } from 'commerce-kit';
import { client } from '../api';
import { exportButton, LocalList, type ListColumn } from '../listing';
import { loader } from '../load';
import type { PageContext, Route } from '../router';
import { formatNumber } from '../format';
import { el, emptyView, pageHeader, plural, replaceChildren, statusLine } from '../ui';
import { parseList } from './shared';

export const supplyPage: Route = { path: '/supply', title: 'Supply', render };


const quantity = (n: number): HTMLElement => el('span', { class: n < 0 ? 'negative' : undefined }, [formatNumber(n)]);

const columns: ListColumn<PartnerInventorySupply>[] = [
  { key: 'sku', title: 'SKU', className: 'sku', cell: (s) => s.sku, sortValue: (s) => s.sku, csv: (s) => s.sku },
  // The vendor spells the key `quantity_avaliable`.
  { key: 'available', title: 'Available', className: 'num', cell: (s) => quantity(s.quantity_avaliable), sortValue: (s) => s.quantity_avaliable, csv: (s) => s.quantity_avaliable },
  { key: 'pending', title: 'Pending', className: 'num', cell: (s) => quantity(s.quantity_pending), sortValue: (s) => s.quantity_pending, csv: (s) => s.quantity_pending },
  { key: 'hold', title: 'On hold', className: 'num', cell: (s) => quantity(s.quantity_hold), sortValue: (s) => s.quantity_hold, csv: (s) => s.quantity_hold },
];

function render(container: HTMLElement, context: PageContext): void {
  const status = statusLine();
  const picker = el('div', { class: 'supply-picker' });
  const content = el('div', { class: 'list' });

  const select = el('select', { id: 'supply-warehouse', name: 'warehouse' });
  const skuInput = el('input', {
    id: 'supply-skus',
    name: 'sku',
    type: 'text',
    class: 'filter-input',
    placeholder: 'all SKUs (or e.g. SKU-GREY, TEST-BLACK)',
    value: context.query.get('sku') ?? '',
  });
  const form = el('form', { class: 'filter supply-form', role: 'search', 'aria-label': 'Choose a warehouse' }, [
    el('div', { class: 'field' }, [el('label', { for: 'supply-warehouse' }, ['Warehouse']), select]),
    el('div', { class: 'field field-grow' }, [el('label', { for: 'supply-skus' }, ['SKUs']), skuInput]),
    el('button', { type: 'submit', class: 'primary' }, ['Show supply']),
  ]);

  const list = new LocalList<PartnerInventorySupply>({
    context,
    content,
    columns,
    tableClass: 'supply',
    // As the vendor lists them until a header is clicked.
    defaultSort: { key: '', direction: 'ascending' },
    pageSize: 200,
    empty: () => (parseList(skuInput.value).length > 0 ? 'None of these SKUs is in this warehouse' : 'No supply in this warehouse'),
    extra: () => ({ warehouse: select.value || undefined, sku: parseList(skuInput.value).join(',') || undefined }),
  });

  const loadSupply = loader<{ warehouse: string; rows: PartnerInventorySupply[] }>(context, content, {
    loading: 'Loading supply…',
    fetch: async (signal) => {
      const warehouse = select.value;
      const skus = parseList(skuInput.value);
      status.textContent = '';
      list.clear();
      const rows = await client().s2Partner.getInventorySupply({ warehouseId: warehouse, skuList: skus.length > 0 ? skus : null }, { signal });
      return { warehouse, rows };
    },
    view: () => [],
    done: ({ warehouse, rows }) => {
      list.set(rows);
      const name = select.selectedOptions[0]?.textContent ?? warehouse;
      status.textContent = `${plural(rows.length, 'SKU')} in ${name}`;
    },
  });

  /** The first list replaces the address (it is the page as opened); later choices push. */
  let first = true;
  const show = (): void => {
    if (!select.value) return;
    list.remember(!first);
    first = false;
    void loadSupply();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show();
  });
  select.addEventListener('change', show);

  const loadWarehouses = loader<PartnerWarehouse[]>(context, picker, {
    loading: 'Loading warehouses…',
    fetch: (signal) => client().s2Partner.listWarehouses({ signal }),
    view: (warehouses) => {
      if (warehouses.length === 0) return [emptyView('There are no warehouses to choose from')];
      const wanted = context.query.get('warehouse');
      replaceChildren(
        select,
        warehouses.map((w) => el('option', { value: w.id, selected: w.id === wanted }, [w.name ? `${w.name} (${w.id})` : w.id])),
      );
      return [form];
    },
    done: (warehouses) => {
      if (warehouses.length > 0) show();
    },
  });

  replaceChildren(container, [
    pageHeader('Inventory supply', [status, exportButton('supply.csv', () => columns, () => list.current())]),
    el('p', { class: 'page-intro' }, ['S2 Partner stock by SKU in one warehouse: available, pending and on hold.']),
    picker,
    el('div', { class: 'list-toolbar' }, [list.pager.element]),
    content,
  ]);
  void loadWarehouses();
}
