import { afterEach, describe, expect, it, vi } from "vitest";
import { ProgressReporter, rate } from "../src/progress.js";

/** A stand-in for stderr that keeps what is written. */
function fakeStream(tty: boolean, columns?: number) {
  const writes: string[] = [];
  return { writes, text: () => writes.join(""), isTTY: tty, columns, write: (text: string) => writes.push(text) };
}

const REDRAW = "\r\x1b[2K";

afterEach(() => {
  vi.useRealTimers();
});

describe("ProgressReporter on a terminal", () => {
  it("redraws one line in place with the counts, rate, rate-limit wait and reach, and ends it on finish", () => {
    let now = 0;
    const stream = fakeStream(true, 120);
    const progress = new ProgressReporter(stream, { label: "tickets", now: () => now, tickMs: 0 });
    now = 2_000;
    progress.update({ records: 2_000, pages: 2, waitedMs: 1_500, through: new Date("2024-03-05T14:07:09Z") });

    expect(stream.writes).toHaveLength(1);
    const line = stream.writes[0] as string;
    expect(line.startsWith(REDRAW)).toBe(true);
    expect(line).not.toContain("\n");
    expect(line).toContain("tickets");
    expect(line).toContain("2,000 records");
    expect(line).toContain("2 pages");
    expect(line).toContain("1,000/s");
    expect(line).toContain("waited 1.5s");
    expect(line).toContain("through 2024-03-05 14:07Z");
    expect(line).toContain("0:02");
    expect(line).not.toMatch(/%/);

    progress.finish();
    expect(stream.writes.at(-1)).toBe("\n");
    expect(stream.writes.at(-2)?.startsWith(`${REDRAW}✔ tickets  2,000 records`)).toBe(true);
    // Nothing after finish.
    progress.update({ records: 5, pages: 5, waitedMs: 0 });
    progress.note("late");
    expect(stream.text().endsWith("\nlate\n")).toBe(true);
  });

  it("redraws at most every minIntervalMs, drawing the latest counts once the interval has passed", () => {
    vi.useFakeTimers();
    let now = 0;
    const stream = fakeStream(true, 80);
    const progress = new ProgressReporter(stream, { label: "users", now: () => now, tickMs: 0, minIntervalMs: 100 });
    progress.update({ records: 1, pages: 1, waitedMs: 0 });
    now = 10;
    progress.update({ records: 2, pages: 2, waitedMs: 0 });
    now = 20;
    progress.update({ records: 3, pages: 3, waitedMs: 0 });
    expect(stream.writes).toHaveLength(1);

    now = 100;
    vi.advanceTimersByTime(100);
    expect(stream.writes).toHaveLength(2);
    expect(stream.writes[1]).toContain("3 records");
    progress.finish();
  });

  it("moves the spinner between updates, and the timer stops on finish", () => {
    vi.useFakeTimers();
    const stream = fakeStream(true, 80);
    const progress = new ProgressReporter(stream, { label: "users", tickMs: 250 });
    const first = stream.writes.length;
    vi.advanceTimersByTime(1_000);
    expect(stream.writes.length).toBe(first + 4);
    expect(new Set(stream.writes.map((line) => line.slice(REDRAW.length, REDRAW.length + 1))).size).toBeGreaterThan(1);
    progress.finish();
    const after = stream.writes.length;
    vi.advanceTimersByTime(1_000);
    expect(stream.writes.length).toBe(after);
  });

  it("ends with the mark it is given in place of the spinner", () => {
    const stream = fakeStream(true, 80);
    const progress = new ProgressReporter(stream, { label: "users", now: () => 0, tickMs: 0 });
    progress.update({ records: 3, pages: 1, waitedMs: 0 });
    progress.finish({ mark: "■" });
    expect(stream.writes.at(-2)?.startsWith(`${REDRAW}■ users  3 records`)).toBe(true);
  });

  it("cuts the line to the terminal's width", () => {
    const stream = fakeStream(true, 40);
    const progress = new ProgressReporter(stream, { label: "ticket-events", now: () => 1_000, tickMs: 0 });
    progress.update({ records: 123_456_789, pages: 123_456, waitedMs: 99_999, through: new Date() });
    const line = (stream.writes.at(-1) as string).slice(REDRAW.length);
    expect(line.length).toBeLessThanOrEqual(39);
    expect(line.endsWith("…")).toBe(true);
    progress.finish();
  });

  it("puts a note on a line of its own above the bar, and erases the bar when told not to keep it", () => {
    const stream = fakeStream(true, 80);
    const progress = new ProgressReporter(stream, { label: "tickets", now: () => 0, tickMs: 0 });
    stream.writes.length = 0;
    progress.note("resuming");
    expect(stream.writes[0]).toBe(`${REDRAW}resuming\n`);
    expect(stream.writes[1]?.startsWith(REDRAW)).toBe(true);
    progress.finish({ keep: false });
    expect(stream.writes.at(-1)).toBe(REDRAW);
  });
});

describe("ProgressReporter in a log", () => {
  it("writes one plain line per update, no redraws, and nothing on finish", () => {
    let now = 0;
    const stream = fakeStream(false);
    const progress = new ProgressReporter(stream, { label: "zenfetch export tickets", now: () => now });
    now = 500;
    progress.update({ records: 100, pages: 1, waitedMs: 0 });
    now = 4_000;
    progress.update({ records: 1_200, pages: 2, waitedMs: 6_150, through: new Date("2024-01-01T04:09:00Z") });
    progress.finish();
    expect(stream.writes).toEqual([
      "zenfetch export tickets: 1 page, 100 records, 200 records/s, 0.0s waited on the rate limit\n",
      "zenfetch export tickets: 2 pages, 1200 records, 300 records/s, 6.2s waited on the rate limit, through 2024-01-01T04:09:00Z\n",
    ]);
    expect(stream.text()).not.toContain("\r");
  });

  it("follows the stream's isTTY unless told", () => {
    const stream = fakeStream(true);
    const progress = new ProgressReporter(stream, { label: "x", tty: false, now: () => 0 });
    progress.update({ records: 1, pages: 1, waitedMs: 0 });
    expect(stream.writes).toEqual(["x: 1 page, 1 record, 0 records/s, 0.0s waited on the rate limit\n"]);
  });
});

describe("rate", () => {
  it("is records a second, 0 before any time has passed", () => {
    expect(rate(50, 0)).toBe(0);
    expect(rate(50, 500)).toBe(100);
    expect(rate(1, 3_000)).toBe(0);
  });
});
