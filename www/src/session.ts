// Who is signed in to the proxy, and what that allows.
//
// The proxy's /auth routes (login, logout, me) put the session in an HttpOnly cookie
// the page never sees. Every /api call needs a session, so every page but sign-in needs
// a signed-in user.

import { CommerceKitError, type SessionUser } from 'commerce-kit';
import { client } from './api';
import { currentTarget } from './router';

interface State {
  user: SessionUser | null;
}

const state: State = { user: null };
const listeners = new Set<() => void>();

export const LOGIN_PATH = '/login';

/** Asks the proxy who is signed in. Never rejects. */
export async function initSession(): Promise<void> {
  try {
    set({ user: await client().me() });
  } catch (e) {
    // The proxy could not be asked (down, timed out): signed out; the sign-in page
    // shows what goes wrong when the user tries.
    console.warn('could not ask the proxy for the session', e);
    set({ user: null });
  }
}

function set(next: State): void {
  state.user = next.user;
  for (const listener of listeners) listener();
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function currentUser(): SessionUser | null {
  return state.user;
}

/** Whether a page must send the user to the sign-in page first. */
export function signInRequired(): boolean {
  return state.user === null;
}

/** Whether the user may make writes (creates). Viewers may only read. */
export function canWrite(): boolean {
  return state.user?.role === 'operator';
}

/** After a successful `client.login`. */
export function signedIn(user: SessionUser): void {
  set({ user });
}

/** Ends the session on the proxy (best effort) and forgets the user. */
export async function signOut(): Promise<void> {
  try {
    await client().logout();
  } catch (e) {
    console.warn('sign out failed', e);
  }
  set({ user: null });
}

/** The hash target of the sign-in page that comes back to `next` afterwards. */
export function loginTarget(next: string = currentTarget()): string {
  const back = safeNext(next);
  return back === null ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(back)}`;
}

/** `next` if it is one of this dashboard's own pages (and not the sign-in page), else null. */
export function safeNext(next: string | null): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return null;
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return null;
  return next;
}

/** A 401: the proxy session is missing or over (or the vendor refused its credentials). */
export function isUnauthenticated(e: unknown): boolean {
  return e instanceof CommerceKitError && e.code === 'unauthorized' && e.status === 401;
}

/** A 403: the signed-in user's role may not do this (a viewer's write). */
export function isForbidden(e: unknown): boolean {
  return e instanceof CommerceKitError && e.status === 403 && e.code === 'proxy';
}

let checking: Promise<boolean> | null = null;

/**
 * For any call's rejection: when it is a 401 and the proxy says there is no session,
 * goes to the sign-in page (which comes back here) and resolves true. A 401 while the
 * session is live is the vendor refusing the proxy's credentials: resolves false and
 * the page shows the error.
 */
export function redirectIfSignedOut(e: unknown): Promise<boolean> {
  if (!isUnauthenticated(e)) return Promise.resolve(false);
  const from = currentTarget();
  checking ??= (async () => {
    try {
      const user = await client().me();
      if (user !== null) {
        set({ user });
        return false;
      }
      set({ user: null });
      return true;
    } catch {
      return false;
    } finally {
      checking = null;
    }
  })();
  return checking.then((signedOut) => {
    if (signedOut && currentTarget() === from) window.location.assign(`#${loginTarget(from)}`);
    return signedOut;
  });
}
