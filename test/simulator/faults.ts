/**
 * Injectable faults, switched on per test. Each fault matches requests by method and path and fires on every match,
 * on a seeded random share of them (`rate`), or a limited number of times (`times`, after `skip` passes). A fault
 * answers before authentication and before any route runs, so a faulted request changes no state, unless `commit`
 * asks for the handler to run first (the "the write happened but the answer was lost" case).
 */
import { createRng } from "./random.js";
import { compileRequestPattern } from "./request-pattern.js";

export interface FaultRequest {
  method: string;
  /** Path without query and without a trailing `.json`. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
}

/** What a fault tells the job a bulk request starts. */
export interface JobFault {
  /** End the job `failed` or `killed` instead of `completed`; nothing in it is applied. */
  outcome?: "failed" | "killed";
  /** Answer 404 for the first N polls of the job's status. */
  notFoundPolls?: number;
  message?: string;
}

export interface FaultSpec {
  /**
   * Which requests: `"GET /api/v2/tickets"`, `"POST /api/v2/tickets/{ticket_id}/merge"` (`{name}` or `:name` is one
   * segment), `"* /api/v2/incremental/*"` (`*` in a path is anything), or just a path for every method. A RegExp is
   * tested against `"METHOD /path"`; a function gets the request. Default: every request.
   */
  match?: string | RegExp | ((request: FaultRequest) => boolean);
  /** Fire at most this many times (default: no limit). */
  times?: number;
  /** Let this many matching requests through before firing. */
  skip?: number;
  /** Fire on this share of matching requests, drawn from the simulator's seeded generator. */
  rate?: number;

  /** Answer with this status and a Zendesk-style JSON error body (or `body`). */
  status?: number;
  /** Retry-After seconds to send with the status (default: 1 for 429, none otherwise); false sends none. */
  retryAfter?: number | false;
  /** Send Retry-After as an HTTP date instead of seconds. */
  retryAfterFormat?: "seconds" | "date";
  /** A custom body for `status` (an object is sent as JSON, a string as is). */
  body?: unknown;
  /** Answer with nginx's bare HTML error page for `status` (default 502) instead of JSON. */
  html?: boolean;
  /** Answer 403 Forbidden with Zendesk's body. */
  forbidden?: boolean;
  /** Answer 200 with the JSON body cut off part way (true: in the middle; a number: after that many bytes). */
  truncate?: boolean | number;
  /** Wait this long before answering (alone: a slow but otherwise normal response). */
  delayMs?: number;
  /** Destroy the socket: before any byte is sent, or after the status line and headers. */
  drop?: "before-headers" | "after-headers";
  /** Run the route first, so its change is made and only the answer is lost (dropped, cut off, or replaced by `status`/`html`). */
  commit?: boolean;
  /** Shape the job that this (bulk) request starts; the request itself is answered normally. */
  job?: JobFault;
}

export interface Fault {
  readonly id: number;
  readonly spec: FaultSpec;
  /** How many times it fired. */
  readonly hits: number;
  /** How many requests matched it (fired or not). */
  readonly seen: number;
  remove(): void;
}

interface ActiveFault extends Fault {
  hits: number;
  seen: number;
  test: (request: FaultRequest) => boolean;
}

export class FaultController {
  private faults: ActiveFault[] = [];
  private nextId = 1;
  private rng: () => number;

  constructor(seed: number) {
    this.rng = createRng(seed ^ 0x5eed);
  }

  /** Adds a fault; it stays until removed, cleared, or spent (`times`). */
  add(spec: FaultSpec): Fault {
    const fault: ActiveFault = {
      id: this.nextId++,
      spec,
      hits: 0,
      seen: 0,
      test: compileMatch(spec.match),
      remove: () => {
        this.faults = this.faults.filter((item) => item !== fault);
      },
    };
    this.faults.push(fault);
    return fault;
  }

  /** Removes every fault. */
  clear(): void {
    this.faults = [];
  }

  /** The faults still in force. */
  list(): readonly Fault[] {
    return this.faults.filter((fault) => fault.spec.times === undefined || fault.hits < fault.spec.times);
  }

  /** Restarts the random generator behind `rate`, for a reproducible sequence. */
  reseed(seed: number): void {
    this.rng = createRng(seed ^ 0x5eed);
  }

  /** The first fault that fires for this request, if any (counting it). */
  pick(request: FaultRequest): FaultSpec | undefined {
    for (const fault of this.faults) {
      const { spec } = fault;
      if (spec.times !== undefined && fault.hits >= spec.times) continue;
      if (!fault.test(request)) continue;
      fault.seen++;
      if (spec.skip !== undefined && fault.seen <= spec.skip) continue;
      if (spec.rate !== undefined && this.rng() >= spec.rate) continue;
      fault.hits++;
      return spec;
    }
    return undefined;
  }
}

function compileMatch(match: FaultSpec["match"]): (request: FaultRequest) => boolean {
  if (match === undefined) return () => true;
  if (typeof match === "function") return match;
  if (match instanceof RegExp) return (request) => match.test(`${request.method} ${request.path}`);
  const test = compileRequestPattern(match);
  return (request) => test(request.method, request.path);
}
