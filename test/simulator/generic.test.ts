/**
 * The generic layer on a bundle written for this test (fixtures/widgets.yaml): a domain with no hand-written route
 * gets its lists, in every paging style, and its reads, writes and deletes from the bundle alone, and every answer
 * fits the bundle.
 */
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPORT_CURSOR_TTL_MS, type RunningSimulator, startSimulator } from "./index.js";
import { type ApiResponse, api, checkGenericRoutes, type Loose } from "./test-helpers.js";

const FIXTURE = fileURLToPath(new URL("./fixtures/widgets.yaml", import.meta.url));
const NOW = Date.UTC(2024, 5, 1);
const RECORDS = 5;

let sim: RunningSimulator;

beforeAll(async () => {
  sim = await startSimulator({ now: NOW, bundles: [FIXTURE], generic: { records: RECORDS } });
});
afterAll(() => sim?.close());

/** A request whose answer must fit the bundles, whatever its status. */
async function call(method: string, path: string, body?: unknown): Promise<ApiResponse> {
  const response = await api(sim, method, path, { body });
  const concrete = new URL(path, sim.url).pathname.replace(/\.json$/, "");
  const body_ = response.text === "" ? undefined : response.body;
  const verdict = sim.spec.check(method, concrete, response.status, body_, response.headers.get("content-type"));
  expect(verdict.problems, `${method} ${path} -> ${response.status}: ${response.text.slice(0, 300)}`).toEqual([]);
  return response;
}

/** Follows a list's next links from `first`, returning every item and the number of pages. */
async function walk(first: string, items: string, next: (body: Loose) => string | null) {
  const seen: Loose[] = [];
  let url: string | null = first;
  let pages = 0;
  while (url) {
    const response = await call("GET", url);
    expect(response.status, response.text).toBe(200);
    seen.push(...response.body[items]);
    url = next(response.body);
    pages++;
    if (pages > 20) throw new Error("too many pages");
  }
  return { seen, pages };
}

