// Small checks and conversions that the domain packages' helpers share, so that each states its arguments' rules
// the same way. Nothing at start-up uses them: a helper's code, loaded on its first call, does.

/** The part of a helper's options that every call it makes takes along: an abort signal and extra headers. */
export interface CallInit<H = unknown> {
  signal?: AbortSignal;
  headers?: H;
}

/** A helper's `signal` and `headers` as a call's init, with only those given (`{}` when neither is). */
export function callInit<H>({ signal, headers }: CallInit<H> = {}): CallInit<H> {
  return { ...(signal ? { signal } : {}), ...(headers ? { headers } : {}) };
}

/** `value` when it is a string with something besides white space; else a TypeError naming the helper and argument. */
export function requireText(label: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(
      `${label}: \`${name}\` must be a non-empty string; got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

/** `value` when it is a positive whole number (a Zendesk id); else a TypeError naming the helper and argument. */
export function requireId(label: string, name: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value <= 0) {
    throw new TypeError(
      `${label}: \`${name}\` must be a positive whole number (an id); got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}
