// The same pages through @zenfetch/tickets' paginate, working on each page as it comes: its look-ahead fetches
// the next page meanwhile.
import { createTicketsClient } from "@zenfetch/tickets";
import { auth, job, report } from "./common.mjs";

const client = createTicketsClient({ baseUrl: job.baseUrl, auth });
const work = () => new Promise((resolve) => setTimeout(resolve, job.workMs));
const started = performance.now();
let items = 0;
for await (const page of client.paginate("/api/v2/tickets", { pageSize: 100 }).pages()) {
  items += page.tickets.length;
  await work();
}
report({ items, ms: performance.now() - started });
