// Path parameters: "", "." and ".." (and a missing value) are refused before any request, on every kind of call;
// any other value is one encoded segment. nock answers only what each test expects and refuses the rest.
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { bulkHelpers, createZendeskClient, type OperationsMeta } from "../src/index.js";
import { operations, type paths } from "./fixtures.js";
import { EMAIL, TOKEN, ticket } from "./helpers.js";

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

const BASE = "https://acme.zendesk.com";
const extra = {
  "DELETE /api/v2/tickets/{ticket_id}/tags": {},
  "POST /api/v2/things/{key}/jobs": {
    bulk: [{ helper: "thingJobs", items: ["items"], batch: 10, match: "index", idType: "string" }],
  },
} as const satisfies OperationsMeta;
const all = { ...operations, ...extra };
const zendesk = () =>
  createZendeskClient<paths, typeof all>({
    subdomain: "acme",
    auth: { email: EMAIL, apiToken: TOKEN },
    operations: all,
  });
type Loose = (path: string, init?: unknown) => Promise<unknown>;

describe("path parameters", () => {
  test.each(["", ".", "..", undefined, null])("%j is refused before a request, naming the parameter", async (value) => {
    // Any request at all would fail with nock's "no match", not with this TypeError.
    const client = zendesk();
    for (const method of ["GET", "PUT", "DELETE"] as const) {
      const call = client[method] as unknown as Loose;
      const error = await call("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: value } } }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `^${method} /api/v2/tickets/\\{ticket_id\\}: path parameter \`ticket_id\` must be an id or key, not "", "\\." or "\\.\\."`,
        ),
      );
    }
    expect(nock.pendingMocks()).toEqual([]);
  });

  test('DELETE …/{ticket_id}/tags with ".." never reaches DELETE /api/v2/tags', async () => {
    const wrong = nock(BASE).delete("/api/v2/tags").reply(204);
    const call = zendesk().DELETE as unknown as Loose;
    await expect(call("/api/v2/tickets/{ticket_id}/tags", { params: { path: { ticket_id: ".." } } })).rejects.toThrow(
      "path parameter `ticket_id` must be an id or key",
    );
    expect(wrong.isDone()).toBe(false);
  });

  test("any other value is one encoded segment: a / or a dot inside stays in it", async () => {
    const scope = nock(BASE)
      .get("/api/v2/tickets/a%2F..%2Fb")
      .reply(200, { ticket: ticket(1) })
      .get("/api/v2/tickets/...")
      .reply(200, { ticket: ticket(2) })
      .get("/api/v2/tickets/.%252E")
      .reply(200, { ticket: ticket(3) })
      .get("/api/v2/tickets/0")
      .reply(200, { ticket: ticket(4) });
    const call = zendesk().GET as unknown as Loose;
    for (const ticket_id of ["a/../b", "...", ".%2E", 0]) {
      const { response } = (await call("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id } } })) as {
        response: Response;
      };
      expect(response.status).toBe(200);
    }
    scope.done();
  });

  test("paginate refuses one before its first page", async () => {
    const pages = zendesk().paginate("/api/v2/custom_objects/{custom_object_key}/records", {
      params: { path: { custom_object_key: "." } },
    } as never);
    await expect(pages[Symbol.asyncIterator]().next()).rejects.toThrow(
      "path parameter `custom_object_key` must be an id or key",
    );
  });

  test("the bulk helpers refuse one before the first batch", async () => {
    const client = zendesk();
    const helpers = bulkHelpers(client as never, extra) as unknown as {
      thingJobs: (items: unknown[], options: unknown) => Promise<unknown>;
    };
    await expect(helpers.thingJobs([{ a: 1 }], { params: { path: { key: ".." } } })).rejects.toThrow(
      "path parameter `key` must be an id or key",
    );
  });

  test("a job id from the server is held to the same rule", async () => {
    const client = zendesk();
    await expect(client.waitForJob("..")).rejects.toThrow('waitForJob: the job status id is ".."');
    await expect(client.waitForJobs(["ok", "."])).rejects.toThrow('waitForJob: the job status id is "."');
    await expect(
      client.waitForJob({ id: "..", status: "queued" } as never, { timeoutMs: 1_000 }),
    ).rejects.toBeInstanceOf(TypeError);
  });
});
