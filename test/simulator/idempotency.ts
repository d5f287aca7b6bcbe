/**
 * Zendesk's Idempotency-Key for ticket creation: the first successful answer under a key is remembered (for two
 * hours); the same key with the same body gets that answer again, marked `x-idempotency-lookup: hit`, without
 * creating anything; the same key with a different body is refused with 400.
 */
import { badRequest } from "./errors.js";
import type { Reply } from "./reply.js";

const TTL_MS = 2 * 60 * 60 * 1000;

interface Entry {
  fingerprint: string;
  reply: Reply;
  expiresAt: number;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  get size(): number {
    return this.entries.size;
  }

  /**
   * Runs `create` once per key and body. `scope` keeps keys of different endpoints apart; `fingerprint` is the
   * request body as received, compared after normalizing JSON key order.
   */
  async run(scope: string, key: string, body: unknown, create: () => Reply | Promise<Reply>): Promise<Reply> {
    this.expire();
    const id = `${scope} ${key}`;
    const fingerprint = canonicalJson(body);
    const existing = this.entries.get(id);
    if (existing) {
      if (existing.fingerprint !== fingerprint) {
        return badRequest(
          "IdempotentRequestError",
          "This Idempotency-Key was already used with a different request body",
        );
      }
      return withHeader(existing.reply, "hit");
    }
    const reply = await create();
    if (reply.status >= 200 && reply.status < 300) {
      this.entries.set(id, { fingerprint, reply, expiresAt: this.now() + TTL_MS });
    }
    return withHeader(reply, "miss");
  }

  clear(): void {
    this.entries.clear();
  }

  private expire(): void {
    const now = this.now();
    for (const [id, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(id);
  }
}

function withHeader(reply: Reply, lookup: "hit" | "miss"): Reply {
  return { ...reply, headers: { ...reply.headers, "x-idempotency-lookup": lookup } };
}

/** JSON with object keys sorted, so `{a, b}` and `{b, a}` compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === "object" && !Array.isArray(item)) {
      return Object.fromEntries(Object.entries(item as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    }
    return item;
  });
}
