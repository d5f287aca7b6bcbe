import { type FileHandle, open, stat, truncate } from "node:fs/promises";
import path from "node:path";
import {
  createIncrementalClient,
  type IncrementalClient,
  isZendeskConfigError,
  RateLimiter,
} from "@zenfetch/incremental";
import type { Connection } from "../connection.js";
import type { ProgressStats } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { readCheckpointFile, writeCheckpointFile } from "./checkpoint-file.js";
import { type AnyPage, requireStreamName, STREAM, type StreamName } from "./streams.js";
import { TimedLimiter } from "./timed-limiter.js";

/** Where records go without `out`: stdout, or any writable stream. */
export interface RecordSink {
  write(text: string, callback: (error?: Error | null) => void): unknown;
}

export interface ExportToFileOptions {
  stream: StreamName;
  /** The account and credentials (`connectionFromEnv`). */
  connection: Connection;
  /** Where a new export starts. Needed unless `checkpoint` names a file that exists (a resume). */
  since?: Date;
  /** The checkpoint file: read to resume when it exists, saved after each page written. */
  checkpoint?: string;
  /** The NDJSON file records are appended to; without it they go to `stdout`. */
  out?: string;
  /** Where records go without `out`. */
  stdout?: RecordSink;
  /** Records a page, 1 to 1000 (not for ticket-events). Zendesk's default is 1000. */
  perPage?: number;
  /** The export endpoint's budget: requests a minute. Default 10, Zendesk's (30 with the High Volume add-on). */
  requestsPerMinute?: number;
  /** Stops the export after the page in hand is written and its checkpoint saved. */
  signal?: AbortSignal;
  /** Told after each page is written (and its checkpoint saved). */
  onPage?: (stats: ProgressStats) => void;
  /** Told what the export decided that the user should know (a resume, a repaired `out`). */
  onNotice?: (message: string) => void;
}

export interface ExportSummary extends ProgressStats {
  /** `"done"`: caught up (end of stream). `"interrupted"`: stopped by the signal. */
  status: "done" | "interrupted";
  /** Whether the run carried on from a checkpoint file. */
  resumed: boolean;
  /** Records and pages written by every run of this checkpoint file, this one included. */
  totalRecords: number;
  totalPages: number;
}

/** Zendesk holds the latest minute of changes back, and refuses a start time within it. */
const LAG_MS = 60_000;

/** Checks what can be checked before any request, and throws a `UsageError` that says what to pass. */
function checkOptions(options: ExportToFileOptions): void {
  const { stream, since, perPage, requestsPerMinute, checkpoint, out } = options;
  requireStreamName(stream);
  if (since !== undefined) {
    if (Number.isNaN(since.getTime())) throw new UsageError("--since is not a valid date.");
    if (since.getTime() > Date.now() - LAG_MS) {
      throw new UsageError(
        `--since ${since.toISOString()} is not at least a minute ago: Zendesk holds the latest minute back. Pass an earlier date.`,
      );
    }
  }
  if (perPage !== undefined) {
    if (!STREAM[stream].perPage) {
      throw new UsageError(
        `The ${stream} export has no page size (Zendesk sends up to 1000 a page): leave out --per-page.`,
      );
    }
    if (!(Number.isInteger(perPage) && perPage >= 1 && perPage <= 1000)) {
      throw new UsageError(`--per-page must be a whole number from 1 to 1000; got ${String(perPage)}.`);
    }
  }
  if (requestsPerMinute !== undefined && !(Number.isInteger(requestsPerMinute) && requestsPerMinute >= 1)) {
    throw new UsageError(`--requests-per-minute must be a whole number, 1 or more; got ${String(requestsPerMinute)}.`);
  }
  if (checkpoint !== undefined && out !== undefined && path.resolve(checkpoint) === path.resolve(out)) {
    throw new UsageError("--checkpoint and --out name the same file: pass two different files.");
  }
}

/** The folder a file goes in must exist: a `UsageError` naming the option otherwise. */
async function checkFolder(file: string, option: string): Promise<void> {
  const folder = path.dirname(path.resolve(file));
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) {
    throw new UsageError(
      `${option} ${file}: the folder ${folder} does not exist. Create it, or pass a file in a folder that exists.`,
    );
  }
}

/** The size of a file, or undefined when there is none. */
const sizeOf = (file: string) =>
  stat(file).then(
    (s) => s.size,
    () => undefined,
  );

/**
 * Streams an incremental export as NDJSON (one record a line, as Zendesk sent it), to `out` or to `stdout`,
 * and saves the checkpoint file after each page written. With a checkpoint file that exists, it carries on
 * from there: the lines of the pages after the checkpoint are cut from `out` (a run that stopped between
 * writing a page and saving its checkpoint wrote them), so the file holds every record once. Resolves when
 * the export has caught up, or when `signal` stops it; rejects with a `UsageError` for bad options or a
 * checkpoint file it cannot use, and with the API's error (checkpoint file as of the last page written).
 */
