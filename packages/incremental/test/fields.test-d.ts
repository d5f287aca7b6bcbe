import { createZendeskClient, ticketField, ticketsOf } from "@zenfetch/tickets";
import { describe, expectTypeOf, test } from "vitest";
import {
  createIncrementalClient,
  exportOrganizations,
  exportTickets,
  exportUsers,
  incremental,
  incrementalOf,
  type Ticket,
  type User,
} from "../src/index.js";

// An app's own fields, declared once. Each @ts-expect-error must be needed, or the type check fails.
type MyFields = {
  ticket: { 360001: string; 360002: number };
  user: { plan: "gold" | "silver" };
  organization: { region: "eu" | "us" };
};
type Loose = string | number | boolean | string[] | null;
const auth = { oauthToken: "t" };
const start = { startTime: 0 };

describe("exports with the app's field maps", () => {
  test("a typed incremental client's exports carry typed tickets, users and organizations", async () => {
    const zendesk = createIncrementalClient<MyFields>({ subdomain: "acme", auth });
    for await (const page of exportTickets(zendesk, { ...start, include: ["users"] })) {
      const ticket = page.items[0];
      if (!ticket) continue;
      expectTypeOf(ticketField(ticket, 360002)).toEqualTypeOf<number | null | undefined>();
      expectTypeOf(page.sideloads.users[0]?.user_fields?.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
      expectTypeOf(ticket).toExtend<Ticket<MyFields>>();
    }
    for await (const page of exportUsers(zendesk, start)) {
      expectTypeOf(page.items).toEqualTypeOf<User<MyFields>[]>();
    }
    for await (const page of exportOrganizations(zendesk, start)) {
      expectTypeOf(page.items[0]?.organization_fields?.region).toEqualTypeOf<"eu" | "us" | null | undefined>();
    }
  });

  test("one client for tickets and incremental, both with the same map", async () => {
    const zendesk = createZendeskClient({
      subdomain: "acme",
      auth,
      domains: [ticketsOf<MyFields>(), incrementalOf<MyFields>()],
    });
    const { data } = await zendesk.GET("/api/v2/incremental/tickets/cursor", { params: { query: { start_time: 0 } } });
    const exported = data?.tickets[0];
    if (exported) expectTypeOf(ticketField(exported, 360001)).toEqualTypeOf<string | null | undefined>();
    // On a client shared with other domains the export is told the map (TypeScript does not read it back
    // from the client's merged paths).
    for await (const page of exportTickets<[], MyFields>(zendesk, start)) {
      const ticket = page.items[0];
      if (ticket) expectTypeOf(ticketField(ticket, 360001)).toEqualTypeOf<string | null | undefined>();
    }
  });

  test("without a map, the loose types stay", async () => {
    const plain = createIncrementalClient({ subdomain: "acme", auth });
    const multi = createZendeskClient({ subdomain: "acme", auth, domains: [incremental] });
    for await (const page of exportTickets(plain, start)) {
      const ticket = page.items[0];
      if (ticket) expectTypeOf(ticketField(ticket, 360001)).toEqualTypeOf<Loose | undefined>();
      expectTypeOf(page.items).toExtend<Ticket[]>();
    }
    for await (const page of exportUsers(multi, start)) {
      expectTypeOf(page.items).toEqualTypeOf<User[]>();
    }
  });
});
