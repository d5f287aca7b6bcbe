import { createZendeskClient } from "@zenfetch/core";
import { tickets } from "@zenfetch/tickets";
import { describe, expectTypeOf, test } from "vitest";
import {
  createSearchClient,
  exportSearch,
  type SearchExportPage,
  type SearchGroupResult,
  type SearchOrganizationResult,
  type SearchResult,
  type SearchResultOf,
  type SearchResultType,
  type SearchTicketResult,
  type SearchUserResult,
  search,
  searchOf,
  searchQuery,
} from "../src/index.js";

// Type tests: each @ts-expect-error must be needed, or the typecheck fails.

const client = createSearchClient({ subdomain: "acme", auth: { email: "agent@acme.test", apiToken: "token" } });

describe("search results are a union told apart by result_type", () => {
  test("paginate over the list yields SearchResult, which a switch narrows", async () => {
    for await (const hit of client.paginate("/api/v2/search", { params: { query: { query: "vip" } } })) {
      expectTypeOf(hit).toEqualTypeOf<SearchResult>();
      switch (hit.result_type) {
        case "ticket":
          expectTypeOf(hit).toEqualTypeOf<SearchTicketResult>();
          expectTypeOf(hit.status).toEqualTypeOf<SearchTicketResult["status"]>();
          expectTypeOf(hit.subject).toEqualTypeOf<string | null>();
          break;
        case "user":
          expectTypeOf(hit.email).toEqualTypeOf<SearchUserResult["email"]>();
          // @ts-expect-error a user has no subject
          hit.subject;
          break;
        case "organization":
          expectTypeOf(hit).toEqualTypeOf<SearchOrganizationResult>();
          expectTypeOf(hit.domain_names).toEqualTypeOf<SearchOrganizationResult["domain_names"]>();
          break;
        case "group":
          expectTypeOf(hit).toEqualTypeOf<SearchGroupResult>();
          expectTypeOf(hit.is_public).toEqualTypeOf<boolean>();
          break;
        default: {
          const never: never = hit;
          return never;
        }
      }
    }
  });

  test("a switch that misses a kind does not compile at the never default", async () => {
    for await (const hit of client.paginate("/api/v2/search", { params: { query: { query: "vip" } } })) {
      switch (hit.result_type) {
        case "ticket":
        case "user":
        case "organization":
          break;
        default: {
          // @ts-expect-error groups are not handled
          const never: never = hit;
          return never;
        }
      }
    }
  });

  test("the list needs a query", () => {
    // @ts-expect-error `query` is required
    client.paginate("/api/v2/search", { params: { query: {} } });
    // @ts-expect-error sort_by takes Zendesk's values only
    client.paginate("/api/v2/search", { params: { query: { query: "x", sort_by: "name" } } });
  });

  test("include types the sideloads asked for", async () => {
    const run = client.paginate("/api/v2/search", {
      params: { query: { query: "vip", include: ["tickets(users)", "users(organizations)"] } },
    });
    for await (const page of run.pages()) {
      expectTypeOf(page.users[0]?.email).toEqualTypeOf<string | null | undefined>();
      expectTypeOf(page.organizations[0]?.name).toEqualTypeOf<string | undefined>();
      // @ts-expect-error groups were not asked for
      page.groups;
    }
    // @ts-expect-error not a search sideload
    client.paginate("/api/v2/search", { params: { query: { query: "vip", include: ["tickets(comments)"] } } });
  });

  test("SearchResultType and SearchResultOf", () => {
    expectTypeOf<SearchResultType>().toEqualTypeOf<"ticket" | "user" | "organization" | "group">();
    expectTypeOf<SearchResultOf<"user">>().toEqualTypeOf<SearchUserResult>();
  });
});

