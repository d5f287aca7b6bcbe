import { describe, expectTypeOf, test } from "vitest";
import {
  createTicketsClient,
  createZendeskClient,
  type Organization,
  type Ticket,
  type TicketCreateInput,
  type TicketWithSideloads,
  ticketField,
  ticketFieldValues,
  tickets,
  ticketsOf,
  type User,
} from "../src/index.js";

// An app's own fields, declared once. Each @ts-expect-error must be needed, or the type check fails.
type MyFields = {
  ticket: { 360001: string; 360002: number; 360003: ("a" | "b")[] };
  user: { plan: "gold" | "silver"; seats: number };
  organization: { region: "eu" | "us" };
};
type Loose = string | number | boolean | string[] | null;
const auth = { email: "ops@acme.test", apiToken: "t" };
const typed = createZendeskClient({ subdomain: "acme", auth, domains: [ticketsOf<MyFields>()] });
const plain = createTicketsClient({ subdomain: "acme", auth });
const show = { params: { path: { ticket_id: 1 } } };

describe("reads", () => {
  test("a declared ticket field reads back with its type; an undeclared one is admitted, loosely", async () => {
    const { data } = await typed.GET("/api/v2/tickets/{ticket_id}", show);
    if (!data) return;
    const ticket = data.ticket;
    expectTypeOf(ticketField(ticket, 360001)).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(ticketField(ticket, 360002)).toEqualTypeOf<number | null | undefined>();
    expectTypeOf(ticketField(ticket, 360003)).toEqualTypeOf<("a" | "b")[] | null | undefined>();
    expectTypeOf(ticketField(ticket, 999)).toEqualTypeOf<Loose | undefined>();
    expectTypeOf(ticketFieldValues(ticket)[360002]).toEqualTypeOf<number | null | undefined>();
    expectTypeOf(ticketFieldValues(ticket)[999]).toEqualTypeOf<Loose | undefined>();
    // Every field of the account comes back, so an element may be any id with a loose value.
    expectTypeOf(ticket.custom_fields?.[0]?.id).toEqualTypeOf<number | undefined>();
    expectTypeOf(ticket).toExtend<TicketWithSideloads<MyFields>>();
    expectTypeOf(ticketField({} as Ticket<MyFields>, 360001)).toEqualTypeOf<string | null | undefined>();
  });

  test("user and organization fields are typed by key wherever a user or organization appears", async () => {
    const { data } = await typed.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 }, query: { include: ["users", "organizations"] } },
    });
    const user = data?.users?.[0];
    const org = data?.organizations?.[0];
    if (!user?.user_fields || !org?.organization_fields) return;
    expectTypeOf(user.user_fields.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
    expectTypeOf(user.user_fields.seats).toEqualTypeOf<number | null | undefined>();
    expectTypeOf(user.user_fields.other).toEqualTypeOf<Loose | undefined>();
    expectTypeOf(org.organization_fields.region).toEqualTypeOf<"eu" | "us" | null | undefined>();
    expectTypeOf(user).toExtend<User<MyFields>>();
    expectTypeOf(org).toExtend<Organization<MyFields>>();
  });
});

describe("writes", () => {
  test("a create body pairs each declared id with its type", () => {
    typed.POST("/api/v2/tickets", {
      body: { ticket: { comment: { body: "x" }, custom_fields: [{ id: 360001, value: "text" }] } },
    });
    typed.POST("/api/v2/tickets", {
      // @ts-expect-error 360002 is a number field
      body: { ticket: { comment: { body: "x" }, custom_fields: [{ id: 360002, value: "text" }] } },
    });
    typed.PUT("/api/v2/tickets/{ticket_id}", {
      ...show,
      // @ts-expect-error 360003 takes a list of its option tags
      body: { ticket: { custom_fields: [{ id: 360003, value: ["c"] }] } },
    });
    // null clears a field.
    typed.PUT("/api/v2/tickets/{ticket_id}", {
      ...show,
      body: { ticket: { custom_fields: [{ id: 360003, value: null }] } },
    });
  });

  test("an undeclared id is refused in a write: declare the fields an app sets", () => {
    typed.POST("/api/v2/tickets", {
      // @ts-expect-error 999 is not in MyFields["ticket"]
      body: { ticket: { comment: { body: "x" }, custom_fields: [{ id: 999, value: "text" }] } },
    });
  });

  test("the bulk helpers take the same typed items", () => {
    typed.tickets.createMany([{ comment: { body: "x" }, custom_fields: [{ id: 360002, value: 3 }] }]);
    // @ts-expect-error 360001 is a text field
    typed.tickets.createMany([{ comment: { body: "x" }, custom_fields: [{ id: 360001, value: 3 }] }]);
    // @ts-expect-error 360002 is a number field
    typed.tickets.updateMany([1, 2], { custom_fields: [{ id: 360002, value: "3" }] });
    const item: TicketCreateInput<MyFields> = { comment: { body: "x" }, custom_fields: [{ id: 360001, value: "t" }] };
    typed.tickets.createMany([item]);
  });
});

describe("without a field map", () => {
  test("the loose types stay as they were", async () => {
    const { data } = await plain.GET("/api/v2/tickets/{ticket_id}", show);
    if (!data) return;
    const ticket = data.ticket;
    expectTypeOf(ticket.custom_fields).toEqualTypeOf<{ id: number; value: Loose }[]>();
    expectTypeOf(ticketField(ticket, 360001)).toEqualTypeOf<Loose | undefined>();
    plain.POST("/api/v2/tickets", {
      body: { ticket: { comment: { body: "x" }, custom_fields: [{ id: 999, value: 1 }] } },
    });
    const multi = createZendeskClient({ subdomain: "acme", auth, domains: [tickets] });
    const shown = (await multi.GET("/api/v2/tickets/{ticket_id}", show)).data?.ticket;
    expectTypeOf(shown?.custom_fields).toEqualTypeOf<{ id: number; value: Loose }[] | undefined>();
  });
});

describe("two accounts with different fields in one app", () => {
  type OtherFields = { ticket: { 777: boolean } };
  const other = createTicketsClient<OtherFields>({ subdomain: "other", auth });

  test("each client reads and writes with its own map", async () => {
    const mine = (await typed.GET("/api/v2/tickets/{ticket_id}", show)).data?.ticket;
    const theirs = (await other.GET("/api/v2/tickets/{ticket_id}", show)).data?.ticket;
    if (!mine || !theirs) return;
    expectTypeOf(ticketField(mine, 360001)).toEqualTypeOf<string | null | undefined>();
    expectTypeOf(ticketField(theirs, 777)).toEqualTypeOf<boolean | null | undefined>();
    expectTypeOf(ticketField(theirs, 360001)).toEqualTypeOf<Loose | undefined>();
    other.PUT("/api/v2/tickets/{ticket_id}", {
      ...show,
      body: { ticket: { custom_fields: [{ id: 777, value: true }] } },
    });
    other.PUT("/api/v2/tickets/{ticket_id}", {
      ...show,
      // @ts-expect-error 360001 is the first account's field, not this one's
      body: { ticket: { custom_fields: [{ id: 360001, value: "x" }] } },
    });
  });
});
