// A small hash router: `#/inventory` renders the route with path '/inventory';
// `#/supply?warehouse=system_73` passes `warehouse` in `context.query`.
// Pages are plain objects, so adding one is adding it to the list in main.ts.

import { el, replaceChildren } from './ui';

export interface PageContext {
  /** Aborted when the user navigates away: pass it on to (or chain it into) requests. */
  signal: AbortSignal;
  /** The path that was rendered ('/fulfillments'). */
  path: string;
  /** The part of the hash after '?'. */
  query: URLSearchParams;
}

export interface Route {
  /** '/inventory' (matched against the location hash without '#'). */
  path: string;
  /** Nav link text and document title. */
  title: string;
  /** Fills `container`; may start async work bound to `context.signal`. */
  render: (container: HTMLElement, context: PageContext) => void;
  /** false: reachable by its path, but without a nav link (the sign-in page). */
  nav?: boolean;
}

export interface RouterOptions {
  routes: Route[];
  outlet: HTMLElement;
  nav: HTMLElement;
  /** Where `#/` and an empty hash go. */
  defaultPath: string;
  appTitle: string;
  /**
   * Runs before a route renders: return a hash target ('/login?next=%2Finventory') to
   * go there instead, or null to render the route.
   */
  guard?: (route: Route, context: { path: string; query: URLSearchParams }) => string | null;
}

export interface Router {
  /** Renders the current location again (e.g. after signing in or out). */
  refresh: () => void;
}

export function startRouter(options: RouterOptions): Router {
  const { routes, outlet, nav, defaultPath, appTitle, guard } = options;
  const links = new Map<string, HTMLAnchorElement>();
  replaceChildren(
    nav,
    routes
      .filter((route) => route.nav !== false)
      .map((route) => {
        const link = el('a', { href: `#${route.path}`, class: 'nav-link' }, [route.title]);
        links.set(route.path, link);
        return link;
      }),
  );

  let current: AbortController | null = null;

  const show = (): void => {
    const { path: rawPath, query } = currentLocation();
    const path = rawPath || defaultPath;
    const route = routes.find((r) => r.path === path);
    if (route && guard) {
      const target = guard(route, { path, query });
      if (target !== null && target !== currentHash()) {
        // replace: the page the guard refused should not be a Back step of its own.
        window.location.replace(`#${target}`);
        return;
      }
    }
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
    route.render(outlet, { signal: current.signal, path, query });
  };

  window.addEventListener('hashchange', show);
  show();
  return { refresh: show };
}

function currentHash(): string {
  return window.location.hash.replace(/^#/, '');
}

function currentLocation(): { path: string; query: URLSearchParams } {
  const hash = currentHash();
  const at = hash.indexOf('?');
  const path = at < 0 ? hash : hash.slice(0, at);
  const query = new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
  return { path: path === '/' ? '' : path, query };
}

/** The current hash target without '#' ('/fulfillments', '/supply?warehouse=x'). */
export function currentTarget(): string {
  return currentHash();
}
