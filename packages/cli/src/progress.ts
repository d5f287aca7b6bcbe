// Progress on stderr for a long-running command: on a terminal, one line redrawn in place (a spinner and the
// counts, at most every `minIntervalMs`); anywhere else, one plain line per update, for logs.

/** What a command has done so far; the renderer adds the rate and the time. */
export interface ProgressStats {
  /** Records written. */
  records: number;
  /** Pages written. */
  pages: number;
  /** Milliseconds requests spent waiting on the rate limiter. */
  waitedMs: number;
  /** The newest change among the records written, when the records say when they changed. */
  through?: Date;
}

/** The stream progress goes to: `process.stderr`, or a fake one in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  /** Put first on every line: `"tickets"`. */
  label: string;
  /** Redraw one line in place (a terminal) or write plain lines. Default: `stream.isTTY`. */
  tty?: boolean;
  /** The clock, in ms. Default: `performance.now()`. */
  now?: () => number;
  /** The fewest ms between two redraws on a terminal. Default 100 (10 a second). */
  minIntervalMs?: number;
  /** How often the spinner and the elapsed time move on a terminal between updates; 0 turns the timer off. Default 250. */
  tickMs?: number;
}

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
/** Carriage return, then erase the whole line: the next text replaces what was there. */
const REDRAW = "\r\x1b[2K";

const count = (n: number) => n.toLocaleString("en-US");
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** `1:05`, `1:02:03`: a duration on a clock face. */
function clock(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** Records a second over `elapsedMs`, rounded; 0 before any time has passed. */
export function rate(records: number, elapsedMs: number): number {
  return elapsedMs > 0 ? Math.round((records * 1000) / elapsedMs) : 0;
}

/**
 * Shows a command's progress. `update` with the latest counts (each page, say), then `finish` once: on a
 * terminal that draws the final state and ends the line, so what is written next starts on a line of its own.
 * No total is shown, since an incremental export does not know one: the counts, the rate, the time spent waiting
 * on the rate limit, and how far the changes exported so far reach.
 */
export class ProgressReporter {
  readonly #stream: ProgressStream;
  readonly #label: string;
  readonly #tty: boolean;
  readonly #now: () => number;
  readonly #minIntervalMs: number;
  readonly #started: number;
  #stats: ProgressStats = { records: 0, pages: 0, waitedMs: 0 };
  #frame = 0;
  #lastDraw = Number.NEGATIVE_INFINITY;
  #pending: ReturnType<typeof setTimeout> | undefined;
  #ticker: ReturnType<typeof setInterval> | undefined;
  #finished = false;

  constructor(stream: ProgressStream, options: ProgressOptions) {
    this.#stream = stream;
    this.#label = options.label;
    this.#tty = options.tty ?? stream.isTTY === true;
    this.#now = options.now ?? (() => performance.now());
    this.#minIntervalMs = options.minIntervalMs ?? 100;
    this.#started = this.#now();
    const tickMs = options.tickMs ?? 250;
    if (this.#tty && tickMs > 0) {
      this.#ticker = setInterval(() => this.#draw(), tickMs);
      // The spinner never keeps the process alive.
      this.#ticker.unref?.();
      this.#draw();
    }
  }

  /** Milliseconds since the reporter was made. */
  get elapsedMs(): number {
    return this.#now() - this.#started;
  }

  /** The latest counts: a redraw on a terminal (now, or as soon as the interval allows), a line otherwise. */
  update(stats: ProgressStats): void {
    if (this.#finished) return;
    this.#stats = { ...stats };
    if (!this.#tty) {
      this.#stream.write(`${this.plainLine()}\n`);
      return;
    }
    const wait = this.#lastDraw + this.#minIntervalMs - this.#now();
    if (wait <= 0) {
      this.#draw();
    } else if (this.#pending === undefined) {
      this.#pending = setTimeout(() => {
        this.#pending = undefined;
        this.#draw();
      }, wait);
      this.#pending.unref?.();
    }
  }

  /** A message of its own line: on a terminal it goes above the bar, which is drawn again below it. */
  note(text: string): void {
    if (this.#tty && !this.#finished) {
      this.#stream.write(`${REDRAW}${text}\n`);
      this.#draw();
    } else {
      this.#stream.write(`${text}\n`);
    }
  }

  /**
   * Stops the timers. On a terminal, `keep` (the default) draws the last counts after `mark` (in place of the
   * spinner: `✔` by default; `■` for stopped, say) and ends the line; `keep: false` erases the bar instead
   * (nothing was done worth showing). Idempotent.
   */
  finish({ keep = true, mark = "✔" }: { keep?: boolean; mark?: string } = {}): void {
    if (this.#finished) return;
    if (this.#tty) {
      if (keep) {
        this.#draw(mark);
        this.#stream.write("\n");
      } else {
        this.#stream.write(REDRAW);
      }
    }
    this.#finished = true;
    clearTimeout(this.#pending);
    clearInterval(this.#ticker);
    this.#pending = undefined;
    this.#ticker = undefined;
  }

  /** The line a log gets for the current counts. */
  plainLine(): string {
    const { records, pages, waitedMs, through } = this.#stats;
    const parts = [
      `${pages} ${pages === 1 ? "page" : "pages"}`,
      `${records} ${records === 1 ? "record" : "records"}`,
      `${rate(records, this.elapsedMs)} records/s`,
      `${seconds(waitedMs)} waited on the rate limit`,
    ];
    if (through) parts.push(`through ${through.toISOString().replace(".000Z", "Z")}`);
    return `${this.#label}: ${parts.join(", ")}`;
  }

  /** The line a terminal shows for the current counts, cut to the terminal's width. */
  barLine(final?: string): string {
    const { records, pages, waitedMs, through } = this.#stats;
    const elapsed = this.elapsedMs;
    const mark = final ?? (SPINNER[this.#frame % SPINNER.length] as string);
    const parts = [
      `${mark} ${this.#label}`,
      `${count(records)} records`,
      `${count(pages)} pages`,
      `${count(rate(records, elapsed))}/s`,
      `waited ${seconds(waitedMs)}`,
    ];
    if (through) parts.push(`through ${through.toISOString().slice(0, 16).replace("T", " ")}Z`);
    parts.push(clock(elapsed));
    const line = parts.join("  ");
    const width = Math.max(10, (this.#stream.columns ?? 80) - 1);
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  }

  #draw(final?: string): void {
    if (this.#finished) return;
    this.#frame++;
    this.#lastDraw = this.#now();
    this.#stream.write(`${REDRAW}${this.barLine(final)}`);
  }
}
