import { describe, expectTypeOf, test } from "vitest";
import {
  createIncrementalClient,
  exportTickets,
  exportUsers,
  type Group,
  type SideloadsFor,
  type Ticket,
  type TicketFor,
  type TicketInclude,
  type TicketPage,
  type TicketSideloads,
  type User,
  type UserInclude,
  type UserPage,
} from "../src/index.js";

// The include types of the exports come from the spec's include map. Each @ts-expect-error must be needed.
const client = createIncrementalClient({ subdomain: "acme", auth: { oauthToken: "t" } });
type Present<T> = undefined extends T ? false : true;

describe("include values", () => {
  test("are the spec's, for each export", () => {
    expectTypeOf<TicketInclude>().toEqualTypeOf<
      | "users"
      | "groups"
      | "organizations"
      | "metric_sets"
      | "metric_events"
      | "slas"
      | "dates"
      | "sharing_agreements"
      | "comment_count"
      | "incident_counts"
      | "ticket_forms"
    >();
    expectTypeOf<UserInclude>().toEqualTypeOf<
      "organizations" | "groups" | "identities" | "abilities" | "open_ticket_count"
    >();
  });
});

describe("ticket pages", () => {
  test("the fields an include value adds are on each ticket; the others are not", async () => {
    for await (const page of exportTickets(client, { startTime: 0, include: ["dates", "incident_counts", "groups"] })) {
      const [ticket] = page.items;
      if (!ticket) continue;
      expectTypeOf<Present<typeof ticket.dates>>().toEqualTypeOf<true>();
      expectTypeOf(ticket.incident_count).toEqualTypeOf<number>();
      expectTypeOf(ticket.subject).toEqualTypeOf<Ticket["subject"]>();
      expectTypeOf(ticket).toExtend<Ticket>();
      // @ts-expect-error slas were not asked for
      ticket.slas;
      expectTypeOf(page.sideloads.groups).toEqualTypeOf<Group[]>();
      // @ts-expect-error users were not asked for
      page.sideloads.users;
    }
  });

  test("TicketPage and SideloadsFor keep their meaning", () => {
    expectTypeOf<TicketPage<["users"]>["sideloads"]>().toEqualTypeOf<SideloadsFor<TicketSideloads, ["users"]>>();
    expectTypeOf<TicketPage<["users"]>["sideloads"]["users"]>().toEqualTypeOf<User[]>();
    expectTypeOf<TicketPage<["slas"]>["items"]>().toEqualTypeOf<TicketFor<["slas"]>[]>();
    expectTypeOf<Present<TicketFor<["slas"]>["slas"]>>().toEqualTypeOf<true>();
    // A list whose type does not say which values: the ticket as the spec describes it.
    expectTypeOf<TicketFor<TicketInclude[]>>().toEqualTypeOf<Ticket>();
    expectTypeOf<UserPage<["identities"]>["items"]>().toEqualTypeOf<User[]>();
  });

  test("an include value the export does not offer is refused", () => {
    // @ts-expect-error custom_statuses is not offered by the export
    exportTickets(client, { startTime: 0, include: ["custom_statuses"] });
    // @ts-expect-error tickets do not take the user export's identities
    exportTickets(client, { startTime: 0, include: ["identities"] });
    exportUsers(client, { startTime: 0, include: ["abilities"] });
  });
});
