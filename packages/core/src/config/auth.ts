import { CONTROL, checkChars, fail } from "./fail.js";

const nonEmpty = (value: unknown) => typeof value === "string" && value.trim() !== "";

function base64(text: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** The Authorization header value. Messages here never include a credential's value. */
export function resolveAuth(auth: unknown): string {
  if (auth === undefined || auth === null) {
    return fail("`auth` is missing; pass `{ email, apiToken }`, `{ oauthToken }` or `{ email, password }`");
  }
  if (typeof auth !== "object")
    return fail("`auth` must be an object: `{ email, apiToken }`, `{ oauthToken }` or `{ email, password }`");
  const a = auth as Record<string, unknown>;
  const kinds = ["apiToken", "oauthToken", "password"].filter((key) => key in a && a[key] !== undefined);
  if (kinds.length === 0) {
    return fail("`auth` has no credential; pass `apiToken` (with `email`), `oauthToken`, or `password` (with `email`)");
  }
  if (kinds.length > 1) return fail(`\`auth\` has both ${kinds.map((k) => `\`${k}\``).join(" and ")}; pass one kind`);
  const kind = kinds[0] as "apiToken" | "oauthToken" | "password";
  if (!nonEmpty(a[kind])) return fail(`\`auth.${kind}\` is empty`);
  // A token goes into the header as it is; a password is base64-encoded, so any text but a control character
  // can be one.
  const secret = kind === "oauthToken" ? String(a[kind]).trim() : String(a[kind]);
  checkChars(`\`auth.${kind}\``, secret, kind === "password" ? CONTROL : undefined);
  if (kind === "oauthToken") return `Bearer ${secret}`;
  if (!("email" in a) || a.email === undefined) {
    return fail(
      `\`auth.email\` is missing: ${kind === "apiToken" ? "API token" : "password"} auth is \`{ email, ${kind} }\``,
    );
  }
  if (!nonEmpty(a.email)) return fail("`auth.email` is empty");
  const email = String(a.email).trim();
  checkChars("`auth.email`", email);
  if (kind === "apiToken") {
    if (/\/token$/i.test(email)) fail("`auth.email` ends in /token; pass the bare email, the client adds /token");
    return `Basic ${base64(`${email}/token:${secret}`)}`;
  }
  return `Basic ${base64(`${email}:${secret}`)}`;
}
