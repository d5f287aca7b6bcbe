// Baselines for paging with work per page: a hand-written fetch loop over cursor pages that works on each page
// before asking for the next (`prefetch: false`), or that asks for the next page first and works on the current
// one while it travels (`prefetch: true`), as a careful user would write either.
import { basic, job, report } from "./common.mjs";

const work = () => new Promise((resolve) => setTimeout(resolve, job.workMs));
const get = async (url) => {
  const response = await fetch(url, { headers: { Authorization: basic, Accept: "application/json" } });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
};
const next = (page) => (page.meta.has_more ? page.links.next : null);

const started = performance.now();
let items = 0;
let page = await get(`${job.baseUrl}/api/v2/tickets?page%5Bsize%5D=100`);
for (;;) {
  const url = next(page);
  const ahead = job.prefetch && url ? get(url) : undefined;
  items += page.tickets.length;
  await work();
  if (!url) break;
  page = await (ahead ?? get(url));
}
report({ items, ms: performance.now() - started });
