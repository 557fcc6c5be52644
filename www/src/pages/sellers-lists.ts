// #/sellers/products, #/sellers/shoppers, #/sellers/categories: Sellers Commerce
// `getall` lists with an OData filter builder (see sellers-shared.ts).

import type { SellersAddress, SellersCategory, SellersProduct, SellersShopper } from 'commerce-kit';
import { client } from '../api';
import { loader } from '../load';
import { recordLink, type PageContext, type Route } from '../router';
import { el, emptyView, freeForm, orDash, table, type Child, type Column } from '../ui';
import { odataListPage, otherFieldsColumn } from './sellers-shared';
import { timeCell } from '../format';

export const sellersProductsPage: Route = { path: '/sellers/products', title: 'Sellers Commerce products', navLabel: 'Products', render: renderProducts };
export const sellersShoppersPage: Route = { path: '/sellers/shoppers', title: 'Sellers Commerce shoppers', navLabel: 'Shoppers', render: renderShoppers };
export const sellersCategoriesPage: Route = {
  path: '/sellers/categories',
  title: 'Sellers Commerce categories',
  navLabel: 'Categories',
  render: renderCategories,
};

const PRODUCT_FIELDS = ['ProductCode', 'SCproductID'] as const;

function renderProducts(container: HTMLElement, context: PageContext): void {
  odataListPage<SellersProduct>(container, context, {
    title: 'Sellers Commerce products',
    intro: ['Products of the store. The document names two of their fields; anything else the vendor sends is listed as it comes.'],
    noun: 'product',
    id: 'sc-products',
    example: "ProductCode eq 'SC-1001'",
    fields: [
      { name: 'ProductCode', label: 'Product code', kind: 'text' },
      { name: 'SCproductID', label: 'SC product id', kind: 'number' },
    ],
    orderby: [
      { value: '', label: 'As the store lists them' },
      { value: 'ProductCode asc', label: 'Product code, A–Z' },
      { value: 'ProductCode desc', label: 'Product code, Z–A' },
      { value: 'SCproductID asc', label: 'SC product id, ascending' },
      { value: 'SCproductID desc', label: 'SC product id, descending' },
    ],
    fetch: (params, signal) => client().sellersCommerce.productGetAll(params, { signal }),
    columns: [
      {
        title: 'Product code',
        className: 'sku',
        cell: (p) => (p.ProductCode ? recordLink('/sellers/products', p.ProductCode) : '—'),
      },
      { title: 'SC product id', className: 'num', cell: (p) => orDash(p.SCproductID) },
      otherFieldsColumn<SellersProduct>(PRODUCT_FIELDS),
    ],
    tableClass: 'sellers-products',
    narrow: true,
  });
}

const SHOPPER_FIELDS = ['UserName', 'FirstName', 'LastName', 'DOB', 'Deleted', 'ShopperTypeID', 'Address', 'Gender'] as const;

/** The document's GENDER codes. */
const GENDERS: Record<number, string> = { 1: 'Male', 2: 'Female' };

const shopperColumns: Column<SellersShopper>[] = [
  {
    title: 'Username',
    className: 'mono',
    cell: (s) => (s.UserName ? recordLink('/sellers/shoppers', s.UserName) : '—'),
  },
  { title: 'Name', className: 'wrap', cell: (s) => [s.FirstName, s.LastName].filter((n) => n).join(' ') || '—' },
  { title: 'Date of birth', cell: (s) => timeCell(s.DOB) },
  { title: 'Gender', cell: (s) => (s.Gender === null || s.Gender === undefined ? '—' : (GENDERS[s.Gender] ?? String(s.Gender))) },
  { title: 'Type', className: 'num short', cell: (s) => orDash(s.ShopperTypeID) },
  { title: 'Deleted', cell: (s) => orDash(s.Deleted) },
  { title: 'Addresses', className: 'wrap addresses', cell: (s) => addresses(s.Address) },
  otherFieldsColumn<SellersShopper>(SHOPPER_FIELDS),
];

