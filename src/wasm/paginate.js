// Async iteration over a paginated list. `fetchPage(token)` (implemented in Rust)
// resolves with `{ items, next }`; iteration follows `next` until it is null, stops
// after `limit` items, and throws the error of a failing page.
export function paginate(fetchPage, limit) {
  return {
    async *[Symbol.asyncIterator]() {
      let left = limit ?? Infinity;
      let token = null;
      while (left > 0) {
        const page = await fetchPage(token);
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
}
