/**
 * Waits `ms`; rejects at once with the signal's reason when it aborts (before or during the wait). For a limiter
 * of your own (see `Limiter`): a wait longer than a timer holds (2^31−1 ms) is the caller's to split.
 */
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
  // Runtimes without AbortSignal.any (Safari < 17.4, older workers): never released, as the signal has no end.
  return linkSignals(...present).signal;
}

/** The calls following each long-lived signal… */
const followers = new WeakMap<AbortSignal, Set<AbortController>>();
/** …and the one listener, the same for every signal (so adding it again is a no-op), that aborts them. */
const relay = (event: Event) => {
  const signal = event.target as AbortSignal;
  for (const call of followers.get(signal) ?? []) call.abort(signal.reason);
};

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
  for (const signal of present) {
    // The first one aborted gives the reason; abort() again is a no-op.
    if (signal.aborted) controller.abort(signal.reason);
    const calls = followers.get(signal) ?? new Set();
    followers.set(signal, calls.add(controller));
    signal.addEventListener("abort", relay);
  }
  const release = () => {
    for (const signal of present) {
      const calls = followers.get(signal);
      if (calls?.delete(controller) && !calls.size) {
        followers.delete(signal);
        signal.removeEventListener("abort", relay);
      }
    }
  };
  return { signal: present[0] && controller.signal, release };
}
