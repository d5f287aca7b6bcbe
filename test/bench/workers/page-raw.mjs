// The baseline: a hand-written fetch loop over cursor pages, as a careful user would write it.
import { basic, job, report } from "./common.mjs";

const started = performance.now();
let url = `${job.baseUrl}/api/v2/tickets?page%5Bsize%5D=100`;
let items = 0;
while (url) {
  const response = await fetch(url, { headers: { Authorization: basic, Accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const page = await response.json();
  items += page.tickets.length;
  url = page.meta.has_more ? page.links.next : null;
}
report({ items, ms: performance.now() - started });
