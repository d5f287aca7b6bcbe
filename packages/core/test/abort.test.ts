import { afterEach, describe, expect, test, vi } from "vitest";
import { anySignal, sleep } from "../src/http/abort.js";
import { deadlineSignal } from "../src/jobs/wait-for-job.js";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("sleep", () => {
  test("waits, and rejects at once with the reason when aborted before or during the wait", async () => {
    const started = Date.now();
    await sleep(30);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    const reason = new Error("stop");
    await expect(sleep(10, AbortSignal.abort(reason))).rejects.toBe(reason);
    const controller = new AbortController();
    const pending = sleep(5_000, controller.signal);
    setTimeout(() => controller.abort(reason), 10);
    const t0 = Date.now();
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - t0).toBeLessThan(200);
  });
});

describe("anySignal", () => {
  test("follows whichever signal aborts first, with its reason", () => {
    const a = new AbortController();
    const b = new AbortController();
    const signal = anySignal(a.signal, undefined, b.signal);
    b.abort("b went first");
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe("b went first");
    expect(anySignal(undefined, null)).toBeUndefined();
    expect(anySignal(a.signal)).toBe(a.signal);
  });

  test("works where AbortSignal.any is missing", () => {
    vi.stubGlobal(
      "AbortSignal",
      Object.assign(function AbortSignal() {}, { any: undefined }),
    );
    const a = new AbortController();
    const b = new AbortController();
    const signal = anySignal(a.signal, b.signal);
    expect(signal?.aborted).toBe(false);
    a.abort("a");
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toBe("a");
    const already = new AbortController();
    already.abort("early");
    expect(anySignal(already.signal, b.signal)?.reason).toBe("early");
  });
});

describe("deadlineSignal", () => {
  test("aborts at the deadline and tells it apart from the parent's abort", async () => {
    const parent = new AbortController();
    const timer = deadlineSignal(20, parent.signal, "deadline");
    await new Promise((r) => setTimeout(r, 40));
    expect(timer.signal.reason).toBe("deadline");
    expect(timer.expired()).toBe(true);
    const other = deadlineSignal(1_000, parent.signal, "deadline");
    parent.abort("user");
    expect(other.signal.reason).toBe("user");
    expect(other.expired()).toBe(false);
    other.clear();
  });
});
