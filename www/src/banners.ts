// Page-independent banners: the drift warning.

import type { DriftReport } from 'commerce-kit';
import { button, el, replaceChildren } from './ui';

const MAX_LISTED = 20;

/**
 * Shows drift reports in `container`: one dismissible warning per operation, listing
 * the undeclared JSON paths. Paths already dismissed do not bring the banner back;
 * new ones do.
 */
export function driftBanners(container: HTMLElement): (report: DriftReport) => void {
  const seen = new Map<string, Set<string>>(); // operation -> paths shown so far
  const dismissed = new Map<string, Set<string>>(); // operation -> paths dismissed
  const banners = new Map<string, HTMLElement>();

  return (report) => {
    const gone = dismissed.get(report.operation) ?? new Set<string>();
    const fresh = report.paths.filter((p) => !gone.has(p));
    if (fresh.length === 0) return;
    const paths = seen.get(report.operation) ?? new Set<string>();
    for (const p of fresh) paths.add(p);
    seen.set(report.operation, paths);

    let banner = banners.get(report.operation);
    if (!banner) {
      banner = el('div', { class: 'banner banner-warning drift', role: 'status', 'data-operation': report.operation });
      banners.set(report.operation, banner);
      container.appendChild(banner);
    }
    const list = [...paths];
    const close = button(
      'Dismiss',
      () => {
        const all = dismissed.get(report.operation) ?? new Set<string>();
        for (const p of list) all.add(p);
        dismissed.set(report.operation, all);
        seen.delete(report.operation);
        banners.get(report.operation)?.remove();
        banners.delete(report.operation);
      },
      { class: 'banner-close', 'aria-label': 'Dismiss drift warning' },
    );
    replaceChildren(banner, [
      el('div', { class: 'banner-body' }, [
        el('strong', {}, ['Vendor drift: ']),
        `the response of `,
        el('code', {}, [report.operation]),
        ` has ${list.length === 1 ? 'a field' : `${list.length} fields`} this version of commerce-kit does not declare. The data shown is still valid.`,
        el(
          'ul',
          { class: 'drift-paths' },
          list.slice(0, MAX_LISTED).map((p) => el('li', {}, [el('code', {}, [p])])),
        ),
        list.length > MAX_LISTED ? el('p', {}, [`… and ${list.length - MAX_LISTED} more`]) : null,
      ]),
      close,
    ]);
  };
}
