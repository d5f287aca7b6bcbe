/**
 * One Zendesk rate-limit budget shared by several processes through Redis. Counting is rate-limiter-flexible's
 * (`RateLimiterRedis`, with a `RateLimiterMemory` per budget as its insurance while Redis is unreachable); pacing
 * by Zendesk's rate-limit headers and the pause after a 429 stay with core's in-process `RateLimiter`.
 */
import {
  type AcquireOptions,
  type AttemptOutcome,
  type Limiter,
  type LimiterBudget,
  RateLimiter,
  type RateLimiterOptions,
  sleep,
} from "@zenfetch/core";
import type { Cluster, Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";

// Like every zenfetch package, the whole runtime from one import path.
export * from "@zenfetch/core";

export interface RedisLimiterOptions {
  /**
   * An ioredis client (`new Redis(url)`, or a `Cluster`) that the app made: the app owns it and closes it. The
   * limiter keeps no listener on it and no timer that outlives a request; a client made with `lazyConnect` is
   * connected by the first request.
   */
  redis: Redis | Cluster;
  /** The Zendesk account (its subdomain, `"acme"`): every key is `zenfetch:{account}:…`, so accounts never share a budget. */
  account: string;
  /**
   * The account's budget, requests per `windowSeconds`, shared by every process. When omitted it is learned from
   * the first answer that reports it (`X-Rate-Limit`); until then each process paces only by the headers.
   */
  limit?: number;
  /** The window of `limit`, in whole seconds (a fraction is rounded up: Redis keys expire in seconds). Default 60. */
  windowSeconds?: number;
  /**
   * How many processes share the account, for the time Redis is unreachable: each process then allows itself
   * `Math.floor(limit / processes)` of every budget (at least 1) on its own. Default 1.
   */
  processes?: number;
  /**
   * Called when Redis stops answering (once per outage; again after it has answered in between). The error names
   * the client's connection state, never its address or credentials. Requests go on, paced within each process.
   */
  onRedisError?: (error: Error) => void;
  /** How long a Redis call may take before this process counts the request locally instead. Default 1 000 ms. */
  redisTimeoutMs?: number;
  /**
   * Added to each wait for a budget's window to reset, so that the first request of a new window reaches Zendesk
   * after Zendesk's own window has reset too, not a few milliseconds before it (Zendesk's window starts when the
   * first request arrives, Redis's when it is counted). Default 100 ms.
   */
  resetMarginMs?: number;
  /** Options of the in-process `RateLimiter` that paces each process by the rate-limit headers (its `fromHeaders`). */
  local?: Pick<RateLimiterOptions, "fromHeaders">;
}

/** A `Limiter` for the `limiter` option of any zenfetch client, sharing its budgets through Redis. */
export interface RedisLimiter extends Limiter {
  /** The account budget in force: the `limit` given, or the one learned from the headers; undefined until known. */
  readonly limit: number | undefined;
  /** The in-process limiter every request also waits on (Zendesk's headers, pauses). */
  readonly local: RateLimiter;
  /** True while Redis is unreachable and each process paces itself. */
  readonly degraded: boolean;
}

/** The prefix of every key this package writes for `account`: `zenfetch:{account}`. */
export const keyPrefixOf = (account: string): string => `zenfetch:${account}`;

const PAUSE_KEY = "pause";
const ACCOUNT_KEY = "account";
const budgetKey = (budget: LimiterBudget) =>
  `budget:${budget.key}|${budget.scope ?? ""}|${budget.limit}/${budget.windowSeconds}`;

/** One budget in Redis and its fallback: the key counted in, and the limiter that counts it. */
interface Shared {
  key: string;
  limiter: RateLimiterRedis;
  /** This process's share of the budget, which the limiter falls back to while Redis fails. */
  insurance: RateLimiterMemory;
}

/** What one consume of a round took, to give back if a later budget of the round refuses. */
interface Taken {
  shared: Shared;
  /** Until when the window it was counted in lasts: past it, giving back would credit the next window. */
  until: number;
}

/**
 * Creates a limiter that shares the account's budget, every endpoint budget the client passes, and the pause
 * after a 429 with every other process using the same Redis and `account`.
 */
export function createRedisLimiter(options: RedisLimiterOptions): RedisLimiter {
  const { redis, account, windowSeconds = 60, processes = 1, onRedisError } = options;
  const redisTimeoutMs = options.redisTimeoutMs ?? 1_000;
  const resetMarginMs = options.resetMarginMs ?? 100;
  if (typeof account !== "string" || account === "") {
    throw new TypeError("createRedisLimiter: account must be a non-empty string (the Zendesk subdomain)");
  }
  if (options.limit !== undefined && !(Number.isInteger(options.limit) && options.limit > 0)) {
    throw new TypeError(`createRedisLimiter: limit must be a positive whole number; got ${String(options.limit)}`);
  }
  if (!(Number.isFinite(windowSeconds) && windowSeconds > 0)) {
    throw new TypeError(`createRedisLimiter: windowSeconds must be a positive number; got ${String(windowSeconds)}`);
  }
  if (!(Number.isInteger(processes) && processes > 0)) {
    throw new TypeError(`createRedisLimiter: processes must be a positive whole number; got ${String(processes)}`);
  }

  const keyPrefix = keyPrefixOf(account);
  const local = new RateLimiter({ fromHeaders: options.local?.fromHeaders ?? true });

  // Outage bookkeeping: rate-limiter-flexible answers from the insurance limiter when Redis fails, so an
  // insurance call is how an outage shows.
  let degraded = false;
  let insuranceCalls = 0;
  const outage = (why: string) => {
    insuranceCalls++;
    if (degraded) return;
    degraded = true;
    if (!onRedisError) return;
    const error = new Error(redact(`Redis is unavailable (${why}); each process paces itself until it answers`));
    error.name = "RedisLimiterError";
    try {
      onRedisError(error);
    } catch {
      // A throwing callback must not fail a request.
    }
  };
  const status = () => redis.status;

  /**
   * A client still making its first connection (or made with `lazyConnect`) is given up to `redisTimeoutMs` to
   * get ready, so that a process's first requests count in Redis rather than on their own. Not during an outage:
   * then every request goes on at once, counted locally.
   */
  let firstConnection: Promise<void> | undefined;
  const connecting = (): Promise<void> => {
    const state = status();
    if (degraded || state === "ready") return Promise.resolve();
    if (state === "wait") redis.connect().catch(() => {});
    else if (state !== "connecting" && state !== "connect") return Promise.resolve();
    // One wait (one listener) for every request that comes meanwhile.
    firstConnection ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        redis.removeListener("ready", done);
        firstConnection = undefined;
        resolve();
      };
      const timer = setTimeout(done, redisTimeoutMs);
      redis.once("ready", done);
    });
    return firstConnection;
  };

  /** The insurance of one budget: this process's share of it, told when it is used. */
  const insurance = (points: number, duration: number) => {
    const share = Math.max(1, Math.floor(points / processes));
    return new ObservedMemoryLimiter({ points: share, duration, keyPrefix }, () => outage(`connection ${status()}`));
  };

  // One limiter per budget size, not per budget: the key tells budgets apart, so a budget per ticket (30 updates
  // in 10 minutes each) costs a key in Redis, not an object here.
  const limiters = new Map<string, Omit<Shared, "key">>();
  const make = (key: string, points: number, seconds: number): Shared => {
    const duration = Math.max(1, Math.ceil(seconds));
    const size = `${points}/${duration}`;
    let made = limiters.get(size);
    if (!made) {
      const fallback = insurance(points, duration);
      const limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix,
        points,
        duration,
        rejectIfRedisNotReady: true,
        insuranceLimiter: fallback,
      });
      made = { limiter, insurance: fallback };
      limiters.set(size, made);
    }
    return { key, ...made };
  };

  // The pause key holds one point: `block` sets it past that for the pause's length.
  const pauses = make(PAUSE_KEY, 1, 1);
  let accountLimit = options.limit;
  let accountShared: Shared | undefined =
    accountLimit === undefined ? undefined : make(ACCOUNT_KEY, accountLimit, windowSeconds);
  const sharedOf = (budget: LimiterBudget): Shared => make(budgetKey(budget), budget.limit, budget.windowSeconds);

  /** Runs a Redis call with a time limit; past it, `fallback` answers (the insurance) and the late answer is dropped. */
  const bounded = async <T>(call: () => Promise<T>, fallback: () => Promise<T>): Promise<T> => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<"late">((resolve) => {
      timer = setTimeout(() => resolve("late"), redisTimeoutMs);
    });
    const pending = call();
    try {
      const first = await Promise.race([pending, late]);
      if (first !== "late") return first;
    } finally {
      clearTimeout(timer);
    }
    pending.catch(() => {});
    outage(`no answer within ${redisTimeoutMs} ms`);
    return fallback();
  };

  /** Milliseconds left of the shared pause (0: none). */
  const pausedForMs = async (): Promise<number> => {
    try {
      const res = await bounded(
        () => pauses.limiter.get(PAUSE_KEY),
        () => pauses.insurance.get(PAUSE_KEY),
      );
      return res && res.consumedPoints > pauses.limiter.points ? Math.max(0, res.msBeforeNext) : 0;
    } catch {
      return 0;
    }
  };

  /** Counts one request against `shared`: null when counted, else the milliseconds until its window resets. */
  const consume = async (shared: Shared): Promise<number | null> => {
    try {
      await bounded(
        () => shared.limiter.consume(shared.key),
        () => shared.insurance.consume(shared.key),
      );
      return null;
    } catch (error) {
      if (error instanceof RateLimiterRes) return Math.max(1, error.msBeforeNext);
      // Neither Redis nor the insurance could count it: never fail a request for that.
      return null;
    }
  };

  /** Waits on Redis: the shared pause, then each endpoint budget, then the account's; all counted or none. */
  const acquireShared = async (signal: AbortSignal | null | undefined, list: readonly LimiterBudget[]) => {
    for (;;) {
      signal?.throwIfAborted();
      await connecting();
      const before = insuranceCalls;
      const paused = await pausedForMs();
      if (paused > 0) {
        await sleep(Math.min(paused, 2 ** 31 - 1), signal);
        continue;
      }
      const round: Shared[] = list.map(sharedOf);
      if (accountShared) round.push(accountShared);
      const taken: Taken[] = [];
      let refusedMs: number | null = null;
      for (const shared of round) {
        const started = Date.now();
        refusedMs = await consume(shared);
        if (refusedMs !== null) break;
        taken.push({ shared, until: started + shared.limiter.duration * 1000 });
      }
      if (refusedMs === null) {
        // A round Redis answered in full, with the client ready: the outage (if any) is over.
        if (degraded && insuranceCalls === before && status() === "ready") degraded = false;
        return;
      }
      const now = Date.now();
      for (const { shared, until } of taken) {
        if (now < until) shared.limiter.reward(shared.key).catch(() => {});
      }
      await sleep(Math.min(refusedMs + resetMarginMs, 2 ** 31 - 1), signal);
    }
  };

  const limiter: RedisLimiter = {
    get limit() {
      return accountLimit;
    },
    get local() {
      return local;
    },
    get degraded() {
      return degraded;
    },

    async acquire(acquireOptions: AcquireOptions = {}): Promise<void> {
      const { signal, endpoint } = acquireOptions;
      const list = acquireOptions.budgets ?? (acquireOptions.operation ? [acquireOptions.operation] : []);
      await local.acquire({ signal, endpoint });
      try {
        await acquireShared(signal, list);
      } catch (error) {
        // The local limiter counted this request as in flight; no attempt follows, so nothing else settles it.
        local.settle({ endpoint });
        throw error;
      }
    },

    pause(ms: number): void {
      local.pause(ms);
      if (!(Number.isFinite(ms) && ms > 0)) return;
      const seconds = Math.ceil(ms / 1000);
      // Fire and forget: a pause already longer stays; a failure leaves the local pause in force.
      void connecting()
        .then(pausedForMs)
        .then((left) => (left >= seconds * 1000 ? undefined : pauses.limiter.block(PAUSE_KEY, seconds)))
        .catch(() => {});
    },

    settle(outcome: AttemptOutcome): void {
      local.settle(outcome);
      const learned = outcome.quota?.account?.limit;
      if (options.limit !== undefined || learned === undefined) return;
      if (!(Number.isInteger(learned) && learned > 0) || learned === accountLimit) return;
      accountLimit = learned;
      accountShared = make(ACCOUNT_KEY, learned, windowSeconds);
    },
  };
  return limiter;
}

/** A `RateLimiterMemory` that says when it is used: as an insurance limiter, only while Redis is failing. */
class ObservedMemoryLimiter extends RateLimiterMemory {
  readonly #used: () => void;

  constructor(opts: ConstructorParameters<typeof RateLimiterMemory>[0], used: () => void) {
    super(opts);
    this.#used = used;
  }

  override consume(...args: Parameters<RateLimiterMemory["consume"]>): ReturnType<RateLimiterMemory["consume"]> {
    this.#used();
    return super.consume(...args);
  }
}

/** Hides the password of any URL with credentials (`redis://user:secret@host` → `redis://user:***@host`). */
export function redact(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/)([^/@\s:]*):([^/@\s]*)@/gi, "$1$2:***@");
}
