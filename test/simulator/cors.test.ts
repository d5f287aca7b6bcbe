import { afterEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index.js";
import { api } from "./test-helpers.js";

describe("CORS", () => {
  let sim: RunningSimulator;
  afterEach(() => sim?.close());

  it("answers a preflight without credentials", async () => {
    sim = await startSimulator({ cors: true, seed: { tickets: 1 } });
    const response = await fetch(`${sim.url}/api/v2/tickets`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:5173",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization,content-type,idempotency-key",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toBe("authorization,content-type,idempotency-key");
    expect(sim.state.requests.last()?.status).toBe(204);
  });

  it("lets a browser read Retry-After and the rate-limit headers", async () => {
    sim = await startSimulator({ cors: true, seed: { tickets: 1 } });
    sim.faults.add({ status: 429, times: 1 });
    const response = await api(sim, "GET", "/api/v2/tickets/1", { headers: { Origin: "http://localhost:5173" } });
    expect(response.status).toBe(429);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    const exposed = response.headers.get("access-control-expose-headers") ?? "";
    for (const name of ["Retry-After", "X-Rate-Limit", "X-Rate-Limit-Remaining", "X-Zendesk-Request-Id"]) {
      expect(exposed).toContain(name);
    }
    const ok = await api(sim, "GET", "/api/v2/tickets/1", { headers: { Origin: "http://localhost:5173" } });
    expect(ok.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  });

  it("is off unless asked for", async () => {
    sim = await startSimulator({ seed: { tickets: 1 } });
    const preflight = await fetch(`${sim.url}/api/v2/tickets`, {
      method: "OPTIONS",
      headers: { Origin: "http://localhost" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const response = await api(sim, "GET", "/api/v2/tickets/1", { headers: { Origin: "http://localhost" } });
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });
});
