import { describe, expect, test } from "vitest";
import {
  createZendeskClient,
  type OperationsMeta,
  RateLimiter,
  type ZendeskClientOptions,
  ZendeskConfigError,
} from "../src/index.js";
import { createBudgets, resolveRules } from "../src/limits/budget-picker.js";
import type { BudgetSettings } from "../src/limits/budgets.js";

/** Operations as a spec could declare them: a preset, a budget for deep offset pages, a budget per view. */
const operations = {
  "GET /api/v2/incremental/users": {
    rateLimit: { limit: 2, windowSeconds: 60, presets: { "high-volume": { limit: 4, windowSeconds: 60 } } },
  },
  "GET /api/v2/incremental/{incremental_resource}/sample": { rateLimit: { limit: 1, windowSeconds: 1200 } },
  "GET /api/v2/tickets": {
    pagination: { style: "cursor-or-offset", items: "tickets" },
    rateLimit: { limit: 2, windowSeconds: 60, when: { query: "page", above: 500 } },
  },
  "GET /api/v2/views/{view_id}/tickets": { rateLimit: { limit: 1, windowSeconds: 60, per: "view_id" } },
  "PUT /api/v2/tickets/{ticket_id}": {
    rateLimit: [
      { limit: 3, windowSeconds: 60 },
      { limit: 1, windowSeconds: 600, per: "ticket_id" },
    ],
  },
} as const satisfies OperationsMeta;

const settings = (more: Partial<BudgetSettings> = {}): BudgetSettings => ({
  endpointLimits: {},
  preset: undefined,
  ...more,
});

/** A client whose fetch answers every request at once with `{}`, and records what was sent. */
function fakeClient(options: Partial<ZendeskClientOptions> = {}) {
  const sent: string[] = [];
  const client = createZendeskClient({
    baseUrl: "https://acme.zendesk.com",
    auth: { oauthToken: "tok" },
    operations,
    fetch: async (request) => {
      const url = new URL(request.url);
      sent.push(`${request.method} ${url.pathname}${url.search}`);
      return new Response("{}", { status: 200, headers: { "content-type": "application/json" } });
    },
    ...options,
  });
  const controller = new AbortController();
  // Calls still waiting for a window when the test ends are let go.
  const call = (method: "GET" | "PUT", path: string, params: Record<string, unknown> = {}) =>
    (client[method] as (path: string, init: unknown) => Promise<unknown>)(path, {
      params,
      signal: controller.signal,
      ...(method === "PUT" ? { body: {} } : {}),
    });
  return { client, sent, call, release: () => controller.abort() };
}

/** "sent" when the call settles within 150 ms, "waiting" when it is still held by the limiter. */
async function outcome(call: Promise<unknown>): Promise<"sent" | "waiting"> {
  call.catch(() => {});
  return Promise.race([
    call.then(() => "sent" as const),
    new Promise<"waiting">((resolve) => setTimeout(() => resolve("waiting"), 150)),
  ]);
}

