import { errorFromResponse, isZendeskError, PaginationError, ResponseParseError } from "@zenfetch/core";
import type { Checkpoint, ExportName, TimeCheckpoint } from "./checkpoint.js";
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
  /**
   * `cursor`: `start_time`, then `cursor=after_cursor` (tickets, users);
   * `time`: `start_time=end_time` (organizations, ticket events, ticket metric events);
   * `routing`: `start_time`, then the `cursor` inside `next_page`.
   */
  paging: "cursor" | "time" | "routing";
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
}

/** Zendesk's largest page on the time-based exports: a full page of one second means a stall. */
export const PAGE_LIMIT = 1000;

const isRecord = (value: unknown): value is Row => value !== null && typeof value === "object" && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Whole seconds from Unix seconds or an ISO date-time. */
export function seconds(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? Math.floor(value) : undefined;
  if (typeof value !== "string" || value === "") return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}

export const idOf = (row: Row): number | string | undefined =>
  typeof row.id === "number" || typeof row.id === "string" ? row.id : undefined;

function queryParam(link: string | undefined, name: string): string | undefined {
  if (!link) return undefined;
  try {
    return text(new URL(link, "https://zendesk.invalid").searchParams.get(name));
  } catch {
    return undefined;
  }
}

/** What one fetched page turns into: the page to yield, or a stall; and whether the export goes on. */
type Step<Page> = { page: Page; done: boolean };

/** The runtime behind every export helper; see `ExportRun`. */
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
    const { feed, signal } = this.#options;
    if (this.#active) {
      throw new TypeError(`export ${feed.name}: this run is already being iterated; iterate it once at a time`);
    }
    this.#active = true;
    try {
      for (;;) {
        signal?.throwIfAborted();
        const { page, done } = await this.#fetch(this.#checkpoint);
        yield page;
        // The loop body finished with this page: only now does the run's checkpoint move past it.
        this.#checkpoint = page.checkpoint;
        if (done) return;
      }
    } catch (error) {
      if (isZendeskError(error) && !(error instanceof ExportStalledError)) {
        (error as { checkpoint?: Checkpoint }).checkpoint = this.#checkpoint;
      }
      throw error;
    } finally {
      this.#active = false;
    }
  }

  /** Fetches the page at `position` and works out the next position. */
  async #fetch(position: Checkpoint): Promise<Step<Page>> {
    const { feed, signal } = this.#options;
    const client = this.#client;
    const first =
      position.type === "cursor"
        ? `cursor=${encodeURIComponent(position.cursor)}`
        : `start_time=${encodeURIComponent(String(position.startTime))}`;
    const search = [first, ...this.#options.query].join("&");
    const url = `${client.baseUrl}${feed.path}?${search}`;
    const get = client.GET as unknown as (
      path: string,
      init: Record<string, unknown>,
    ) => Promise<{ data?: unknown; error?: unknown; response: Response }>;
    const result = await get(feed.path, { params: { query: {} }, querySerializer: () => search, signal });
    if (!result.response.ok) throw errorFromResponse(result.response, result.error);
    const data = result.data;
    if (!isRecord(data)) {
      throw new ResponseParseError(
        `GET ${feed.path}: expected a JSON object with "${feed.items}", got ${data === undefined ? "an empty body" : typeof data} (status ${result.response.status})`,
        { status: result.response.status, method: "GET", url, snippet: "" },
      );
    }
    const raw = data[feed.items];
    if (!Array.isArray(raw)) {
      throw new PaginationError(`GET ${feed.path}: the response has no "${feed.items}" array`, { method: "GET", url });
    }
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

    const next = this.#next(position, data, rows, url);
    if ("stalled" in next) {
      throw new ExportStalledError({
        export: feed.name,
        timestamp: next.stalled,
        pageSize: rows.length,
        checkpoint: position,
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

  /** Where the export goes after this page, per paging style. An empty page never moves the checkpoint. */
  #next(
    position: Checkpoint,
    data: Row,
    rows: Row[],
    url: string,
  ): { checkpoint: Checkpoint; done: boolean } | { stalled: number } {
    const { feed } = this.#options;
    const empty = rows.length === 0;
    const endOfStream = data.end_of_stream === true;

    if (feed.paging === "cursor") {
      const after = text(data.after_cursor);
      if (endOfStream) {
        if (empty) return { checkpoint: position, done: true };
        if (after) return { checkpoint: { type: "cursor", cursor: after, export: feed.name }, done: true };
        return { checkpoint: this.#replay(position, rows), done: true };
      }
      if (!after) {
        throw new PaginationError(
          `GET ${feed.path}: end_of_stream is false but there is no after_cursor to go on with`,
          {
            method: "GET",
            url,
          },
        );
      }
      if (position.type === "cursor" && after === position.cursor) {
        throw new PaginationError(
          `GET ${feed.path}: end_of_stream is false but after_cursor is the cursor just requested; stopping instead of looping`,
          { method: "GET", url },
        );
      }
      return { checkpoint: { type: "cursor", cursor: after, export: feed.name }, done: false };
    }

    const nextPage = text(data.next_page);

    if (feed.paging === "routing") {
      if (empty) return { checkpoint: position, done: true };
      const cursor = queryParam(nextPage, "cursor");
      // A next cursor that differs from this one moves on; none, or the same, is the end of the feed.
      if (cursor && !(position.type === "cursor" && position.cursor === cursor)) {
        return { checkpoint: { type: "cursor", cursor, export: feed.name }, done: false };
      }
      return { checkpoint: this.#replay(position, rows), done: true };
    }

    const endTime = seconds(data.end_time) ?? seconds(queryParam(nextPage, "start_time")) ?? this.#newestStamp(rows);

    // Time-based: the next request is start_time=end_time, the same request a resume from the checkpoint makes.
    const from = position.type === "time" ? position.startTime : Number.NEGATIVE_INFINITY;
    const advancing = endTime !== undefined && endTime > from;
    if (empty) {
      // Zendesk says there is more after an empty stretch: move on to its end_time.
      if (feed.endOfStream && !endOfStream && nextPage && advancing) {
        return { checkpoint: { type: "time", startTime: endTime as number, export: feed.name }, done: false };
      }
      return { checkpoint: position, done: true };
    }
    if (endTime === undefined) {
      throw new PaginationError(`GET ${feed.path}: the page has records but no end_time to go on from`, {
        method: "GET",
        url,
      });
    }
    const checkpoint = this.#timeAfter(rows, endTime);
    if (feed.endOfStream) {
      if (endOfStream) return { checkpoint, done: true };
      if (!advancing) return { stalled: endTime };
      return { checkpoint, done: nextPage === undefined };
    }
    // No end_of_stream (ticket metric events): caught up on a null next_page or one that does not move,
    // unless the page is full of that one second, which is the stall.
    if (nextPage === undefined) return { checkpoint, done: true };
    if (!advancing) return rows.length >= PAGE_LIMIT ? { stalled: endTime } : { checkpoint, done: true };
    return { checkpoint, done: false };
  }
}
