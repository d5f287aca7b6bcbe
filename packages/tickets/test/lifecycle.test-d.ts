// The lifecycle helpers and lists: ids are numbers, results say what happened per id, lists page typed records.

import { createZendeskClient } from "@zenfetch/core";
import {
  type AccountTag,
  type BulkResult,
  createTicketsClient,
  type DeletedTicket,
  type RecoverSuspendedResult,
  type RestoreResult,
  type SuspendedTicket,
  type Ticket,
  type TicketProblem,
  tickets,
} from "@zenfetch/tickets";
import { expectTypeOf, test } from "vitest";

const zendesk = createTicketsClient({ subdomain: "acme", auth: { oauthToken: "token" } });

test("the helpers take number ids and resolve to one result per id", async () => {
  expectTypeOf(await zendesk.restore(5)).toEqualTypeOf<void>();
  expectTypeOf(await zendesk.restoreMany([1, 2])).toEqualTypeOf<RestoreResult[]>();
  expectTypeOf(await zendesk.destroyPermanently([1, 2])).toEqualTypeOf<BulkResult<number>[]>();
  expectTypeOf(await zendesk.recoverSuspended(3001)).toEqualTypeOf<Ticket>();
  expectTypeOf(await zendesk.recoverSuspendedMany([3001])).toEqualTypeOf<RecoverSuspendedResult[]>();
  expectTypeOf(await zendesk.destroySuspendedMany([3001], { batchSize: 50 })).toEqualTypeOf<void>();

  // @ts-expect-error ids are numbers
  void zendesk.restoreMany(["1"]);
  // @ts-expect-error one id, not a list
  void zendesk.recoverSuspended([3001]);
  // @ts-expect-error no such option
  void zendesk.recoverSuspendedMany([1], { concurrency: 2 });
});

test("a recover result narrows on `recovered`", async () => {
  const [result] = await zendesk.recoverSuspendedMany([3001]);
  if (result?.recovered) expectTypeOf(result.ticket).toEqualTypeOf<Ticket | undefined>();
  else if (result) {
    expectTypeOf(result.reason).toEqualTypeOf<string>();
    expectTypeOf(result.suspendedTicket).toEqualTypeOf<SuspendedTicket | undefined>();
  }
});

test("the lists page their records through paginate", () => {
  expectTypeOf(zendesk.paginate("/api/v2/deleted_tickets")).toMatchTypeOf<AsyncIterable<DeletedTicket>>();
  expectTypeOf(zendesk.paginate("/api/v2/suspended_tickets")).toMatchTypeOf<AsyncIterable<SuspendedTicket>>();
  expectTypeOf(zendesk.paginate("/api/v2/problems")).toMatchTypeOf<AsyncIterable<TicketProblem>>();
  expectTypeOf(zendesk.paginate("/api/v2/tags")).toMatchTypeOf<AsyncIterable<AccountTag>>();
  const requested = zendesk.paginate("/api/v2/users/{user_id}/tickets/requested", {
    params: { path: { user_id: 12 } },
  });
  expectTypeOf(requested).toMatchTypeOf<AsyncIterable<Ticket>>();
  void zendesk.paginate("/api/v2/organizations/{organization_id}/tickets", {
    // @ts-expect-error the organization id is a number
    params: { path: { organization_id: "a" } },
  });
});

test("a multi-domain client has them under `tickets`", async () => {
  const client = createZendeskClient({ subdomain: "acme", auth: { oauthToken: "token" }, domains: [tickets] });
  expectTypeOf(await client.tickets.restoreMany([1])).toEqualTypeOf<RestoreResult[]>();
});
