/** Side-loading against the simulator: what `include` asks for arrives, typed as present. */
import { unwrap } from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import { closeSimulators, must, startSim, ticketsClient } from "./helpers.js";

afterEach(closeSimulators);

describe("include", () => {
  it("show ticket with include=users: the ticket's people arrive beside it, sent as one comma-separated value", async () => {
    const sim = await startSim({ seed: { tickets: 3 } });
    const zendesk = ticketsClient(sim);

    const shown = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}", {
        params: { path: { ticket_id: 2 }, query: { include: ["users", "dates"] } },
      }),
    );
    // `users` is typed as present: no optional chaining needed.
    const ids = shown.users.map((user) => user.id);
    expect(ids).toContain(must(shown.ticket.requester_id));
    expect(ids).toContain(must(shown.ticket.submitter_id));
    expect(new Set(ids).size).toBe(ids.length);
    const [request] = sim.requests.find("GET", "/api/v2/tickets/2");
    expect(request?.query).toMatchObject({ include: "users,dates" });

    const plain = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 2 } } }));
    expect(plain).not.toHaveProperty("users");
  });
});
