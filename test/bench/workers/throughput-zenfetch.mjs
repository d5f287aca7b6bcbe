// Paging under a server budget that reports itself in Zendesk's rate-limit headers: how much of the budget the
// client uses, how many of its requests were answered 429, and is every record there exactly once? The client is
// not told the limit: it paces by the headers alone.
import { createTicketsClient } from "@zenfetch/tickets";
import { auth, job, report } from "./common.mjs";

let status429 = 0;
const client = createTicketsClient({
  baseUrl: job.baseUrl,
  auth,
  retry: { limit: 20 },
  onRetry(event) {
    if (event.status === 429) status429++;
  },
});
const seen = new Uint8Array(job.expected + 1);
let duplicated = 0;
let items = 0;
let requests = 0;
client.use({
  onResponse() {
    requests++;
  },
});
const started = performance.now();
for await (const ticket of client.paginate("/api/v2/tickets", { pageSize: 100 })) {
  items++;
  if (seen[ticket.id]) duplicated++;
  seen[ticket.id] = 1;
}
const ms = performance.now() - started;
let lost = 0;
for (let id = 1; id <= job.expected; id++) if (!seen[id]) lost++;
report({ items, ms, lost, duplicated, requests, status429 });
