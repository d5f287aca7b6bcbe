/**
 * What the simulator received: a running count per route, and the last N requests in a ring buffer (N is
 * configurable; 0 keeps counts only), so a long benchmark does not grow memory.
 */

export interface LoggedRequest {
  /** 1, 2, 3... in arrival order. */
  seq: number;
  method: string;
  /** Path without the query (and without a trailing `.json`). */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; Authorization keeps only its scheme. */
  headers: Record<string, string>;
  /** The parsed JSON body, if any. */
  body?: unknown;
  /** The route pattern that served it (`GET /api/v2/tickets/{ticket_id}`), when one did. */
  route?: string;
  status?: number;
  /** Set when a fault answered. */
  fault?: string;
  /** The X-Zendesk-Request-Id sent back. */
  requestId: string;
  /** Simulator clock, ms. */
  time: number;
}

export class RequestLog {
  private buffer: LoggedRequest[] = [];
  private head = 0;
  private total = 0;
  private readonly perRoute = new Map<string, number>();

  constructor(private capacity: number) {}

  /** Requests received since the start (or the last `clear`). */
  get count(): number {
    return this.total;
  }

  /** Requests per route pattern (`GET /api/v2/tickets`), plus `unmatched` for the rest. */
  get byRoute(): ReadonlyMap<string, number> {
    return this.perRoute;
  }

  /** The retained requests, oldest first. */
  get entries(): LoggedRequest[] {
    if (this.buffer.length < this.capacity) return [...this.buffer];
    return [...this.buffer.slice(this.head), ...this.buffer.slice(0, this.head)];
  }

  /** The retained requests for a method and path (path without `.json`). */
  find(method: string, path: string): LoggedRequest[] {
    return this.entries.filter((entry) => entry.method === method && entry.path === path);
  }

  last(): LoggedRequest | undefined {
    if (this.buffer.length === 0) return undefined;
    const index =
      this.buffer.length < this.capacity ? this.buffer.length - 1 : (this.head - 1 + this.capacity) % this.capacity;
    return this.buffer[index];
  }

  /** Changes how many requests are kept (0 keeps counts only). */
  setCapacity(capacity: number): void {
    const entries = this.entries;
    this.capacity = Math.max(0, capacity);
    this.buffer = this.capacity === 0 ? [] : entries.slice(-this.capacity);
    this.head = 0;
  }

  clear(): void {
    this.buffer = [];
    this.head = 0;
    this.total = 0;
    this.perRoute.clear();
  }

  record(entry: LoggedRequest): void {
    this.total++;
    if (this.capacity === 0) return;
    if (this.buffer.length < this.capacity) {
      this.buffer.push(entry);
    } else {
      this.buffer[this.head] = entry;
      this.head = (this.head + 1) % this.capacity;
    }
  }

  countRoute(route: string): void {
    this.perRoute.set(route, (this.perRoute.get(route) ?? 0) + 1);
  }
}
