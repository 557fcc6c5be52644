// CSV of what a list shows (RFC 4180): fields separated by commas, records by CRLF; a
// field holding a comma, a quote, CR or LF is quoted, its quotes doubled. A text field
// that a spreadsheet would run as a formula (it begins with = + - @, a tab or CR) gets a
// leading apostrophe (OWASP's "CSV injection" advice): vendor data is untrusted, and an
// export is opened in Excel. Numbers stay numbers, so -5 is not touched.

/** A cell as exported: text, a number, or nothing (an empty field). */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One field: guarded against formulas, then quoted when it must be. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'string' ? value : String(value);
  if (typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A header record and one record per row, each line ending in CRLF. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return [header, ...rows].map((record) => `${record.map(csvField).join(',')}\r\n`).join('');
}

/** Offers `text` as a download named `filename` (UTF-8 with a BOM, so Excel reads accents right). */
export function downloadCsv(filename: string, text: string): void {
  const blob = new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference by now; the URL is not needed after this task.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
