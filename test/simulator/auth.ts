/**
 * Zendesk's three ways in: an API token (`Basic base64("{email}/token:{token}")`), an OAuth access token
 * (`Bearer {token}`) and a password (`Basic base64("{email}:{password}")`), checked against configured credentials.
 */

export interface Credentials {
  /** The agent's email (default agent@example.com). */
  email?: string;
  /** API token (default sim-token). */
  token?: string;
  /** OAuth access token (default sim-oauth). */
  oauthToken?: string;
  /** Password (default sim-password). */
  password?: string;
  /** Accept every request, credentials or not. */
  disabled?: boolean;
}

export type ResolvedCredentials = Required<Credentials>;

export function resolveCredentials(credentials: Credentials | undefined): ResolvedCredentials {
  return {
    email: credentials?.email ?? "agent@example.com",
    token: credentials?.token ?? "sim-token",
    oauthToken: credentials?.oauthToken ?? "sim-oauth",
    password: credentials?.password ?? "sim-password",
    disabled: credentials?.disabled ?? false,
  };
}

export type AuthMode = "api-token" | "oauth" | "password";

/** The way the request authenticated, or undefined when it did not. */
export function authenticate(header: string | undefined, credentials: ResolvedCredentials): AuthMode | undefined {
  if (!header) return undefined;
  const space = header.indexOf(" ");
  if (space < 0) return undefined;
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (scheme === "bearer") return value === credentials.oauthToken ? "oauth" : undefined;
  if (scheme !== "basic") return undefined;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (user.toLowerCase().endsWith("/token")) {
    const email = user.slice(0, -"/token".length);
    return sameEmail(email, credentials.email) && secret === credentials.token ? "api-token" : undefined;
  }
  return sameEmail(user, credentials.email) && secret === credentials.password ? "password" : undefined;
}

function sameEmail(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** The Authorization header with its secret removed: only the scheme is kept. */
export function redactAuthorization(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const space = header.indexOf(" ");
  return space < 0 ? "[redacted]" : `${header.slice(0, space)} [redacted]`;
}
