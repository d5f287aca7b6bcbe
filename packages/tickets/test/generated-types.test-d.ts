import createClient from "openapi-fetch";
import { expectTypeOf, test } from "vitest";
import type { paths } from "../src/generated/schema.js";

// Type tests against the generated types: openapi-fetch on the literal paths,
// as users call it. Each @ts-expect-error must be needed, or the build fails.
const client = createClient<paths>({ baseUrl: "https://acme.zendesk.com" });

test("a correct call compiles and its data is typed", async () => {
  const { data } = await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 35436 } } });
  expectTypeOf(data?.ticket?.subject).toEqualTypeOf<string | null | undefined>();

  await client.POST("/api/v2/tickets", {
    body: { ticket: { subject: "Printer on fire", comment: { body: "The printer is on fire." } } },
  });
});

test("a path that is not in the spec does not compile", async () => {
  // @ts-expect-error no such path
  await client.GET("/api/v2/ticket/{ticket_id}", { params: { path: { ticket_id: 1 } } });
});

test("a parameter of the wrong type does not compile", async () => {
  // @ts-expect-error ticket_id is a number
  await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: "35436" } } });
});

test("a body missing a required field does not compile", async () => {
  // @ts-expect-error `ticket` is required
  await client.POST("/api/v2/tickets", { body: {} });
});
