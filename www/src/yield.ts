// Long work in slices that give the event loop back in between, so that input, frames
// and progress bars are not held up by one long task (issue 13 item 4: a 10 MB
// inventory's model was built in one task of several hundred milliseconds).

/** How long a slice may run before it yields (a frame is 16 ms; leave room for it). */
const SLICE_BUDGET_MS = 8;

interface Scheduler {
  yield(): Promise<void>;
}

/**
 * Resolves in a later task: `scheduler.yield()` where the browser has it (the
 * continuation keeps its place ahead of other queued work), else a MessageChannel
 * message (not `setTimeout(0)`, which browsers clamp to 4 ms after a few nestings).
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Runs `steps` to its end, yielding to the event loop whenever a slice has run for the
 * budget; `steps` yields between small units of work (where stopping is safe). Rejects
 * with the signal's reason once `signal` is aborted (checked after each yield).
 */
export async function runInSlices<T>(steps: Generator<void, T>, signal?: AbortSignal): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= SLICE_BUDGET_MS) {
      await yieldToEventLoop();
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
}
