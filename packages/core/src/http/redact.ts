/**
 * Keeping credentials out of what errors and hooks carry.
 *
 * The client adds the `Authorization` header inside the transport, on each
 * attempt, so middleware, hooks and errors never see it; these helpers cover
 * what is left: URLs (userinfo), body snippets, foreign error causes.
 */

/** The URL without userinfo (`https://user:pass@host` → `https://host`); the input unchanged when it is no URL. */
export function safeUrl(url: string): string {
  if (!url.includes("@")) return url; // no userinfo without one, so no parse on every request
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * The first `max` characters of a body, on one line, for error messages: without ANSI escapes, control
 * characters or bidi overrides, which would recolour or rewrite the terminal or log that shows the message.
 */
export function snippet(text: string, max = 200): string {
  const flat = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape sequences is the point
    .replace(/(?:\x1b\[[0-?]*[ -/]*[@-~]|[\s\p{Cc}\u202a-\u202e\u2066-\u2069])+/gu, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/**
 * A cause safe to attach to our errors: the error's name, message and `code`
 * (and, recursively, its own cause), without any other property. A network
 * error from a fetch implementation may carry the Request (and so its headers).
 */
export function safeCause(error: unknown, depth = 0): Error | undefined {
  if (error === undefined || error === null) return undefined;
  if (!(error instanceof Error)) return new Error(typeof error === "string" ? error : "non-Error thrown");
  const nested = depth < 4 && error.cause !== undefined ? safeCause(error.cause, depth + 1) : undefined;
  const copy = new Error(error.message, nested ? { cause: nested } : undefined);
  copy.name = error.name;
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") {
    Object.defineProperty(copy, "code", { value: code, enumerable: true });
  }
  copy.stack = `${copy.name}: ${copy.message}`;
  return copy;
}
