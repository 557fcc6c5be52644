// The page shell around every route: the skip link, the Menu button that folds the nav
// on phones, arrow keys in the nav menus, and labelled, focusable scroll regions for
// tables that scroll sideways (so a keyboard can scroll them too).

/**
 * The skip link jumps to the main region. Its href ('#app') would be a route in this
 * hash router, so the jump is made by moving focus instead of by the hash.
 */
export function skipLink(link: HTMLElement, main: HTMLElement): void {
  link.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
    main.scrollIntoView({ block: 'start' });
  });
}

/**
 * On narrow screens (CSS hides the nav there) the Menu button shows and hides it;
 * following a link, Escape, or a click elsewhere hides it again.
 */
export function menuButton(menu: HTMLButtonElement, topbar: HTMLElement, nav: HTMLElement): void {
  const set = (open: boolean): void => {
    topbar.classList.toggle('menu-open', open);
    menu.setAttribute('aria-expanded', String(open));
  };
  menu.addEventListener('click', () => set(menu.getAttribute('aria-expanded') !== 'true'));
  window.addEventListener('hashchange', () => set(false));
  topbar.addEventListener('keydown', (event) => {
    // The nav's own Escape closes an open menu first; a second Escape folds the nav.
    if (event.key !== 'Escape' || menu.getAttribute('aria-expanded') !== 'true') return;
    if (nav.querySelector('details[open]')) return;
    set(false);
    menu.focus();
  });
  document.addEventListener('click', (event) => {
    if (event.target instanceof Node && !topbar.contains(event.target)) set(false);
  });
}

/**
 * Arrow keys in the nav (the menus are <details> with a <summary> and a list of links):
 * Left/Right move between the menus' labels; Down on a label opens its menu at the first
 * link; Up/Down move between a menu's links (wrapping), Home/End to its ends; Left/Right
 * from a link go to the previous/next menu's label.
 */
export function navArrowKeys(nav: HTMLElement): void {
  nav.addEventListener('keydown', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLElement)) return;
    const labels = [...nav.querySelectorAll<HTMLElement>('details > summary')];
    const details = target.closest('details');
    if (!details) return;
    const label = details.querySelector<HTMLElement>(':scope > summary');
    const at = label ? labels.indexOf(label) : -1;
    const moveLabel = (step: number): void => {
      const next = labels[(at + step + labels.length) % labels.length];
      if (!next) return;
      details.open = false;
      next.focus();
    };
    const links = [...details.querySelectorAll<HTMLElement>('a')];
    const focusLink = (index: number): void => links[(index + links.length) % links.length]?.focus();

    if (target.tagName === 'SUMMARY') {
      if (event.key === 'ArrowRight') moveLabel(1);
      else if (event.key === 'ArrowLeft') moveLabel(-1);
      else if (event.key === 'ArrowDown') {
        details.open = true;
        focusLink(0);
      } else return;
    } else if (target.tagName === 'A') {
      const index = links.indexOf(target);
      if (event.key === 'ArrowDown') focusLink(index + 1);
      else if (event.key === 'ArrowUp') focusLink(index - 1);
      else if (event.key === 'Home') focusLink(0);
      else if (event.key === 'End') focusLink(links.length - 1);
      else if (event.key === 'ArrowRight') moveLabel(1);
      else if (event.key === 'ArrowLeft') moveLabel(-1);
      else return;
    } else return;
    event.preventDefault();
  });
}

/** The name of a table's scroll region: its caption, else the page heading's "… table". */
export function regionLabel(wrap: Element): string {
  const caption = wrap.querySelector('caption')?.textContent?.trim();
  if (caption) return caption;
  const heading = wrap.closest('section')?.querySelector('h2, h3')?.textContent?.trim() || document.querySelector('main h1')?.textContent?.trim();
  return heading ? `${heading} table` : 'Table';
}

/**
 * Every `.table-wrap` (the box a wide table scrolls in) put into `root` becomes a
 * labelled region in the tab order, so the keyboard can scroll it (axe:
 * scrollable-region-focusable). Pages keep building plain `.table-wrap` boxes.
 */
export function focusableScrollRegions(root: HTMLElement): void {
  const mark = (node: Element): void => {
    for (const wrap of node.matches('.table-wrap') ? [node] : node.querySelectorAll('.table-wrap')) {
      if (wrap.hasAttribute('tabindex')) continue;
      wrap.setAttribute('tabindex', '0');
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', regionLabel(wrap));
    }
  };
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) if (node instanceof Element) mark(node);
  }).observe(root, { childList: true, subtree: true });
  mark(root);
}
