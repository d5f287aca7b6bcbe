import { describe, expect, test } from "vitest";
import {
  createZendeskClient,
  isZendeskConfigError,
  type ZendeskClientOptions,
  ZendeskConfigError,
} from "../src/index.js";

const auth = { email: "agent@acme.test", apiToken: "tok" };

/** The message of the ZendeskConfigError that these options give. */
function configError(options: unknown): string {
  try {
    createZendeskClient(options as ZendeskClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(ZendeskConfigError);
    expect(error).toBeInstanceOf(TypeError);
    expect(isZendeskConfigError(error)).toBe(true);
    expect((error as Error).name).toBe("ZendeskConfigError");
    return (error as Error).message;
  }
  throw new Error("no error thrown");
}

const ok = (options: Partial<ZendeskClientOptions>) =>
  createZendeskClient({ auth, ...options } as ZendeskClientOptions);

describe("subdomain and baseUrl", () => {
  test("neither", () => {
    expect(configError({ auth })).toMatch(/give `subdomain` \(e\.g\. `subdomain: "acme"`.*\) or `baseUrl`/);
  });

  test("both", () => {
    expect(configError({ auth, subdomain: "acme", baseUrl: "https://acme.zendesk.com" })).toContain("not both");
  });

  test("a zendesk.com host name as subdomain suggests the subdomain", () => {
    expect(configError({ auth, subdomain: "acme.zendesk.com" })).toContain(
      '`subdomain` is a host name; pass `subdomain: "acme"` (or `baseUrl: "https://acme.zendesk.com"`)',
    );
  });

  test("a URL as subdomain suggests subdomain or baseUrl", () => {
    const message = configError({ auth, subdomain: "https://acme.zendesk.com/" });
    expect(message).toContain("`subdomain` is a URL");
    expect(message).toContain('`subdomain: "acme"`');
    expect(message).toContain('`baseUrl: "https://acme.zendesk.com"`');
  });

  test("a custom host as subdomain suggests baseUrl", () => {
    expect(configError({ auth, subdomain: "support.acme.com" })).toContain('`baseUrl: "https://support.acme.com"`');
  });

  test("empty and malformed subdomains", () => {
    expect(configError({ auth, subdomain: "" })).toContain("`subdomain` is empty");
    expect(configError({ auth, subdomain: "ac me" })).toContain("`subdomain` must be letters, digits and hyphens");
  });

  test("a remote http baseUrl must be https", () => {
    const message = configError({ auth, baseUrl: "http://acme.zendesk.com" });
    expect(message).toContain("must use https");
    expect(message).toContain('"https://acme.zendesk.com"');
    expect(configError({ auth, baseUrl: "http://10.0.0.5:8080" })).toContain("must use https");
    expect(configError({ auth, baseUrl: "ftp://acme.zendesk.com" })).toContain("https");
  });

  test("plain http is fine on loopback addresses", () => {
    expect(ok({ baseUrl: "http://localhost:3000" }).baseUrl).toBe("http://localhost:3000");
    expect(ok({ baseUrl: "http://127.0.0.1:8080/" }).baseUrl).toBe("http://127.0.0.1:8080");
    expect(ok({ baseUrl: "http://127.4.5.6" }).baseUrl).toBe("http://127.4.5.6");
    expect(ok({ baseUrl: "http://[::1]:9000" }).baseUrl).toBe("http://[::1]:9000");
    expect(ok({ subdomain: "Acme-Support" }).baseUrl).toBe("https://acme-support.zendesk.com");
  });

  test("baseUrl problems", () => {
    expect(configError({ auth, baseUrl: "acme.zendesk.com" })).toContain("is not an absolute URL");
    expect(configError({ auth, baseUrl: "https://me:secret@acme.zendesk.com" })).toContain("has credentials in it");
    expect(configError({ auth, baseUrl: "https://acme.zendesk.com/api/v2" })).toContain(
      'must not end in /api/v2: the API paths already start with it; use "https://acme.zendesk.com"',
    );
    expect(configError({ auth, baseUrl: "https://acme.zendesk.com/?x=1" })).toContain("query");
  });
});

describe("auth", () => {
  test("missing or empty", () => {
    expect(configError({ subdomain: "acme" })).toContain("`auth` is missing; pass `{ email, apiToken }`");
    expect(configError({ subdomain: "acme", auth: {} })).toContain("`auth` has no credential");
    expect(configError({ subdomain: "acme", auth: { email: "a@b.c" } })).toContain("`auth` has no credential");
  });

  test("partial credentials name the missing field", () => {
    expect(configError({ subdomain: "acme", auth: { apiToken: "tok" } })).toContain(
      "`auth.email` is missing: API token auth is `{ email, apiToken }`",
    );
    expect(configError({ subdomain: "acme", auth: { password: "pw" } })).toContain(
      "`auth.email` is missing: password auth is `{ email, password }`",
    );
    expect(configError({ subdomain: "acme", auth: { email: "", apiToken: "tok" } })).toContain("`auth.email` is empty");
    expect(configError({ subdomain: "acme", auth: { email: "a@b.c", apiToken: "" } })).toContain(
      "`auth.apiToken` is empty",
    );
    expect(configError({ subdomain: "acme", auth: { email: "a@b.c", password: " " } })).toContain(
      "`auth.password` is empty",
    );
    expect(configError({ subdomain: "acme", auth: { oauthToken: "" } })).toContain("`auth.oauthToken` is empty");
  });

  test("mixed or mistaken credentials", () => {
    expect(configError({ subdomain: "acme", auth: { email: "a@b.c", apiToken: "t", password: "p" } })).toContain(
      "has both `apiToken` and `password`",
    );
    expect(configError({ subdomain: "acme", auth: { email: "a@b.c/token", apiToken: "t" } })).toContain(
      "ends in /token; pass the bare email",
    );
  });
});

describe("other options", () => {
  test("retry, timeout, headers", () => {
    expect(configError({ subdomain: "acme", auth, retry: { limit: -1 } })).toContain(
      "`retry.limit` must be a number ≥ 0",
    );
    expect(configError({ subdomain: "acme", auth, retry: { limit: 1.5 } })).toContain(
      "`retry.limit` must be a whole number",
    );
    expect(configError({ subdomain: "acme", auth, retry: true })).toContain("`retry` must be");
    expect(configError({ subdomain: "acme", auth, timeoutMs: 0 })).toContain("`timeoutMs`");
    expect(configError({ subdomain: "acme", auth, timeoutMs: Number.NaN })).toContain("`timeoutMs`");
    expect(configError({ subdomain: "acme", auth, headers: { authorization: "Basic x" } })).toContain(
      "pass credentials as `auth`",
    );
    expect(configError({ subdomain: "acme", auth, fetch: "nope" })).toContain("`fetch` must be a function");
  });
});
