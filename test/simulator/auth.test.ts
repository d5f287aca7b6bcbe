import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index.js";
import { api } from "./test-helpers.js";

describe("authentication", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: { tickets: 5 } });
  });
  afterAll(() => sim.close());

  it("accepts an API token, an OAuth token and a password", async () => {
    for (const mode of ["api-token", "oauth", "password"] as const) {
      const response = await api(sim, "GET", "/api/v2/tickets/1", { auth: mode });
      expect(response.status, mode).toBe(200);
      expect(response.body.ticket.id).toBe(1);
    }
  });

  it("treats the email case-insensitively", async () => {
    const header = `Basic ${Buffer.from("AGENT@example.com/token:sim-token").toString("base64")}`;
    const response = await api(sim, "GET", "/api/v2/tickets/1", { auth: false, headers: { Authorization: header } });
    expect(response.status).toBe(200);
  });

  it("answers 401 with Zendesk's body when credentials are missing or wrong", async () => {
    const wrong = [
      undefined,
      `Basic ${Buffer.from("agent@example.com/token:nope").toString("base64")}`,
      `Basic ${Buffer.from("agent@example.com:nope").toString("base64")}`,
      `Basic ${Buffer.from("other@example.com/token:sim-token").toString("base64")}`,
      "Bearer nope",
      "Basic !!!",
    ];
    for (const header of wrong) {
      const response = await api(sim, "GET", "/api/v2/tickets/1", {
        auth: false,
        headers: header ? { Authorization: header } : {},
      });
      expect(response.status, header).toBe(401);
      expect(response.body).toEqual({ error: "Couldn't authenticate you" });
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    }
  });

  it("answers 403 while a forbidden fault is on", async () => {
    const fault = sim.faults.add({ match: "GET /api/v2/tickets/{ticket_id}", forbidden: true, times: 1 });
    const response = await api(sim, "GET", "/api/v2/tickets/1");
    expect(response.status).toBe(403);
    expect(response.body.error).toBe("Forbidden");
    expect(fault.hits).toBe(1);
    expect((await api(sim, "GET", "/api/v2/tickets/1")).status).toBe(200);
  });

  it("sends Zendesk's response headers", async () => {
    const response = await api(sim, "GET", "/api/v2/tickets/1");
    expect(response.headers.get("x-zendesk-request-id")).toMatch(/^[0-9a-f]{16}-SIM$/);
    // No account limit set: no limit to report.
    expect(response.headers.get("x-rate-limit")).toBeNull();
  });

  it("logs requests without the Authorization secret", async () => {
    await api(sim, "GET", "/api/v2/tickets/2", { auth: "oauth" });
    const entry = sim.requests.find("GET", "/api/v2/tickets/2").at(-1);
    expect(entry?.headers.authorization).toBe("Bearer [redacted]");
    expect(entry?.route).toBe("GET /api/v2/tickets/{ticket_id}");
    expect(JSON.stringify(sim.requests.entries)).not.toContain("sim-oauth");
  });

  it("can be told to accept anyone", async () => {
    const open = await startSimulator({ auth: { disabled: true }, seed: { tickets: 1 } });
    try {
      expect((await api(open, "GET", "/api/v2/tickets/1", { auth: false })).status).toBe(200);
    } finally {
      await open.close();
    }
  });

  it("uses configured credentials", async () => {
    const custom = await startSimulator({ auth: { email: "ops@example.com", token: "t0k3n" }, seed: { tickets: 1 } });
    try {
      const header = `Basic ${Buffer.from("ops@example.com/token:t0k3n").toString("base64")}`;
      expect(
        (await api(custom, "GET", "/api/v2/tickets/1", { auth: false, headers: { Authorization: header } })).status,
      ).toBe(200);
      expect(custom.authorization()).toBe(header);
    } finally {
      await custom.close();
    }
  });
});
