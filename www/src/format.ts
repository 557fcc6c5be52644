// How the dashboard writes times, numbers and vendor codes: one place, so every page
// says the same thing the same way.
//
// - Times are shown in the viewer's own time zone, with the zone named ("2 Dec 2026,
//   09:06 CET"); the raw value stays in the <time> element's title and datetime.
// - Stock2Shop sends some times without a zone ("2021-01-05 08:25:04"). They are read as
//   UTC: the same document writes its other times with an explicit "+0000" (a user's
//   "modified": "2021-01-05T08:07:57+0000", next to a product's zone-less
//   "modified": "2021-01-05 08:25:04" of the same morning), and nothing in it names
//   another zone. The cell says so in its title.
// - Numbers have digit grouping in the viewer's locale.
// - Numeric codes (a Sellers Commerce order's CarrierId 8) are shown by the name the
//   package's code tables give them ("FEDEX"), with the number kept in the title.

import { sellersCodeTables } from 'commerce-kit';
import { el, type Child } from './ui';

/** The zone assumed for times that carry none (Stock2Shop's "YYYY-MM-DD hh:mm:ss"). */
export const ZONELESS_TIME_ZONE = 'UTC';

const ZONELESS = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/;
const COMPACT_OFFSET = /([+-])(\d{2})(\d{2})$/;

/** Whether `value` is a time without a zone (read as `ZONELESS_TIME_ZONE`). */
export function isZoneless(value: string): boolean {
  return ZONELESS.test(value.trim());
}

/**
 * The instant `value` names, or null when it is not a time: RFC 3339 / ISO 8601 with a
 * zone ('Z', '+02:00', '+0200'), or a zone-less date-time read as UTC.
 */
export function parseTime(value: string): Date | null {
  const text = value.trim();
  const zoneless = ZONELESS.exec(text);
  const normalised = zoneless ? `${zoneless[1]}T${zoneless[2]}Z` : text.replace(COMPACT_OFFSET, '$1$2:$3');
  if (!/^\d{4}-\d{2}-\d{2}T/.test(normalised)) return null;
  const at = new Date(normalised);
  return Number.isNaN(at.getTime()) ? null : at;
}

let timeFormat: Intl.DateTimeFormat | null = null;

/** `at` in the viewer's zone, with the zone named: "2 Dec 2026, 09:06 CET". */
export function formatInstant(at: Date): string {
  timeFormat ??= new Intl.DateTimeFormat(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
  return timeFormat.format(at);
}

/** A vendor time as local text with its zone; the raw text when it does not parse. */
export function formatTime(value: string): string {
  const at = parseTime(value);
  return at ? formatInstant(at) : value;
}

/**
 * A vendor time for a table cell: a <time> in the viewer's zone whose title is the raw
 * value (and, for a zone-less one, the zone it was read in); '—' when absent.
 */
export function timeCell(value: string | null | undefined): Child {
  if (!value) return '—';
  const at = parseTime(value);
  if (!at) return value;
  const title = isZoneless(value) ? `${value} (no zone given: read as ${ZONELESS_TIME_ZONE})` : value;
  return el('time', { datetime: at.toISOString(), title }, [formatInstant(at)]);
}

let numberFormat: Intl.NumberFormat | null = null;

/** `31896` → "31,896" (the viewer's grouping); fractions to three places. */
export function formatNumber(n: number): string {
  numberFormat ??= new Intl.NumberFormat(undefined, { maximumFractionDigits: 3 });
  return numberFormat.format(n);
}

let amountFormat: Intl.NumberFormat | null = null;

/** `1234.5` → "1,234.50": an amount with two decimals in the viewer's grouping (no currency is sent). */
export function formatAmount(n: number): string {
  amountFormat ??= new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return amountFormat.format(n);
}

let codeNames: Map<string, Map<number, string>> | null = null;

/** The package's Sellers Commerce code tables, by column ("CarrierId"). */
function tables(): Map<string, Map<number, string>> {
  codeNames ??= new Map(sellersCodeTables().map((t) => [t.column, new Map(t.codes.map((c) => [c.value, c.name]))]));
  return codeNames;
}

/** Every column the package has a code table for ("OrderStatusId", "CarrierId", ...). */
export function codeColumns(): string[] {
  return [...tables().keys()];
}

/**
 * The name of a Sellers Commerce code (`codeName('CarrierId', 8)` → "FEDEX"), or null
 * when the document gives the number none. An unknown column is a programming error.
 */
export function codeName(column: string, value: number): string | null {
  const table = tables().get(column);
  if (!table) throw new Error(`codeName: the package has no code table for column ${JSON.stringify(column)}`);
  return table.get(value) ?? null;
}

/** A code for a table cell: its name, titled with the number; "8 (unknown code)" when it has none. */
export function codeCell(column: string, value: number | null | undefined): Child {
  if (value === null || value === undefined) return '—';
  const name = codeName(column, value);
  if (name === null) return el('span', { class: 'code-unknown', title: `${column} ${value}` }, [`${value} (unknown code)`]);
  return el('span', { class: 'code-name', title: `${column} ${value}` }, [name]);
}