describe("resolving an operation's budgets", () => {
  test("the declared budget, or the preset's numbers where the rule names the preset", () => {
    const users = operations["GET /api/v2/incremental/users"];
    const sample = operations["GET /api/v2/incremental/{incremental_resource}/sample"];
    expect(resolveRules("GET /api/v2/incremental/users", users, settings())).toEqual([{ limit: 2, windowSeconds: 60 }]);
    const highVolume = settings({ preset: "high-volume" });
    expect(resolveRules("GET /api/v2/incremental/users", users, highVolume)).toEqual([{ limit: 4, windowSeconds: 60 }]);
    // The sample endpoint declares no High Volume budget: it keeps its own.
    expect(resolveRules("GET /api/v2/incremental/{incremental_resource}/sample", sample, highVolume)).toEqual([
      { limit: 1, windowSeconds: 1200 },
    ]);
  });

  test("an override replaces every rule of the operation with one budget for all its requests; false drops them", () => {
    const put = operations["PUT /api/v2/tickets/{ticket_id}"];
    const key = "PUT /api/v2/tickets/{ticket_id}";
    expect(resolveRules(key, put, settings())).toEqual([
      { limit: 3, windowSeconds: 60 },
      { limit: 1, windowSeconds: 600, per: "ticket_id" },
    ]);
    const override = { [key]: { limit: 9, windowSeconds: 10 } };
    expect(resolveRules(key, put, settings({ endpointLimits: override, preset: "high-volume" }))).toEqual([
      { limit: 9, windowSeconds: 10 },
    ]);
    expect(resolveRules(key, put, settings({ endpointLimits: { [key]: false } }))).toEqual([]);
    expect(resolveRules(key, put, settings({ endpointLimits: false }))).toEqual([]);
  });

  test("a page rule counts only the requests whose page is past its bound, in a window of their own", () => {
    const budgetsOf = createBudgets(settings());
    const key = "GET /api/v2/tickets";
    const meta = operations[key];
    const at = (query: string) => budgetsOf(key, meta, `https://acme.zendesk.com/api/v2/tickets${query}`);
    expect(at("")).toEqual([]);
    expect(at("?page%5Bsize%5D=100")).toEqual([]);
    expect(at("?page=500&per_page=100")).toEqual([]);
    expect(at("?page=501&per_page=100")).toEqual([{ key, limit: 2, windowSeconds: 60, scope: "page>500" }]);
    expect(at("?page=nope")).toEqual([]);
  });

  test("a per-parameter rule gives each value its own scope, read from the request path (under a base path too)", () => {
    const budgetsOf = createBudgets(settings());
    const key = "GET /api/v2/views/{view_id}/tickets";
    const meta = operations[key];
    expect(budgetsOf(key, meta, "https://acme.zendesk.com/api/v2/views/42/tickets?page%5Bsize%5D=10")).toEqual([
      { key, limit: 1, windowSeconds: 60, scope: "view_id=42" },
    ]);
    expect(budgetsOf(key, meta, "https://proxy.example/zendesk/api/v2/views/7/tickets")).toEqual([
      { key, limit: 1, windowSeconds: 60, scope: "view_id=7" },
    ]);
  });
});

describe("a shared limiter", () => {
  test("two clients with different budgets for one endpoint each keep to their own", async () => {
    const limiter = new RateLimiter();
    const key = "GET /api/v2/incremental/users";
    const strict = fakeClient({ limiter, endpointLimits: { [key]: { limit: 1, windowSeconds: 60 } } });
    const roomy = fakeClient({ limiter, endpointLimits: { [key]: { limit: 3, windowSeconds: 60 } } });
    const path = "/api/v2/incremental/users";
    try {
      expect(await outcome(strict.call("GET", path))).toBe("sent");
      // The strict client's request does not eat into the roomy client's three, nor does its limit become theirs.
      for (let i = 0; i < 3; i++) expect(await outcome(roomy.call("GET", path))).toBe("sent");
      expect(await outcome(strict.call("GET", path))).toBe("waiting");
      expect(await outcome(roomy.call("GET", path))).toBe("waiting");
      expect(strict.sent).toHaveLength(1);
      expect(roomy.sent).toHaveLength(3);
    } finally {
      strict.release();
      roomy.release();
    }
  });

  test("two clients with the same budget count in one window, and the account budget stays shared", async () => {
    const limiter = new RateLimiter({ limit: 5, windowSeconds: 60 });
    const a = fakeClient({ limiter });
    const b = fakeClient({ limiter });
    const path = "/api/v2/incremental/users";
    try {
      expect(await outcome(a.call("GET", path))).toBe("sent");
      expect(await outcome(b.call("GET", path))).toBe("sent");
      expect(await outcome(a.call("GET", path))).toBe("waiting"); // the endpoint's 2 a minute, spent by both
      // Other endpoints still count against the account's 5: 2 sent, 3 more go, the 6th waits.
      for (let i = 1; i <= 3; i++)
        expect(await outcome(b.call("GET", "/api/v2/tickets/{ticket_id}", { path: { ticket_id: i } }))).toBe("sent");
      expect(await outcome(a.call("GET", "/api/v2/tickets/{ticket_id}", { path: { ticket_id: 9 } }))).toBe("waiting");
    } finally {
      a.release();
      b.release();
    }
  });
});

