// One of several processes paging one list through a Redis-shared budget (@zenfetch/limiter-redis), for the
// multi-process row. The job is JSON in argv (or the env below); prints one JSON line:
// { records, unique, status429, requests, ms } — records lost = expected - unique, repeated = records - unique.
import { createRedisLimiter } from "@zenfetch/limiter-redis";
import { createTicketsClient } from "@zenfetch/tickets";
import { Redis } from "ioredis";

const job = {
  baseUrl: process.env.ZENFETCH_SIM_URL,
  redisUrl: process.env.ZENFETCH_REDIS_URL,
  email: process.env.ZENFETCH_SIM_EMAIL,
  token: process.env.ZENFETCH_SIM_TOKEN,
  ...JSON.parse(process.argv[2] ?? "{}"),
};
const redis = new Redis(job.redisUrl);
redis.on("error", () => {}); // an outage is reported by the limiter and paced locally
const limiter = createRedisLimiter({
  redis,
  account: job.account ?? "bench",
  limit: job.limit,
  windowSeconds: job.windowSeconds ?? 60,
  processes: job.processes ?? 1,
});
let status429 = 0;
let requests = 0;
const client = createTicketsClient({
  baseUrl: job.baseUrl,
  auth: { email: job.email, apiToken: job.token },
  limiter,
  retry: { limit: 10, maxRetryAfterMs: 60_000 },
  fetch: (input, init) => {
    requests++;
    return fetch(input, init);
  },
  onRetry: (event) => {
    if (event.status === 429) status429++;
  },
});
const ids = new Set();
let records = 0;
const started = performance.now();
try {
  for await (const ticket of client.paginate(job.path ?? "/api/v2/tickets", { pageSize: job.pageSize ?? 100 })) {
    records++;
    ids.add(ticket.id);
  }
} finally {
  await redis.quit();
}
process.stdout.write(
  `${JSON.stringify({ records, unique: ids.size, status429, requests, ms: Math.round(performance.now() - started) })}\n`,
);
