// nock intercepts fetch for https://acme.zendesk.com; kept in its own file because its
// interceptor also touches requests it lets through to the loopback servers of other tests.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createZendeskClient, unwrap } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { BASIC, EMAIL, PASSWORD, TOKEN, ticket } from "./helpers.js";

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe("auth and base URL", () => {
  test("subdomain: https://{subdomain}.zendesk.com with an API token as basic auth", async () => {
    const scope = nock("https://acme.zendesk.com")
      .get("/api/v2/tickets/7")
      .matchHeader("authorization", `Basic ${BASIC}`)
      .reply(200, { ticket: ticket(7) });
    const client = createZendeskClient<paths, typeof operations>({
      subdomain: "acme",
      auth: { email: EMAIL, apiToken: TOKEN },
      operations,
    });
    const { ticket: got } = unwrap(
      await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 7 } } }),
    );
    expect(got.id).toBe(7);
    expect(scope.isDone()).toBe(true);
  });

  test("OAuth token as Bearer", async () => {
    const scope = nock("https://acme.zendesk.com")
      .get("/api/v2/tickets/1")
      .matchHeader("authorization", "Bearer oauth-tok")
      .reply(200, { ticket: ticket(1) });
    const client = createZendeskClient<paths>({ subdomain: "acme", auth: { oauthToken: "oauth-tok" } });
    const result = await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    expect(result.data?.ticket.id).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  test("email and password as basic auth, UTF-8 encoded", async () => {
    const password = `${PASSWORD}-é`;
    const expected = Buffer.from(`${EMAIL}:${password}`, "utf8").toString("base64");
    const scope = nock("https://acme.zendesk.com")
      .get("/api/v2/tickets/1")
      .matchHeader("authorization", `Basic ${expected}`)
      .reply(200, { ticket: ticket(1) });
    const client = createZendeskClient<paths>({ subdomain: "acme", auth: { email: EMAIL, password } });
    const result = await client.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } });
    expect(result.response.status).toBe(200);
    expect(scope.isDone()).toBe(true);
  });
});
