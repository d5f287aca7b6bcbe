// The ticket, user and organization exports on one client, side by side (`parallel: true`) or one after another,
// each endpoint under its own budget: wall time, records lost and repeated, and 429s.
import { createIncrementalClient, exportOrganizations, exportTickets, exportUsers } from "@zenfetch/incremental";
import { auth, job, report } from "./common.mjs";

let status429 = 0;
const budget = { limit: job.limit, windowSeconds: job.windowSeconds };
const client = createIncrementalClient({
  baseUrl: job.baseUrl,
  auth,
  // The budget the simulator gives each export endpoint (Zendesk's is 10 a minute; shorter here to keep the run short).
  endpointLimits: {
    "GET /api/v2/incremental/tickets/cursor": budget,
    "GET /api/v2/incremental/users/cursor": budget,
    "GET /api/v2/incremental/organizations": budget,
  },
  onRetry(event) {
    if (event.status === 429) status429++;
  },
});

let lost = 0;
let repeated = 0;
let items = 0;
async function drain(run, expected) {
  const seen = new Uint8Array(expected + 1);
  for await (const page of run) {
    for (const record of page.items) {
      items++;
      if (seen[record.id]) repeated++;
      seen[record.id] = 1;
    }
  }
  for (let id = 1; id <= expected; id++) if (!seen[id]) lost++;
}

const exports = [
  () => drain(exportTickets(client, { startTime: 0, perPage: job.perPage }), job.tickets),
  () => drain(exportUsers(client, { startTime: 0, perPage: job.perPage }), job.users),
  () => drain(exportOrganizations(client, { startTime: 0, perPage: job.perPage }), job.organizations),
];
const started = performance.now();
if (job.parallel) await Promise.all(exports.map((run) => run()));
else for (const run of exports) await run();
report({ items, ms: performance.now() - started, lost, repeated, status429 });
