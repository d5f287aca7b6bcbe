import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { accountSource, run } from "../src/index.js";

const auth = { email: "ops@lumen.test", apiToken: "tok-123" };

async function zenfetch(args: string[], env: Record<string, string | undefined>) {
  const stderr = new PassThrough();
  let err = "";
  stderr.on("data", (chunk) => {
    err += chunk;
  });
  const status = await run(args, { env, stdout: new PassThrough(), stderr, signal: new AbortController().signal });
  return { status, stderr: err };
}

describe("accountSource", () => {
  it("names the Zendesk host, or the base URL without its query", () => {
    expect(accountSource({ subdomain: "lumen", auth })).toBe("lumen.zendesk.com");
    expect(accountSource({ baseUrl: "https://proxy.lumen.test/zendesk/?token=abc", auth })).toBe(
      "https://proxy.lumen.test/zendesk",
    );
  });
});

describe("zenfetch typegen: usage errors exit 2 before any request", () => {
  const env = { ZENDESK_EMAIL: auth.email, ZENDESK_API_TOKEN: auth.apiToken };

  it("refuses a base URL holding credentials, without printing them", async () => {
    const result = await zenfetch(["typegen", "--base-url", "https://ops:secret-pw@lumen.test"], env);
    expect(result).toEqual({
      status: 2,
      stderr: "zenfetch: --base-url must not hold credentials: set them in the environment instead.\n",
    });
  });

  it("refuses a base URL that is not a URL", async () => {
    const result = await zenfetch(["typegen", "--base-url", "lumen"], env);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("--base-url is not a URL");
  });

  it("names the missing variable when only half an API token is set", async () => {
    const result = await zenfetch(["typegen", "--check"], { ZENDESK_SUBDOMAIN: "lumen", ZENDESK_EMAIL: auth.email });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("ZENDESK_API_TOKEN is not set");
    expect(result.stderr).not.toContain(auth.email);
  });
});
