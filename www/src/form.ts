// Forms for request bodies: labelled inputs keyed by the body's field path
// (`items[0].quantity`, `address.countryId`), so that the package's field errors
// (`CommerceKitError` "invalid_request", `details.errors`) show next to their input.
// Errors whose path has no input show next to the nearest group that contains it
// (`items` → the items list), or else in the form's summary.
//
// Forms are `novalidate`: the package's checks are the ones that count, and their
// messages are the ones shown.

import { describeError, fieldErrors, type FieldError } from './api';
import { isForbidden, redirectIfSignedOut } from './session';
import { button, el, errorView, replaceChildren, type Child } from './ui';

export type FieldKind = 'text' | 'number' | 'date' | 'datetime' | 'checkbox' | 'select' | 'password' | 'textarea';

export interface FieldSpec {
  /** The body path the input fills: `name`, `items[0].sku`, `address.countryId`. */
  path: string;
  label: string;
  kind?: FieldKind;
  /** Initial value; for a checkbox 'true' checks it. */
  value?: string;
  placeholder?: string;
  /** A line under the input. */
  hint?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
  /** The options of a select. */
  options?: readonly { value: string; label: string }[];
  autocomplete?: string;
  /** Marks the label "(optional)". */
  optional?: boolean;
  /** Layout width: 'narrow' (quantities, country codes), 'wide' (full row). */
  size?: 'narrow' | 'wide';
}

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;

interface Slot {
  wrapper: HTMLElement;
  error: HTMLElement;
  control?: Control;
}

export interface FormOptions {
  /** Accessible name of the form, and the prefix of its element ids. */
  name: string;
  submitLabel: string;
  /** Sends the body. A rejection is shown by `fail`; call `succeed` to show the outcome. */
  onSubmit: (form: Form) => Promise<void>;
  /** When set, the submit button is disabled and this note is shown next to it. */
  readOnly?: string | null;
}

let forms = 0;

export class Form {
  readonly element: HTMLFormElement;
  readonly submitButton: HTMLButtonElement;
  /** Where the page puts its sections (fields, groups, line lists). */
  readonly body: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly result: HTMLElement;
  private readonly slots = new Map<string, Slot>();
  private readonly idPrefix: string;
  private pending = false;
  private readonly readOnly: boolean;

