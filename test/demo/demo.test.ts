/**
 * Keeps `pnpm demo` from rotting: its app runs against the simulator with the options `pnpm demo` uses and its
 * summary is checked step by step; the read-only mode (what runs against a real account) is run against the
 * simulator too, where it must send nothing but GETs; main.ts itself is run as a process; no output holds a
 * credential.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createTicketsClient, isConnectionError } from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../simulator/index.js";
import { formatSummary, INVALID_BULK_INDEX, readOnlyFetch, runDemo } from "./app.js";
import { createProgress } from "./progress.js";
import { DEMO_SEED, liveTarget, readOnlyOptions, simulatorTarget } from "./targets.js";

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** A stream that keeps what is written to it. */
function sink(isTTY = false) {
  const chunks: string[] = [];
  return { isTTY, write: (text: string) => chunks.push(text), text: () => chunks.join("") };
}

/** Every form a credential of the simulator could take in output. */
function secretsOf(credentials: { email: string; token: string; oauthToken: string; password: string }) {
  const { email, token, oauthToken, password } = credentials;
  return [
    token,
    oauthToken,
    password,
    Buffer.from(`${email}/token:${token}`).toString("base64"),
    Buffer.from(`${email}:${password}`).toString("base64"),
  ];
}

describe("the demo app against the simulator, as `pnpm demo` runs it", () => {
  it("creates, pages, bulk-creates, exports with a stop and a resume, upserts; and summarises exactly that", async () => {
    const target = await simulatorTarget();
    sim = target.sim;
    const stderr = sink();
    const summary = await runDemo({ ...target.options, progress: createProgress(stderr, { plainEveryMs: 0 }) });

    expect(summary.failures).toEqual([]);
    expect(summary.readOnly).toBe(false);
    const seeded = DEMO_SEED.tickets;
    expect(summary.created).toEqual({ ids: [seeded + 1, seeded + 2, seeded + 3] });
    expect(summary.paged).toEqual({ tickets: seeded + 3, pages: Math.ceil((seeded + 3) / 100), total: seeded + 3 });
    expect(summary.bulk).toEqual({
      requested: 250,
      created: 249,
      jobs: 3,
      failed: [{ index: INVALID_BULK_INDEX, error: "TicketCreateFailed", details: "Description: cannot be blank" }],
    });
    expect(sim.state.tickets.size).toBe(seeded + 3 + 249);
    expect(summary.export).toMatchObject({
      first: { tickets: 2_000, pages: 2 },
      resumed: { tickets: seeded - 2_000, pages: 3, caughtUp: true },
      distinct: seeded,
      repeated: 0,
    });
    expect(JSON.parse(summary.export?.checkpoint ?? "{}")).toMatchObject({ type: "cursor", export: "tickets" });
    expect(summary.customObjects).toEqual({
      keys: ["sim_device"],
      upserted: { key: "sim_device", created: 2, updated: 1, records: DEMO_SEED.customObjectRecords + 2 },
    });
    expect(summary.people).toEqual({ me: { id: 1, role: "admin" }, foundByEmail: 1, groups: expect.any(Array) });
    expect(summary.people?.groups.length).toBeGreaterThan(0);
    const organization = summary.search?.organization;
    expect(organization?.counted).toBeGreaterThan(0);
    expect(organization?.listed).toBe(organization?.counted);
    const unsolved = [...sim.state.tickets.all()].filter((t) => ["new", "open", "pending", "hold"].includes(t.status));
    expect(unsolved.length).toBeGreaterThan(1_000); // past the search list's cap
    expect(summary.search?.unsolved).toEqual({
      counted: unsolved.length,
      exported: unsolved.length,
      pages: Math.ceil(unsolved.length / 1_000),
      limit: undefined,
    });
    // Set by name, stored by id: the simulator's ticket holds the field's id and the custom status's.
    expect(summary.fields).toEqual({
      ticketId: seeded + 1,
      values: expect.objectContaining({ Plan: "premium" }),
      status: { label: "Waiting on engineering", status: "open", customStatusId: expect.any(Number) },
    });
    const stored = sim.state.tickets.get(seeded + 1);
    expect(stored?.customFields).toContainEqual({ id: expect.any(Number), value: "premium" });
    const served503 = sim.requests.entries.filter((e) => e.status === 503).length;
    expect(served503).toBeGreaterThan(0);
    expect(summary.retries).toEqual({ "503": served503 });

    const text = formatSummary(summary);
    expect(text).toContain(`1. Created 3 tickets: #${seeded + 1}, #${seeded + 2}, #${seeded + 3}`);
    expect(text).toContain("2. Paged through 5,003 of 5,003 tickets in 51 pages");
    expect(text).toContain("3. Bulk-created 250 tickets in 3 jobs: 249 created, 1 failed");
    expect(text).toContain("item 17: TicketCreateFailed: Description: cannot be blank");
    expect(text).toContain("4. Exported 2,000 tickets in 2 pages, then stopped and stored the checkpoint:");
    expect(text).toContain("Resumed from it: 3,000 more in 3 pages, caught up; 5,000 distinct tickets, 0 repeats");
    expect(text).toContain("Upserted 3 sim_device records by external id: 2 created, 1 updated; 27 records now");
    expect(text).toContain("6. Signed in as user #1 (admin), found again by email: #1; in ");
    expect(text).toContain(`matches, ${organization?.listed} listed`);
    expect(text).toContain(
      `Exported ${unsolved.length.toLocaleString("en-US")} of ${unsolved.length.toLocaleString("en-US")} unsolved tickets through the search export`,
    );
    expect(text).toContain(
      `8. Set Plan and the custom status "Waiting on engineering" by name on ticket #${seeded + 1}`,
    );
    expect(text).toContain(`Retried: ${served503} request`);
    expect(text).not.toContain("FAILED");
    expect(stderr.text()).toContain("paging through tickets: 5,003 / 5,003 (done)\n");
    expect(stderr.text()).toContain("bulk create (tickets in finished jobs): 250 / 250 (done)\n");
    for (const secret of secretsOf(sim.credentials)) {
      expect(text).not.toContain(secret);
      expect(stderr.text()).not.toContain(secret);
    }
  });

  it("read-only (the real-account mode): only GETs reach the server, the write steps are skipped and say so", async () => {
    // Seeded over the last few days, so the export "from a week ago" has something to read.
    sim = await startSimulator({ seed: { tickets: 1_000, startTime: new Date(Date.now() - 3 * 86_400_000) } });
    const options = readOnlyOptions({
      baseUrl: sim.baseUrl,
      auth: { email: sim.credentials.email, apiToken: sim.credentials.token },
    });
    const summary = await runDemo(options);

    expect(summary.failures).toEqual([]);
    expect(sim.requests.count).toBeGreaterThan(0);
    expect(new Set(sim.requests.entries.map((e) => e.method))).toEqual(new Set(["GET"]));
    expect(sim.state.tickets.size).toBe(1_000);
    expect(summary).toMatchObject({
      readOnly: true,
      created: "skipped",
      bulk: "skipped",
      paged: { tickets: 300, pages: 3, total: 1_000, limit: 300 },
      export: {
        first: { tickets: 100, pages: 1 },
        resumed: { tickets: 100, pages: 1, caughtUp: false },
        distinct: 200,
        repeated: 0,
      },
      customObjects: { keys: ["sim_device"], upserted: "skipped", counted: { key: "sim_device", records: 25 } },
    });
    const text = formatSummary(summary);
    expect(text).toContain("read-only");
    expect(text).toContain("1. Create tickets: skipped (read-only)");
    expect(text).toContain("3. Bulk-create tickets: skipped (read-only)");
    expect(text).toContain("Upsert records: skipped (read-only)");
    expect(summary.people).toMatchObject({ me: { id: 1 }, foundByEmail: 1 });
    expect(summary.search?.unsolved).toMatchObject({ exported: 300, pages: 1, limit: 300 });
    expect(summary.fields).toMatchObject({ status: "skipped" });
    expect(text).toContain("set by name: skipped (read-only)");
    expect(text).toContain("(stopped at 300)");
    expect(text).toContain("stopped at the page limit");
  });

  it("read-only guard: a write is refused before it leaves the process", async () => {
    sim = await startSimulator({ seed: { tickets: 5 } });
    const zendesk = createTicketsClient({
      baseUrl: sim.baseUrl,
      auth: { email: sim.credentials.email, apiToken: sim.credentials.token },
      fetch: readOnlyFetch(undefined),
      retry: false,
    });
    const error = await zendesk
      .POST("/api/v2/tickets", { body: { ticket: { subject: "x", comment: { body: "y" } } } })
      .catch((e: unknown) => e);
    expect(isConnectionError(error)).toBe(true);
    expect(String((error as Error).message)).toContain("read-only demo: refused to send POST /api/v2/tickets");
    expect(sim.requests.count).toBe(0);
  });
});

