import type { JobStatus as CoreJobStatus, JobStatusResult as CoreJobStatusResult } from "@zenfetch/core";
import { describe, expectTypeOf, test } from "vitest";
import {
  type Audit,
  type BulkResult,
  type Comment,
  type components,
  createTicketsClient,
  type JobStatus,
  type JobStatusResult,
  type Readable,
  type Ticket,
  type TicketAudit,
  type TicketComment,
  type TicketCreateInput,
  type TicketUpdateManyChanges,
  type TicketUpdateManyItem,
  type TicketWithSideloads,
  type User,
  type Writable,
} from "../src/index.js";

// Type tests of the package's public surface. Each @ts-expect-error must be needed, or typecheck fails.
const zendesk = createTicketsClient({ subdomain: "acme", auth: { email: "ops@acme.test", apiToken: "t" } });
const input: TicketCreateInput[] = [{ subject: "Printer on fire", comment: { body: "It is on fire." } }];

describe("named types", () => {
  test("are the generated schemas", () => {
    expectTypeOf<Ticket>().toEqualTypeOf<Readable<components["schemas"]["Ticket"]>>();
    expectTypeOf<TicketCreateInput>().toEqualTypeOf<Writable<components["schemas"]["TicketCreateInput"]>>();
    expectTypeOf<User>().toEqualTypeOf<Readable<components["schemas"]["User"]>>();
    expectTypeOf<Comment>().toEqualTypeOf<TicketComment>();
    expectTypeOf<Comment>().toEqualTypeOf<Readable<components["schemas"]["TicketComment"]>>();
    expectTypeOf<Audit>().toEqualTypeOf<TicketAudit>();
  });

  test("JobStatus and JobStatusResult are the ones core's waitForJob returns", () => {
    expectTypeOf<JobStatus>().toEqualTypeOf<CoreJobStatus>();
    expectTypeOf<JobStatusResult>().toEqualTypeOf<CoreJobStatusResult>();
    expectTypeOf(zendesk.waitForJob("j1")).resolves.toEqualTypeOf<JobStatus>();
  });

  test("a create input needs its comment and takes only the spec's values", () => {
    // @ts-expect-error `comment` is required
    const noComment: TicketCreateInput = { subject: "x" };
    // @ts-expect-error priority is one of urgent, high, normal, low
    const badPriority: TicketCreateInput = { comment: { body: "x" }, priority: "critical" };
    expectTypeOf(noComment).toEqualTypeOf(badPriority);
  });
});

