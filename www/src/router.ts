// A small hash router: `#/inventory` renders the route with path '/inventory'.
// Pages are plain objects, so adding one is adding it to the list in main.ts.

import { el, replaceChildren } from './ui';

export interface PageContext {
  /** Aborted when the user navigates away: pass it on to (or chain it into) requests. */
  signal: AbortSignal;
}

export interface Route {
  /** '/inventory' (matched against the location hash without '#'). */
  path: string;
  /** Nav link text and document title. */
  title: string;
  /** Fills `container`; may start async work bound to `context.signal`. */
  render: (container: HTMLElement, context: PageContext) => void;
}

export interface RouterOptions {
  routes: Route[];
  outlet: HTMLElement;
  nav: HTMLElement;
  /** Where `#/` and an empty hash go. */
  defaultPath: string;
  appTitle: string;
}

export function startRouter(options: RouterOptions): void {
  const { routes, outlet, nav, defaultPath, appTitle } = options;
  const links = new Map<string, HTMLAnchorElement>();
  replaceChildren(
    nav,
    routes.map((route) => {
      const link = el('a', { href: `#${route.path}`, class: 'nav-link' }, [route.title]);
      links.set(route.path, link);
      return link;
    }),
  );

  let current: AbortController | null = null;

  const show = (): void => {
    const path = currentPath() || defaultPath;
    const route = routes.find((r) => r.path === path);
    current?.abort();
    current = new AbortController();
    for (const [linkPath, link] of links) {
      if (linkPath === route?.path) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    outlet.replaceChildren();
    if (!route) {
      document.title = `Not found · ${appTitle}`;
      replaceChildren(outlet, [
        el('div', { class: 'not-found' }, [
          el('h2', {}, ['Page not found']),
          el('p', {}, ['There is no page at ', el('code', {}, [`#${path}`]), '. ']),
          el('a', { href: `#${defaultPath}` }, ['Go to the default page']),
        ]),
      ]);
      return;
    }
    document.title = `${route.title} · ${appTitle}`;
    route.render(outlet, { signal: current.signal });
  };

  window.addEventListener('hashchange', show);
  show();
}

function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  const path = hash.split('?')[0] ?? '';
  return path === '/' ? '' : path;
}
