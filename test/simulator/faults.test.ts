import { afterEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index.js";
import { api } from "./test-helpers.js";

describe("faults", () => {
  let sim: RunningSimulator;
  const start = async (seed = 1) => {
    sim = await startSimulator({ seed: { random: seed, tickets: 5 } });
    return sim;
  };
  afterEach(() => sim?.close());

  it("answers 503 a given number of times, with or without Retry-After", async () => {
    await start();
    const fault = sim.faults.add({ match: "GET /api/v2/tickets", status: 503, retryAfter: 7, times: 2 });
    const first = await api(sim, "GET", "/api/v2/tickets");
    expect(first.status).toBe(503);
    expect(first.headers.get("retry-after")).toBe("7");
    expect(first.body.error).toBe("ServiceUnavailable");
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(200);
    expect((await api(sim, "GET", "/api/v2/tickets")).status).toBe(503);
    expect((await api(sim, "GET", "/api/v2/tickets")).status).toBe(200);
    expect(fault.hits).toBe(2);
    expect(sim.faults.list()).toEqual([]);

    sim.faults.add({ match: "GET /api/v2/tickets/{ticket_id}", status: 503, times: 1 });
    expect((await api(sim, "GET", "/api/v2/tickets/3")).headers.get("retry-after")).toBeNull();
  });

  it("answers 502 and 504, 429 with a default Retry-After, and a date when asked", async () => {
    await start();
    sim.faults.add({ match: "*", status: 502, times: 1 });
    sim.faults.add({ match: "*", status: 504, times: 1 });
    sim.faults.add({ match: "*", status: 429, times: 1 });
    sim.faults.add({ match: "*", status: 503, retryAfter: 3, retryAfterFormat: "date", times: 1 });
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(502);
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(504);
    const limited = await api(sim, "GET", "/api/v2/tickets/1");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    const dated = await api(sim, "GET", "/api/v2/tickets/1");
    expect(Date.parse(dated.headers.get("retry-after") ?? "")).toBeGreaterThan(Date.now() - 1000);
  });

  it("answers nginx's HTML page", async () => {
    await start();
    sim.faults.add({ match: "GET /api/v2/tickets/*", html: true, status: 503, times: 1 });
    const response = await api(sim, "GET", "/api/v2/tickets/1");
    expect(response.status).toBe(503);
    expect(response.headers.get("content-type")).toBe("text/html");
    expect(response.text).toContain("<center><h1>503 Service Temporarily Unavailable</h1></center>");
    expect(response.body).toBeUndefined();
  });

  it("cuts a 200's JSON body short", async () => {
    await start();
    sim.faults.add({ match: "GET /api/v2/tickets", truncate: true, times: 1 });
    const response = await api(sim, "GET", "/api/v2/tickets");
    expect(response.status).toBe(200);
    expect(response.text.startsWith('{"tickets":[{')).toBe(true);
    expect(() => JSON.parse(response.text)).toThrow();
  });

  it("slows a response down", async () => {
    await start();
    sim.faults.add({ match: "GET /api/v2/tickets/1", delayMs: 150, times: 1 });
    const started = performance.now();
    const response = await api(sim, "GET", "/api/v2/tickets/1");
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("does nothing for a request abandoned while it was being delayed", async () => {
    await start();
    sim.faults.add({ match: "POST /api/v2/tickets", delayMs: 200, times: 1 });
    const request = fetch(`${sim.url}/api/v2/tickets`, {
      method: "POST",
      headers: { Authorization: sim.authorization(), "Content-Type": "application/json" },
      body: JSON.stringify({ ticket: { subject: "x", comment: { body: "x" } } }),
      signal: AbortSignal.timeout(50),
    });
    await expect(request).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(sim.state.tickets.size).toBe(5);
  });

  it("drops the connection before or after the headers", async () => {
    await start();
    sim.faults.add({ match: "GET /api/v2/tickets/1", drop: "before-headers", times: 1 });
    await expect(
      fetch(`${sim.url}/api/v2/tickets/1`, { headers: { Authorization: sim.authorization() } }),
    ).rejects.toThrow();
    sim.faults.add({ match: "GET /api/v2/tickets/1", drop: "after-headers", times: 1 });
    const response = await fetch(`${sim.url}/api/v2/tickets/1`, { headers: { Authorization: sim.authorization() } });
    expect(response.status).toBe(200);
    await expect(response.text()).rejects.toThrow();
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(200);
  });

  it("changes no state: a faulted write creates nothing", async () => {
    await start();
    const body = { ticket: { subject: "x", comment: { body: "x" } } };
    for (const spec of [
      { status: 503 },
      { html: true },
      { truncate: true },
      { drop: "before-headers" as const },
      { drop: "after-headers" as const },
    ]) {
      sim.faults.add({ match: "POST /api/v2/tickets", times: 1, ...spec });
      await api(sim, "POST", "/api/v2/tickets", { body }).catch(() => undefined);
    }
    expect(sim.state.tickets.size).toBe(5);
    expect((await api(sim, "POST", "/api/v2/tickets", { body })).status).toBe(201);
    expect(sim.state.tickets.size).toBe(6);
  });

  it("fires on a share of requests, reproducibly for a seed", async () => {
    const run = async (seed: number) => {
      await start(seed);
      sim.faults.add({ match: "GET /api/v2/tickets/{ticket_id}", rate: 0.3, status: 503 });
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push((await api(sim, "GET", "/api/v2/tickets/1")).status);
      await sim.close();
      return statuses;
    };
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const failures = a.filter((status) => status === 503).length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
  });

  it("lets the first requests through with skip, matches by regexp or function, and can be removed", async () => {
    await start();
    const skipped = sim.faults.add({ match: /^GET \/api\/v2\/tickets\/\d+$/, skip: 1, status: 500, times: 1 });
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(200);
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(500);
    expect(skipped.seen).toBe(2);
    const custom = sim.faults.add({ match: (request) => request.query.get("page[size]") === "1", status: 502 });
    expect((await api(sim, "GET", "/api/v2/tickets?page[size]=1")).status).toBe(502);
    custom.remove();
    expect((await api(sim, "GET", "/api/v2/tickets?page[size]=1")).status).toBe(200);
    expect(sim.requests.entries.at(-2)?.fault).toBe("status 502");
  });

  it("can be given at start", async () => {
    sim = await startSimulator({
      seed: { tickets: 1 },
      faults: [{ match: "GET /api/v2/tickets/1", status: 503, times: 1 }],
    });
    expect((await api(sim, "GET", "/api/v2/tickets/1.json")).status).toBe(503);
    expect((await api(sim, "GET", "/api/v2/tickets/1.json")).status).toBe(200);
  });
});
