import { isZendeskError, PaginationError, type PaginationMeta } from "@zenfetch/core";
import { MAX_EMPTY_PAGES, type PageStep, pageStep, readAhead, readPage, VisitedPages } from "@zenfetch/core/paging";
import {
  type Checkpoint,
  checkpointQuery,
  checkpointToResume,
  type ExportName,
  type TimeCheckpoint,
} from "./checkpoint.js";
import type { IncrementalClient } from "./client.js";
import { ExportStalledError } from "./errors.js";

/** One page of an export, as the iteration yields it. */
export interface ExportPage<Item, Sideloads extends object = Record<never, never>, C extends Checkpoint = Checkpoint> {
  /** The page's records, oldest change first, without the boundary repeats of the page before. */
  items: Item[];
  /** The sideloads asked for with `include` (each present, empty when there were none); `{}` otherwise. */
  sideloads: Sideloads;
  /** Where to resume after this page. Save it once this page's items are stored. */
  checkpoint: C;
  /** True on the last page: the export has caught up; `checkpoint` is where to poll from next time. */
  endOfStream: boolean;
  /** Records dropped from this page because the previous page (or the checkpoint) already delivered them. */
  duplicatesDropped: number;
}

/**
 * An export in progress: `for await (const page of run)` fetches one page at a time (a `break` stops
 * fetching). `run.checkpoint` is the position after the last page your loop body finished, so after
 * the loop it is the checkpoint to store; iterating the run again carries on from it.
 */
export interface ExportRun<Page extends ExportPage<unknown, object>> extends AsyncIterable<Page> {
  readonly checkpoint: Page["checkpoint"];
  [Symbol.asyncIterator](): AsyncGenerator<Page, void, undefined>;
}

type Row = Record<string, unknown>;

/** How one export pages and what its records look like. */
export interface Feed {
  name: ExportName;
  path: string;
  /** The response property holding the records. */
  items: string;
  /** How the endpoint pages, as the spec declares it: core's step rule for that style reads each page. */
  pagination: PaginationMeta;
  /**
   * Whether its positions can be cursors (`after_cursor`, or the `cursor` in a routing page's `next_page`),
   * as well as `start_time` seconds; the other exports are time-based only.
   */
  cursorCheckpoints: boolean;
  /** Whether its pages carry `end_of_stream` (the metric event and routing feeds do not). */
  endOfStream: boolean;
  /** Response properties that are sideloads, and what an absent one becomes. */
  sideloads: Readonly<Record<string, "array" | "map">>;
  /** The second a record changed at, on the clock `start_time` and `end_time` use. */
  stamp(row: Row): number | undefined;
  /** What identifies one change of one record within its second. */
  key(row: Row): number | string | undefined;
  /** The last sentence of the stall message: what to do about this export. */
  stallAdvice: string;
}

export interface RunOptions {
  feed: Feed;
  start: Checkpoint;
  /** `name=value` pairs sent with every request after the position (`per_page`, `include`…), already encoded. */
  query: string[];
  /** The `include` values asked for (the sideloads to put on each page). */
  include: readonly string[];
  signal: AbortSignal | undefined;
  /** Pages fetched ahead of the one in hand (0: none). */
  lookAhead: number;
}

/** Zendesk's largest page on the time-based exports: a full page of one second means a stall. */
export const PAGE_LIMIT = 1000;

/** How far ahead of this machine's clock a page's `end_time` may be (clocks differ) before it is taken as nonsense. */
const FUTURE_SLACK_S = 24 * 60 * 60;

const isRecord = (value: unknown): value is Row => value !== null && typeof value === "object" && !Array.isArray(value);

