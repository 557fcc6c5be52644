// Bits the Stock2Shop pages share. The proxy paces Stock2Shop to one request a second
// (later calls wait in its queue), so these pages send one call at a time, and keep the
// sources and channels once they have them (the product and order filters need them).

import type { EsClause, EsHits, EsSort, SystemChannel, SystemSource } from 'commerce-kit';
import type { SortState } from '../listing';
import { client } from '../api';
import { formatAmount } from '../format';
import { el, plural, withRejections, type Child } from '../ui';

/** The page intro's note on pacing. */
export const PACING_NOTE = 'Stock2Shop answers one request a second: pages load one call at a time.';

/** How many hits a search may page through (Elasticsearch's `from` + `size` limit). */
export const MAX_WINDOW = 10_000;

/**
 * "12 products found", or "10000+ products found" when Elasticsearch 7 stopped counting
 * (`relation: "gte"`: the total is a lower bound, not the count).
 */
export function hitsFound(hits: Pick<EsHits, 'total' | 'total_relation'>, noun: string): string {
  const found = plural(hits.total, noun);
  return `${hits.total_relation === 'gte' ? found.replace(/^\d+/, (n) => `${n}+`) : found} found`;
}

/** The page sizes offered. */
export const PAGE_SIZES = [10, 25, 50] as const;

let tail: Promise<unknown> = Promise.resolve();

/**
 * Runs `call` once every Stock2Shop call started before it has settled. Aborting
 * `signal` while it waits rejects at once (and the call is never made).
 */
export function paced<T>(signal: AbortSignal, call: () => Promise<T>): Promise<T> {
  const before = tail;
  const run = (async () => {
    await untilSettledOrAborted(before, signal);
    signal.throwIfAborted();
    return call();
  })();
  // The next call waits for this one, and for the one before it (this one may have
  // stopped waiting early because it was aborted).
  tail = Promise.allSettled([before, run]);
  return run;
}

function untilSettledOrAborted(promise: Promise<unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    void promise.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
    );
  });
}

let sources: SystemSource[] | null = null;
let channels: SystemChannel[] | null = null;

/** The sources: the ones fetched before, or fetched now (paced). `fresh` fetches anyway. */
export async function sourceList(signal: AbortSignal, fresh = false): Promise<SystemSource[]> {
  if (sources && !fresh) return sources;
  const answer = await paced(signal, () => client().stock2shop.listSources({ signal }));
  sources = withRejections(answer.system_sources, answer);
  return sources;
}

/** The channels: the ones fetched before, or fetched now (paced). `fresh` fetches anyway. */
export async function channelList(signal: AbortSignal, fresh = false): Promise<SystemChannel[]> {
  if (channels && !fresh) return channels;
  const answer = await paced(signal, () => client().stock2shop.listChannels({ signal }));
  channels = withRejections(answer.system_channels, answer);
  return channels;
}

/** The sources fetched so far (null: none yet), e.g. to name a product's source. */
export function knownSources(): SystemSource[] | null {
  return sources;
}

/** The channels fetched so far (null: none yet). */
export function knownChannels(): SystemChannel[] | null {
  return channels;
}

/** Whether a source or channel is active (the vendor's `1`/`0` arrive as booleans). */
export function activeFlag(active: boolean): Child {
  return el('span', { class: `flag flag-${active ? 'yes' : 'no'}` }, [active ? 'Active' : 'Inactive']);
}

/** An amount with two decimals (Stock2Shop sends no currency). */
export const amount = formatAmount;

/** `12.50` or `12.50–99.00`; '—' for no prices. */
export function priceRange(prices: number[]): string {
  if (prices.length === 0) return '—';
  const low = Math.min(...prices);
  const high = Math.max(...prices);
  return low === high ? amount(low) : `${amount(low)}–${amount(high)}`;
}

/**
 * A "modified since" filter: a range clause from the start of `day` (YYYY-MM-DD), in
 * Stock2Shop's own format (`2021-01-05 08:25:04`, which sorts as text).
 */
export function modifiedSince(day: string): EsClause {
  return { range: { modified: { gte: `${day} 00:00:00`, format: 'yyyy-MM-dd HH:mm:ss' } } };
}

/** A header sort as Elasticsearch's `sort` (`{ "modified": { "order": "desc" } }`). */
export function esSort(sort: SortState): EsSort {
  return { [sort.key]: { order: sort.direction === 'ascending' ? 'asc' : 'desc' } };
}

/** A day (YYYY-MM-DD) query parameter, or '' when absent or not a day. */
export function dayParam(query: URLSearchParams, name: string): string {
  const raw = query.get(name) ?? '';
  return /^\d{4}-\d\d-\d\d$/.test(raw) ? raw : '';
}

/** A whole-number query parameter at least `min`, else `fallback`. */
export function intParam(query: URLSearchParams, name: string, fallback: number, min = 0): number {
  const raw = query.get(name);
  if (raw === null || !/^\d+$/.test(raw)) return fallback;
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= min ? n : fallback;
}
