/**
 * An app's own field maps at run time: a ticket created with custom fields through a client typed with the map
 * reads back, through `ticketField` and `ticketFieldValues`, with the values it was given; a field the map does
 * not declare, which Zendesk sends all the same, is there too.
 */
import { createTicketsClient, ticketField, ticketFieldValues, unwrap } from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import { clientOptions, closeSimulators, startSim } from "./helpers.js";

afterEach(closeSimulators);

type MyFields = { ticket: { 360001: string; 360002: number; 360003: ("a" | "b")[]; 360004: boolean } };

describe("custom fields through a client typed with the app's map", () => {
  it("a ticket created with custom_fields reads back through the typed helpers", async () => {
    const sim = await startSim({ seed: { tickets: 3 } });
    const zendesk = createTicketsClient<MyFields>(clientOptions(sim));
    const created = unwrap(
      await zendesk.POST("/api/v2/tickets", {
        body: {
          ticket: {
            subject: "Order lost",
            comment: { body: "Where is my order?" },
            custom_fields: [
              { id: 360001, value: "A-1009" },
              { id: 360002, value: 3 },
              { id: 360003, value: ["a", "b"] },
              { id: 360004, value: null },
            ],
          },
        },
      }),
    ).ticket;

    const { ticket } = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: created.id ?? 0 } } }),
    );
    expect(ticketField(ticket, 360001)).toBe("A-1009");
    expect(ticketField(ticket, 360002)).toBe(3);
    expect(ticketField(ticket, 360003)).toEqual(["a", "b"]);
    expect(ticketField(ticket, 360004)).toBeNull();
    const values = ticketFieldValues(ticket);
    expect(values[360002]).toBe(3);
    expect(values[360001]).toBe("A-1009");

    // A field the app did not declare: sent by the account all the same, and readable.
    unwrap(
      await createTicketsClient(clientOptions(sim)).PUT("/api/v2/tickets/{ticket_id}", {
        params: { path: { ticket_id: created.id ?? 0 } },
        body: { ticket: { custom_fields: [{ id: 999, value: "set elsewhere" }] } },
      }),
    );
    const again = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: created.id ?? 0 } } }),
    ).ticket;
    expect(ticketField(again, 999)).toBe("set elsewhere");
    expect(ticketField(again, 360001)).toBe("A-1009");
    expect(ticketField(again, 123456)).toBeUndefined();
  });
});