/** Whole seconds from Unix seconds (a number or its digits) or an ISO date-time. */
export function seconds(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? Math.floor(value) : undefined;
  if (typeof value !== "string" || value === "") return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

export const idOf = (row: Row): number | string | undefined =>
  typeof row.id === "number" || typeof row.id === "string" ? row.id : undefined;

/** A position without `skip`: where a request goes. */
type Position = { type: "cursor"; cursor: string } | { type: "time"; startTime: number };

/** The position a next request stands for: its cursor, or else its `start_time`. */
function positionOf(query: URLSearchParams | undefined): Position | undefined {
  const cursor = query?.get("cursor");
  if (cursor) return { type: "cursor", cursor };
  const startTime = seconds(query?.get("start_time") ?? undefined);
  return startTime === undefined ? undefined : { type: "time", startTime };
}

/** What one fetched page turns into: the page to yield, or a stall; and whether the export goes on. */
type Step<Page> = { page: Page; done: boolean };

/**
 * The runtime behind every export helper; see `ExportRun`. Where to go after each page is core's step rule
 * for the endpoint's style; the run adds what is the exports' own: checkpoints, the boundary dedupe, the
 * stall, sideloads.
 */
export class Run<Page extends ExportPage<unknown, object>> implements ExportRun<Page> {
  readonly #client: IncrementalClient;
  readonly #options: RunOptions;
  #checkpoint: Checkpoint;
  #active = false;

  constructor(client: IncrementalClient, options: RunOptions) {
    this.#client = client;
    this.#options = options;
    this.#checkpoint = options.start;
  }

  get checkpoint(): Page["checkpoint"] {
    return this.#checkpoint as Page["checkpoint"];
  }

  [Symbol.asyncIterator](): AsyncGenerator<Page, void, undefined> {
    return this.#pages();
  }

  async *#pages(): AsyncGenerator<Page, void, undefined> {
    const { feed, signal, query, lookAhead } = this.#options;
    if (this.#active) {
      throw new TypeError(`export ${feed.name}: this run is already being iterated; iterate it once at a time`);
    }
    this.#active = true;
    // Pages are fetched while the caller works on this one (`lookAhead`); leaving the loop cancels them.
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    if (signal?.aborted) onAbort();
    signal?.addEventListener("abort", onAbort);
    try {
      for await (const page of readAhead(this.#sequential(stop.signal), lookAhead, () => stop.abort())) {
        yield page;
        // The loop body finished with this page: only now does the run's checkpoint move past it.
        this.#checkpoint = page.checkpoint;
      }
    } catch (error) {
      // Every page before the checkpoint was yielded: that is where to carry on.
      if (isZendeskError(error)) {
        error.resume = checkpointToResume(feed.name, this.#client.baseUrl, this.#checkpoint, query);
      }
      throw error;
    } finally {
      stop.abort();
      signal?.removeEventListener("abort", onAbort);
      this.#active = false;
    }
  }

  /** The pages from the run's checkpoint, one after another, each fetched when asked for. */
  async *#sequential(signal: AbortSignal): AsyncGenerator<Page, void, undefined> {
    const { feed, query } = this.#options;
    // Every request of this iteration: one that comes back (A → B → A) would loop. A new iteration polls
    // again from the checkpoint, so it starts afresh.
    const visited = new VisitedPages(`GET ${feed.path}`);
    let position = this.#checkpoint;
    let search = checkpointQuery(position, query);
    visited.visit(search);
    /** Pages in a row that came back empty yet pointed at a next one. */
    let empty = 0;
    for (;;) {
      signal.throwIfAborted();
      const { page, done } = await this.#fetch(position, search, signal);
      empty = page.items.length === 0 && page.duplicatesDropped === 0 && !done ? empty + 1 : 0;
      if (empty >= MAX_EMPTY_PAGES) {
        throw new PaginationError(
          `GET ${feed.path}: ${empty} pages in a row came back empty while saying there is more; stopping instead of paging on for ever (the checkpoint stays where the last records were)`,
          { method: "GET" },
        );
      }
      // The next position is checked before this page is handed over: a loop is refused while the run stays at
      // its position, so resuming delivers this page once and repeats nothing.
      const next = done ? undefined : checkpointQuery(page.checkpoint, query);
      if (next !== undefined) visited.visit(next);
      yield page;
      if (next === undefined) return;
      search = next;
      position = page.checkpoint;
    }
  }

  /** Fetches the page at `position` and works out the next position. */
  async #fetch(position: Checkpoint, search: string, signal: AbortSignal): Promise<Step<Page>> {
    const { feed } = this.#options;
    const operation = `GET ${feed.path}`;
    const get = this.#client.GET as unknown as (
      path: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const result = await get(feed.path, { params: { query: {} }, querySerializer: () => search, signal });
    const { page: data, items: raw } = readPage(result, operation, feed.items);
    const rows = raw as Row[];

    // Drop what the position says was delivered: the same record (id) changed in the same second.
    let items = rows;
    if (position.skip?.length) {
      const skip = new Set(position.skip);
      items = rows.filter((row) => {
        const mark = this.#mark(row);
        return mark === undefined || !skip.has(mark);
      });
    }

    const sideloads: Record<string, unknown> = {};
    for (const name of this.#options.include) {
      const kind = feed.sideloads[name];
      if (kind) sideloads[name] = data[name] ?? (kind === "array" ? [] : {});
    }

    const step = pageStep({
      operation,
      pagination: feed.pagination,
      query: new URLSearchParams(search),
      page: data,
      items: rows,
    });
    const url = `${this.#client.baseUrl}${feed.path}?${search}`;
    if (feed.pagination.style === "incremental-time") this.#checkEndTime(position, data.end_time, step, url);
    const next = this.#next(position, step, rows, url);
    if ("stalled" in next) {
      throw new ExportStalledError({
        export: feed.name,
        timestamp: next.stalled,
        pageSize: rows.length,
        advice: feed.stallAdvice,
        url,
      });
    }
    const page = {
      items,
      sideloads,
      checkpoint: next.checkpoint,
      endOfStream: next.done,
      duplicatesDropped: rows.length - items.length,
    } as ExportPage<unknown, object> as Page;
    return { page, done: next.done };
  }

  /**
   * Refuses a time-based page whose `end_time` (or next position) is not a time, lies far in the future, or
   * goes back before the position asked for: going on from it would repeat the export, skip ahead past
   * records, or move the checkpoint back. Thrown before the page is yielded, so the checkpoint stays at the
   * last good page.
   */
  #checkEndTime(position: Checkpoint, endTime: unknown, step: PageStep, url: string): void {
    const operation = `GET ${this.#options.feed.path}`;
    const fail = (what: string) =>
      new PaginationError(
        `${operation}: ${what}; the export cannot go on from it. The checkpoint stays at the last good page: try again later, or report the answer to Zendesk`,
        { method: "GET", url },
      );
    const shown = JSON.stringify(endTime)?.slice(0, 100);
    const end = endTime == null ? undefined : seconds(endTime);
    if (endTime != null && end === undefined) throw fail(`the page's end_time (${shown}) is not a time`);
    const next = positionOf(step.next);
    const latest = Math.floor(Date.now() / 1000) + FUTURE_SLACK_S;
    for (const at of [end, next?.type === "time" ? next.startTime : undefined]) {
      if (at === undefined) continue;
      if (at > latest) throw fail(`the page's end_time (${at}) is more than a day in the future`);
      if (position.type === "time" && at < position.startTime) {
        throw fail(`the page's end_time (${at}) is earlier than the start_time asked for (${position.startTime})`);
      }
    }
  }

  /** `id@second`: one change of one record, as Zendesk's documented dedupe compares them. */
  #mark(row: Row): string | undefined {
    if (!isRecord(row)) return undefined;
    const key = this.#options.feed.key(row);
    return key === undefined ? undefined : `${key}@${this.#options.feed.stamp(row) ?? ""}`;
  }

  #marks(rows: Row[], second?: number): string[] {
    const marks: string[] = [];
    for (const row of rows) {
      if (second !== undefined && !(isRecord(row) && this.#options.feed.stamp(row) === second)) continue;
      const mark = this.#mark(row);
      if (mark !== undefined) marks.push(mark);
    }
    return marks;
  }

  /** A time position after `rows`: their newest second, with the records of that second marked delivered. */
  #timeAfter(rows: Row[], endTime: number): TimeCheckpoint {
    const checkpoint: TimeCheckpoint = { type: "time", startTime: endTime, export: this.#options.feed.name };
    const skip = this.#marks(rows, endTime);
    if (skip.length > 0) checkpoint.skip = skip;
    return checkpoint;
  }

  /**
   * When Zendesk gives no position after a page: the page's own position, with every record on it
   * marked delivered, so asking for it again next time yields only what is new.
   */
  #replay(position: Checkpoint, rows: Row[]): Checkpoint {
    const skip = this.#marks(rows);
    const { skip: _previous, ...rest } = position;
    return skip.length > 0 ? { ...rest, skip } : rest;
  }

  #newestStamp(rows: Row[]): number | undefined {
    let newest: number | undefined;
    for (const row of rows) {
      const stamp = isRecord(row) ? this.#options.feed.stamp(row) : undefined;
      if (stamp !== undefined && (newest === undefined || stamp > newest)) newest = stamp;
    }
    return newest;
  }

  /**
   * The checkpoint after a page, from core's step: where it says to go next (or, at the end, where to ask
   * again later), with the boundary records marked delivered. An empty page never moves the checkpoint;
   * a page full of one second that cannot move on is a stall.
   */
  #next(
    position: Checkpoint,
    step: PageStep,
    rows: Row[],
    url: string,
  ): { checkpoint: Checkpoint; done: boolean } | { stalled: number } {
    const { feed } = this.#options;
    let target = positionOf(step.next);
    if (rows.length === 0) {
      if (step.done || target === undefined) return { checkpoint: position, done: true };
      return { checkpoint: { ...target, export: feed.name }, done: false };
    }
    if (target === undefined) {
      // No position after it: a time-based page goes on from its newest record's second; any other is
      // asked for again next time, its records marked delivered.
      if (position.type !== "time" || feed.pagination.style !== "incremental-time") {
        return { checkpoint: this.#replay(position, rows), done: true };
      }
      const newest = this.#newestStamp(rows);
      if (newest === undefined) {
        throw new PaginationError(`GET ${feed.path}: the page has records but no end_time to go on from`, {
          method: "GET",
          url,
        });
      }
      target = { type: "time", startTime: newest };
    }
    if (target.type === "cursor") {
      // A feed that ends on a next_page repeating the cursor just used: ask for this page again next time.
      const same = position.type === "cursor" && position.cursor === target.cursor;
      if (step.done && same) return { checkpoint: this.#replay(position, rows), done: true };
      return { checkpoint: { ...target, export: feed.name }, done: step.done };
    }
    const checkpoint = this.#timeAfter(rows, target.startTime);
    const advancing = position.type !== "time" || target.startTime > position.startTime;
    if (!advancing) {
      // More is said to come but from the same second: the stall. A feed without end_of_stream ends on a
      // page that does not move, unless the page is full of that one second, which is the stall too.
      if (!step.done) return { stalled: target.startTime };
      if (!feed.endOfStream && rows.length >= PAGE_LIMIT) return { stalled: target.startTime };
    }
    return { checkpoint, done: step.done };
  }
}
