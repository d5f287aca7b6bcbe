// Pacing by Zendesk's rate-limit headers, for `RateLimiter`: loaded with the first answer that sends any, so
// that startup does not carry it.
import type { Quota, QuotaReading } from "./limiter.js";

/** What the limiter knows of one quota from the headers. */
interface Pace {
  /** Requests this limiter may still send before `resetAt`: the server's count less those in flight or sent since. */
  left: number;
  /** The server's count when last read, which tells a new window (it grew) from a late answer. */
  reported: number;
  /**
   * When the window resets: the earliest estimate of the answers read in this window. The header is in whole
   * seconds rounded up, so each estimate is at most that late and the earliest is the best.
   */
  resetAt: number;
  /** When the last request counted against it went. */
  last: number;
}

/**
 * The account's quota and each endpoint's own (by the name of its `zendesk-ratelimit-{name}` header) as the
 * answers report them; the requests left in each are spread evenly over the time until it resets.
 */
export class HeaderPaces {
  /** `""` the account's, else the endpoint header's name. */
  readonly #paces = new Map<string, Pace>();
  /** The endpoint quotas each operation's answers named. */
  readonly #quotasOf = new Map<string, readonly string[]>();

  /** How long a request for `endpoint` waits for its turn in every quota it counts against (0: now). */
  waitMs(endpoint: string | undefined, now: number): number {
    let wait = 0;
    for (const pace of this.#of(endpoint)) {
      // Past the reset nothing is known until the next answer: the request goes and brings one.
      if (now >= pace.resetAt) continue;
      // The next request's turn: the time left shared evenly among the requests left, with one share spare.
      const turn = pace.left < 1 ? pace.resetAt : pace.last + (pace.resetAt - pace.last) / (pace.left + 1);
      wait = Math.max(wait, turn - now);
    }
    return wait;
  }

  /** A request for `endpoint` went now. */
  sent(endpoint: string | undefined, now: number): void {
    for (const pace of this.#of(endpoint)) {
      pace.left--;
      pace.last = now;
    }
  }

  /** An answer for `endpoint` reported `quota` at `now`, with `inflight` other requests still out. */
  read(quota: Quota, endpoint: string | undefined, inflight: number, now: number): void {
    if (quota.account) this.#read("", quota.account, inflight, now);
    const endpoints = quota.endpoints ?? {};
    const names = Object.keys(endpoints);
    for (const name of names) this.#read(name, endpoints[name] as QuotaReading, inflight, now);
    if (endpoint && names.length) this.#quotasOf.set(endpoint, names);
  }

  #read(name: string, { remaining, resetMs }: QuotaReading, inflight: number, now: number): void {
    // No reset sent: the window is Zendesk's minute at most.
    const resetAt = now + (resetMs ?? 60_000);
    // The requests still out may not have been counted yet: count them as if they were.
    const left = remaining - inflight;
    const pace = this.#paces.get(name);
    // More left than in flight could explain: the window has reset.
    if (!pace || now >= pace.resetAt || remaining > pace.reported + inflight + 1) {
      this.#paces.set(name, { left, reported: remaining, resetAt, last: pace?.last ?? now });
      return;
    }
    pace.resetAt = Math.min(pace.resetAt, resetAt);
    // An answer overtaken by a later one says less than it did.
    if (remaining <= pace.reported) {
      pace.reported = remaining;
      pace.left = left;
    }
  }

  /** The paces a request for `endpoint` goes by: the account's and the endpoint's own, where answers named them. */
  #of(endpoint: string | undefined): Pace[] {
    const found: Pace[] = [];
    const account = this.#paces.get("");
    if (account) found.push(account);
    for (const name of (endpoint && this.#quotasOf.get(endpoint)) || []) {
      const pace = this.#paces.get(name);
      if (pace) found.push(pace);
    }
    return found;
  }
}