/** Each address on a line: `Home: 865 Main Street, Austin TX 34213, US`. */
function addresses(list: SellersAddress[] | null | undefined): Child {
  if (!list || list.length === 0) return '—';
  return el(
    'ul',
    { class: 'address-list' },
    list.map((a) => {
      const place = [a.City, [a.StateCode, a.ZipCode].filter((p) => p).join(' ')].filter((p) => p).join(', ');
      const text = [a.AddressLine1, place, a.CountryCode].filter((p) => p).join(', ');
      return el('li', {}, [a.AddressName ? el('strong', {}, [`${a.AddressName}: `]) : null, text || '—']);
    }),
  );
}

function renderShoppers(container: HTMLElement, context: PageContext): void {
  odataListPage<SellersShopper>(container, context, {
    title: 'Sellers Commerce shoppers',
    intro: ['Shoppers of the store and their addresses.'],
    noun: 'shopper',
    id: 'sc-shoppers',
    example: "LastName eq 'Wei' or Deleted eq true",
    fields: [
      { name: 'UserName', label: 'Username', kind: 'text' },
      { name: 'FirstName', label: 'First name', kind: 'text' },
      { name: 'LastName', label: 'Last name', kind: 'text' },
      { name: 'Deleted', label: 'Deleted', kind: 'boolean' },
      { name: 'ShopperTypeID', label: 'Shopper type', kind: 'number' },
      {
        name: 'Gender',
        label: 'Gender',
        kind: 'number',
        options: Object.entries(GENDERS).map(([value, label]) => ({ value, label })),
      },
      { name: 'DOB', label: 'Date of birth', kind: 'datetime' },
    ],
    orderby: [
      { value: '', label: 'As the store lists them' },
      { value: 'UserName asc', label: 'Username, A–Z' },
      { value: 'LastName asc, FirstName asc', label: 'Last name, A–Z' },
      { value: 'DOB desc', label: 'Youngest first' },
    ],
    fetch: (params, signal) => client().sellersCommerce.shopperGetAll(params, { signal }),
    columns: shopperColumns,
    tableClass: 'sellers-shoppers',
  });
}

const CATEGORY_FIELDS = ['CategoryCode', 'IsBrand'] as const;

function renderCategories(container: HTMLElement, context: PageContext): void {
  const brands = el('div', { class: 'list' });
  odataListPage<SellersCategory>(container, context, {
    title: 'Sellers Commerce categories',
    intro: ['Categories of the store; a brand is a category too (IsBrand 0, as the document has it).'],
    noun: 'category',
    nouns: 'categories',
    id: 'sc-categories',
    example: 'IsBrand eq 0',
    fields: [
      { name: 'CategoryCode', label: 'Category code', kind: 'text' },
      {
        name: 'IsBrand',
        label: 'Brand',
        kind: 'number',
        options: [
          { value: '0', label: 'Yes (0)' },
          { value: '1', label: 'No (1)' },
        ],
      },
    ],
    orderby: [
      { value: '', label: 'As the store lists them' },
      { value: 'CategoryCode asc', label: 'Category code, A–Z' },
      { value: 'IsBrand asc, CategoryCode asc', label: 'Brands first' },
    ],
    fetch: (params, signal) => client().sellersCommerce.categoryGetAll(params, { signal }),
    columns: [
      { title: 'Category code', className: 'sku', cell: (c) => orDash(c.CategoryCode) },
      // IS_BRAND: 0 yes, 1 no (sic).
      { title: 'Brand', cell: (c) => (c.IsBrand === 0 ? 'Yes' : c.IsBrand === 1 ? 'No' : orDash(c.IsBrand)) },
      otherFieldsColumn<SellersCategory>(CATEGORY_FIELDS),
    ],
    tableClass: 'sellers-categories',
    narrow: true,
    after: [el('h3', { class: 'section-title' }, ['Brands']), brands],
  });

  // Brands are free-form objects (the document names none of their fields).
  const loadBrands = loader<Record<string, unknown>[]>(context, brands, {
    loading: 'Loading brands…',
    fetch: (signal) => client().sellersCommerce.categoryGetAllBrands(null, { signal }),
    view: (list) =>
      list.length === 0
        ? [emptyView('No brands')]
        : [
            el('div', { class: 'table-wrap card narrow-table' }, [
              table([{ title: 'Brand (as the vendor sends it)', className: 'wrap', cell: (b) => freeForm(b) }], list, { className: 'sellers-brands' }),
            ]),
          ],
  });
  void loadBrands();
}
