/**
 * @zenfetch/ticket-fields against the simulator over real HTTP, on a client shared with tickets: custom field
 * values written and read back by field title, a ticket moved through custom statuses by label (its `status`
 * follows each status's category), and the statuses a form allows.
 */

import { createZendeskClient, isCustomStatusNameError, ticketFields, unwrap } from "@zenfetch/ticket-fields";
import { type Ticket, tickets } from "@zenfetch/tickets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { clientOptions, closeSimulators, startSim } from "./helpers.js";

// The simulator's seed: custom fields 5001 "Plan" (a dropdown: basic, premium), 5002 "Order number" (text),
// 5003 "VIP" (a checkbox), 5004 "Renewal date", 5005 "Products" (a multi-select); statuses 8001…8005 (one per
// category), "Waiting on engineering" (open), "Awaiting customer reply" (pending), "Resolved by automation"
// (solved, inactive); the default form 7501 allows every active status.
type AppFields = {
  Plan: "basic" | "premium";
  "Order number": string;
  VIP: boolean;
  "Renewal date": string;
  Products: string[];
};

let sim: RunningSimulator;
const makeClient = (s: RunningSimulator) =>
  createZendeskClient({ ...clientOptions(s), domains: [tickets, ticketFields] });
let zendesk: ReturnType<typeof makeClient>;

beforeAll(async () => {
  sim = await startSim();
  zendesk = makeClient(sim);
});
afterAll(closeSimulators);

const requests = (method: string, path: string) =>
  sim.requests.entries.filter((e) => e.method === method && e.path.startsWith(path)).length;

async function showTicket(id: number): Promise<Ticket> {
  return unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: id } } })).ticket;
}

async function updateTicket(id: number, ticket: Record<string, unknown>): Promise<Ticket> {
  const response = await zendesk.PUT("/api/v2/tickets/{ticket_id}", {
    params: { path: { ticket_id: id } },
    body: { ticket },
  });
  return unwrap(response).ticket;
}

describe("custom fields by name", () => {
  it("writes a new ticket's custom fields by title and reads them back the same", async () => {
    const before = requests("GET", "/api/v2/ticket_fields");
    const [names] = await Promise.all([
      zendesk.ticketFields.fieldsByName<AppFields>({
        names: ["Plan", "Order number", "VIP", "Renewal date", "Products"],
      }),
      zendesk.ticketFields.fieldsByName<AppFields>(),
    ]);
    expect(requests("GET", "/api/v2/ticket_fields") - before).toBe(1);

    const values = {
      Plan: "premium",
      "Order number": "ORD-4242",
      VIP: true,
      "Renewal date": "2027-01-31",
      Products: ["product_web", "product_api"],
    } as const;
    const created = unwrap(
      await zendesk.POST("/api/v2/tickets", {
        body: {
          ticket: {
            subject: "Upgrade for a VIP",
            comment: { body: "Please move us to premium." },
            custom_fields: names.write({ ...values, Products: [...values.Products] }),
          },
        },
      }),
    ).ticket;
    const read = names.read(await showTicket(created.id));
    expect(read).toEqual(values);
    expect(read.Plan).toBe("premium");

    // A change by name touches that field only.
    const updated = await updateTicket(created.id, {
      custom_fields: names.write({ VIP: false, "Order number": null }),
    });
    expect(names.read(updated)).toEqual({ ...values, VIP: false, "Order number": null });
  });

  it("reads a seeded ticket's fields by title and refuses an unknown title, listing the known ones", async () => {
    const names = await zendesk.ticketFields.fieldsByName<AppFields>();
    const seeded = await showTicket(7);
    const plan = seeded.custom_fields.find((field) => field.id === 5001)?.value ?? null;
    expect(names.get(seeded, "Plan")).toBe(plan);
    expect(() => names.write({ Region: "eu" } as never)).toThrow(
      /"Order number", "Plan", "Products", "Renewal date", "VIP"/,
    );
    expect(() => names.write({ Plan: "gold" as "basic" })).toThrow(/one of its option values: "basic", "premium"/);
  });

  it("sees a field an admin adds after refresh()", async () => {
    const names = await zendesk.ticketFields.fieldsByName();
    unwrap(await zendesk.POST("/api/v2/ticket_fields", { body: { ticket_field: { type: "text", title: "Serial" } } }));
    expect(() => names.write({ Serial: "SN-1" })).toThrow(/No custom ticket field is titled "Serial"/);
    await names.refresh();
    const [entry] = names.write({ Serial: "SN-1" });
    expect(entry?.value).toBe("SN-1");
  });
});

describe("custom statuses by name", () => {
  it("moves a ticket through custom statuses by label, its status following each category", async () => {
    const created = unwrap(
      await zendesk.POST("/api/v2/tickets", {
        body: { ticket: { subject: "Broken sync", comment: { body: "Sync fails." } } },
      }),
    ).ticket;
    const steps: [string, string, number][] = [
      ["Waiting on engineering", "open", 0],
      ["Awaiting customer reply", "pending", 0],
      ["On-hold", "hold", 8004],
      ["solved", "solved", 8005],
    ];
    const before = requests("GET", "/api/v2/custom_statuses");
    for (const [label, category, id] of steps) {
      const fragment = await zendesk.ticketFields.statusByName(label);
      const ticket = await updateTicket(created.id, { ...fragment });
      expect(ticket.status).toBe(category);
      expect(ticket.custom_status_id).toBe(id || fragment.custom_status_id);
      expect((await showTicket(created.id)).custom_status_id).toBe(fragment.custom_status_id);
    }
    expect(requests("GET", "/api/v2/custom_statuses") - before).toBeLessThanOrEqual(1);
  });

  it("refuses an inactive status and an unknown label before any ticket request", async () => {
    await expect(zendesk.ticketFields.statusByName("Resolved by automation")).rejects.toThrow(/is inactive/);
    const error = await zendesk.ticketFields.statusByName("Lost").catch((caught: unknown) => caught);
    expect(isCustomStatusNameError(error)).toBe(true);
    await expect(zendesk.ticketFields.statusByName("Lost")).rejects.toThrow(/"Waiting on engineering"/);
  });

  it("lists the statuses a form allows, and follows a change to them", async () => {
    const allowed = await zendesk.ticketFields.formStatuses(7501);
    expect(allowed.map((status) => status.agent_label)).toEqual([
      "New",
      "Open",
      "Pending",
      "On-hold",
      "Solved",
      "Waiting on engineering",
      "Awaiting customer reply",
    ]);
    const form = unwrap(
      await zendesk.POST("/api/v2/ticket_forms", { body: { ticket_form: { name: "Hardware returns" } } }),
    ).ticket_form;
    expect(await zendesk.ticketFields.formStatuses(form.id)).toEqual([]);
    const { custom_status_id } = await zendesk.ticketFields.statusByName("Waiting on engineering");
    unwrap(
      await zendesk.POST("/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses", {
        params: { path: { ticket_form_id: form.id } },
        body: { ticket_form_status: [{ custom_status_id }] },
      }),
    );
    expect((await zendesk.ticketFields.formStatuses(form.id)).map((status) => status.id)).toEqual([custom_status_id]);
  });
});
