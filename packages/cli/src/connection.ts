import type { ZendeskAuth, ZendeskClientOptions } from "@zenfetch/core";
import { UsageError } from "./usage-error.js";

/** Where and as whom the command connects: the client options every command's clients are built with. */
export type Connection = Pick<ZendeskClientOptions, "subdomain" | "baseUrl" | "auth">;

/** The environment variables the command reads its account and credentials from. */
export const CREDENTIAL_VARIABLES = [
  "ZENDESK_SUBDOMAIN",
  "ZENDESK_EMAIL",
  "ZENDESK_API_TOKEN",
  "ZENDESK_OAUTH_TOKEN",
] as const;

const HOW = [
  "Set ZENDESK_SUBDOMAIN (or pass --base-url) and either",
  "  ZENDESK_EMAIL and ZENDESK_API_TOKEN (an API token), or",
  "  ZENDESK_OAUTH_TOKEN (an OAuth access token).",
].join("\n");

/** `--base-url` must be a URL, and credentials belong in the environment, never in it. */
function checkBaseUrl(baseUrl: string): void {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new UsageError("--base-url is not a URL: give one like https://acme.zendesk.com or http://127.0.0.1:4010.");
  }
  if (url.username || url.password) {
    throw new UsageError("--base-url must not hold credentials: set them in the environment instead.");
  }
}

/**
 * Reads the account and credentials from `env`; `baseUrl` (from `--base-url`) replaces the subdomain. Throws a
 * `UsageError` naming what is missing. No value read here is ever printed.
 */
export function connectionFromEnv(env: Record<string, string | undefined>, baseUrl?: string): Connection {
  if (baseUrl !== undefined) checkBaseUrl(baseUrl);
  const value = (name: (typeof CREDENTIAL_VARIABLES)[number]) => {
    const text = env[name]?.trim();
    return text ? text : undefined;
  };
  const subdomain = value("ZENDESK_SUBDOMAIN");
  if (!baseUrl && !subdomain) throw new UsageError(`No Zendesk account given.\n${HOW}`);
  const oauthToken = value("ZENDESK_OAUTH_TOKEN");
  const email = value("ZENDESK_EMAIL");
  const apiToken = value("ZENDESK_API_TOKEN");
  let auth: ZendeskAuth;
  if (oauthToken) {
    if (email || apiToken) {
      throw new UsageError(
        "Both ZENDESK_OAUTH_TOKEN and ZENDESK_EMAIL/ZENDESK_API_TOKEN are set: unset the ones you do not mean to use.",
      );
    }
    auth = { oauthToken };
  } else if (email && apiToken) {
    auth = { email, apiToken };
  } else if (email || apiToken) {
    const missing = email ? "ZENDESK_API_TOKEN" : "ZENDESK_EMAIL";
    throw new UsageError(`${missing} is not set: an API token needs both ZENDESK_EMAIL and ZENDESK_API_TOKEN.`);
  } else {
    throw new UsageError(`No Zendesk credentials given.\n${HOW}`);
  }
  return baseUrl ? { baseUrl, auth } : { subdomain: subdomain as string, auth };
}
