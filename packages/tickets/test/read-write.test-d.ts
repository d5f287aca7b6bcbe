import { describe, expectTypeOf, test } from "vitest";
import {
  createTicketsClient,
  type Ticket,
  type TicketComment,
  type TicketCreateInput,
  type User,
} from "../src/index.js";

// What Zendesk always sends is required in responses; what it sets itself is refused in request bodies; what
// it only accepts (write-only) is absent from responses. Each @ts-expect-error must be needed.
const zendesk = createTicketsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken: "t" } });

describe("responses: what Zendesk always sends is there", () => {
  test("a shown ticket's id, url, timestamps and subject need no `!`", async () => {
    const { data } = await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    if (!data) return;
    const id: number = data.ticket.id;
    const url: string = data.ticket.url;
    const created: string = data.ticket.created_at;
    const updated: string = data.ticket.updated_at;
    const status: Ticket["status"] = data.ticket.status;
    // Always sent, null when unset.
    const subject: string | null = data.ticket.subject;
    const assignee: number | null = data.ticket.assignee_id;
    expectTypeOf(data.ticket.tags).toEqualTypeOf<string[]>();
    expectTypeOf([id, url, created, updated, status, subject, assignee]).toBeArray();
  });

  test("a field Zendesk only sometimes sends stays optional", async () => {
    const { data } = await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    if (!data) return;
    // Only on accounts with satisfaction ratings on.
    expectTypeOf(data.ticket.satisfaction_rating).toExtend<object | null | undefined>();
    expectTypeOf<undefined>().toExtend<typeof data.ticket.satisfaction_rating>();
    // @ts-expect-error the rating may be absent, so it cannot be read without a check
    data.ticket.satisfaction_rating.score;
    expectTypeOf(data.ticket.satisfaction_rating?.score).toExtend<string | undefined>();
  });

  test("write-only properties are not in responses", async () => {
    const { data } = await zendesk.POST("/api/v2/tickets", {
      body: { ticket: { subject: "Printer", comment: { body: "On fire" } } },
    });
    if (!data) return;
    // @ts-expect-error `comment` is accepted on create and never sent back
    data.ticket.comment;
    // @ts-expect-error `collaborators` is write-only: read collaborator_ids
    data.ticket.collaborators;
    expectTypeOf(data.ticket.collaborator_ids).toEqualTypeOf<number[]>();
  });

  test("named types are the response views, used without `!`", () => {
    expectTypeOf<Ticket["id"]>().toEqualTypeOf<number>();
    expectTypeOf<Ticket["created_at"]>().toEqualTypeOf<string>();
    expectTypeOf<User["id"]>().toEqualTypeOf<number>();
    expectTypeOf<User["email"]>().toEqualTypeOf<string | null>();
    expectTypeOf<TicketComment["id"]>().toEqualTypeOf<number>();
    expectTypeOf<TicketComment["attachments"][number]["content_url"]>().toEqualTypeOf<string>();
  });

  test("paginate yields the same response view", async () => {
    for await (const ticket of zendesk.paginate("/api/v2/tickets")) {
      expectTypeOf(ticket.id).toEqualTypeOf<number>();
      expectTypeOf(ticket.requester_id).toEqualTypeOf<number>();
    }
  });
});

describe("request bodies: what Zendesk sets is refused", () => {
  test("a create body takes no id, url or timestamps", () => {
    zendesk.POST("/api/v2/tickets", { body: { ticket: { subject: "x", comment: { body: "x" } } } });
    // @ts-expect-error Zendesk numbers a ticket itself
    zendesk.POST("/api/v2/tickets", { body: { ticket: { id: 1, subject: "x", comment: { body: "x" } } } });
    // @ts-expect-error the url is Zendesk's
    zendesk.POST("/api/v2/tickets", { body: { ticket: { url: "u", subject: "x", comment: { body: "x" } } } });
    const created_at = "2024-01-01T00:00:00Z";
    // @ts-expect-error created_at is set by Zendesk (imports take it: POST /api/v2/imports/tickets)
    zendesk.POST("/api/v2/tickets", { body: { ticket: { created_at, comment: { body: "x" } } } });
    const input: TicketCreateInput = { subject: "x", comment: { body: "x" } };
    expectTypeOf(input).not.toHaveProperty("id");
  });

  test("an update body takes no id either: the ticket is the path's", () => {
    const path = { ticket_id: 1 };
    zendesk.PUT("/api/v2/tickets/{ticket_id}", { params: { path }, body: { ticket: { status: "solved" } } });
    // @ts-expect-error id is not a ticket property you can set
    zendesk.PUT("/api/v2/tickets/{ticket_id}", { params: { path }, body: { ticket: { id: 2, status: "solved" } } });
  });
});
