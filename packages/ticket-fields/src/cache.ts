// What a client keeps between helper calls: the account's ticket fields and custom statuses, fetched once.
import type { CustomStatusLookup, FieldNames } from "./types.js";

export interface HelperCache {
  fields?: Promise<FieldNames>;
  statuses?: Promise<CustomStatusLookup>;
}

/** Shares one fetch between concurrent first callers; a failed fetch is forgotten, so the next call tries again. */
export function cached<K extends keyof HelperCache>(
  cache: HelperCache,
  key: K,
  load: () => NonNullable<HelperCache[K]>,
): NonNullable<HelperCache[K]> {
  const existing = cache[key];
  if (existing) return existing as NonNullable<HelperCache[K]>;
  const pending = load();
  cache[key] = pending;
  pending.catch(() => {
    if (cache[key] === pending) delete cache[key];
  });
  return pending;
}
