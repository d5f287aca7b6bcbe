/**
 * The simulator's notion of "now". It follows the real clock by default; tests can pin it or move it, which is how
 * they step past the incremental exports' one-minute lag or a rate-limit window without sleeping.
 */
export class SimClock {
  private offsetMs = 0;
  private pinnedMs: number | undefined;

  constructor(start?: number | Date) {
    if (start !== undefined) this.pinnedMs = start instanceof Date ? start.getTime() : start;
  }

  /** Milliseconds since the epoch. */
  now(): number {
    return this.pinnedMs ?? Date.now() + this.offsetMs;
  }

  /** Whole seconds since the epoch (Zendesk's timestamps have second precision). */
  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Moves time forward (or back, with a negative value). A pinned clock stays pinned. */
  advance(ms: number): void {
    if (this.pinnedMs !== undefined) this.pinnedMs += ms;
    else this.offsetMs += ms;
  }

  /** Pins the clock to a fixed instant: it no longer moves with real time until `resume()`. */
  set(time: number | Date): void {
    this.pinnedMs = time instanceof Date ? time.getTime() : time;
  }

  /** Lets the clock run with real time again, from where it stands now. */
  resume(): void {
    if (this.pinnedMs === undefined) return;
    this.offsetMs = this.pinnedMs - Date.now();
    this.pinnedMs = undefined;
  }
}

const dayPrefixes = new Map<number, string>();

/** `2024-01-01T00:00:00Z`: Zendesk's timestamp format (no milliseconds). Hot path: pages format many of these. */
export function isoSeconds(unixSeconds: number): string {
  const day = Math.floor(unixSeconds / 86_400);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * 86_400_000).toISOString().slice(0, 11);
    if (dayPrefixes.size > 10_000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  const seconds = unixSeconds - day * 86_400;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${prefix}${h < 10 ? "0" : ""}${h}:${m < 10 ? "0" : ""}${m}:${s < 10 ? "0" : ""}${s}Z`;
}
