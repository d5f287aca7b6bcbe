// paginate fetches the next page while the caller works on the current one: what a caller relies on when it
// does real work per page over a real network. Each test runs against a loopback server that answers after a
// delay, so that a page fetched ahead shows in the timing of requests, not in wall-clock assertions.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, onTestFinished, test } from "vitest";
import { createZendeskClient, isZendeskError, type ZendeskError } from "../src/index.js";
import { EMAIL, TOKEN } from "./helpers.js";

interface paths {
  "/api/v2/things": {
    get: {
      parameters: { query?: { "page[size]"?: number; "page[after]"?: string } };
      responses: { 200: { content: { "application/json": { things: { id: number }[] } } } };
    };
  };
}
const operations = { "GET /api/v2/things": { pagination: { style: "cursor", items: "things" } } } as const;

/** Pages of one thing each, ids 1..pages; page `failAt` answers 500. Logs when each request arrives and ends. */
async function server(pages: number, options: { delayMs?: number; failAt?: number } = {}) {
  const log: { page: number; at: number; aborted: boolean }[] = [];
  const http = createServer((request, response) => {
    const after = new URL(request.url ?? "/", "http://x").searchParams.get("page[after]");
    const page = after === null ? 1 : Number(after) + 1;
    const entry = { page, at: Date.now(), aborted: false };
    log.push(entry);
    request.on("close", () => {
      if (!response.writableEnded) entry.aborted = true;
    });
    setTimeout(() => {
      if (page === options.failAt) {
        response.writeHead(500, { "content-type": "application/json" }).end('{"error":"boom"}');
        return;
      }
      const more = page < pages;
      response.writeHead(200, { "content-type": "application/json" }).end(
        JSON.stringify({
          things: [{ id: page }],
          meta: { has_more: more, after_cursor: more ? String(page) : null },
          links: { next: null },
        }),
      );
    }, options.delayMs ?? 20);
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  );
  const { port } = http.address() as AddressInfo;
  const client = createZendeskClient<paths, typeof operations>({
    baseUrl: `http://127.0.0.1:${port}`,
    auth: { email: EMAIL, apiToken: TOKEN },
    retry: false,
    operations,
  });
  return { client, log };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("paginate's look-ahead", () => {
  test("the next page is requested while the caller still holds the current one", async () => {
    const { client, log } = await server(3);
    const handedAt: number[] = [];
    const releasedAt: number[] = [];
    for await (const thing of client.paginate("/api/v2/things")) {
      handedAt.push(Date.now());
      await sleep(60); // the caller's work on this page
      releasedAt.push(Date.now());
      expect(thing.id).toBe(handedAt.length);
    }
    expect(log.map((entry) => entry.page)).toEqual([1, 2, 3]);
    // Page 2 was asked for before the caller was done with page 1, and page 3 before it was done with page 2.
    expect(log[1]?.at).toBeLessThan(releasedAt[0] ?? 0);
    expect(log[2]?.at).toBeLessThan(releasedAt[1] ?? 0);
  });

  test("lookAhead: 0 asks for each page only when the caller does", async () => {
    const { client, log } = await server(3);
    const releasedAt: number[] = [];
    for await (const _ of client.paginate("/api/v2/things", { lookAhead: 0 })) {
      await sleep(30);
      releasedAt.push(Date.now());
    }
    expect(log[1]?.at).toBeGreaterThanOrEqual(releasedAt[0] ?? Number.POSITIVE_INFINITY);
    expect(log[2]?.at).toBeGreaterThanOrEqual(releasedAt[1] ?? Number.POSITIVE_INFINITY);
  });

  test("leaving the loop cancels the page in flight and asks for none after it", async () => {
    const { client, log } = await server(10, { delayMs: 80 });
    for await (const thing of client.paginate("/api/v2/things")) {
      await sleep(30); // page 2 is on its way (the server takes 80 ms)
      if (thing.id === 1) break;
    }
    await sleep(150);
    expect(log.map((entry) => entry.page)).toEqual([1, 2]);
    expect(log[1]?.aborted).toBe(true);
  });

  test("pages past maxPages are not fetched ahead", async () => {
    const { client, log } = await server(10);
    const seen: number[] = [];
    for await (const thing of client.paginate("/api/v2/things", { maxPages: 2 })) {
      seen.push(thing.id);
      await sleep(40);
    }
    expect(seen).toEqual([1, 2]);
    expect(log.map((entry) => entry.page)).toEqual([1, 2]);
  });

  test("more look-ahead keeps that many pages waiting, and no more", async () => {
    const { client, log } = await server(10, { delayMs: 5 });
    for await (const thing of client.paginate("/api/v2/things", { lookAhead: 3 })) {
      if (thing.id === 1) {
        await sleep(150); // long enough for every page the look-ahead allows to arrive
        // The page in hand, and three ahead of it (the fourth is asked for only when one is taken).
        expect(log.map((entry) => entry.page)).toEqual([1, 2, 3, 4]);
        break;
      }
    }
  });

  test("an error on a page fetched ahead surfaces in order, after every item before it, with where to resume", async () => {
    const { client, log } = await server(5, { failAt: 3 });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const thing of client.paginate("/api/v2/things")) {
        seen.push(thing.id);
        await sleep(40);
      }
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toEqual([1, 2]);
    expect(isZendeskError(error)).toBe(true);
    expect((error as ZendeskError).resume?.url).toContain("page[after]=2");
    expect(log.map((entry) => entry.page)).toEqual([1, 2, 3]);
  });
});
