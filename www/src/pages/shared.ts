// Bits the S2 Partner pages share.

import { client } from '../api';
import { el } from '../ui';

/** What a viewer sees where an operator has a write form. */
export const READ_ONLY_NOTE = 'You are signed in as a viewer: viewers may only read.';

/**
 * A viewer's view of a write form's place: a note saying who may do it, instead of a
 * form they cannot send (class `readonly-note`).
 */
export function readOnlyNotice(what: string): HTMLElement {
  return el('p', { class: 'readonly-note card', role: 'note' }, [READ_ONLY_NOTE, ` An operator can ${what} here.`]);
}

/** "101, 102 103" → [101, 102, 103]; '' → []. */
export function parseIdList(text: string): { ok: true; ids: number[] } | { ok: false; error: string } {
  const parts = text.split(/[\s,]+/).filter((p) => p !== '');
  const ids: number[] = [];
  for (const part of parts) {
    if (!/^\d+$/.test(part) || !Number.isSafeInteger(Number(part))) {
      return { ok: false, error: `“${part}” is not an id: ids are whole numbers, separated by commas` };
    }
    ids.push(Number(part));
  }
  return { ok: true, ids };
}

/** "A, B" → ['A', 'B'] (blank entries dropped). */
export function parseList(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** Suggestions for warehouse id inputs; [] when the list cannot be had (the input still works). */
export async function warehouseOptions(signal: AbortSignal): Promise<{ value: string; label: string }[]> {
  try {
    const list = await client().s2Partner.listWarehouses({ signal });
    return list.map((w) => ({ value: w.id, label: w.name }));
  } catch {
    return [];
  }
}

/** Suggestions for supplier id inputs; [] when the list cannot be had. */
export async function supplierOptions(signal: AbortSignal): Promise<{ value: string; label: string }[]> {
  try {
    const list = await client().s2Partner.listSuppliers({ signal });
    return list.map((s) => ({ value: String(s.id), label: s.name }));
  } catch {
    return [];
  }
}
