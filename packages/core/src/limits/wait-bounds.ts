// Bounds on waits, for the code that loads on first use (job polling, bulk submission); the transport and the
// rate limiter, which load at startup, write the same numbers inline to keep the startup bundle small.
/** The longest wait a timer holds: past it, `setTimeout` fires at once instead of late. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The least wait before retry `attempt` (1, 2, …): 250 ms, 500 ms, 1 s … up to 30 s. A `Retry-After: 0` (or a date
 * already past) would otherwise send the next try at once, and a server that keeps saying so gets a flood.
 */
export const retryFloorMs = (attempt: number): number => Math.min(30_000, 250 * 2 ** (attempt - 1));
