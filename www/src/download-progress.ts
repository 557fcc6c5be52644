// How far a big download has come, for a progress bar: the Client's `fetch` goes
// through `progressFetch`, which counts the bytes of the answers someone watches
// (`watchDownload('/api/s2/inventory/overview', ...)`) as the package reads them. Other
// answers pass through untouched.

export interface DownloadProgress {
  /** Bytes received so far (after any content decoding). */
  received: number;
  /** The whole answer's size, when the server said it and did not compress it; else null. */
  total: number | null;
}

interface Watcher {
  path: string;
  listener: (progress: DownloadProgress) => void;
}

const watchers = new Set<Watcher>();

/** Calls `listener` as answers to `path` (the URL path, e.g. '/api/s2/inventory/overview') arrive. Returns an unsubscribe. */
export function watchDownload(path: string, listener: (progress: DownloadProgress) => void): () => void {
  const watcher = { path, listener };
  watchers.add(watcher);
  return () => watchers.delete(watcher);
}

/** The size an answer announces, when it is the size of what will be read (not compressed). */
export function announcedSize(headers: Headers): number | null {
  if (headers.has('content-encoding')) return null;
  const length = Number(headers.get('content-length'));
  return Number.isSafeInteger(length) && length > 0 ? length : null;
}

/** `fetch`, counting the bytes of watched answers as they are read. */
export async function progressFetch(url: string, init: RequestInit): Promise<Response> {
  const response = await fetch(url, init);
  const path = new URL(url, window.location.href).pathname;
  const interested = [...watchers].filter((w) => w.path === path);
  if (interested.length === 0 || !response.body) return response;
  const total = announcedSize(response.headers);
  let received = 0;
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        for (const w of interested) w.listener({ received, total });
        controller.enqueue(chunk);
      },
    }),
  );
  return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
}
