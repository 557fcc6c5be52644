// The dashboard's one commerce-kit Client, and how its errors read to a person.

import { Client, CommerceKitError, type DriftReport, type ErrorCode, type ValidationIssue } from 'commerce-kit';
import { progressFetch } from './download-progress';
import type { ErrorParty, ErrorViewContent } from './ui';

let instance: Client | null = null;

/** The vendors' names as people know them. */
const VENDOR_NAMES: Record<string, string> = {
  s2: 'S2',
  s2_partner: 'S2 Partner',
  stock2shop: 'Stock2Shop',
  sellers_commerce: 'Sellers Commerce',
};
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
  invalid_request: 'Some fields need attention',
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

/**
 * The proxy's own error codes that report the vendor's failure (it could not be reached,
 * answered too late or too much, refused the proxy's credentials): the vendor failed,
 * though the proxy wrote the answer.
 */
const VENDOR_FAULT_CODES = new Set(['upstream_timeout', 'upstream_unreachable', 'upstream_truncated', 'upstream_error_too_large', 'upstream_credentials']);

/** Whose failure `e` is: this page (or the request it built), the proxy, or the vendor. */
export function partyOf(e: unknown): ErrorParty {
  if (!(e instanceof CommerceKitError)) return 'us';
  switch (e.code) {
    case 'invalid_request':
    case 'not_initialised':
    case 'aborted':
      return 'us';
    case 'network':
    case 'not_proxy':
    case 'timeout':
      return 'proxy';
    case 'proxy': {
      const code = (e.details as { proxy_code?: unknown } | null)?.proxy_code;
      return typeof code === 'string' && VENDOR_FAULT_CODES.has(code) ? 'vendor' : 'proxy';
    }
    case 'unauthorized':
      // 401: the proxy has no session for us; 403: the vendor refused the proxy's credentials.
      return e.status === 401 ? 'proxy' : 'vendor';
    case 'outcome_unknown': {
      // Whose the last attempt's failure was: the vendor's error, or the proxy's report
      // of the vendor's failure (a connection the vendor broke: `upstream_unreachable`).
      const last = (e.details as { last_error?: { code?: unknown; proxy_code?: unknown } } | null)?.last_error;
      if (last?.code === 'vendor') return 'vendor';
      return last?.code === 'proxy' && typeof last.proxy_code === 'string' && VENDOR_FAULT_CODES.has(last.proxy_code) ? 'vendor' : 'proxy';
    }
    default:
      return 'vendor';
  }
}

/** "the vendor (S2 Partner)": who failed, in words. */
function whoText(party: ErrorParty, vendor: string | null): string {
  switch (party) {
    case 'us':
      return 'This page: the request was not sent, or not as it should be.';
    case 'proxy':
      return 'The commerce-kit proxy (the server between this page and the vendors).';
    case 'vendor':
      return vendor ? `The vendor, ${vendor}.` : 'The vendor.';
  }
}

/** An error (any rejection) as what the error view shows: who failed, title, message, request id, issue lines. */
export function describeError(e: unknown): ErrorViewContent {
  if (e instanceof CommerceKitError) {
    // The error names the operation's vendor: whose API the failed call was to.
    const vendor = e.vendor === null ? null : (VENDOR_NAMES[e.vendor] ?? e.vendor);
    const party = partyOf(e);
    const content: ErrorViewContent = {
      code: e.code,
      title: TITLES[e.code] ?? 'Request failed',
      message: e.status === null ? e.message : `${e.message} (HTTP ${e.status})`,
      party,
      who: whoText(party, vendor),
      requestId: e.requestId,
    };
    if (party === 'vendor' && e.code === 'proxy') {
      content.title = vendor ? `${vendor} could not be reached, or did not answer in full` : 'The vendor could not be reached, or did not answer in full';
      // The proxy could not get a token: the request never left it, so even a write did not happen.
      if (e.details.code === 'proxy' && e.details.not_sent) {
        content.message = `${content.message}. Nothing was sent to ${vendor ?? 'the vendor'} (signing in to it failed), so trying again later is safe.`;
      }
    } else if (e.code === 'vendor') {
      content.title = vendor ? `${vendor} answered with an error` : TITLES.vendor;
      if (e.status !== null && e.status >= 500) content.message = `${vendor ?? 'The vendor'} failed on its side (HTTP ${e.status}): ${e.message}. Try again later; if it persists, tell the vendor, with the request id.`;
    }
    // The proxy's own 403: the signed-in role may not do this. (A vendor's 403 is
    // `unauthorized`: its credentials were refused.)
    if (e.status === 403 && e.code === 'proxy') {
      content.title = 'Not allowed';
      content.message = 'Your account may not do this: viewers may only read.';
    } else if (e.code === 'unauthorized' && e.status === 401) {
      content.title = 'Not signed in, or the vendor refused the credentials';
    } else if (e.code === 'invalid_request') {
      content.lines = fieldErrors(e).map((f) => `${f.field}: ${f.message}`);
      content.message = 'Nothing was sent: correct the fields below.';
    }
    if (e.code === 'invalid_response') {
      const { issues, unlisted } = validationIssues(e.details);
      content.lines = issues.map(formatIssue);
      if (unlisted > 0) content.more = unlisted;
    }
    return content;
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'unexpected', title: 'Something went wrong in this page', message, party: 'us', who: whoText('us', null), requestId: null };
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
  return raw
    .filter(
      (f): f is FieldError =>
        typeof f === 'object' && f !== null && typeof (f as FieldError).field === 'string' && typeof (f as FieldError).message === 'string',
    )
    .map((f) => ({ field: f.field, message: peopleMessage(f.message) }));
}

/** What a schema's type name means to someone filling a form. */
const KIND_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'some text',
  boolean: 'yes or no',
};

/**
 * The package's check messages in words for a form: "expected integer, found null" →
 * "Required: enter a whole number"; "expected integer or null, found string \"x\"" →
 * "Enter a whole number (“x” is not one)"; "must be at least 1, got 0" → "Must be at
 * least 1 (it is 0)". Messages already in words pass through.
 */
export function peopleMessage(message: string): string {
  const expected = /^expected (\w+)(?: or null)?, found (null|string|number|boolean|array|object)(?: (.*?))?(?:: .*)?$/.exec(message);
  if (expected) {
    const [, kind = '', found, value] = expected;
    const wanted = KIND_WORDS[kind] ?? kind;
    if (found === 'null' || value === '""') return `Required: enter ${wanted}`;
    const shown = value?.replace(/^"(.*)"$/, '$1');
    return shown ? `Enter ${wanted} (“${shown}” is not one)` : `Enter ${wanted}`;
  }
  const range = /^must be (at least|at most) (\S+), got (\S+)$/.exec(message);
  if (range) return `Must be ${range[1]} ${range[2]} (it is ${range[3]})`;
  return message;
}