describe("the real-account settings", () => {
  it("need all three variables; with some missing, only their names are given", () => {
    expect(liveTarget({})).toBeUndefined();
    expect(liveTarget({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_API_TOKEN: "tok-123" })).toEqual({
      missing: ["ZENDESK_EMAIL"],
    });
    const now = Date.UTC(2025, 5, 2);
    const live = liveTarget({ ZENDESK_SUBDOMAIN: " acme ", ZENDESK_EMAIL: "ops@acme.test", ZENDESK_API_TOKEN: "t" });
    if (!live || "missing" in live) throw new Error("expected a live target");
    expect(live.subdomain).toBe("acme");
    expect(live.options).toMatchObject({ readOnly: true, listLimit: 300, exportPageLimit: 1 });
    expect(live.options.connection).toMatchObject({
      subdomain: "acme",
      auth: { email: "ops@acme.test", apiToken: "t" },
    });
    const start = readOnlyOptions(live.options.connection, now).exportStartTime as Date;
    expect(start.toISOString()).toBe("2025-05-26T00:00:00.000Z");
  });
});

describe("progress on stderr", () => {
  it("a terminal gets one counter line rewritten in place; other streams get plain lines", () => {
    const tty = sink(true);
    const onTty = createProgress(tty);
    onTty.update("export", 1_000);
    onTty.update("export", 2_000, 5_000);
    onTty.finish("export", 5_000, 5_000);
    expect(tty.text()).toBe("\r\x1b[2Kexport: 1,000\r\x1b[2Kexport: 2,000 / 5,000\r\x1b[2K");

    const plain = sink(false);
    const onPlain = createProgress(plain, { plainEveryMs: 60_000 });
    onPlain.update("export", 1_000);
    onPlain.update("export", 2_000); // within the minute: not printed
    onPlain.finish("export", 5_000);
    expect(plain.text()).toBe("export: 1,000\nexport: 5,000 (done)\n");
    expect(plain.text()).not.toContain("\r");
  });
});

