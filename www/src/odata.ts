// An OData `$filter` builder for the Sellers Commerce lists: rows of field, operator and
// value, joined with and/or, rendered as `$filter` text into an input the user may also
// edit. The text is what is sent; the package checks its syntax before sending, and
// its field errors (`$filter`, `$orderby`) show next to those inputs (see form.ts).

import { button, el, replaceChildren } from './ui';

export type ODataKind = 'text' | 'number' | 'datetime' | 'boolean';

export interface ODataField {
  /** The field's name on the wire (`ProductCode`). */
  name: string;
  /** What the field select shows ('Product code'). */
  label: string;
  kind: ODataKind;
  /** Suggested values (a code table: `OrderStatusId` 9 = Shipped). */
  options?: readonly { value: string; label: string }[];
}

const OPERATORS = [
  { value: 'eq', label: '=' },
  { value: 'ne', label: '≠' },
  { value: 'gt', label: '>' },
  { value: 'ge', label: '≥' },
  { value: 'lt', label: '<' },
  { value: 'le', label: '≤' },
] as const;

interface Row {
  join: 'and' | 'or';
  field: string;
  op: string;
  value: string;
}

/** `O'Neil` → `'O''Neil'` (OData doubles a quote inside a string literal). */
export function odataString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * A literal for a field of `kind`, as typed: text is quoted, a date-time is
 * `datetime'…'`, numbers and booleans are written as they are (so that a mistake
 * reaches the package's check rather than being guessed around).
 */
export function odataLiteral(kind: ODataKind, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'text':
      return odataString(value);
    case 'datetime':
      return `datetime'${v}'`;
    case 'number':
    case 'boolean':
      return v;
  }
}

/**
 * Conditions left to right: `A or B and C` is written `(A or B) and C`, as it reads
 * (OData itself binds `and` tighter than `or`).
 */
export function renderFilter(rows: readonly { join: 'and' | 'or'; condition: string }[]): string {
  let text = '';
  let last: 'and' | 'or' | null = null;
  for (const [i, row] of rows.entries()) {
    if (i === 0) {
      text = row.condition;
      continue;
    }
    if (last !== null && last !== row.join) text = `(${text})`;
    text = `${text} ${row.join} ${row.condition}`;
    last = row.join;
  }
  return text;
}

export interface FilterBuilderOptions {
  /** An id prefix for the row controls. */
  id: string;
  fields: readonly ODataField[];
  /** Called with the new `$filter` text whenever a row changes. */
  onChange: (filter: string) => void;
}

/** The rows of conditions (a fieldset with "Add condition"). */
export class FilterBuilder {
  readonly element: HTMLFieldSetElement;
  private readonly rowsElement: HTMLElement;
  private rows: Row[] = [];

  constructor(private readonly options: FilterBuilderOptions) {
    this.rowsElement = el('div', { class: 'conditions' });
    this.element = el('fieldset', { class: 'group filter-builder' }, [
      el('legend', {}, ['Conditions']),
      this.rowsElement,
      el('div', { class: 'line-actions' }, [button('Add condition', () => this.add(), { class: 'add-condition' })]),
    ]);
    this.draw();
  }

  /** How many rows there are. */
  get count(): number {
    return this.rows.length;
  }

  /** The `$filter` text of the rows ('' without rows). */
  text(): string {
    const fields = new Map(this.options.fields.map((f) => [f.name, f]));
    return renderFilter(
      this.rows.map((r) => {
        const field = fields.get(r.field);
        return { join: r.join, condition: `${r.field} ${r.op} ${odataLiteral(field?.kind ?? 'text', r.value)}` };
      }),
    );
  }

  add(row: Partial<Row> = {}): void {
    const first = this.options.fields[0];
    this.rows.push({ join: 'and', field: first?.name ?? '', op: 'eq', value: '', ...row });
    this.draw();
    this.changed();
    const inputs = this.rowsElement.querySelectorAll<HTMLElement>('.condition [data-part="field"]');
    inputs[inputs.length - 1]?.focus();
  }

  private remove(index: number): void {
    this.rows.splice(index, 1);
    this.draw();
    this.changed();
  }

  private changed(): void {
    this.options.onChange(this.text());
  }

  private draw(): void {
    if (this.rows.length === 0) {
      replaceChildren(this.rowsElement, [el('p', { class: 'lines-empty' }, ['No conditions: every record is listed.'])]);
      return;
    }
    replaceChildren(
      this.rowsElement,
      this.rows.map((row, i) => this.rowView(row, i)),
    );
  }

  private rowView(row: Row, i: number): HTMLElement {
    const n = i + 1;
    const id = (part: string): string => `${this.options.id}-${part}-${n}`;
    const field = this.options.fields.find((f) => f.name === row.field) ?? this.options.fields[0];

    const join =
      i === 0
        ? el('span', { class: 'condition-join condition-where' }, ['where'])
        : this.select(id('join'), `Join condition ${n}`, [
            { value: 'and', label: 'and' },
            { value: 'or', label: 'or' },
          ], row.join, (v) => {
            row.join = v === 'or' ? 'or' : 'and';
          }, 'condition-join');
    const fieldSelect = this.select(
      id('field'),
      `Field of condition ${n}`,
      this.options.fields.map((f) => ({ value: f.name, label: f.label })),
      row.field,
      (v) => {
        row.field = v;
        // Another kind of value: start it again.
        row.value = '';
        this.draw();
        document.getElementById(id('field'))?.focus();
      },
      'condition-field',
      'field',
    );
    const op = this.select(id('op'), `Operator of condition ${n}`, OPERATORS, row.op, (v) => {
      row.op = v;
    }, 'condition-op');
    const value = this.valueControl(field, row, id('value'), `Value of condition ${n}`);
    const remove = button('Remove', () => this.remove(i), { class: 'remove-line', 'aria-label': `Remove condition ${n}` });
    return el('div', { class: 'condition', 'data-condition': i }, [join, fieldSelect, op, value, remove]);
  }

  private valueControl(field: ODataField | undefined, row: Row, id: string, label: string): HTMLElement {
    const kind = field?.kind ?? 'text';
    if (kind === 'boolean') {
      if (row.value === '') row.value = 'true';
      return this.select(id, label, [
        { value: 'true', label: 'true' },
        { value: 'false', label: 'false' },
      ], row.value, (v) => {
        row.value = v;
      }, 'condition-value');
    }
    if (field?.options && field.options.length > 0) {
      if (row.value === '') row.value = field.options[0]?.value ?? '';
      return this.select(id, label, field.options, row.value, (v) => {
        row.value = v;
      }, 'condition-value');
    }
    const input = el('input', {
      id,
      type: kind === 'datetime' ? 'datetime-local' : 'text',
      class: 'condition-value',
      value: row.value,
      'aria-label': label,
      inputmode: kind === 'number' ? 'numeric' : undefined,
      placeholder: kind === 'number' ? 'a number' : kind === 'text' ? 'text' : undefined,
      autocomplete: 'off',
    });
    input.addEventListener('input', () => {
      row.value = input.value;
      this.changed();
    });
    return input;
  }

  private select(
    id: string,
    label: string,
    options: readonly { value: string; label: string }[],
    value: string,
    set: (value: string) => void,
    className: string,
    part?: string,
  ): HTMLSelectElement {
    const select = el(
      'select',
      { id, class: className, 'aria-label': label, 'data-part': part },
      options.map((o) => el('option', { value: o.value, selected: o.value === value }, [o.label])),
    );
    select.addEventListener('change', () => {
      set(select.value);
      this.changed();
    });
    return select;
  }
}
