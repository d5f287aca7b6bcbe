// A cursor export through @zenfetch/incremental: peak RSS and live heap (after a full GC) as the export goes on.
import { createIncrementalClient, exportTickets } from "@zenfetch/incremental";
import { auth, job, report, sample } from "./common.mjs";

// The simulator's export limit is off for this run; lift the client's own budget to match.
const client = createIncrementalClient({ baseUrl: job.baseUrl, auth, endpointLimits: false });
const started = performance.now();
let items = 0;
const samples = {};
for await (const page of exportTickets(client, { startTime: 0, perPage: 1000 })) {
  items += page.items.length;
  sample(samples, items, job.sampleAt);
}
report({ items, ms: performance.now() - started, samples });
