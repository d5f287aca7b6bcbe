// Options a careless caller may pass: credentials inside baseUrl or subdomain (never quoted back), and control
// characters in credentials or headers (refused when the client is made, naming the field, never the value).
import { inspect } from "node:util";
import { describe, expect, test } from "vitest";
import { createZendeskClient, type ZendeskClientOptions, ZendeskConfigError } from "../src/index.js";

const auth = { email: "agent@acme.test", apiToken: "tok" };
const SECRET = "S3CR3T";

/** The ZendeskConfigError these options give, checked to hold no trace of `secret` anywhere it could be logged. */
function refused(options: unknown, secret = SECRET): string {
  let error: unknown;
  try {
    createZendeskClient(options as ZendeskClientOptions);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(ZendeskConfigError);
  const message = (error as Error).message;
  for (const surface of [message, String(error), (error as Error).stack, JSON.stringify(error), inspect(error)]) {
    expect(surface).not.toContain(secret);
  }
  return message;
}

describe("credentials in baseUrl or subdomain are never quoted back", () => {
  test.each([
    ["https://user:S3CR3T@acme.zendesk.com", "`baseUrl` has credentials in it"],
    ["https://user:S3CR3T@@", "`baseUrl` is not an absolute URL"],
    ["user:S3CR3T@acme.zendesk.com", "`baseUrl` must be an https URL"],
  ])("baseUrl %s", (baseUrl, says) => {
    expect(refused({ auth, baseUrl })).toContain(says);
  });

  test("a URL with credentials as subdomain suggests the name, from the parsed host", () => {
    const message = refused({ auth, subdomain: "https://user:S3CR3T@acme.zendesk.com/" });
    expect(message).toContain(
      '`subdomain` is a URL; pass `subdomain: "acme"` (or `baseUrl: "https://acme.zendesk.com"`)',
    );
    expect(refused({ auth, subdomain: "https://user:S3CR3T@@" })).toContain(
      "`subdomain` must be letters, digits and hyphens",
    );
  });

  test("a host name with credentials as subdomain is shown only as its host", () => {
    expect(refused({ auth, subdomain: "user:S3CR3T@acme.zendesk.com" })).toContain(
      '`subdomain` is a host name; pass `subdomain: "acme"` (or `baseUrl: "https://acme.zendesk.com"`)',
    );
  });

  test.each(["user:S3CR3T@acme", "acme:S3CR3T", "S3CR3T@acme"])("subdomain %s", (subdomain) => {
    expect(refused({ auth, subdomain })).toContain("`subdomain` must be letters, digits and hyphens");
  });
});

describe("control characters are refused when the client is made", () => {
  const bad = ["\r\nX-Evil: 1", "\n", "\0", "\u0007", "\u007f"];

  test.each(bad)("in each credential (%j), naming the field, not the value", (tail) => {
    const cases: [Record<string, string>, string][] = [
      [{ email: `agent@acme.test${tail}S3CR3T`, apiToken: "tok" }, "`auth.email`"],
      [{ email: "agent@acme.test", apiToken: `S3CR3T${tail}x` }, "`auth.apiToken`"],
      [{ oauthToken: `S3CR3T${tail}x` }, "`auth.oauthToken`"],
      [{ email: "agent@acme.test", password: `S3CR3T${tail}x` }, "`auth.password`"],
    ];
    for (const [credentials, field] of cases) {
      expect(refused({ subdomain: "acme", auth: credentials })).toBe(
        `createZendeskClient: ${field} has a control character or one a header cannot carry`,
      );
    }
  });

  test("a token a header cannot carry is refused; a password (sent base64-encoded) may be any text", () => {
    expect(refused({ subdomain: "acme", auth: { oauthToken: "S3CR3T\u2028x" } })).toContain("`auth.oauthToken`");
    expect(refused({ subdomain: "acme", auth: { email: "a@b.c", apiToken: "S3CR3T€" } })).toContain("`auth.apiToken`");
    expect(() =>
      createZendeskClient({ subdomain: "acme", auth: { email: "é@b.c", password: "pässwörd €" } }),
    ).not.toThrow();
    // A token read from a file keeps its line break at the end; the client trims an OAuth token, as before.
    expect(() => createZendeskClient({ subdomain: "acme", auth: { oauthToken: "abc\n" } })).not.toThrow();
  });

  test.each([
    [{ "X-Trace": "a\r\nX-Evil: S3CR3T" }, "`headers` X-Trace"],
    [[["X-Trace", "S3CR3T\n"]], "`headers` X-Trace"],
    [{ "X-Trace": ["ok", "S3CR3T\0"] }, "`headers` X-Trace"],
  ])("in a `headers` value, naming the header: %j", (headers, field) => {
    expect(refused({ subdomain: "acme", auth, headers })).toContain(`${field} has a control character`);
  });

  test("in a header name, and in userAgent", () => {
    expect(refused({ subdomain: "acme", auth, headers: { "X-A\r\nX-B": "1" } })).toContain("has a control character");
    expect(refused({ subdomain: "acme", auth, userAgent: "my-app/1.0\r\nX-Evil: S3CR3T" })).toContain(
      "`userAgent` has a control character",
    );
    expect(() =>
      createZendeskClient({
        subdomain: "acme",
        auth,
        userAgent: "my-app/1.0 (+https://x.test)",
        headers: { "X-A": 1 } as never,
      }),
    ).not.toThrow();
  });
});
