/**
 * One client for several domains, over real HTTP against the simulator: one set of credentials, one limiter,
 * every domain's paths typed, each domain's helpers under its name, and each package's release in the User-Agent.
 */
import { createZendeskClient, unwrap, ZendeskConfigError } from "@zenfetch/core";
import { customObjects, customObjectsOf } from "@zenfetch/custom-objects";
import { exportTickets, incremental } from "@zenfetch/incremental";
import { tickets } from "@zenfetch/tickets";
import { afterEach, describe, expect, test } from "vitest";
import { clientOptions, closeSimulators, FAST_WAIT, must, startSim } from "./helpers.js";

afterEach(closeSimulators);

const versionOf = async (name: string) =>
  (
    (await import(`../../packages/${name}/package.json`, { with: { type: "json" } })) as {
      default: { version: string };
    }
  ).default.version;

describe("createZendeskClient({ domains })", () => {
  test("one client reaches every domain's paths and helpers, on one limiter", async () => {
    const sim = await startSim({ seed: { tickets: 30 } });
    const zendesk = createZendeskClient({
      ...clientOptions(sim, { endpointLimits: false }),
      domains: [tickets, customObjectsOf<{ sim_device: { seats: number } }>(), incremental],
    });

    const { ticket } = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 3 } } }));
    expect(ticket.id).toBe(3);

    const devices: number[] = [];
    for await (const record of zendesk.customObjects.records("sim_device").list({ maxItems: 3 })) {
      devices.push(must(record.custom_object_fields?.seats, "seats"));
    }
    expect(devices).toHaveLength(3);

    const results = await zendesk.tickets.createMany(
      [
        { subject: "One", comment: { body: "first" } },
        { subject: "Two", comment: { body: "second" } },
      ],
      { wait: FAST_WAIT },
    );
    expect(results.map((r) => r.success)).toEqual([true, true]);

    const run = exportTickets(zendesk, { startTime: 0 });
    let exported = 0;
    for await (const page of run) {
      exported += page.items.length;
      if (page.endOfStream) break;
    }
    expect(exported).toBeGreaterThanOrEqual(30);

    // Every request went out with the one set of credentials and names every package in the User-Agent.
    const agents = new Set(sim.requests.entries.map((entry) => entry.headers["user-agent"]));
    expect(agents.size).toBe(1);
    const agent = String([...agents][0]);
    expect(agent).toContain(`zenfetch/${await versionOf("core")}`);
    expect(agent).toContain(`tickets/${await versionOf("tickets")}`);
    expect(agent).toContain(`customObjects/${await versionOf("custom-objects")}`);
    expect(agent).toContain(`incremental/${await versionOf("incremental")}`);
  });

  test("a domain given twice, a clash with the client's own names, or no domains is a ZendeskConfigError", async () => {
    const sim = await startSim();
    const base = clientOptions(sim);
    expect(() => createZendeskClient({ ...base, domains: [tickets, tickets] })).toThrow(/given twice/);
    expect(() => createZendeskClient({ ...base, domains: [] as [] })).toThrow(ZendeskConfigError);
    expect(() => createZendeskClient({ ...base, domains: [{ ...customObjects, name: "paginate" }] })).toThrow(
      /taken by the client itself/,
    );
    expect(() => createZendeskClient({ ...base, domains: [{} as typeof tickets] })).toThrow(
      /is not a domain; pass what a domain package exports/,
    );
  });

  test("two packages that describe one operation differently are refused, naming both", async () => {
    const sim = await startSim();
    const changed = {
      ...customObjects,
      operations: {
        ...customObjects.operations,
        "GET /api/v2/tickets": { pagination: { style: "offset", items: "x" } },
      },
    };
    expect(() => createZendeskClient({ ...clientOptions(sim), domains: [tickets, changed] as const })).toThrow(
      /@zenfetch\/custom-objects and @zenfetch\/tickets describe GET \/api\/v2\/tickets differently/,
    );
  });
});
