// The same pages through @zenfetch/tickets: typed client, retries, paginate.
import { createTicketsClient } from "@zenfetch/tickets";
import { auth, job, report } from "./common.mjs";

const client = createTicketsClient({ baseUrl: job.baseUrl, auth });
const started = performance.now();
let items = 0;
for await (const _ticket of client.paginate("/api/v2/tickets", { pageSize: 100 })) items++;
report({ items, ms: performance.now() - started });