describe("budgets chosen per request", () => {
  test("List Tickets past page 500 keeps to its own budget; earlier pages and cursor pages do not count", async () => {
    const { call, sent, release } = fakeClient();
    const path = "/api/v2/tickets";
    try {
      // Pages 499 and 500 are not counted; 501 and 502 spend the deep pages' 2 a minute.
      for (let page = 499; page <= 502; page++) {
        expect(await outcome(call("GET", path, { query: { page, per_page: 100 } }))).toBe("sent");
      }
      expect(await outcome(call("GET", path, { query: { page: 503 } }))).toBe("waiting");
      expect(await outcome(call("GET", path, { query: { page: 3 } }))).toBe("sent");
      expect(await outcome(call("GET", path, { query: { "page[size]": 100 } }))).toBe("sent");
      expect(sent).toHaveLength(6);
    } finally {
      release();
    }
  });

  test("a budget per view: each view has its own window", async () => {
    const { call, release } = fakeClient();
    const path = "/api/v2/views/{view_id}/tickets";
    try {
      expect(await outcome(call("GET", path, { path: { view_id: 1 } }))).toBe("sent");
      expect(await outcome(call("GET", path, { path: { view_id: 2 } }))).toBe("sent");
      expect(await outcome(call("GET", path, { path: { view_id: 1 } }))).toBe("waiting");
    } finally {
      release();
    }
  });

  test("an endpoint-wide rule and a per-ticket rule both count an update", async () => {
    const { call, release } = fakeClient();
    const path = "/api/v2/tickets/{ticket_id}";
    try {
      expect(await outcome(call("PUT", path, { path: { ticket_id: 1 } }))).toBe("sent");
      expect(await outcome(call("PUT", path, { path: { ticket_id: 1 } }))).toBe("waiting"); // 1 per ticket
      expect(await outcome(call("PUT", path, { path: { ticket_id: 2 } }))).toBe("sent");
      expect(await outcome(call("PUT", path, { path: { ticket_id: 3 } }))).toBe("sent");
      expect(await outcome(call("PUT", path, { path: { ticket_id: 4 } }))).toBe("waiting"); // 3 for the endpoint
    } finally {
      release();
    }
  });

  test("budgetPreset takes the preset's numbers from the metadata", async () => {
    const { call, sent, release } = fakeClient({ budgetPreset: "high-volume" });
    try {
      for (let i = 0; i < 4; i++) expect(await outcome(call("GET", "/api/v2/incremental/users"))).toBe("sent");
      expect(await outcome(call("GET", "/api/v2/incremental/users"))).toBe("waiting");
      const sample = "/api/v2/incremental/{incremental_resource}/sample";
      expect(await outcome(call("GET", sample, { path: { incremental_resource: "users" } }))).toBe("sent");
      expect(await outcome(call("GET", sample, { path: { incremental_resource: "users" } }))).toBe("waiting");
      expect(sent).toHaveLength(5);
    } finally {
      release();
    }
  });

  test("endpointLimits: false turns every endpoint budget off, a preset's too", async () => {
    const { call, sent, release } = fakeClient({ budgetPreset: "high-volume", endpointLimits: false });
    try {
      for (let i = 0; i < 6; i++) expect(await outcome(call("GET", "/api/v2/incremental/users"))).toBe("sent");
      for (let i = 0; i < 3; i++) {
        expect(await outcome(call("GET", "/api/v2/views/{view_id}/tickets", { path: { view_id: 1 } }))).toBe("sent");
      }
      expect(sent).toHaveLength(9);
    } finally {
      release();
    }
  });
});

describe("bad budget options", () => {
  const message = (options: Record<string, unknown>) => {
    try {
      createZendeskClient({ subdomain: "acme", auth: { oauthToken: "tok" }, ...options } as ZendeskClientOptions);
    } catch (error) {
      expect(error).toBeInstanceOf(ZendeskConfigError);
      return (error as Error).message;
    }
    throw new Error("no error thrown");
  };

  test("name what to change", () => {
    expect(message({ budgetPreset: "highVolume" })).toBe(
      'createZendeskClient: `budgetPreset` must be one of "high-volume" (or left out); got "highVolume"',
    );
    expect(message({ endpointLimits: [] })).toContain(
      '`endpointLimits` must be an object keyed "GET /api/v2/…", or false',
    );
    expect(message({ endpointLimits: true })).toContain("or false; got true");
    expect(message({ endpointLimits: { "GET /api/v2/x": { limit: "10", windowSeconds: 60 } } })).toBe(
      'createZendeskClient: `endpointLimits["GET /api/v2/x"]` must be false or { limit, windowSeconds } (positive whole numbers); got {"limit":"10","windowSeconds":60}',
    );
    expect(message({ endpointLimits: { "get /api/v2/x": false } })).toContain(
      'key "get /api/v2/x" must look like "GET /api/v2/…" (the method, a space, the spec path)',
    );
  });
});
