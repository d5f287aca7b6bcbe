// The baseline for the export: a hand-written fetch loop over the cursor export.
import { basic, job, report, sample } from "./common.mjs";

const started = performance.now();
let url = `${job.baseUrl}/api/v2/incremental/tickets/cursor?start_time=0&per_page=1000`;
let items = 0;
const samples = {};
while (url) {
  const response = await fetch(url, { headers: { Authorization: basic, Accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const page = await response.json();
  items += page.tickets.length;
  sample(samples, items, job.sampleAt);
  url = page.end_of_stream ? null : page.after_url;
}
report({ items, ms: performance.now() - started, samples });
