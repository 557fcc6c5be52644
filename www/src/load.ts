// Loading data into a page: one request at a time (a new load aborts the one in flight),
// a loading state, and an error state with "Try again". Answers that arrive after the
// page was left, or after a newer load started, are dropped.

import { describeError, fieldErrors, isAborted, type FieldError } from './api';
import type { PageContext } from './router';
import { redirectIfSignedOut } from './session';
import { button, errorView, loadingView, rejectedView, rejectionsOf, replaceChildren, type Child } from './ui';

/** The error state for any rejection; a 401 without a session goes to the sign-in page. */
export function failureView(e: unknown, retry?: () => void): HTMLElement {
  void redirectIfSignedOut(e);
  return errorView(describeError(e), retry ? [button('Try again', retry)] : []);
}

export interface LoaderOptions<T> {
  /** The loading text ('Loading fulfillments…'). */
  loading: string;
  /** The request(s); must honour `signal`. */
  fetch: (signal: AbortSignal) => Promise<T>;
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
    replaceChildren(content, [loadingView(options.loading)]);
    try {
      const value = await options.fetch(controller.signal);
      if (!current()) return;
      // A list with records that could not be read shows the others, and says so.
      const rejections = rejectionsOf(value);
      replaceChildren(content, [rejections && rejectedView(rejections), ...options.view(value)]);
      options.done?.(value);
    } catch (e) {
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
