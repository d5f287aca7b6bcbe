/**
 * The README's recipe for an endpoint zenfetch does not cover yet: paths typed by hand, pagination metadata by
 * hand, and core's client pages through it as it does for a generated domain. Run against a loopback server.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createZendeskClient } from "@zenfetch/core";
import { expect, test } from "vitest";

interface GroupPaths {
  "/api/v2/groups": {
    get: {
      parameters: { query?: { "page[size]"?: number; "page[after]"?: string } };
      responses: {
        200: {
          content: {
            "application/json": {
              groups: { id: number; name: string }[];
              meta: { has_more: boolean; after_cursor: string | null };
            };
          };
        };
      };
    };
  };
}
const operations = { "GET /api/v2/groups": { pagination: { style: "cursor", items: "groups" } } } as const;

test("a client on hand-written paths pages with core's paginate", async () => {
  const server = createServer((request, response) => {
    const after = new URL(request.url ?? "/", "http://x").searchParams.get("page[after]");
    const page =
      after === null
        ? { groups: [{ id: 1, name: "Tier 1" }], meta: { has_more: true, after_cursor: "c2" } }
        : { groups: [{ id: 2, name: "Tier 2" }], meta: { has_more: false, after_cursor: null } };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const zendesk = createZendeskClient<GroupPaths, typeof operations>({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { oauthToken: "token" },
      operations,
    });
    const names: string[] = [];
    for await (const group of zendesk.paginate("/api/v2/groups")) names.push(group.name);
    expect(names).toEqual(["Tier 1", "Tier 2"]);
  } finally {
    server.close();
  }
});
