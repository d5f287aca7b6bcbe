import { describe, expect, it } from "vitest";
import { connectionFromEnv, UsageError } from "../src/index.js";

const SECRET = "tok-4f9a1c";

describe("connectionFromEnv", () => {
  it("takes an email and API token with a subdomain", () => {
    expect(
      connectionFromEnv({ ZENDESK_SUBDOMAIN: "acme", ZENDESK_EMAIL: "ops@example.com", ZENDESK_API_TOKEN: SECRET }),
    ).toEqual({ subdomain: "acme", auth: { email: "ops@example.com", apiToken: SECRET } });
  });

  it("takes an OAuth token, and --base-url in place of the subdomain", () => {
    expect(connectionFromEnv({ ZENDESK_OAUTH_TOKEN: SECRET }, "http://127.0.0.1:4010")).toEqual({
      baseUrl: "http://127.0.0.1:4010",
      auth: { oauthToken: SECRET },
    });
  });

  it("lets --base-url win over ZENDESK_SUBDOMAIN, so a test run never reaches the real account", () => {
    const connection = connectionFromEnv(
      { ZENDESK_SUBDOMAIN: "acme", ZENDESK_OAUTH_TOKEN: SECRET },
      "http://127.0.0.1:4010",
    );
    expect(connection).not.toHaveProperty("subdomain");
    expect(connection.baseUrl).toBe("http://127.0.0.1:4010");
  });

  it("treats blank variables as unset", () => {
    expect(() => connectionFromEnv({ ZENDESK_SUBDOMAIN: "  ", ZENDESK_OAUTH_TOKEN: SECRET })).toThrow(
      /No Zendesk account given/,
    );
  });

  const refused: [string, Record<string, string>, RegExp][] = [
    ["no account", { ZENDESK_OAUTH_TOKEN: SECRET }, /No Zendesk account given.*ZENDESK_SUBDOMAIN.*--base-url/s],
    [
      "no credentials",
      { ZENDESK_SUBDOMAIN: "acme" },
      /No Zendesk credentials given.*ZENDESK_API_TOKEN.*ZENDESK_OAUTH_TOKEN/s,
    ],
    [
      "an email without a token",
      { ZENDESK_SUBDOMAIN: "acme", ZENDESK_EMAIL: "ops@example.com" },
      /ZENDESK_API_TOKEN is not set/,
    ],
    ["a token without an email", { ZENDESK_SUBDOMAIN: "acme", ZENDESK_API_TOKEN: SECRET }, /ZENDESK_EMAIL is not set/],
    [
      "both kinds of credentials",
      {
        ZENDESK_SUBDOMAIN: "acme",
        ZENDESK_OAUTH_TOKEN: SECRET,
        ZENDESK_EMAIL: "ops@example.com",
        ZENDESK_API_TOKEN: SECRET,
      },
      /Both ZENDESK_OAUTH_TOKEN and ZENDESK_EMAIL\/ZENDESK_API_TOKEN are set/,
    ],
  ];
  it.each(refused)("refuses %s with a UsageError that says what to set, and no secret in it", (_, env, message) => {
    let caught: unknown;
    try {
      connectionFromEnv(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).not.toContain(SECRET);
  });
});
