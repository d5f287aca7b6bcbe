import { describe, expectTypeOf, test } from "vitest";
import { createTicketsClient, type paths, type TicketAudit, type TicketSideloads, type User } from "../src/index.js";

// A response typed by the `include` a call asks for. Each @ts-expect-error must be needed, or typecheck fails.
const zendesk = createTicketsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken: "t" } });
/** Every value show ticket's `include` offers. */
type TicketInclude = NonNullable<
  NonNullable<paths["/api/v2/tickets/{ticket_id}"]["get"]["parameters"]["query"]>["include"]
>[number];
/** `true` when a property cannot be undefined: the response has it. */
type Present<T> = undefined extends T ? false : true;

describe("show ticket", () => {
  test("the sideloads and fields asked for are present, without `as const`", async () => {
    const { data } = await zendesk.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 }, query: { include: ["users", "dates", "incident_counts"] } },
    });
    if (!data) return;
    expectTypeOf(data.users).toEqualTypeOf<User[]>();
    expectTypeOf<Present<typeof data.ticket.dates>>().toEqualTypeOf<true>();
    expectTypeOf(data.ticket.incident_count).toEqualTypeOf<number>();
    // The ticket's own properties are as before.
    expectTypeOf(data.ticket.id).toEqualTypeOf<number>();
    // @ts-expect-error groups were not asked for: not in the type
    data.groups;
    // @ts-expect-error slas were not asked for
    data.ticket.slas;
  });

  test("without include, no sideload is in the type", async () => {
    const { data } = await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    if (!data) return;
    expectTypeOf(data.ticket.subject).toEqualTypeOf<string | null>();
    // @ts-expect-error users were not asked for
    data.users.length;
    // @ts-expect-error dates were not asked for
    data.ticket.dates;
  });

  test("an include value the operation does not offer is refused", () => {
    // @ts-expect-error "user" is not a ticket sideload
    zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 }, query: { include: ["user"] } } });
    zendesk.GET("/api/v2/tickets/{ticket_id}/audits", {
      // @ts-expect-error the audits offer no "dates"
      params: { path: { ticket_id: 1 }, query: { include: ["dates"] } },
    });
  });

  test("an include list typed with every value (built at run time) leaves every sideload optional", async () => {
    const include: TicketInclude[] = [];
    const { data } = await zendesk.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 }, query: { include } },
    });
    if (!data) return;
    expectTypeOf(data.users).toEqualTypeOf<User[] | undefined>();
    expectTypeOf(data.ticket.incident_count).toEqualTypeOf<number | undefined>();
  });

  test("a list typed with some of the values asks for those", async () => {
    const include: ("users" | "slas")[] = ["users"];
    const { data } = await zendesk.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 }, query: { include } },
    });
    if (!data) return;
    expectTypeOf(data.users).toEqualTypeOf<User[]>();
    expectTypeOf<Present<typeof data.ticket.slas>>().toEqualTypeOf<true>();
  });
});

describe("lists", () => {
  test("list tickets: the sideload beside the tickets, the fields on each ticket", async () => {
    const { data } = await zendesk.GET("/api/v2/tickets", {
      params: { query: { include: ["groups", "comment_count", "slas"] } },
    });
    if (!data) return;
    expectTypeOf(data.groups).toEqualTypeOf<NonNullable<TicketSideloads["groups"]>>();
    const [ticket] = data.tickets;
    if (!ticket) return;
    expectTypeOf(ticket.comment_count).toEqualTypeOf<number>();
    expectTypeOf<Present<typeof ticket.slas>>().toEqualTypeOf<true>();
    // @ts-expect-error users were not asked for
    data.users;
    // @ts-expect-error dates were not asked for
    ticket.dates;
  });

  test("a value that is one string (comments' users) and the audits' sideloads", async () => {
    const comments = await zendesk.GET("/api/v2/tickets/{ticket_id}/comments", {
      params: { path: { ticket_id: 1 }, query: { include: "users" } },
    });
    if (comments.data) expectTypeOf(comments.data.users).toEqualTypeOf<User[]>();
    const audits = await zendesk.GET("/api/v2/tickets/{ticket_id}/audits", {
      params: { path: { ticket_id: 1 }, query: { include: ["tickets"] } },
    });
    if (!audits.data) return;
    expectTypeOf(audits.data.audits).toEqualTypeOf<TicketAudit[]>();
    expectTypeOf(audits.data.tickets).toBeArray();
    // @ts-expect-error users were not asked for
    audits.data.users;
  });

  test("an operation without include is typed as before", async () => {
    const { data } = await zendesk.GET("/api/v2/tickets/count");
    if (data) expectTypeOf(data).not.toBeAny();
  });
});

describe("paginate", () => {
  test("pages carry the sideloads asked for, items the fields asked for", async () => {
    const listed = zendesk.paginate("/api/v2/tickets", { params: { query: { include: ["users", "dates"] } } });
    for await (const page of listed.pages()) {
      expectTypeOf(page.users).toEqualTypeOf<User[]>();
      // @ts-expect-error groups were not asked for
      page.groups;
    }
    for await (const ticket of listed) {
      expectTypeOf<Present<typeof ticket.dates>>().toEqualTypeOf<true>();
      expectTypeOf(ticket.id).toEqualTypeOf<number>();
      // @ts-expect-error slas were not asked for
      ticket.slas;
    }
  });

  test("without include, no sideload is in the pages' type; a value the list does not offer is refused", async () => {
    for await (const page of zendesk.paginate("/api/v2/tickets").pages()) {
      // @ts-expect-error users were not asked for
      page.users;
      expectTypeOf(page.tickets[0]?.id).toEqualTypeOf<number | undefined>();
    }
    // @ts-expect-error no such include value
    zendesk.paginate("/api/v2/tickets", { params: { query: { include: ["nope"] } } });
  });
});
