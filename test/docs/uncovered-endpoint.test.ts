/**
 * The README's recipe for an endpoint zenfetch does not cover yet: paths typed by hand, pagination metadata by
 * hand, and core's client pages through it as it does for a generated domain. Run against a loopback server.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createZendeskClient } from "@zenfetch/core";
import { expect, test } from "vitest";

interface BrandPaths {
  "/api/v2/brands": {
    get: {
      parameters: { query?: { "page[size]"?: number; "page[after]"?: string } };
      responses: {
        200: {
          content: {
            "application/json": {
              brands: { id: number; name: string }[];
              meta: { has_more: boolean; after_cursor: string | null };
            };
          };
        };
      };
    };
  };
}
const operations = { "GET /api/v2/brands": { pagination: { style: "cursor", items: "brands" } } } as const;

test("a client on hand-written paths pages with core's paginate", async () => {
  const server = createServer((request, response) => {
    const after = new URL(request.url ?? "/", "http://x").searchParams.get("page[after]");
    const page =
      after === null
        ? { brands: [{ id: 1, name: "Support" }], meta: { has_more: true, after_cursor: "c2" } }
        : { brands: [{ id: 2, name: "Billing" }], meta: { has_more: false, after_cursor: null } };
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(page));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const zendesk = createZendeskClient<BrandPaths, typeof operations>({
      baseUrl: `http://127.0.0.1:${port}`,
      auth: { oauthToken: "token" },
      operations,
    });
    const names: string[] = [];
    for await (const brand of zendesk.paginate("/api/v2/brands")) names.push(brand.name);
    expect(names).toEqual(["Support", "Billing"]);
  } finally {
    server.close();
  }
});