describe("the export is typed by `type`", () => {
  test("items and pages of the type asked for", async () => {
    for await (const hit of client.exportSearch({ type: "ticket", query: "status:open" })) {
      expectTypeOf(hit).toEqualTypeOf<SearchTicketResult>();
      expectTypeOf(hit.result_type).toEqualTypeOf<"ticket">();
    }
    for await (const hit of exportSearch(client, { type: "organization", query: "vip" })) {
      expectTypeOf(hit).toEqualTypeOf<SearchOrganizationResult>();
    }
    for await (const page of client.exportSearch({ type: "user", query: "ada" }).pages()) {
      expectTypeOf(page).toEqualTypeOf<SearchExportPage<"user">>();
      expectTypeOf(page.results).toEqualTypeOf<SearchUserResult[]>();
      expectTypeOf(page.meta.after_cursor).toEqualTypeOf<string | null>();
    }
  });

  test("an unknown type does not compile", () => {
    // @ts-expect-error "article" is not a search result type
    client.exportSearch({ type: "article", query: "x" });
    // @ts-expect-error a type is required
    client.exportSearch({ query: "x" });
  });

  test("terms are those of the type", () => {
    client.exportSearch({ type: "ticket", query: { status: { below: "solved" }, organization: 12 } });
    // @ts-expect-error users have no status
    client.exportSearch({ type: "user", query: { status: "open" } });
    // @ts-expect-error the type goes in `type`, not among the terms
    client.exportSearch({ type: "ticket", query: { type: "ticket", status: "open" } });
  });

  test("count takes a string or terms and resolves to a number", async () => {
    expectTypeOf(await client.count("type:ticket")).toEqualTypeOf<number>();
    expectTypeOf(await client.count({ type: "group", name: "Support" })).toEqualTypeOf<number>();
  });
});

describe("searchQuery", () => {
  test("typed terms per type", () => {
    expectTypeOf(searchQuery({ type: "ticket", status: ["open", "pending"], tags: ["vip"] })).toEqualTypeOf<string>();
    // @ts-expect-error not a ticket status
    searchQuery({ type: "ticket", status: "waiting" });
    // @ts-expect-error organizations have no email
    searchQuery({ type: "organization", email: "a@b.test" });
    // @ts-expect-error dates are Dates or strings
    searchQuery({ type: "ticket", created: { after: 1704067200 } });
    // @ts-expect-error an unknown type
    searchQuery({ type: "article", text: "x" });
  });
});

describe("on a multi-domain client", () => {
  test("the helpers sit under `search`, and paginate types the results", async () => {
    const zendesk = createZendeskClient({
      subdomain: "acme",
      auth: { email: "agent@acme.test", apiToken: "token" },
      domains: [tickets, search],
    });
    for await (const hit of zendesk.search.exportSearch({ type: "group", query: "support" })) {
      expectTypeOf(hit).toEqualTypeOf<SearchGroupResult>();
    }
    expectTypeOf(await zendesk.search.count("type:ticket")).toEqualTypeOf<number>();
    for await (const hit of zendesk.paginate("/api/v2/search", { params: { query: { query: "vip" } } })) {
      expectTypeOf(hit).toEqualTypeOf<SearchResult>();
    }
  });
});

describe("the app's field maps", () => {
  type MyFields = {
    ticket: { 360001: string };
    user: { plan: "gold" | "silver" };
    organization: { region: "eu" | "us" };
  };
  const auth = { email: "agent@acme.test", apiToken: "token" };

  test("type the fields of results, sideloads and exports", async () => {
    const typed = createSearchClient<MyFields>({ subdomain: "acme", auth });
    for await (const hit of typed.paginate("/api/v2/search", { params: { query: { query: "vip" } } })) {
      if (hit.result_type === "user" && hit.user_fields) {
        expectTypeOf(hit.user_fields.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
      }
      if (hit.result_type === "organization" && hit.organization_fields) {
        expectTypeOf(hit.organization_fields.region).toEqualTypeOf<"eu" | "us" | null | undefined>();
      }
    }
    for await (const user of typed.exportSearch({ type: "user", query: "ada" })) {
      if (user.user_fields) expectTypeOf(user.user_fields.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
    }
    for await (const org of exportSearch(typed, { type: "organization", query: "acme" })) {
      if (org.organization_fields) {
        expectTypeOf(org.organization_fields.region).toEqualTypeOf<"eu" | "us" | null | undefined>();
      }
    }
    const shared = createZendeskClient({ subdomain: "acme", auth, domains: [searchOf<MyFields>()] });
    for await (const user of shared.search.exportSearch({ type: "user", query: "ada" })) {
      if (user.user_fields) expectTypeOf(user.user_fields.plan).toEqualTypeOf<"gold" | "silver" | null | undefined>();
    }
  });
});
