// A multi-domain client types responses by `include` as each domain's own client does.
import { createZendeskClient } from "@zenfetch/core";
import { customObjectsOf } from "@zenfetch/custom-objects";
import { incremental } from "@zenfetch/incremental";
import { tickets, type User } from "@zenfetch/tickets";
import { describe, expectTypeOf, test } from "vitest";

const zendesk = createZendeskClient({
  subdomain: "acme",
  auth: { email: "a@example.com", apiToken: "t" },
  domains: [tickets, customObjectsOf<{ order: { amount: number } }>(), incremental],
});

describe("include on a multi-domain client", () => {
  test("each domain's include map applies to its paths", async () => {
    const shown = await zendesk.GET("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: 1 }, query: { include: ["users"] } },
    });
    if (shown.data) {
      expectTypeOf(shown.data.users).toEqualTypeOf<User[]>();
      // @ts-expect-error groups were not asked for
      shown.data.groups;
    }
    const triggers = await zendesk.GET("/api/v2/custom_objects/{custom_object_key}/triggers/search", {
      params: { path: { custom_object_key: "order" }, query: { query: "x", include: ["usage_7d"] } },
    });
    const [trigger] = triggers.data?.triggers ?? [];
    if (trigger) {
      expectTypeOf(trigger.usage_7d).toEqualTypeOf<number>();
      // @ts-expect-error usage_1h was not asked for
      trigger.usage_1h;
    }
    const users = await zendesk.GET("/api/v2/incremental/users/cursor", {
      params: { query: { start_time: 0, include: ["open_ticket_count"] } },
    });
    if (users.data) expectTypeOf(users.data.open_ticket_count).toEqualTypeOf<{ [key: string]: number }>();
  });
});
