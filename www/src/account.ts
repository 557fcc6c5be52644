// The top bar's account area: "username (role)" and Sign out.

import { currentUser, loginTarget, onSessionChange, signOut } from './session';
import { button, el, replaceChildren } from './ui';

export function accountArea(container: HTMLElement): void {
  const draw = (): void => {
    const user = currentUser();
    if (!user) {
      replaceChildren(container, [el('a', { class: 'account-signin', href: `#${loginTarget()}` }, ['Sign in'])]);
      return;
    }
    const out = button(
      'Sign out',
      () => {
        out.disabled = true;
        void signOut();
      },
      { class: 'signout' },
    );
    replaceChildren(container, [
      el('span', { class: 'account-user', 'data-role': user.role }, [
        el('span', { class: 'account-name' }, [user.username]),
        ' ',
        el('span', { class: 'account-role' }, [`(${user.role})`]),
      ]),
      out,
    ]);
  };
  onSessionChange(draw);
  draw();
}
