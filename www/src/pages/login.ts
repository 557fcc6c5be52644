// #/login?next=/fulfillments: signs in to the proxy, then goes back to `next`.

import { CommerceKitError } from 'commerce-kit';
import { client } from '../api';
import { Form } from '../form';
import type { PageContext, Route } from '../router';
import { currentUser, safeNext, signedIn } from '../session';
import { el, replaceChildren } from '../ui';

export const loginPage: Route = { path: '/login', title: 'Sign in', render, nav: false };

function render(container: HTMLElement, context: PageContext): void {
  const next = safeNext(context.query.get('next'));
  const back = `#${next ?? '/'}`;

  const user = currentUser();

  const form = new Form({
    name: 'Sign in',
    submitLabel: 'Sign in',
    onSubmit: async (f) => {
      try {
        const signed = await client().login(f.text('username'), f.raw('password'));
        if (context.signal.aborted) return;
        signedIn(signed);
        window.location.replace(back);
      } catch (e) {
        if (!(e instanceof CommerceKitError)) throw e;
        if (e.code === 'unauthorized') {
          f.problem('bad_credentials', 'Wrong username or password', ['Check both and try again.']);
          f.setValue('password', '');
          return;
        }
        if (e.code === 'rate_limited') {
          const wait = retryAfter(e.details);
          f.problem('throttled', 'Too many failed sign-ins', [
            wait ? `Wait ${wait} seconds before trying again.` : 'Wait a minute before trying again.',
          ]);
          return;
        }
        throw e;
      }
    },
  });
  form.body.append(
    form.field({ path: 'username', label: 'Username', autocomplete: 'username' }),
    form.field({ path: 'password', label: 'Password', kind: 'password' }),
  );

  replaceChildren(container, [
    el('section', { class: 'login-card' }, [
      el('h1', {}, ['Sign in']),
      user
        ? el('p', { class: 'login-note' }, [`You are signed in as ${user.username}. Sign in as someone else, or `, el('a', { href: back }, ['go back']), '.'])
        : el('p', { class: 'login-note' }, [next ? 'Sign in to continue.' : 'Sign in to the commerce-kit proxy.']),
      form.element,
    ]),
  ]);
  form.element.querySelector<HTMLInputElement>('input[name="username"]')?.focus();
}

function retryAfter(details: unknown): number | null {
  if (typeof details !== 'object' || details === null) return null;
  const seconds = (details as { retry_after_seconds?: unknown }).retry_after_seconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : null;
}
