// The multi-domain client is typed with every path of each domain, and each domain's helpers under its name.
import { createZendeskClient } from "@zenfetch/core";
import { customObjectsOf } from "@zenfetch/custom-objects";
import { incremental } from "@zenfetch/incremental";
import { type BulkResult, tickets } from "@zenfetch/tickets";
import { describe, expectTypeOf, test } from "vitest";

const auth = { email: "a@example.com", apiToken: "t" };
const zendesk = createZendeskClient({
  subdomain: "acme",
  auth,
  domains: [tickets, customObjectsOf<{ order: { amount: number } }>(), incremental],
});

describe("multi-domain client types", () => {
  test("paths of every domain are typed", () => {
    expectTypeOf(zendesk.GET).toBeCallableWith("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    expectTypeOf(zendesk.GET).toBeCallableWith("/api/v2/custom_objects/{custom_object_key}", {
      params: { path: { custom_object_key: "order" } },
    });
    expectTypeOf(zendesk.GET).toBeCallableWith("/api/v2/incremental/tickets/cursor", {
      params: { query: { start_time: 0 } },
    });
    // @ts-expect-error: no domain has this path
    zendesk.GET("/api/v2/not_a_path");
  });

  test("paginate knows every domain's lists", async () => {
    // (paginate is generic, so it is called rather than matched)
    const list = zendesk.paginate("/api/v2/tickets");
    for await (const ticket of list) expectTypeOf(ticket).toHaveProperty("subject");
    zendesk.paginate("/api/v2/custom_objects/{custom_object_key}/records", {
      params: { path: { custom_object_key: "order" } },
    });
    // @ts-expect-error: a path that does not page
    zendesk.paginate("/api/v2/tickets/{ticket_id}");
  });

  test("helpers live under each domain's name, typed as in the one-domain clients", () => {
    expectTypeOf(zendesk.tickets.createMany).returns.resolves.toEqualTypeOf<BulkResult<number>[]>();
    const order = zendesk.customObjects.records("order");
    expectTypeOf(order.create).parameter(0).toHaveProperty("custom_object_fields");
    // @ts-expect-error: helpers are not spread over the multi-domain client, where their names could clash
    zendesk.createMany;
  });
});
