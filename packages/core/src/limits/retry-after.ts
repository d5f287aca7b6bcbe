/**
 * A `Retry-After` value in milliseconds: delay-seconds (`120`, also `1.5`) or
 * an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`; a date in the past is 0).
 * Undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // An HTTP date names its day and month in letters; this also keeps "-5" from parsing as a year.
  if (!/[a-z]{3}/i.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