describe("generic routes from a bundle", () => {
  it("plans a route per operation and leaves the hand-written ones alone", () => {
    const routes = sim.generic.routes().filter((route) => route.bundle === "widgets");
    const kinds = Object.fromEntries(routes.map((route) => [`${route.method} ${route.pattern}`, route.kind]));
    expect(kinds).toEqual({
      "GET /api/v2/widgets": "list",
      "POST /api/v2/widgets": "create",
      "GET /api/v2/widgets/{widget_id}": "show",
      "PUT /api/v2/widgets/{widget_id}": "update",
      "PATCH /api/v2/widgets/{widget_id}": "update",
      "DELETE /api/v2/widgets/{widget_id}": "delete",
      "PUT /api/v2/widgets/{widget_id}/archive": "action",
      "GET /api/v2/widgets/{widget_id}/events": "list",
      "GET /api/v2/widgets/export": "list",
      "GET /api/v2/widget_colors": "list",
      "GET /api/v2/gadgets": "list",
      "POST /api/v2/gadgets": "create",
      "GET /api/v2/gadgets/{gadget_id}": "show",
    });
    expect(routes.find((route) => route.pattern === "/api/v2/widgets/{widget_id}/events")?.style).toBe("legacy-cursor");
    const served = sim.routes().map((route) => `${route.method} ${route.pattern}`);
    for (const route of Object.keys(kinds)) expect(served).toContain(route);
    // The bundle describes the job status too, but the hand-written route keeps it.
    expect(served.filter((route) => route.startsWith("GET /api/v2/job_statuses/{"))).toHaveLength(1);
  });

  it("keeps a hand-written route's answers when a bundle describes the same operation", async () => {
    const response = await call("GET", "/api/v2/job_statuses/not-a-job");
    expect(response.status).toBe(404);
    expect(sim.requests.last()?.route).toBe("GET /api/v2/job_statuses/{job_status_id}");
  });

  it("creates, shows, updates, acts on and deletes a record, with 404s once it is gone", async () => {
    const created = await call("POST", "/api/v2/widgets", {
      widget: { name: "Sprocket", color: "green", tags: ["new"], secret: "hunter2", unknown: true },
    });
    expect(created.status).toBe(201);
    const widget = created.body.widget;
    expect(widget).toMatchObject({ id: RECORDS + 1, name: "Sprocket", color: "green", tags: ["new"] });
    expect(widget.url).toBe(`${sim.url}/api/v2/widgets/${widget.id}.json`);
    expect(widget.created_at).toBe("2024-06-01T00:00:00Z");
    expect(widget).not.toHaveProperty("secret"); // write-only
    expect(widget).not.toHaveProperty("unknown"); // not a widget property
    expect(created.headers.get("location")).toBe(widget.url);

    expect((await call("GET", `/api/v2/widgets/${widget.id}.json`)).body.widget).toEqual(widget);

    sim.clock.advance(60_000);
    const put = await call("PUT", `/api/v2/widgets/${widget.id}`, { widget: { size: 3 } });
    expect(put.body.widget).toMatchObject({ name: "Sprocket", size: 3, updated_at: "2024-06-01T00:01:00Z" });
    const patched = await call("PATCH", `/api/v2/widgets/${widget.id}`, { widget: { name: "Cog" } });
    expect(patched.body.widget).toMatchObject({ name: "Cog", size: 3, color: "green" });

    const archived = await call("PUT", `/api/v2/widgets/${widget.id}/archive`);
    expect(archived.body.widget).toMatchObject({ id: widget.id, name: "Cog" });
    expect((await call("PUT", "/api/v2/widgets/999/archive")).status).toBe(404);

    expect((await call("DELETE", `/api/v2/widgets/${widget.id}`)).status).toBe(204);
    const gone = await call("GET", `/api/v2/widgets/${widget.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body).toEqual({ error: "RecordNotFound", description: "Not found" });
    expect((await call("DELETE", `/api/v2/widgets/${widget.id}`)).status).toBe(404);
    expect((await call("PUT", `/api/v2/widgets/${widget.id}`, { widget: { size: 1 } })).status).toBe(404);
    expect((await call("GET", `/api/v2/widgets/${widget.id}/events`)).status).toBe(404);
    expect((await call("GET", "/api/v2/widgets/not-a-number")).status).toBe(404);
  });

  it("refuses a record that does not fit its schema with 422 and keeps nothing", async () => {
    const before = sim.generic.records("/api/v2/widgets")?.length;
    const refused = await call("POST", "/api/v2/widgets", { widget: { name: "", color: "pink" } });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe("RecordInvalid");
    expect(Object.keys(refused.body.details).sort()).toEqual(["color", "name"]);
    expect(sim.generic.records("/api/v2/widgets")?.length).toBe(before);
    const stale = await call("PUT", "/api/v2/widgets/1", { widget: { size: 0 } });
    expect(stale.status).toBe(422);
    expect(sim.generic.records("/api/v2/widgets")?.[0]).not.toHaveProperty("size", 0);
    expect(sim.generic.records("/api/v2/nothing")).toBeUndefined();
  });

  it("serves string ids where the schema says so, and creates from a bare body", async () => {
    const list = await call("GET", "/api/v2/gadgets");
    const id = list.body.gadgets[1].id;
    expect(typeof id).toBe("string");
    expect((await call("GET", `/api/v2/gadgets/${id}`)).body.gadget.id).toBe(id);
    expect((await call("GET", "/api/v2/gadgets/01NOTHERE")).status).toBe(404);

    const created = await call("POST", "/api/v2/gadgets", { name: "Gizmo" });
    expect(created.status).toBe(201);
    expect(created.body.gadget).toMatchObject({ name: "Gizmo", id: expect.any(String) });
    expect((await call("GET", `/api/v2/gadgets/${created.body.gadget.id}`)).body.gadget.name).toBe("Gizmo");
    // What the bundle does not describe is not served.
    expect((await api(sim, "DELETE", "/api/v2/gadgets")).body).toEqual({
      error: "InvalidEndpoint",
      description: "Not found",
    });
  });

  it("pages a cursor list, and refuses page[size] over 100", async () => {
    await call("POST", "/api/v2/widgets", { widget: { name: "Extra", color: "blue" } });
    const records = sim.generic.records("/api/v2/widgets") ?? [];
    const { seen, pages } = await walk("/api/v2/widgets?page[size]=2", "widgets", (body) =>
      body.meta.has_more ? body.links.next : null,
    );
    expect(seen.map((item) => item.id)).toEqual(records.map((record) => record.id));
    expect(pages).toBe(Math.ceil(records.length / 2));
    expect((await call("GET", "/api/v2/widgets?page[size]=101")).status).toBe(400);
    expect((await call("GET", "/api/v2/widgets?page[after]=garbage")).status).toBe(400);
  });

  it("pages an offset list with absolute next_page and previous_page links", async () => {
    const total = sim.generic.records("/api/v2/gadgets")?.length ?? 0;
    const { seen, pages } = await walk("/api/v2/gadgets?per_page=2", "gadgets", (body) => body.next_page);
    expect(seen).toHaveLength(total);
    expect(pages).toBe(Math.ceil(total / 2));
    const second = await call("GET", "/api/v2/gadgets?per_page=2&page=2");
    expect(second.body.count).toBe(total);
    expect(second.body.previous_page).toBe(`${sim.url}/api/v2/gadgets.json?per_page=2&page=1`);
    expect(second.body.next_page).toBe(`${sim.url}/api/v2/gadgets.json?per_page=2&page=3`);
  });

  it("pages a legacy cursor list newest first, older records through before_url", async () => {
    const { seen, pages } = await walk("/api/v2/widgets/2/events?limit=2", "events", (body) => body.before_url);
    expect(seen.map((event) => event.id)).toEqual([5, 4, 3, 2, 1]);
    expect(pages).toBe(3);

    const first = await call("GET", "/api/v2/widgets/2/events?limit=2");
    expect(first.body).toMatchObject({ after_cursor: null, after_url: null, count: RECORDS });
    const second = await call("GET", first.body.before_url);
    expect(second.body.events.map((event: Loose) => event.id)).toEqual([3, 2]);
    expect(second.body.before_url).toContain(`cursor=${encodeURIComponent(second.body.before_cursor)}`);
    // after_cursor goes back toward the newest records.
    const back = await call("GET", `/api/v2/widgets/2/events?limit=2&cursor=${second.body.after_cursor}`);
    expect(back.body.events.map((event: Loose) => event.id)).toEqual([5, 4]);
    expect(back.body.after_cursor).toBeNull();
    const last = await call("GET", second.body.before_url);
    expect(last.body).toMatchObject({ before_cursor: null, before_url: null });

    expect((await call("GET", "/api/v2/widgets/2/events?limit=1001")).status).toBe(400);
    expect((await call("GET", "/api/v2/widgets/2/events?cursor=nonsense")).status).toBe(400);
  });

  it("pages a search export up to 1000 a page, and expires its cursors after an hour", async () => {
    const { seen, pages } = await walk("/api/v2/widgets/export?page[size]=2", "results", (body) =>
      body.meta.has_more ? body.links.next : null,
    );
    expect(seen).toHaveLength(RECORDS);
    expect(pages).toBe(3);
    expect((await call("GET", "/api/v2/widgets/export?page[size]=1000")).body.results).toHaveLength(RECORDS);
    expect((await call("GET", "/api/v2/widgets/export?page[size]=1001")).status).toBe(400);

    const first = await call("GET", "/api/v2/widgets/export?page[size]=2");
    expect(first.body.meta).toEqual({ has_more: true, after_cursor: expect.any(String) });
    sim.clock.advance(EXPORT_CURSOR_TTL_MS - 1_000);
    const inTime = await call("GET", first.body.links.next);
    expect(inTime.status).toBe(200);
    sim.clock.advance(2_000);
    const expired = await call("GET", first.body.links.next);
    expect(expired.status).toBe(400);
    expect(expired.body.description).toMatch(/invalid or has expired/);
    // The page answered in time carries a cursor issued then, which still works.
    expect((await call("GET", inTime.body.links.next)).status).toBe(200);
  });

  it("answers an unpaginated list in one response", async () => {
    const response = await call("GET", "/api/v2/widget_colors");
    expect(response.body.colors).toHaveLength(RECORDS);
    expect(response.body.colors[0]).toEqual({ id: 1, name: "Widget color 1", hex: "#ff8800" });
  });

  it("passes the walk the contract test makes through generic routes", async () => {
    sim.requests.clear();
    expect(await checkGenericRoutes(sim, { bundle: "widgets" })).toEqual([]);
    const hit = new Set(sim.requests.byRoute.keys());
    const walked = sim.generic.routes().filter((route) => route.bundle === "widgets");
    expect(walked.map((route) => `${route.method} ${route.pattern}`).filter((route) => !hit.has(route))).toEqual([]);
  });
});