describe("`pnpm demo` as a process", () => {
  const tsx = path.join(root, "node_modules/.bin/tsx");
  const main = path.join(root, "test/demo/main.ts");
  const env = (extra: Record<string, string>) => {
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(process.env)) {
      if (value !== undefined && !key.startsWith("ZENDESK_")) clean[key] = value;
    }
    return { ...clean, ...extra };
  };

  it("runs against the embedded simulator and prints its summary, with no credential in its output", async () => {
    const { stdout, stderr } = await run(tsx, [main], { cwd: root, env: env({}), timeout: 30_000 });
    expect(stdout).toContain("zenfetch demo: against the local Zendesk simulator at http://127.0.0.1:");
    expect(stdout).toMatch(/Summary \(\d+\.\d s, http:\/\/127\.0\.0\.1:\d+\)/);
    expect(stdout).toContain("5. Custom objects: 1 object (sim_device)");
    expect(stdout).not.toContain("FAILED");
    expect(stderr).toContain("(done)");
    const secrets = secretsOf({
      email: "agent@example.com",
      token: "sim-token",
      oauthToken: "sim-oauth",
      password: "sim-password",
    });
    for (const secret of secrets) expect(stdout + stderr).not.toContain(secret);
  });

  it("with only some ZENDESK_* variables, exits 2 naming the missing ones and echoing no value", async () => {
    const result = await run(tsx, [main], {
      cwd: root,
      env: env({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_API_TOKEN: "very-secret-token" }),
      timeout: 30_000,
    }).then(
      () => ({ code: 0, stdout: "", stderr: "" }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("missing: ZENDESK_EMAIL");
    expect(result.stdout + result.stderr).not.toContain("very-secret-token");
  });
});
