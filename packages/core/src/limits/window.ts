/** A sliding-window log: the start times of the last `limit` requests. */
export class Window {
  private readonly starts: number[] = [];
  constructor(
    public limit: number,
    public windowMs: number,
  ) {}

  /** How long until one more request fits (0: now). */
  waitMs(now: number): number {
    while (this.starts.length > 0 && (this.starts[0] as number) <= now - this.windowMs) this.starts.shift();
    if (this.starts.length < this.limit) return 0;
    return (this.starts[this.starts.length - this.limit] as number) + this.windowMs - now;
  }

  record(now: number): void {
    this.starts.push(now);
    if (this.starts.length > this.limit) this.starts.splice(0, this.starts.length - this.limit);
  }
}
