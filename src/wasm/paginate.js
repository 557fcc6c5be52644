// Async iteration over a paginated list. `fetchPage(token)` (implemented in Rust)
// resolves with `{ items, next, rejected, unlistedRejected }`; iteration follows `next`
// until it is null, stops after `limit` items, and throws the error of a failing page.
// A page's records that did not validate are not yielded and do not stop the loop:
// they accumulate in the iterable's `rejected` (and `unlistedRejected`), which a caller
// reads during or after the loop (the TypeScript type is `PagedIterable<T>`), like `pages`,
// the number of pages fetched so far (for a progress display).
export function paginate(fetchPage, limit) {
  const iterable = {
    rejected: [],
    unlistedRejected: 0,
    pages: 0,
    async *[Symbol.asyncIterator]() {
      let left = limit ?? Infinity;
      let token = null;
      while (left > 0) {
        const page = await fetchPage(token);
        iterable.pages += 1;
        iterable.rejected.push(...page.rejected);
        iterable.unlistedRejected += page.unlistedRejected;
        for (const item of page.items) {
          if (left <= 0) return;
          left -= 1;
          yield item;
        }
        if (!page.next) return;
        token = page.next;
      }
    },
  };
  return iterable;
}
