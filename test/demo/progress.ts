/**
 * Progress for the demo's long steps, on stderr: a one-line counter rewritten in place when the stream is a
 * terminal, plain lines otherwise (at most one every `plainEveryMs`, plus the last one), so logs and CI stay readable.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** The counter of the step under way: `label: done/total`. */
  update(label: string, done: number, total?: number): void;
  /** Ends the counter (a terminal's line is cleared; a plain stream gets the final count). */
  finish(label: string, done: number, total?: number): void;
}

const number = (n: number) => n.toLocaleString("en-US");
const line = (label: string, done: number, total?: number) =>
  `${label}: ${number(done)}${total === undefined ? "" : ` / ${number(total)}`}`;

export function createProgress(stream: ProgressStream, options: { plainEveryMs?: number } = {}): Progress {
  const plainEveryMs = options.plainEveryMs ?? 1_000;
  if (stream.isTTY) {
    return {
      update(label, done, total) {
        stream.write(`\r\x1b[2K${line(label, done, total)}`);
      },
      finish() {
        stream.write("\r\x1b[2K");
      },
    };
  }
  let last = Number.NEGATIVE_INFINITY;
  return {
    update(label, done, total) {
      const now = Date.now();
      if (now - last < plainEveryMs) return;
      last = now;
      stream.write(`${line(label, done, total)}\n`);
    },
    finish(label, done, total) {
      last = Number.NEGATIVE_INFINITY;
      stream.write(`${line(label, done, total)} (done)\n`);
    },
  };
}

/** A progress that shows nothing. */
export const silentProgress: Progress = { update() {}, finish() {} };