describe("bulk helpers", () => {
  test("createMany takes TicketCreateInput[] and resolves to BulkResult<number>[] (ticket ids)", () => {
    expectTypeOf(zendesk.createMany(input)).resolves.toEqualTypeOf<BulkResult<number>[]>();
    // @ts-expect-error subject is a string
    zendesk.createMany([{ subject: 42, comment: { body: "x" } }]);
    // @ts-expect-error comment is required on each ticket
    zendesk.createMany([{ subject: "x" }]);
    // @ts-expect-error not an array
    zendesk.createMany(input[0]);
  });

  test("a result says success, the input index, the ticket id and Zendesk's error fields", () => {
    expectTypeOf<BulkResult["success"]>().toEqualTypeOf<boolean>();
    expectTypeOf<BulkResult["index"]>().toEqualTypeOf<number>();
    expectTypeOf<BulkResult<number>["id"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<BulkResult["id"]>().toEqualTypeOf<number | string | undefined>();
    expectTypeOf<BulkResult["error"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BulkResult["details"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf<BulkResult["jobId"]>().toEqualTypeOf<string | undefined>();
  });

  test("updateMany: each ticket with its own changes, or one change for many ids", () => {
    const each: TicketUpdateManyItem[] = [{ id: 1, status: "solved", additional_tags: ["done"] }];
    const changes: TicketUpdateManyChanges = { priority: "high", remove_tags: ["old"] };
    expectTypeOf(zendesk.updateMany(each)).resolves.toEqualTypeOf<BulkResult<number>[]>();
    expectTypeOf(zendesk.updateMany([1, 2, 3], changes, { concurrency: 2 })).resolves.toEqualTypeOf<
      BulkResult<number>[]
    >();
    // @ts-expect-error each ticket needs its id
    zendesk.updateMany([{ status: "solved" }]);
    // @ts-expect-error ids are numbers
    zendesk.updateMany(["1", "2"], changes);
    // @ts-expect-error status is one of the ticket statuses
    zendesk.updateMany([1, 2], { status: "done" });
    // @ts-expect-error the ids form needs the changes
    zendesk.updateMany([1, 2], undefined, {});
  });

  test("destroyMany takes ticket ids; options are typed", () => {
    expectTypeOf(zendesk.destroyMany([1, 2])).resolves.toEqualTypeOf<BulkResult<number>[]>();
    // @ts-expect-error ids are numbers
    zendesk.destroyMany(["1"]);
    // @ts-expect-error concurrency is a number
    zendesk.destroyMany([1], { concurrency: "3" });
    zendesk.destroyMany([1], {
      signal: AbortSignal.timeout(1_000),
      batchSize: 50,
      wait: { intervalMs: 500, timeoutMs: 60_000 },
      onProgress: (p) => expectTypeOf(p.results).toEqualTypeOf<BulkResult<number>[]>(),
    });
  });

  test("markManyAsSpam and importMany come from the spec's metadata, typed like the others", () => {
    expectTypeOf(zendesk.markManyAsSpam([1, 2])).resolves.toEqualTypeOf<BulkResult<number>[]>();
    // @ts-expect-error ids are numbers
    zendesk.markManyAsSpam(["1"]);
    expectTypeOf(zendesk.importMany([{ subject: "Old" }])).resolves.toEqualTypeOf<BulkResult<number>[]>();
    zendesk.importMany([{ subject: "Old" }], { params: { query: { archive_immediately: true } } });
    // @ts-expect-error archive_immediately is a boolean
    zendesk.importMany([], { params: { query: { archive_immediately: "yes" } } });
    // @ts-expect-error destroyMany takes no other query parameter
    zendesk.destroyMany([1], { params: { query: { ids: "1" } } });
  });
});

describe("typed calls on literal paths", () => {
  test("paginate over /api/v2/tickets yields Tickets (with their sideload fields)", async () => {
    for await (const ticket of zendesk.paginate("/api/v2/tickets", { pageSize: 100 })) {
      // The same type as TicketWithSideloads, both ways (openapi-fetch rebuilds it as a mapped type).
      expectTypeOf(ticket).toExtend<TicketWithSideloads>();
      expectTypeOf<TicketWithSideloads>().toExtend<typeof ticket>();
      expectTypeOf(ticket).toExtend<Ticket>();
      // Zendesk sends subject on every ticket, null when there is none; id always.
      expectTypeOf(ticket.subject).toEqualTypeOf<string | null>();
      expectTypeOf(ticket.id).toEqualTypeOf<number>();
    }
  });

  test("paginate over a view's tickets, comments and audits yields Ticket, TicketComment, TicketAudit", async () => {
    for await (const t of zendesk.paginate("/api/v2/views/{view_id}/tickets", { params: { path: { view_id: 1 } } })) {
      expectTypeOf(t).toEqualTypeOf<Ticket>();
    }
    const path = { params: { path: { ticket_id: 1 } } };
    for await (const c of zendesk.paginate("/api/v2/tickets/{ticket_id}/comments", path)) {
      expectTypeOf(c).toEqualTypeOf<TicketComment>();
    }
    for await (const a of zendesk.paginate("/api/v2/tickets/{ticket_id}/audits", path)) {
      expectTypeOf(a).toEqualTypeOf<TicketAudit>();
    }
  });

  test("paginate refuses paths that do not page and missing path parameters", () => {
    // @ts-expect-error tags are not a paginated list
    zendesk.paginate("/api/v2/tickets/{ticket_id}/tags", { params: { path: { ticket_id: 1 } } });
    // @ts-expect-error view_id is required
    zendesk.paginate("/api/v2/views/{view_id}/tickets");
  });

  test("create takes an Idempotency-Key header parameter (a string)", async () => {
    const body = { ticket: input[0] as TicketCreateInput };
    await zendesk.POST("/api/v2/tickets", { body, params: { header: { "Idempotency-Key": "order-1" } } });
    // @ts-expect-error the key is a string
    await zendesk.POST("/api/v2/tickets", { body, params: { header: { "Idempotency-Key": 1 } } });
  });

  test("comments, collaborators and merge are typed", async () => {
    const path = { params: { path: { ticket_id: 1 } } };
    const { data } = await zendesk.GET("/api/v2/tickets/{ticket_id}/comments", path);
    expectTypeOf(data?.comments).toEqualTypeOf<TicketComment[] | undefined>();
    const { data: people } = await zendesk.GET("/api/v2/tickets/{ticket_id}/collaborators", path);
    expectTypeOf(people?.users).toEqualTypeOf<User[] | undefined>();
    const { data: merged } = await zendesk.POST("/api/v2/tickets/{ticket_id}/merge", {
      ...path,
      body: { ids: [2, 3] },
    });
    expectTypeOf(merged?.job_status).toEqualTypeOf<JobStatus | undefined>();
    // @ts-expect-error merge ids are numbers
    await zendesk.POST("/api/v2/tickets/{ticket_id}/merge", { ...path, body: { ids: ["2"] } });
  });
});
