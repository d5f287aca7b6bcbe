import { describe, expectTypeOf, test } from "vitest";
import {
  createZendeskClient,
  type JobStatus,
  type JobStatusResult,
  type PaginatedPath,
  type PaginationResume,
  unwrap,
  type ZendeskClient,
  type ZendeskClientOptions,
  type ZendeskError,
} from "../src/index.js";
import { type CustomObjectRecord, operations, type paths, type Ticket, type User } from "./fixtures.js";

type ItemOf<T> = T extends AsyncIterable<infer Item> ? Item : never;

// What a domain package does.
const createTestClient = (options: ZendeskClientOptions) =>
  createZendeskClient<paths, typeof operations>({ ...options, operations });
const client = createTestClient({ subdomain: "acme", auth: { oauthToken: "t" } });

describe("paginate item types", () => {
  test("each list yields the element type of the property its metadata names", () => {
    expectTypeOf<ItemOf<ReturnType<typeof client.paginate<"/api/v2/tickets">>>>().toEqualTypeOf<Ticket>();
    expectTypeOf(client.paginate("/api/v2/users")).toEqualTypeOf(client.paginate("/api/v2/users"));
    expectTypeOf<ItemOf<ReturnType<typeof client.paginate<"/api/v2/users">>>>().toEqualTypeOf<User>();
    expectTypeOf<ItemOf<ReturnType<typeof client.paginate<"/api/v2/groups">>>>().toEqualTypeOf<{
      id: number;
      name: string;
    }>();
  });

  test("paths with required parameters", () => {
    const records = client.paginate("/api/v2/custom_objects/{custom_object_key}/records", {
      params: { path: { custom_object_key: "car" } },
      maxItems: 10,
    });
    expectTypeOf<ItemOf<typeof records>>().toEqualTypeOf<CustomObjectRecord>();
    const exported = client.paginate("/api/v2/incremental/tickets", { params: { query: { start_time: 0 } } });
    expectTypeOf<ItemOf<typeof exported>>().toEqualTypeOf<Ticket>();
  });

  test("pages() yields whole response bodies", () => {
    const pages = client.paginate("/api/v2/users").pages();
    expectTypeOf<ItemOf<typeof pages>["users"]>().toEqualTypeOf<User[]>();
    expectTypeOf<ItemOf<typeof pages>["meta"]["has_more"]>().toEqualTypeOf<boolean>();
  });

  test("only paginated GETs are accepted", () => {
    expectTypeOf<PaginatedPath<paths, typeof operations>>().toEqualTypeOf<
      | "/api/v2/tickets"
      | "/api/v2/users"
      | "/api/v2/groups"
      | "/api/v2/incremental/tickets"
      | "/api/v2/incremental/tickets/cursor"
      | "/api/v2/custom_objects/{custom_object_key}/records"
    >();
    // @ts-expect-error a GET that does not page
    client.paginate("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    // @ts-expect-error a path with no GET at all
    client.paginate("/api/v2/custom_objects/{custom_object_key}/records/{custom_object_record_id}");
    // @ts-expect-error not a path of this API
    client.paginate("/api/v2/nope");
  });

  test("parameters are checked", () => {
    // @ts-expect-error the path parameter is required
    client.paginate("/api/v2/custom_objects/{custom_object_key}/records");
    // @ts-expect-error start_time is required for the time-based export
    client.paginate("/api/v2/incremental/tickets", { params: { query: {} } });
    // @ts-expect-error role is a string
    client.paginate("/api/v2/users", { params: { query: { role: 1 } } });
    // @ts-expect-error maxItems is a number
    client.paginate("/api/v2/users", { maxItems: "10" });
  });

  test("without an operations map nothing pages", () => {
    const bare = createZendeskClient<paths>({ subdomain: "acme", auth: { oauthToken: "t" } });
    // biome-ignore lint/complexity/noBannedTypes: the default, "no operations metadata"
    expectTypeOf(bare).toEqualTypeOf<ZendeskClient<paths, {}>>();
    // @ts-expect-error no metadata says /api/v2/tickets pages
    bare.paginate("/api/v2/tickets");
  });
});

describe("other helpers", () => {
  test("unwrap of an operation that answers 204 is undefined, not never", async () => {
    const deleted = unwrap(await client.DELETE("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } }));
    expectTypeOf(deleted).toEqualTypeOf<undefined>();
  });

  test("unwrap returns the success body", async () => {
    const data = unwrap(await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } }));
    expectTypeOf(data).toEqualTypeOf<{ ticket: Ticket }>();
  });

  test("GET keeps openapi-fetch's typing of paths and params", () => {
    // @ts-expect-error ticket_id is a number
    client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: "1" } } });
    // @ts-expect-error POST needs a body
    client.POST("/api/v2/tickets", {});
  });

  test("jobs resolve to typed job statuses", async () => {
    const job = await client.waitForJob("id");
    expectTypeOf(job).toEqualTypeOf<JobStatus>();
    expectTypeOf(job.status).toEqualTypeOf<"queued" | "working" | "failed" | "completed" | "killed">();
    expectTypeOf<Extract<JobStatus["results"], unknown[]>>().toEqualTypeOf<JobStatusResult[]>();
    expectTypeOf(job.results).toEqualTypeOf<JobStatus["results"]>();
    expectTypeOf(await client.waitForJobs(["a", "b"])).toEqualTypeOf<JobStatus[]>();
  });

  test("errors carry a typed resume point", () => {
    expectTypeOf<ZendeskError["resume"]>().toEqualTypeOf<PaginationResume | undefined>();
    expectTypeOf(client.paginate).parameter(1).toMatchTypeOf<{ resume?: PaginationResume } | undefined>();
  });
});
