import { afterEach, describe, expect, it } from "vitest";
import { type RunningSimulator, type SimulatorOptions, startSimulator, ZENDESK_TICKET_LIMITS } from "./index.js";
import { api } from "./test-helpers.js";

describe("rate limits", () => {
  let sim: RunningSimulator;
  const start = async (options: SimulatorOptions = {}) => {
    sim = await startSimulator({ seed: { tickets: 5 }, now: Date.UTC(2024, 3, 1), ...options });
    return sim;
  };
  afterEach(() => sim?.close());

  it("limits the account per window, with Retry-After and the rate-limit headers", async () => {
    await start({ rateLimits: { account: { limit: 3, windowMs: 10_000 } } });
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await api(sim, "GET", "/api/v2/tickets/1");
      expect(response.status).toBe(200);
      expect(response.headers.get("x-rate-limit")).toBe("3");
      remaining.push(response.headers.get("x-rate-limit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const limited = await api(sim, "GET", "/api/v2/tickets/1");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("10");
    expect(limited.headers.get("x-rate-limit-remaining")).toBe("0");
    expect(limited.body.error).toBe("APIRateLimitExceeded");

    sim.clock.advance(4_500);
    expect((await api(sim, "GET", "/api/v2/tickets/1")).headers.get("retry-after")).toBe("6");
    sim.clock.advance(6_000);
    const fresh = await api(sim, "GET", "/api/v2/tickets/1");
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get("x-rate-limit-remaining")).toBe("2");
  });

  it("reports the account's limit in both spellings, and an endpoint's own limit under its name", async () => {
    await start({
      rateLimits: {
        account: { limit: 50, windowMs: 60_000 },
        endpoints: [{ match: "GET /api/v2/tickets", limit: 4, windowMs: 20_000, header: "tickets-index" }],
      },
    });
    const first = await api(sim, "GET", "/api/v2/tickets");
    expect(
      Object.fromEntries(
        [...first.headers].filter(([name]) => name.includes("rate-limit") || name.includes("ratelimit")),
      ),
    ).toEqual({
      "x-rate-limit": "50",
      "x-rate-limit-remaining": "49",
      "ratelimit-limit": "50",
      "ratelimit-remaining": "49",
      "ratelimit-reset": "60",
      "zendesk-ratelimit-tickets-index": "total=4; remaining=3; resets=20",
    });
    sim.clock.advance(5_500);
    const second = await api(sim, "GET", "/api/v2/tickets");
    expect(second.headers.get("ratelimit-reset")).toBe("55");
    expect(second.headers.get("zendesk-ratelimit-tickets-index")).toBe("total=4; remaining=2; resets=15");
    // Another endpoint is not the tickets list's: only the account's headers.
    const other = await api(sim, "GET", "/api/v2/tickets/1");
    expect(other.headers.get("zendesk-ratelimit-tickets-index")).toBeNull();
    expect(other.headers.get("x-rate-limit-remaining")).toBe("47");
  });

  it("rounds a sub-second wait up to one second, or sends an HTTP date", async () => {
    await start({ rateLimits: { account: { limit: 1, windowMs: 300 }, retryAfterFormat: "date" } });
    await api(sim, "GET", "/api/v2/tickets/1");
    const limited = await api(sim, "GET", "/api/v2/tickets/1");
    expect(limited.headers.get("retry-after")).toBe(new Date(Date.UTC(2024, 3, 1) + 1000).toUTCString());
    sim.rateLimits.configure({ retryAfterFormat: "seconds" });
    expect((await api(sim, "GET", "/api/v2/tickets/1")).headers.get("retry-after")).toBe("1");
  });

  it("limits each incremental export endpoint to 10 a minute by default", async () => {
    await start();
    for (let i = 0; i < 10; i++) {
      expect((await api(sim, "GET", "/api/v2/incremental/tickets?start_time=0")).status).toBe(200);
    }
    const limited = await api(sim, "GET", "/api/v2/incremental/tickets?start_time=0");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("60");
    // Zendesk reports no header of its own for this limit.
    expect([...limited.headers.keys()].filter((name) => name.includes("ratelimit"))).toEqual([]);
    // Another export endpoint has its own budget; other endpoints are not affected.
    expect((await api(sim, "GET", "/api/v2/incremental/tickets/cursor?start_time=0")).status).toBe(200);
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(200);
    sim.clock.advance(60_000);
    expect((await api(sim, "GET", "/api/v2/incremental/tickets?start_time=0")).status).toBe(200);
  });

  it("limits the sample export to 10 per 20 minutes", async () => {
    await start();
    for (let i = 0; i < 10; i++) await api(sim, "GET", "/api/v2/incremental/tickets/sample?start_time=0");
    const limited = await api(sim, "GET", "/api/v2/incremental/users/sample?start_time=0");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1200");
  });

  it("takes short windows and extra endpoint limits, changeable at run time", async () => {
    await start({ rateLimits: { incremental: { limit: 2, windowMs: 1_000 } } });
    await api(sim, "GET", "/api/v2/incremental/users?start_time=0");
    await api(sim, "GET", "/api/v2/incremental/users?start_time=0");
    expect((await api(sim, "GET", "/api/v2/incremental/users?start_time=0")).status).toBe(429);
    sim.rateLimits.configure({
      endpoints: [{ match: "DELETE /api/v2/tickets/{ticket_id}", limit: 1, windowMs: 60_000 }],
    });
    expect((await api(sim, "DELETE", "/api/v2/tickets/1")).status).toBe(204);
    expect((await api(sim, "DELETE", "/api/v2/tickets/2")).status).toBe(429);
    sim.rateLimits.reset();
    expect((await api(sim, "DELETE", "/api/v2/tickets/2")).status).toBe(204);
  });

  it("offers Zendesk's ticket write limits, one of them per ticket", async () => {
    await start({ seed: { tickets: 40 }, rateLimits: { endpoints: ZENDESK_TICKET_LIMITS } });
    for (let i = 0; i < 30; i++) {
      expect((await api(sim, "PUT", "/api/v2/tickets/1", { body: { ticket: { subject: `v${i}` } } })).status).toBe(200);
    }
    const limited = await api(sim, "PUT", "/api/v2/tickets/1", { body: { ticket: { subject: "v30" } } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("600");
    expect((await api(sim, "PUT", "/api/v2/tickets/2", { body: { ticket: { subject: "other" } } })).status).toBe(200);
  });

  it("does not count refused requests, and a 429 changes nothing", async () => {
    await start({ rateLimits: { account: { limit: 1, windowMs: 60_000 } } });
    await api(sim, "GET", "/api/v2/tickets/1");
    const refused = await api(sim, "POST", "/api/v2/tickets", {
      body: { ticket: { subject: "x", comment: { body: "x" } } },
    });
    expect(refused.status).toBe(429);
    expect(sim.state.tickets.size).toBe(5);
  });
});
