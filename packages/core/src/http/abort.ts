/** Waits `ms`; rejects at once with the signal's reason when it aborts (before or during the wait). */
export function sleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** One signal that aborts when any of the given ones does (undefined when none is given). */
export function anySignal(...signals: (AbortSignal | null | undefined)[]): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal != null);
  if (present.length <= 1) return present[0];
  if (typeof AbortSignal.any === "function") return AbortSignal.any(present);
  // Runtimes without AbortSignal.any (Safari < 17.4, older workers).
  const controller = new AbortController();
  const aborted = present.find((signal) => signal.aborted);
  if (aborted) {
    controller.abort(aborted.reason);
    return controller.signal;
  }
  const onAbort = (event: Event) => {
    controller.abort((event.target as AbortSignal).reason);
    for (const signal of present) signal.removeEventListener("abort", onAbort);
  };
  for (const signal of present) signal.addEventListener("abort", onAbort, { once: true });
  return controller.signal;
}

/** The calls following each long-lived signal, with the one listener that aborts them all. */
const followers = new WeakMap<AbortSignal, { calls: Set<AbortController>; onAbort: () => void }>();

/**
 * A signal of one call's own that follows the given ones, with `release` for when the call is over. However
 * many calls a long-lived signal (the client's, or one reused per call or through paginate) serves at once,
 * it holds one listener, taken off when the last of them ends; nothing downstream (a Request, a fetch) ever
 * sees that signal itself. The abort reason goes through as it is, falsy ones (`null`, `0`, `""`) included.
 */
export function linkSignals(...signals: (AbortSignal | null | undefined)[]): {
  signal: AbortSignal | undefined;
  release: () => void;
} {
  const present = signals.filter((signal): signal is AbortSignal => signal != null);
  const controller = new AbortController();
  const release = () => {
    for (const signal of present) {
      const entry = followers.get(signal);
      if (entry?.calls.delete(controller) && entry.calls.size === 0) {
        signal.removeEventListener("abort", entry.onAbort);
        followers.delete(signal);
      }
    }
  };
  const aborted = present.find((signal) => signal.aborted);
  if (aborted) controller.abort(aborted.reason);
  else
    for (const signal of present) {
      let entry = followers.get(signal);
      if (!entry) {
        const calls = new Set<AbortController>();
        const onAbort = () => {
          followers.delete(signal);
          for (const call of calls) call.abort(signal.reason);
        };
        entry = { calls, onAbort };
        followers.set(signal, entry);
        signal.addEventListener("abort", onAbort, { once: true });
      }
      entry.calls.add(controller);
    }
  return { signal: present.length > 0 ? controller.signal : undefined, release };
}