  constructor(private readonly options: FormOptions) {
    this.idPrefix = `f${++forms}`;
    this.readOnly = Boolean(options.readOnly);
    this.body = el('div', { class: 'form-body' });
    this.summary = el('div', { class: 'form-summary', role: 'alert' });
    this.result = el('div', { class: 'form-result', role: 'status', 'aria-live': 'polite' });
    this.submitButton = el('button', { type: 'submit', class: 'primary', disabled: this.readOnly }, [options.submitLabel]);
    this.element = el('form', { class: 'form', novalidate: true, 'aria-label': options.name }, [
      this.body,
      this.summary,
      el('div', { class: 'form-actions' }, [
        this.submitButton,
        options.readOnly ? el('p', { class: 'readonly-note' }, [options.readOnly]) : null,
      ]),
      this.result,
    ]);
    this.element.addEventListener('submit', (event) => {
      event.preventDefault();
      if (this.pending || this.readOnly) return;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    this.clearErrors();
    replaceChildren(this.result, []);
    this.pending = true;
    this.submitButton.disabled = true;
    this.element.setAttribute('aria-busy', 'true');
    try {
      await this.options.onSubmit(this);
    } catch (e) {
      this.fail(e);
    } finally {
      this.pending = false;
      this.submitButton.disabled = this.readOnly;
      this.element.removeAttribute('aria-busy');
    }
  }

  /** A labelled input for `spec.path`, with its error slot. */
  field(spec: FieldSpec): HTMLElement {
    const id = this.idFor(spec.path);
    const errorId = `${id}-error`;
    const hintId = spec.hint ? `${id}-hint` : undefined;
    const kind = spec.kind ?? 'text';
    const describedBy = [errorId, hintId].filter(Boolean).join(' ');
    const common = { id, name: spec.path, 'aria-describedby': describedBy, 'data-path': spec.path };
    let control: Control;
    if (kind === 'select') {
      control = el(
        'select',
        common,
        (spec.options ?? []).map((o) => el('option', { value: o.value, selected: o.value === (spec.value ?? '') }, [o.label])),
      );
    } else if (kind === 'textarea') {
      control = el('textarea', { ...common, rows: 2, placeholder: spec.placeholder }, [spec.value ?? '']);
    } else {
      const type = kind === 'datetime' ? 'datetime-local' : kind;
      control = el('input', {
        ...common,
        type,
        value: kind === 'checkbox' ? undefined : spec.value,
        checked: kind === 'checkbox' && spec.value === 'true',
        placeholder: spec.placeholder,
        list: spec.list,
        autocomplete: spec.autocomplete ?? (kind === 'password' ? 'current-password' : 'off'),
        inputmode: kind === 'number' ? 'numeric' : undefined,
        step: kind === 'number' ? 'any' : undefined,
      });
    }
    const label = el('label', { for: id }, [spec.label, spec.optional ? el('span', { class: 'optional' }, [' (optional)']) : null]);
    const error = el('p', { class: 'field-error', id: errorId });
    const hint = hintId ? el('p', { class: 'field-hint', id: hintId }, [spec.hint ?? '']) : null;
    const classes = ['field', kind === 'checkbox' ? 'field-checkbox' : null, spec.size ? `field-${spec.size}` : null].filter(Boolean).join(' ');
    const wrapper = el(
      'div',
      { class: classes, 'data-field': spec.path },
      kind === 'checkbox' ? [el('div', { class: 'checkbox-row' }, [control, label]), hint, error] : [label, control, hint, error],
    );
    this.slots.set(spec.path, { wrapper, error, control });
    return wrapper;
  }

  /**
   * A fieldset for `path` (an object or list of the body: `address`, `items`): errors on
   * the path itself, or on a path inside it without an input of its own, show here.
   */
  group(path: string | null, legend: string, children: Child[], attrs: { class?: string } = {}): HTMLFieldSetElement {
    const error = el('p', { class: 'field-error group-error', id: path ? `${this.idFor(path)}-error` : undefined });
    const fieldset = el('fieldset', { class: ['group', attrs.class].filter(Boolean).join(' '), 'data-field': path ?? undefined }, [
      el('legend', {}, [legend]),
      ...children,
      error,
    ]);
    if (path) this.slots.set(path, { wrapper: fieldset, error });
    return fieldset;
  }

  /** The input's value as typed ('' when there is no such input). */
  raw(path: string): string {
    const control = this.slots.get(path)?.control;
    if (!control) return '';
    if (control instanceof HTMLInputElement && control.type === 'checkbox') return control.checked ? 'true' : '';
    return control.value;
  }

  /** The input's text, trimmed. */
  text(path: string): string {
    return this.raw(path).trim();
  }

  /** The text, or undefined when empty (for optional body fields). */
  optionalText(path: string): string | undefined {
    const value = this.text(path);
    return value === '' ? undefined : value;
  }

  /** The input as a number; NaN when empty or not a number (sent as null: the package reports it). */
  number(path: string): number {
    const value = this.text(path);
    return value === '' ? Number.NaN : Number(value);
  }

  checked(path: string): boolean {
    return this.raw(path) === 'true';
  }

  /**
   * A `datetime-local` input as RFC 3339 in UTC (`2026-11-30T09:00:00.000Z`); '' when
   * empty, and the text as typed when it is no date (the package reports both).
   */
  dateTime(path: string): string {
    const value = this.text(path);
    if (value === '') return '';
    const at = new Date(value);
    return Number.isNaN(at.getTime()) ? value : at.toISOString();
  }

  setValue(path: string, value: string): void {
    const control = this.slots.get(path)?.control;
    if (!control) return;
    if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = value === 'true';
    else control.value = value;
  }

  /** Forgets the inputs and groups whose path starts with `prefix` (removed lines). */
  unregister(prefix: string): void {
    for (const path of [...this.slots.keys()]) if (path.startsWith(prefix)) this.slots.delete(path);
  }

  clearErrors(): void {
    for (const slot of this.slots.values()) {
      slot.error.replaceChildren();
      slot.wrapper.classList.remove('invalid');
      slot.control?.removeAttribute('aria-invalid');
    }
    replaceChildren(this.summary, []);
  }

  /** Shows each error next to its input (or group); the rest in the summary. */
  showErrors(errors: readonly FieldError[]): void {
    this.clearErrors();
    const unplaced: FieldError[] = [];
    let first: Control | undefined;
    for (const error of errors) {
      const found = this.slotFor(error.field);
      if (!found) {
        unplaced.push(error);
        continue;
      }
      const { slot, exact } = found;
      // A required choice is chosen, not entered.
      const message = slot.control instanceof HTMLSelectElement && error.message.startsWith('Required:') ? 'Required: choose one' : error.message;
      const text = exact ? message : `${error.field}: ${message}`;
      slot.error.appendChild(el('span', { class: 'field-error-message' }, [text]));
      slot.wrapper.classList.add('invalid');
      if (slot.control) {
        slot.control.setAttribute('aria-invalid', 'true');
        first ??= slot.control;
      }
    }
    const placed = errors.length - unplaced.length;
    replaceChildren(this.summary, [
      el('div', { class: 'error form-error', 'data-code': 'invalid_request' }, [
        el('h3', { class: 'error-title' }, ['The request was not sent: it is not valid']),
        placed > 0
          ? el('p', { class: 'error-message' }, [`${placed === 1 ? 'One field is' : `${placed} fields are`} marked above.`])
          : null,
        unplaced.length > 0
          ? el(
              'ul',
              { class: 'error-lines' },
              unplaced.map((f) => el('li', { 'data-field': f.field }, [el('code', {}, [f.field]), ': ', f.message])),
            )
          : null,
      ]),
    ]);
    first?.focus();
  }

  /** Shows a rejection of `onSubmit`: field errors by their inputs, anything else in the summary. */
  fail(e: unknown): void {
    const errors = fieldErrors(e);
    if (errors.length > 0) {
      this.showErrors(errors);
      return;
    }
    void redirectIfSignedOut(e);
    const content = describeError(e);
    // The one error panel, as lists show it (who failed, the request id, Copy details).
    const panel = errorView({ ...content, code: isForbidden(e) ? 'forbidden' : content.code });
    panel.classList.add('form-error');
    replaceChildren(this.summary, [panel]);
  }

  /** Shows a problem in the summary (`data-code` = `code`). */
  problem(code: string, title: string, message: Child[], lines: readonly string[] = []): void {
    replaceChildren(this.summary, [
      el('div', { class: 'error form-error', 'data-code': code }, [
        el('h3', { class: 'error-title' }, [title]),
        el('p', { class: 'error-message' }, message),
        lines.length > 0
          ? el(
              'ul',
              { class: 'error-lines' },
              lines.map((line) => el('li', {}, [el('code', {}, [line])])),
            )
          : null,
      ]),
    ]);
  }

  /** Shows the outcome of a successful submit. */
  succeed(children: Child[]): void {
    replaceChildren(this.result, [el('div', { class: 'success' }, children)]);
  }

  /** The slot of `path`, or of its nearest ancestor group (`items[0]` → `items`). */
  private slotFor(path: string): { slot: Slot; exact: boolean } | null {
    const exact = this.slots.get(path);
    if (exact) return { slot: exact, exact: true };
    let at = path;
    for (;;) {
      const parent = parentPath(at);
      if (parent === null) return null;
      const slot = this.slots.get(parent);
      if (slot && !slot.control) return { slot, exact: false };
      at = parent;
    }
  }

  private idFor(path: string): string {
    return `${this.idPrefix}-${path.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
  }
}

/** `items[0].sku` → `items[0]` → `items` → null. */
function parentPath(path: string): string | null {
  const match = /^(.*?)(\.[^.[\]]+|\[\d+\])$/.exec(path);
  return match && match[1] ? match[1] : null;
}

export interface LineColumn extends Omit<FieldSpec, 'path'> {
  /** The key within a line: `sku` → `items[0].sku`. */
  name: string;
}

export interface LineListOptions {
  /** The list's body path: `items`, `shipments[0].items`. */
  path: string;
  legend: string;
  /** What one line holds (an item: product and quantity). */
  noun: string;
  columns: readonly LineColumn[];
  /** The lines shown at first (values by column name). */
  initial?: readonly Record<string, string>[];
}

/** Lines of a list in the body (`items`), each a row of fields, with Add and Remove. */
export class LineList {
  readonly element: HTMLFieldSetElement;
  private readonly rows: HTMLElement;
  private size = 0;

  constructor(
    private readonly form: Form,
    private readonly options: LineListOptions,
  ) {
    this.rows = el('div', { class: 'lines' });
    const add = button(`Add ${options.noun}`, () => this.add(), { class: 'add-line' });
    this.element = form.group(options.path, options.legend, [this.rows, el('div', { class: 'line-actions' }, [add])], { class: 'line-list' });
    this.rebuild([...(options.initial ?? [{}])]);
  }

  /** How many lines there are. */
  get count(): number {
    return this.size;
  }

  /** The path of a line's field: `items[2].sku`. */
  path(index: number, name: string): string {
    return `${this.options.path}[${index}].${name}`;
  }

  add(values: Record<string, string> = {}): void {
    const all = this.values();
    all.push(values);
    this.rebuild(all);
    const first = this.options.columns[0];
    if (first) this.element.querySelector<HTMLElement>(`[data-path="${cssString(this.path(all.length - 1, first.name))}"]`)?.focus();
  }

  remove(index: number): void {
    const all = this.values();
    all.splice(index, 1);
    this.rebuild(all);
  }

  /** Every line's raw values by column name. */
  values(): Record<string, string>[] {
    return Array.from({ length: this.size }, (_, i) =>
      Object.fromEntries(this.options.columns.map((c) => [c.name, this.form.raw(this.path(i, c.name))])),
    );
  }

  private rebuild(lines: Record<string, string>[]): void {
    this.form.unregister(`${this.options.path}[`);
    this.size = lines.length;
    replaceChildren(
      this.rows,
      lines.length === 0
        ? [el('p', { class: 'lines-empty' }, [`No ${this.options.noun}s.`])]
        : lines.map((values, i) =>
            el('div', { class: 'line', 'data-line': i }, [
              ...this.options.columns.map((c) => {
                const { name, ...spec } = c;
                const value = values[name] ?? c.value;
                return this.form.field({ ...spec, path: this.path(i, name), ...(value === undefined ? {} : { value }) });
              }),
              button('Remove', () => this.remove(i), { class: 'remove-line', 'aria-label': `Remove ${this.options.noun} ${i + 1}` }),
            ]),
          ),
    );
  }
}

function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}

/** A <datalist> for inputs' `list`; fill it with `fillDatalist` once the options are known. */
export function datalist(id: string): HTMLDataListElement {
  return el('datalist', { id });
}

export function fillDatalist(list: HTMLDataListElement, options: readonly { value: string; label: string }[]): void {
  replaceChildren(
    list,
    options.map((o) => el('option', { value: o.value, label: o.label }, [])),
  );
}
