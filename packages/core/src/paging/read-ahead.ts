/**
 * Reads `inner` up to `lookAhead` items ahead of the one the caller holds: an async generator queues calls to
 * next(), and each queued call lets it fetch one more as soon as it has handed over the one before. Items and
 * errors come out in order (an error on an item read ahead surfaces when that item is asked for, after every
 * item before it). `lookAhead` 0 reads each item only when asked for. Leaving early calls `stop` (which should
 * abort what `inner` has in flight), then closes `inner`.
 */
export async function* readAhead<T>(
  inner: AsyncGenerator<T, void, undefined>,
  lookAhead: number,
  stop: () => void,
): AsyncGenerator<T, void, undefined> {
  const ahead: Promise<IteratorResult<T, void>>[] = [];
  let finished = false;
  // Each pull's failure is handled where it is noted, so an item read ahead and never asked for (aborted, most
  // likely) is dropped without an unhandled rejection; an item asked for still rethrows when awaited.
  const pull = () => {
    const next = inner.next();
    next.then(
      (result) => {
        if (result.done) finished = true;
      },
      () => {
        finished = true;
      },
    );
    ahead.push(next);
  };
  try {
    for (;;) {
      while (!finished && ahead.length <= lookAhead) pull();
      const next = ahead.shift();
      if (next === undefined) return;
      const result = await next;
      if (result.done) return;
      yield result.value;
    }
  } finally {
    stop();
    await inner.return(undefined).catch(() => {});
  }
}
