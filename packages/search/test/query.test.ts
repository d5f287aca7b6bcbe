import { describe, expect, test } from "vitest";
import { quoteSearchValue, type SearchQueryInput, searchQuery } from "../src/index.js";

describe("searchQuery", () => {
  test("writes typed terms in Zendesk's syntax, type first and free text last", () => {
    expect(
      searchQuery({
        type: "ticket",
        status: ["open", "pending"],
        tags: ["vip"],
        organization: 12,
        created: { after: new Date("2024-03-05T22:30:00Z") },
        text: 'printer "on fire"',
      }),
    ).toBe('type:ticket status:open status:pending tags:vip organization:12 created>2024-03-05 printer "on fire"');
  });

  test("quotes values with spaces, apostrophes or characters that would start another term", () => {
    expect(searchQuery({ type: "user", name: "Ada Abbot" })).toBe('type:user name:"Ada Abbot"');
    expect(searchQuery({ type: "user", name: "O'Brien" })).toBe(`type:user name:"O'Brien"`);
    expect(searchQuery({ type: "ticket", tags: "a:b" })).toBe('type:ticket tags:"a:b"');
    expect(searchQuery({ type: "ticket", group: "Tier (2)" })).toBe('type:ticket group:"Tier (2)"');
    expect(searchQuery({ type: "ticket", subject: "-refund" })).toBe('type:ticket subject:"-refund"');
    expect(searchQuery({ type: "organization", name: "Acme" })).toBe("type:organization name:Acme");
    expect(searchQuery({ type: "user", email: "ada*" })).toBe("type:user email:ada*");
  });

  test("refuses a value holding a double quote, which the syntax cannot escape", () => {
    expect(() => searchQuery({ type: "user", name: 'Ada "the" Abbot' })).toThrow(/double quote/);
    expect(() => quoteSearchValue('say "hi"')).toThrow(TypeError);
  });

  test("keeps free text as written: phrases stay quoted, words that read as terms are quoted, - excludes", () => {
    expect(searchQuery({ text: 'printer "on fire" -toner' })).toBe('printer "on fire" -toner');
    expect(searchQuery({ text: "error:500 now" })).toBe('"error:500" now');
    expect(searchQuery({ text: ["printer", "on fire"] })).toBe('printer "on fire"');
    expect(() => searchQuery({ text: 'printer "on fire' })).toThrow(/unclosed double quote/);
  });

  test("comparisons on ordered properties, ranges on dates", () => {
    expect(searchQuery({ type: "ticket", status: { below: "solved" }, priority: { above: "normal" } })).toBe(
      "type:ticket status<solved priority>normal",
    );
    expect(
      searchQuery({ type: "ticket", updated: { after: "2024-01-01", before: "2024-02-01" }, created: "2024-01-15" }),
    ).toBe("type:ticket updated>2024-01-01 updated<2024-02-01 created:2024-01-15");
    expect(searchQuery({ created: { after: "2024-01-01T10:00:00Z" } })).toBe("created>2024-01-01T10:00:00Z");
  });

  test("not: excludes each of its terms", () => {
    expect(searchQuery({ type: "ticket", status: "open", not: { tags: ["spam", "test"], assignee: "none" } })).toBe(
      "type:ticket status:open -tags:spam -tags:test -assignee:none",
    );
  });

  test("ids, emails and names for people and organizations", () => {
    expect(searchQuery({ type: "ticket", requester: "ada@acme.test", assignee: 7, organization: "Acme Corp" })).toBe(
      'type:ticket requester:ada@acme.test assignee:7 organization:"Acme Corp"',
    );
  });

  test("refuses what it cannot write: unknown terms, bad dates, bad ids, empty values, no terms", () => {
    const loose = (input: unknown) => () => searchQuery(input as SearchQueryInput);
    expect(loose({ type: "user", status: "open" })).toThrow(/`status` is not a search term for type "user"/);
    expect(loose({ type: "widget" })).toThrow(/`type` must be one of/);
    expect(loose({ created: "yesterday" })).toThrow(/a date must be/);
    expect(loose({ created: new Date("nope") })).toThrow(/invalid Date/);
    expect(loose({ type: "ticket", organization: 1.5 })).toThrow(/positive integer/);
    expect(loose({ type: "ticket", tags: "" })).toThrow(/non-empty/);
    expect(loose({})).toThrow(/at least one term/);
    expect(loose({ type: "ticket", not: { text: "x" } })).toThrow(/leading -/);
  });
});