export async function exportToFile(options: ExportToFileOptions): Promise<ExportSummary> {
  checkOptions(options);
  const { stream, connection, signal, onNotice, onPage } = options;
  if (options.checkpoint !== undefined) await checkFolder(options.checkpoint, "--checkpoint");
  if (options.out !== undefined) await checkFolder(options.out, "--out");

  const saved = options.checkpoint === undefined ? undefined : await readCheckpointFile(options.checkpoint, stream);
  if (!saved && !options.since) {
    throw new UsageError(
      options.checkpoint === undefined
        ? "Pass --since <date> (where the export starts), or --checkpoint <file> of an earlier run to resume it."
        : `The checkpoint file ${options.checkpoint} does not exist yet: pass --since <date> to start the export it will hold.`,
    );
  }
  const limiter = new TimedLimiter(new RateLimiter());
  let client: IncrementalClient;
  try {
    const budget = options.requestsPerMinute;
    client = createIncrementalClient({
      ...connection,
      limiter,
      ...(budget === undefined
        ? {}
        : { endpointLimits: { [STREAM[stream].operation]: { limit: budget, windowSeconds: 60 } } }),
    });
  } catch (error) {
    // A --base-url the client cannot use (not https, say); the message names it.
    if (isZendeskConfigError(error)) throw new UsageError(`${error.message} (from --base-url or ZENDESK_SUBDOMAIN)`);
    throw error;
  }
  let run: AsyncIterable<AnyPage>;
  try {
    run = STREAM[stream].start(client, {
      ...(saved ? { checkpoint: saved.checkpoint } : { startTime: options.since }),
      perPage: options.perPage,
      signal,
    });
  } catch (error) {
    if (!isZendeskConfigError(error)) throw error;
    throw new UsageError(
      saved
        ? `The checkpoint file ${options.checkpoint} cannot be resumed from: ${error.message}. Pass another --checkpoint file, or delete this one to start over with --since.`
        : error.message,
    );
  }

  // The output file must hold at least what the checkpoint says was written to it.
  const outSize = options.out === undefined ? undefined : await sizeOf(options.out);
  if (options.out !== undefined && saved?.outBytes !== undefined && (outSize ?? 0) < saved.outBytes) {
    throw new UsageError(
      `${options.out} holds ${outSize ?? 0} bytes, fewer than the ${saved.outBytes} the checkpoint file ${options.checkpoint} says were written to it: it is not the file that export wrote to. Pass that file as --out, or another --checkpoint file.`,
    );
  }

  if (saved) {
    const from = `resuming from ${options.checkpoint} (saved ${saved.savedAt}, ${saved.records} records so far)`;
    onNotice?.(options.since ? `--since is ignored: ${from}.` : `${from[0]?.toUpperCase()}${from.slice(1)}.`);
  }

  if (saved?.outBytes !== undefined && options.out === undefined) {
    onNotice?.("The runs before this one wrote to a file (--out); this one writes to stdout.");
  }

  // The output file, cut back to what the checkpoint covers: lines written after it was saved come again.
  let handle: FileHandle | undefined;
  let outBytes: number | undefined;
  if (options.out !== undefined) {
    const out = options.out;
    if (saved?.outBytes !== undefined && outSize !== undefined && outSize > saved.outBytes) {
      await truncate(out, saved.outBytes);
      onNotice?.(
        `Removed the last ${outSize - saved.outBytes} bytes of ${out}: written after the checkpoint was saved, they are exported again now.`,
      );
    }
    handle = await open(out, "a");
    outBytes = (await handle.stat()).size;
  }

  const write = async (text: string): Promise<void> => {
    if (handle) {
      await handle.appendFile(text);
      await handle.sync();
      outBytes = (outBytes ?? 0) + Buffer.byteLength(text);
      return;
    }
    const sink = options.stdout;
    if (!sink) throw new TypeError("exportToFile: pass `out` or `stdout`");
    await new Promise<void>((resolve, reject) => {
      sink.write(text, (error) => (error ? reject(error) : resolve()));
    });
  };

  const stats: ProgressStats = { records: 0, pages: 0, waitedMs: 0 };
  let latest: number | undefined;
  let interrupted = false;
  try {
    for await (const page of run) {
      if (page.items.length > 0) await write(page.items.map((item) => `${JSON.stringify(item)}\n`).join(""));
      stats.records += page.items.length;
      stats.pages += 1;
      for (const item of page.items) {
        const second = STREAM[stream].stamp(item);
        if (second !== undefined && (latest === undefined || second > latest)) latest = second;
      }
      if (options.checkpoint !== undefined) {
        await writeCheckpointFile(options.checkpoint, {
          version: 1,
          stream,
          checkpoint: page.checkpoint,
          ...(outBytes === undefined ? {} : { outBytes }),
          records: (saved?.records ?? 0) + stats.records,
          pages: (saved?.pages ?? 0) + stats.pages,
          savedAt: new Date().toISOString(),
        });
      }
      stats.waitedMs = limiter.waitedMs;
      if (latest !== undefined) stats.through = new Date(latest * 1000);
      onPage?.({ ...stats });
      if (signal?.aborted) {
        interrupted = true;
        break;
      }
    }
  } catch (error) {
    // Aborted while waiting for the next page: everything written is in the checkpoint already.
    if (!signal?.aborted) throw error;
    interrupted = true;
  } finally {
    await handle?.close();
  }
  stats.waitedMs = limiter.waitedMs;
  return {
    ...stats,
    status: interrupted ? "interrupted" : "done",
    resumed: saved !== undefined,
    totalRecords: (saved?.records ?? 0) + stats.records,
    totalPages: (saved?.pages ?? 0) + stats.pages,
  };
}
