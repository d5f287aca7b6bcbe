/** Core's bulk engine suite (bulk-engine.shared.ts) through tickets' `createMany`. */
import { createTicketsClient } from "@zenfetch/tickets";
import { describeBulkEngine } from "./bulk-engine.shared.js";
import { clientOptions, range } from "./helpers.js";

describeBulkEngine({
  name: "tickets createMany",
  seed: { tickets: 20 },
  route: { method: "POST", path: "/api/v2/tickets/create_many" },
  items: (count, invalid) =>
    range(0, count - 1).map((i) => ({
      // A blank subject is refused by the job, item by item.
      subject: invalid?.has(i) ? "" : `Engine ticket ${i}`,
      comment: { body: `Item ${i} of the shared bulk suite.` },
    })),
  itemError: "TicketCreateFailed",
  stored: (sim) => sim.state.tickets.size,
  run: (sim, items, options, client) =>
    createTicketsClient(clientOptions(sim, client)).createMany(items as never, options),
});
