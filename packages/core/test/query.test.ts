// How a call's query parameters reach Zendesk: lists comma-separated, as Zendesk reads `include` and `ids`, and
// repeated under a name ending in `[]` (`role[]`, `filter_events[]`), as Zendesk reads those: for a single call,
// for every page `paginate` asks for, and for the batches of a bulk helper.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, onTestFinished, test } from "vitest";
import { createZendeskClient } from "../src/index.js";
import { EMAIL, TOKEN } from "./helpers.js";

type Role = "end-user" | "agent" | "admin";
interface paths {
  "/api/v2/users": {
    get: {
      parameters: {
        query?: { include?: ("organizations" | "groups")[]; "role[]"?: Role[]; "page[size]"?: number };
      };
      responses: { 200: { content: { "application/json": { users: { id: number }[]; meta?: unknown } } } };
    };
  };
}

const operations = { "GET /api/v2/users": { pagination: { style: "cursor", items: "users" } } } as const;

/** A loopback server that answers one page of users and keeps each request's raw query string. */
async function server() {
  const queries: string[] = [];
  const http = createServer((request, response) => {
    queries.push((request.url ?? "").split("?")[1] ?? "");
    response.writeHead(200, { "content-type": "application/json" });
    response.end(JSON.stringify({ users: [{ id: 1 }], meta: { has_more: false, after_cursor: null } }));
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  onTestFinished(() => new Promise<void>((resolve) => http.close(() => resolve())));
  const { port } = http.address() as AddressInfo;
  const client = createZendeskClient<paths, typeof operations>({
    baseUrl: `http://127.0.0.1:${port}`,
    auth: { email: EMAIL, apiToken: TOKEN },
    operations,
  });
  return { client, queries };
}

const decoded = (query: string | undefined) => decodeURIComponent(query ?? "");

describe("query parameters", () => {
  test("a list is one comma-separated value; a `name[]` list is repeated", async () => {
    const { client, queries } = await server();
    await client.GET("/api/v2/users", {
      params: { query: { include: ["organizations", "groups"], "role[]": ["agent", "admin"] } },
    });
    expect(decoded(queries[0])).toBe("include=organizations,groups&role[]=agent&role[]=admin");
  });

  test("one value under a `name[]` is sent once", async () => {
    const { client, queries } = await server();
    await client.GET("/api/v2/users", { params: { query: { "role[]": ["end-user"] } } });
    expect(decoded(queries[0])).toBe("role[]=end-user");
  });

  test("paginate sends the pages' queries the same way", async () => {
    const { client, queries } = await server();
    const users: { id: number }[] = [];
    for await (const user of client.paginate("/api/v2/users", {
      params: { query: { include: ["groups", "organizations"], "role[]": ["agent", "admin"] } },
    })) {
      users.push(user);
    }
    expect(users).toEqual([{ id: 1 }]);
    const query = decoded(queries[0]);
    expect(query).toContain("include=groups,organizations");
    expect(query).toContain("role[]=agent&role[]=admin");
  });
});
