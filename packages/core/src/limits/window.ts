/**
 * A sliding-window log of the last `limit` requests. A request counts from when it was sent until its answer
 * comes, and from then on from the answer: the server counted it at some moment in between, so a window that
 * ran from the send would let the next request in a moment before the server's own had ended.
 */
export class Window {
  /** When answered requests were answered, oldest first. */
  private readonly answered: number[] = [];
  /** When requests still unanswered were sent, oldest first. */
  private readonly open: number[] = [];
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** How long until one more request fits (0: now). */
  waitMs(now: number): number {
    this.forget(now);
    const over = this.answered.length + this.open.length - this.limit;
    if (over < 0) return 0;
    // The (over + 1)-th earliest of both logs is the one whose end lets the next request in.
    let a = 0;
    let o = 0;
    let start = 0;
    for (let i = 0; i <= over; i++) {
      const next = this.answered[a] ?? Number.POSITIVE_INFINITY;
      const sent = this.open[o] ?? Number.POSITIVE_INFINITY;
      if (next <= sent) {
        start = next;
        a++;
      } else {
        start = sent;
        o++;
      }
    }
    return start + this.windowMs - now;
  }

  record(now: number): void {
    this.open.push(now);
    // Only the last `limit` requests matter.
    while (this.answered.length + this.open.length > this.limit) {
      const oldest = (this.answered[0] ?? Number.POSITIVE_INFINITY) <= (this.open[0] ?? Number.POSITIVE_INFINITY);
      (oldest ? this.answered : this.open).shift();
    }
  }

  /** One request counted here was answered (or failed) now: it counts from now on. */
  settle(now: number): void {
    if (this.open.shift() !== undefined) this.answered.push(now);
  }

  /** No request in the last window: this log says nothing a new, empty one would not. */
  idle(now: number): boolean {
    this.forget(now);
    return this.answered.length + this.open.length === 0;
  }

  private forget(now: number): void {
    const before = now - this.windowMs;
    while (this.answered.length > 0 && (this.answered[0] as number) <= before) this.answered.shift();
    while (this.open.length > 0 && (this.open[0] as number) <= before) this.open.shift();
  }
}
