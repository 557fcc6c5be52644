// A small hash router: `#/inventory` renders the route with path '/inventory';
// `#/supply?warehouse=system_73` passes `warehouse` in `context.query`; a route path with
// a `:name` segment ('/fulfillments/:id') matches `#/fulfillments/120724` and passes
// `{ id: '120724' }` in `context.params` (decoded), so that a record has an address.
// Pages are plain objects, so adding one is adding it to the list in main.ts.

import { el, replaceChildren } from './ui';

export interface PageContext {
  /** Aborted when the user navigates away: pass it on to (or chain it into) requests. */
  signal: AbortSignal;
  /** The path that was rendered ('/fulfillments'). */
  path: string;
  /** The part of the hash after '?'. */
  query: URLSearchParams;
  /** The values of the route's `:name` segments, decoded ('/fulfillments/:id' → { id }). */
  params: Record<string, string>;
}

export interface Route {
  /** '/inventory' (matched against the location hash without '#'). */
  path: string;
  /** Document title (and nav link text unless `navLabel` is set). */
  title: string;
  /** Nav link text within its group ('Products' for 'Stock2Shop products'). */
  navLabel?: string;
  /** Fills `container`; may start async work bound to `context.signal`. */
  render: (container: HTMLElement, context: PageContext) => void;
  /** false: reachable by its path, but without a nav link (the sign-in page, a record's page). */
  nav?: boolean;
  /** The nav link marked current while this route shows (a record's page marks its list). */
  navParent?: string;
}

/** A nav menu: one vendor's pages. */
export interface NavGroup {
  label: string;
  routes: Route[];
}

export interface RouterOptions {
  routes: Route[];
  outlet: HTMLElement;
  nav: HTMLElement;
  /** The nav's menus, in order; routes in no group get no nav link. */
  navGroups: NavGroup[];
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
  const { routes, outlet, nav, navGroups, defaultPath, appTitle, guard } = options;
  const menu = navMenu(nav, navGroups.map((g) => ({ ...g, routes: g.routes.filter((r) => r.nav !== false) })));

  let current: AbortController | null = null;

  const show = (): void => {
    const { path: rawPath, query } = currentLocation();
    const path = rawPath || defaultPath;
    const found = matchRoute(routes, path);
    const route = found?.route;
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
    menu.setCurrent(route ? (route.navParent ?? route.path) : null);
    outlet.replaceChildren();
    if (!route) {
      document.title = `Not found · ${appTitle}`;
      replaceChildren(outlet, [
        el('div', { class: 'not-found' }, [
          el('h1', {}, ['Page not found']),
          el('p', {}, ['There is no page at ', el('code', {}, [`#${path}`]), '. ']),
          el('a', { href: `#${defaultPath}` }, ['Go to the default page']),
        ]),
      ]);
      return;
    }
    document.title = `${route.title} · ${appTitle}`;
    route.render(outlet, { signal: current.signal, path, query, params: found?.params ?? {} });
  };

  window.addEventListener('hashchange', show);
  show();
  return { refresh: show };
}

/**
 * The first route whose path matches `path` segment by segment, a `:name` segment
 * matching any one non-empty segment; null when none does (or a segment does not decode).
 */
export function matchRoute(routes: readonly Route[], path: string): { route: Route; params: Record<string, string> } | null {
  const segments = path.split('/');
  for (const route of routes) {
    const pattern = route.path.split('/');
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (const [i, part] of pattern.entries()) {
      const segment = segments[i] ?? '';
      if (part.startsWith(':') && segment !== '') {
        try {
          params[part.slice(1)] = decodeURIComponent(segment);
        } catch {
          matched = false; // a malformed %-escape: not this record's address
        }
      } else if (part !== segment) {
        matched = false;
      }
      if (!matched) break;
    }
    if (matched) return { route, params };
  }
  return null;
}

/** The address of a record's page: `recordHref('/fulfillments', 120724)` → '#/fulfillments/120724'. */
export function recordHref(list: string, id: string | number): string {
  return `#${list}/${encodeURIComponent(String(id))}`;
}

/** A list row's link to its record's page (class `record-link`), its key as the text. */
export function recordLink(list: string, id: string | number): HTMLAnchorElement {
  return el('a', { href: recordHref(list, id), class: 'record-link' }, [String(id)]);
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

/**
 * The nav: one disclosure menu per group (`<details>`: keyboard and screen-reader
 * behaviour come with the element), so that four vendors' pages fit a narrow top bar.
 * One menu is open at a time; a click elsewhere, Escape, or navigating closes it. The
 * group of the current page is marked (`current`), its link has aria-current="page".
 */
function navMenu(nav: HTMLElement, groups: NavGroup[]): { setCurrent: (path: string | null) => void } {
  const links = new Map<string, HTMLAnchorElement>();
  const menus: HTMLDetailsElement[] = [];
  const groupOf = new Map<string, HTMLDetailsElement>();
  const closeAll = (except?: HTMLDetailsElement): void => {
    for (const m of menus) if (m !== except && m.open) m.open = false;
  };

  for (const group of groups) {
    if (group.routes.length === 0) continue;
    const list = el(
      'ul',
      { class: 'nav-menu' },
      group.routes.map((route) => {
        const link = el('a', { href: `#${route.path}`, class: 'nav-link' }, [route.navLabel ?? route.title]);
        // The current page's link changes no hash: close the menu anyway.
        link.addEventListener('click', () => closeAll());
        links.set(route.path, link);
        return el('li', {}, [link]);
      }),
    );
    const summary = el('summary', { class: 'nav-group-label' }, [el('span', {}, [group.label])]);
    const details = el('details', { class: 'nav-group', 'data-group': group.label }, [summary, list]);
    // Opening one closes the others (at once on a click; `toggle` comes a task later).
    summary.addEventListener('click', () => {
      if (!details.open) closeAll(details);
    });
    details.addEventListener('toggle', () => {
      if (details.open) closeAll(details);
    });
    for (const route of group.routes) groupOf.set(route.path, details);
    menus.push(details);
  }
  replaceChildren(nav, menus);

  document.addEventListener('click', (event) => {
    if (!(event.target instanceof Node) || !nav.contains(event.target)) closeAll();
  });
  nav.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const open = menus.find((m) => m.open);
    if (!open) return;
    open.open = false;
    open.querySelector('summary')?.focus();
  });

  return {
    setCurrent: (path) => {
      closeAll();
      for (const [linkPath, link] of links) {
        if (linkPath === path) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
      const active = path === null ? undefined : groupOf.get(path);
      for (const m of menus) m.classList.toggle('current', m === active);
    },
  };
}

/**
 * Keeps a page's search in the address (without a hashchange: the page stays), so that a
 * reload or a link shows the same thing. Empty, `null` and `undefined` values are left out.
 * `push`: a new history entry (a filter, sort or page the user chose), so that Back
 * returns to the one before (the hashchange renders the page with that address);
 * otherwise the current entry is replaced (the address of the page as first shown).
 */
export function rememberInAddress(path: string, values: Record<string, string | null | undefined>, options: { push?: boolean } = {}): void {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value) query.set(key, value);
  const search = query.toString();
  const target = `#${path}${search ? `?${search}` : ''}`;
  if (target === window.location.hash) return;
  if (options.push) history.pushState(null, '', target);
  else history.replaceState(null, '', target);
}
