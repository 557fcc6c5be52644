// The dashboard's one commerce-kit Client, and how its errors read to a person.

import { Client, CommerceKitError, type DriftReport, type ErrorCode, type ValidationIssue } from 'commerce-kit';
import { progressFetch } from './download-progress';
import type { ErrorViewContent } from './ui';

let instance: Client | null = null;
const driftListeners = new Set<(report: DriftReport) => void>();

/**
 * Creates the one Client. Call once, after `await init()` (the Client lives in the
 * WebAssembly module). `baseUrl: ''` = this page's origin, where the proxy serves /api.
 */
export function createClient(): Client {
  if (instance) return instance;
  instance = new Client({
    baseUrl: '',
    // Counts the bytes of big answers for their progress bars (download-progress.ts).
    fetch: progressFetch,
    onDrift: (report) => {
      for (const listener of driftListeners) {
        try {
          listener(report);
        } catch (e) {
          console.warn('drift listener failed', e);
        }
      }
    },
  });
  return instance;
}

/** The Client created by createClient(). */
export function client(): Client {
  if (!instance) throw new Error('commerce-kit client used before createClient()');
  return instance;
}

/** Called when a response carries fields the package does not declare. Returns an unsubscribe. */
export function onDrift(listener: (report: DriftReport) => void): () => void {
  driftListeners.add(listener);
  return () => driftListeners.delete(listener);
}

/** Whether `e` is the rejection of a call cancelled through its AbortSignal. */
export function isAborted(e: unknown): boolean {
  return (e instanceof CommerceKitError && e.code === 'aborted') || (e instanceof DOMException && e.name === 'AbortError');
}

const TITLES: Record<ErrorCode, string> = {
  invalid_request: 'The request was not valid',
  network: 'Could not reach the proxy',
  timeout: 'The request timed out',
  aborted: 'The request was cancelled',
  rate_limited: 'Too many requests: try again shortly',
  unauthorized: 'Not authorised',
  proxy: 'The proxy refused the request',
  vendor: 'The vendor answered with an error',
  already_exists: 'Already exists',
  outcome_unknown: 'No answer: it may or may not have been created',
  invalid_response: 'The vendor’s response does not have the documented shape',
  not_proxy: 'The server answering is not the commerce-kit proxy',
  not_initialised: 'commerce-kit was used before it loaded',
};

/** An error (any rejection) as what the error view shows: code, title, message, issue lines. */
export function describeError(e: unknown): ErrorViewContent {
  if (e instanceof CommerceKitError) {
    const content: ErrorViewContent = {
      code: e.code,
      title: TITLES[e.code] ?? 'Request failed',
      message: e.status === null ? e.message : `${e.message} (HTTP ${e.status})`,
    };
    // The proxy's own 403: the signed-in role may not do this. (A vendor's 403 is
    // `unauthorized`: its credentials were refused.)
    if (e.status === 403 && e.code === 'proxy') {
      content.title = 'Not allowed';
      content.message = 'Your account may not do this: viewers may only read.';
    } else if (e.code === 'unauthorized' && e.status === 401) {
      content.title = 'Not signed in, or the vendor refused the credentials';
    } else if (e.code === 'invalid_request') {
      content.lines = fieldErrors(e).map((f) => `${f.field}: ${f.message}`);
    }
    if (e.code === 'invalid_response') {
      const { issues, unlisted } = validationIssues(e.details);
      content.lines = issues.map(formatIssue);
      if (unlisted > 0) content.more = unlisted;
    }
    return content;
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'unexpected', title: 'Something went wrong', message };
}

/** `$.items[1].level.available: expected integer, found string "11"`. */
export function formatIssue(issue: ValidationIssue): string {
  return `${issue.path}: expected ${issue.expected}, found ${issue.found}`;
}

/** The issues of an `invalid_response` error's details, read defensively (details is `unknown`). */
function validationIssues(details: unknown): { issues: ValidationIssue[]; unlisted: number } {
  if (typeof details !== 'object' || details === null) return { issues: [], unlisted: 0 };
  const raw = (details as { issues?: unknown }).issues;
  const issues = Array.isArray(raw) ? raw.filter(isIssue) : [];
  const unlisted = (details as { unlisted?: unknown }).unlisted;
  return { issues, unlisted: typeof unlisted === 'number' ? unlisted : 0 };
}

function isIssue(value: unknown): value is ValidationIssue {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v['path'] === 'string' && typeof v['expected'] === 'string' && typeof v['found'] === 'string';
}

/** One problem with a request body, as `details.errors` of an `invalid_request` error lists them. */
export interface FieldError {
  /** A path into the body: `items[0].quantity`, `address.countryId`, `eta`. */
  field: string;
  message: string;
}

/** The field errors of an `invalid_request` rejection (empty for anything else). */
export function fieldErrors(e: unknown): FieldError[] {
  if (!(e instanceof CommerceKitError) || e.code !== 'invalid_request') return [];
  const details = e.details;
  if (typeof details !== 'object' || details === null) return [];
  const raw = (details as { errors?: unknown }).errors;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (f): f is FieldError =>
      typeof f === 'object' && f !== null && typeof (f as FieldError).field === 'string' && typeof (f as FieldError).message === 'string',
  );
}
