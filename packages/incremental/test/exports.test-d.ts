import { describe, expectTypeOf, test } from "vitest";
import {
  type Checkpoint,
  createIncrementalClient,
  exportOrganizations,
  type exportRoutingAttributes,
  type exportRoutingAttributeValues,
  type exportRoutingInstanceValues,
  exportTicketEvents,
  exportTicketMetricEvents,
  exportTickets,
  exportUsers,
  type Group,
  type Organization,
  type RoutingAttribute,
  type RoutingAttributeValue,
  type RoutingInstanceValue,
  type Ticket,
  type TicketEvent,
  type TicketInclude,
  type TicketMetricEvent,
  type TimeCheckpoint,
  type User,
  type UserIdentity,
} from "../src/index.js";

// Each @ts-expect-error must be needed, or the type check fails.
const client = createIncrementalClient({ subdomain: "acme", auth: { oauthToken: "t" } });
type PageOf<R> = R extends AsyncIterable<infer P> ? P : never;

describe("page items", () => {
  test("each export yields its record type", () => {
    expectTypeOf<PageOf<ReturnType<typeof exportTickets>>["items"]>().toEqualTypeOf<Ticket[]>();
    expectTypeOf<PageOf<ReturnType<typeof exportUsers>>["items"]>().toEqualTypeOf<User[]>();
    expectTypeOf<PageOf<ReturnType<typeof exportOrganizations>>["items"]>().toEqualTypeOf<Organization[]>();
    expectTypeOf<PageOf<ReturnType<typeof exportTicketEvents>>["items"]>().toEqualTypeOf<TicketEvent[]>();
    expectTypeOf<PageOf<ReturnType<typeof exportTicketMetricEvents>>["items"]>().toEqualTypeOf<TicketMetricEvent[]>();
    expectTypeOf<PageOf<ReturnType<typeof exportRoutingAttributes>>["items"]>().toEqualTypeOf<RoutingAttribute[]>();
    expectTypeOf<PageOf<ReturnType<typeof exportRoutingAttributeValues>>["items"]>().toEqualTypeOf<
      RoutingAttributeValue[]
    >();
    expectTypeOf<PageOf<ReturnType<typeof exportRoutingInstanceValues>>["items"]>().toEqualTypeOf<
      RoutingInstanceValue[]
    >();
  });

  test("in a for await loop", async () => {
    for await (const page of exportTickets(client, { startTime: new Date() })) {
      // Tickets, without the fields that only an include adds (see sideloads.test-d.ts).
      expectTypeOf(page.items).toExtend<Ticket[]>();
      expectTypeOf(page.items[0]?.status).toEqualTypeOf<
        "new" | "open" | "pending" | "hold" | "solved" | "closed" | "deleted" | undefined
      >();
      expectTypeOf(page.checkpoint).toEqualTypeOf<Checkpoint>();
      expectTypeOf(page.endOfStream).toEqualTypeOf<boolean>();
    }
  });

  test("time-based exports have time checkpoints", () => {
    const run = exportOrganizations(client, { startTime: 0 });
    expectTypeOf(run.checkpoint).toEqualTypeOf<TimeCheckpoint>();
    expectTypeOf(exportTickets(client, { startTime: 0 }).checkpoint).toEqualTypeOf<Checkpoint>();
  });
});

describe("include", () => {
  test("values are typed per export", () => {
    exportTickets(client, { startTime: 0, include: ["users", "groups", "slas"] });
    exportUsers(client, { startTime: 0, include: ["identities", "open_ticket_count"] });
    exportTicketEvents(client, { startTime: 0, include: ["comment_events"] });
    // @ts-expect-error not a ticket sideload
    exportTickets(client, { startTime: 0, include: ["user"] });
    // @ts-expect-error last_audits is not available on the exports
    exportTickets(client, { startTime: 0, include: ["last_audits"] });
    // @ts-expect-error a ticket sideload, not a user one
    exportUsers(client, { startTime: 0, include: ["metric_sets"] });
    // @ts-expect-error organizations take no include
    exportOrganizations(client, { startTime: 0, include: ["users"] });
    expectTypeOf<"users">().toExtend<TicketInclude>();
  });

  test("the sideloads asked for are on the page, typed; the others are not", async () => {
    for await (const page of exportTickets(client, { startTime: 0, include: ["users", "groups", "dates"] })) {
      expectTypeOf(page.sideloads.users).toEqualTypeOf<User[]>();
      expectTypeOf(page.sideloads.groups).toEqualTypeOf<Group[]>();
      // @ts-expect-error organizations were not asked for
      page.sideloads.organizations;
      // @ts-expect-error dates adds fields to each ticket; it is no sideload
      page.sideloads.dates;
    }
    for await (const page of exportUsers(client, { startTime: 0, include: ["identities", "open_ticket_count"] })) {
      expectTypeOf(page.sideloads.identities).toEqualTypeOf<UserIdentity[]>();
      expectTypeOf(page.sideloads.open_ticket_count).toEqualTypeOf<{ [key: string]: number }>();
    }
    for await (const page of exportTickets(client, { startTime: 0 })) {
      // @ts-expect-error nothing was asked for
      page.sideloads.users;
    }
  });
});

describe("options", () => {
  test("startTime or checkpoint, exactly one", () => {
    const saved = {} as Checkpoint;
    exportTickets(client, { checkpoint: saved });
    // @ts-expect-error both
    exportTickets(client, { startTime: 0, checkpoint: saved });
    // @ts-expect-error neither
    exportTickets(client, {});
    // @ts-expect-error a cursor checkpoint cannot resume a time-based export
    exportOrganizations(client, { checkpoint: saved });
    exportOrganizations(client, { checkpoint: { type: "time", startTime: 0 } });
    // @ts-expect-error a string is not a start time
    exportUsers(client, { startTime: "2024-01-01" });
  });

  test("options only where the API offers them", () => {
    exportTickets(client, { startTime: 0, excludeDeleted: true, perPage: 500 });
    // @ts-expect-error exclude_deleted is for tickets
    exportUsers(client, { startTime: 0, excludeDeleted: true });
    // @ts-expect-error the ticket event export has no per_page
    exportTicketEvents(client, { startTime: 0, perPage: 100 });
    exportTicketMetricEvents(client, { startTime: 0, includeChanges: true });
    // @ts-expect-error include_changes is for ticket metric events
    exportTickets(client, { startTime: 0, includeChanges: true });
  });
});
