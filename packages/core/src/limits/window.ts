/** A sliding-window log: the start times of the last `limit` requests. */
export class Window {
  private readonly starts: number[] = [];
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** How long until one more request fits (0: now). */
  waitMs(now: number): number {
    this.forget(now);
    if (this.starts.length < this.limit) return 0;
    return (this.starts[this.starts.length - this.limit] as number) + this.windowMs - now;
  }

  record(now: number): void {
    this.starts.push(now);
    if (this.starts.length > this.limit) this.starts.splice(0, this.starts.length - this.limit);
  }

  /** No request in the last window: this log says nothing a new, empty one would not. */
  idle(now: number): boolean {
    this.forget(now);
    return this.starts.length === 0;
  }

  private forget(now: number): void {
    while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.windowMs) this.starts.shift();
  }
}
