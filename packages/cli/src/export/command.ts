import { connectionFromEnv } from "../connection.js";
import { EXIT } from "../exit.js";
import type { CommandIO } from "../io.js";
import { ProgressReporter, type ProgressStats } from "../progress.js";
import { UsageError } from "../usage-error.js";
import { type ExportSummary, exportToFile } from "./export-to-file.js";
import { requireStreamName } from "./streams.js";

export interface ExportOptions {
  since?: string;
  checkpoint?: string;
  out?: string;
  baseUrl?: string;
  perPage?: string;
  requestsPerMinute?: string;
}

/** Unix seconds above this are certainly milliseconds (the year 5138 in seconds). */
const MAX_SECONDS = 1e11;

/**
 * `--since`: a date (`2024-01-01`, midnight UTC), a date and time (`2024-01-01T08:30:00Z`, with `Z` or an offset;
 * without one, UTC), or Unix time in seconds (`1704067200`).
 */
export function parseSince(text: string): Date {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const secondsSinceEpoch = Number(value);
    if (secondsSinceEpoch >= MAX_SECONDS) {
      throw new UsageError(
        `--since ${value} looks like milliseconds: pass Unix time in seconds (${Math.floor(secondsSinceEpoch / 1000)}) or a date such as 2024-01-01.`,
      );
    }
    return new Date(secondsSinceEpoch * 1000);
  }
  const match = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/i.exec(value);
  const date = match ? new Date(match[0].length > 10 && !match[1] ? `${value.replace(" ", "T")}Z` : value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new UsageError(
      `--since ${JSON.stringify(text)} is not a date: pass a date (2024-01-01), a date and time (2024-01-01T08:30:00Z) or Unix time in seconds (1704067200).`,
    );
  }
  return date;
}

/** A whole number option, or undefined when not given. */
function wholeNumber(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text.trim()))
    throw new UsageError(`${option} must be a whole number; got ${JSON.stringify(text)}.`);
  return Number(text);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** `zenfetch export <stream>`: see the package README, "Export to files". */
export async function exportCommand(stream: string, options: ExportOptions, io: CommandIO): Promise<number> {
  requireStreamName(stream);
  const label = `zenfetch export ${stream}`;
  const since = options.since === undefined ? undefined : parseSince(options.since);
  const perPage = wholeNumber(options.perPage, "--per-page");
  const requestsPerMinute = wholeNumber(options.requestsPerMinute, "--requests-per-minute");
  const connection = connectionFromEnv(io.env, options.baseUrl);

  // A closed pipe (`zenfetch export … | head`) is reported to the write that failed; without a listener the
  // stream's own 'error' event would end the process before the checkpoint is accounted for.
  if (options.out === undefined) io.stdout.on?.("error", () => {});
  // NDJSON on the same terminal as the bar would be drawn over: then progress comes as plain lines.
  const tty = io.stderr.isTTY === true && !(options.out === undefined && io.stdout.isTTY === true);
  const progress = new ProgressReporter(io.stderr, { label, tty });
  let last: ProgressStats = { records: 0, pages: 0, waitedMs: 0 };
  let summary: ExportSummary;
  try {
    summary = await exportToFile({
      stream,
      connection,
      since,
      checkpoint: options.checkpoint,
      out: options.out,
      stdout: io.stdout,
      perPage,
      requestsPerMinute,
      signal: io.signal,
      onPage: (stats) => {
        last = stats;
        progress.update(stats);
      },
      onNotice: (message) => progress.note(`${label}: ${message}`),
    });
  } catch (error) {
    if (error instanceof UsageError) {
      progress.finish({ keep: false });
      throw error;
    }
    progress.finish({ keep: last.pages > 0, mark: "✖" });
    // Core's errors hold no credentials: their messages name the request, the status and what to do.
    const message =
      (error as NodeJS.ErrnoException).code === "EPIPE"
        ? "stdout was closed before the export caught up (the program reading it ended)."
        : error instanceof Error
          ? error.message
          : String(error);
    io.stderr.write(`${label}: ${message}\n`);
    if (options.checkpoint !== undefined) {
      io.stderr.write(
        last.pages > 0
          ? `${label}: ${options.checkpoint} holds the checkpoint after the ${plural(last.pages, "page")} written (${plural(last.records, "record")}); run the same command to carry on from there.\n`
          : `${label}: no page was written; ${options.checkpoint} is as it was.\n`,
      );
    }
    return EXIT.failed;
  }
  progress.finish({
    keep: summary.pages > 0 || summary.status === "done",
    mark: summary.status === "done" ? "✔" : "■",
  });

  const counts = `${plural(summary.records, "record")} in ${plural(summary.pages, "page")}, ${seconds(progress.elapsedMs)}, ${seconds(summary.waitedMs)} waited on the rate limit`;
  const overall = summary.resumed ? ` (${summary.totalRecords} records over all runs)` : "";
  if (summary.status === "interrupted") {
    io.stderr.write(
      options.checkpoint === undefined
        ? `${label}: stopped after ${counts}. No --checkpoint was given, so a new run starts over.\n`
        : `${label}: stopped after ${counts}${overall}. Checkpoint saved to ${options.checkpoint}: run the same command to resume.\n`,
    );
    return EXIT.interrupted;
  }
  io.stderr.write(
    `${label}: caught up: ${counts}${overall}.${options.checkpoint === undefined ? "" : ` Checkpoint saved to ${options.checkpoint}: run the same command later for what changed since.`}\n`,
  );
  return EXIT.ok;
}
