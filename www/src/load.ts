// Loading data into a page: one request at a time (a new load aborts the one in flight),
// a loading state with a Cancel button (and, for loads that read many pages, how many
// pages and records so far), and an error state with "Try again". Answers that arrive
// after the page was left, or after a newer load started, are dropped.

import { describeError, fieldErrors, isAborted, type FieldError } from './api';
import type { PageContext } from './router';
import { redirectIfSignedOut } from './session';
import { formatNumber } from './format';
import { button, el, errorView, loadingView, rejectedView, rejectionsOf, replaceChildren, type Child } from './ui';

/** The error state for any rejection; a 401 without a session goes to the sign-in page. */
export function failureView(e: unknown, retry?: () => void): HTMLElement {
  void redirectIfSignedOut(e);
  return errorView(describeError(e), retry ? [button('Try again', retry)] : []);
}

/** How far a load that reads page after page has come. */
export interface LoadProgress {
  pages: number;
  records: number;
}

export interface LoaderOptions<T> {
  /** The loading text ('Loading fulfillments…'). */
  loading: string;
  /** The request(s); must honour `signal`. A load over many pages reports `progress`. */
  fetch: (signal: AbortSignal, progress: (p: LoadProgress) => void) => Promise<T>;
  /** What `content` shows once `fetch` resolved. */
  view: (value: T) => Child[];
  /** Called after the view is shown (e.g. to update a status line). */
  done?: (value: T) => void;
  /** Called when a load fails (e.g. to disable paging buttons, or to show field errors in a form). */
  failed?: (e: unknown) => void;
  /**
   * What `content` shows instead of the error view when the package refused the request
   * before sending it (field errors: a filter that does not parse). The page shows the
   * errors next to its inputs in `failed`.
   */
  invalid?: (errors: FieldError[]) => Child[];
}

/** Returns `load()`: fetches and fills `content`, aborting any earlier load still running. */
export function loader<T>(context: PageContext, content: HTMLElement, options: LoaderOptions<T>): () => Promise<void> {
  let inflight: AbortController | null = null;
  let generation = 0;
  context.signal.addEventListener('abort', () => inflight?.abort(), { once: true });

  const load = async (): Promise<void> => {
    inflight?.abort();
    const controller = new AbortController();
    inflight = controller;
    const mine = ++generation;
    const current = (): boolean => mine === generation && !context.signal.aborted;
    let cancelled = false;
    const cancel = button('Cancel', () => {
      cancelled = true;
      controller.abort();
    }, { class: 'cancel-load' });
    const progress = progressView();
    replaceChildren(content, [el('div', { class: 'loading-row' }, [loadingView(options.loading), progress.element, cancel])]);
    try {
      const value = await options.fetch(controller.signal, progress.update);
      if (!current()) return;
      // A list with records that could not be read shows the others, and says so.
      const rejections = rejectionsOf(value);
      replaceChildren(content, [rejections && rejectedView(rejections), ...options.view(value)]);
      options.done?.(value);
    } catch (e) {
      if (current() && cancelled) {
        replaceChildren(content, [
          el('div', { class: 'cancelled', role: 'status' }, [el('p', {}, ['Loading was cancelled.']), button('Load again', () => void load())]),
        ]);
        return;
      }
      if (!current() || (isAborted(e) && controller.signal.aborted)) return;
      options.failed?.(e);
      const errors = fieldErrors(e);
      if (options.invalid && errors.length > 0) replaceChildren(content, options.invalid(errors));
      else replaceChildren(content, [failureView(e, () => void load())]);
    } finally {
      if (inflight === controller) inflight = null;
    }
  };
  return load;
}

/**
 * "3 pages · 150 records so far" beside a bar, hidden until the first report; the total
 * is not known until the last page, so the bar is indeterminate. Drawn at most once a frame.
 */
function progressView(): { element: HTMLElement; update: (p: LoadProgress) => void } {
  const bar = el('progress', { class: 'download-bar', 'aria-label': 'Pages loaded' });
  const text = el('span', { class: 'load-progress-text' });
  const element = el('div', { class: 'download-progress load-progress', hidden: true }, [bar, text]);
  let latest: LoadProgress | null = null;
  let frame = 0;
  const draw = (): void => {
    frame = 0;
    if (!latest) return;
    element.hidden = false;
    text.textContent = `${formatNumber(latest.pages)} ${latest.pages === 1 ? 'page' : 'pages'} · ${formatNumber(latest.records)} ${latest.records === 1 ? 'record' : 'records'} so far`;
  };
  return {
    element,
    update: (p) => {
      latest = p;
      if (!frame) frame = requestAnimationFrame(draw);
    },
  };
}
