// One of several processes paging the whole tickets list through one Redis-shared budget. Reads its job (JSON)
// from argv; prints one JSON line: the ids it got, in order, and how many 429s it was answered.
import { createRedisLimiter } from "@zenfetch/limiter-redis";
import { createTicketsClient } from "@zenfetch/tickets";
import { Redis } from "ioredis";

const job = JSON.parse(process.argv[2] ?? "{}");
const redis = new Redis(job.redisUrl);
const limiter = createRedisLimiter({
  redis,
  account: job.account,
  limit: job.limit,
  windowSeconds: job.windowSeconds,
  processes: job.processes,
});
let status429 = 0;
const client = createTicketsClient({
  baseUrl: job.baseUrl,
  auth: { email: job.email, apiToken: job.token },
  limiter,
  retry: { limit: 6, maxRetryAfterMs: 10_000 },
  onRetry: (event) => {
    if (event.status === 429) status429++;
  },
});
const ids = [];
try {
  for await (const ticket of client.paginate("/api/v2/tickets", { pageSize: job.pageSize ?? 100 })) ids.push(ticket.id);
} finally {
  await redis.quit();
}
process.stdout.write(`${JSON.stringify({ ids, status429 })}\n`);
