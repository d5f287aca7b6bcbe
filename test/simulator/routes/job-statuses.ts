/** Job statuses: polling one (which advances it), several, or the recent list. */
import { badRequest, notFound } from "../errors.js";
import { type JobRecord, jobJson } from "../jobs.js";
import { arraySource, cursorPage, isReply, readPageRequest } from "../pagination.js";
import { json, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import type { RequestContext } from "../types.js";

export function registerJobStatusRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/job_statuses", listJobs)
    .add("GET", "/api/v2/job_statuses/show_many", showMany)
    .add("GET", "/api/v2/job_statuses/{job_status_id}", showJob);
}

function showJob(ctx: RequestContext): Reply {
  const job = ctx.sim.jobs.poll(ctx.params.job_status_id ?? "");
  return job ? json(200, { job_status: jobJson(ctx.origin, job) }) : notFound();
}

function showMany(ctx: RequestContext): Reply {
  const raw = ctx.query.get("ids");
  if (!raw) return badRequest("InvalidValue", "Parameter ids is required");
  const ids = raw
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length > 100) return badRequest("TooManyValues", "At most 100 ids can be given in one request");
  const jobs = ids.map((id) => ctx.sim.jobs.poll(id)).filter((job): job is JobRecord => job !== undefined);
  return json(200, { job_statuses: jobs.map((job) => jobJson(ctx.origin, job)) });
}

function listJobs(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query, { cursorOnly: true });
  if (isReply(request) || request.mode !== "cursor") return request as Reply;
  const jobs = ctx.sim.jobs.list();
  const order = new Map(jobs.map((job, index) => [job.id, index]));
  const page = cursorPage(
    ctx,
    request,
    arraySource(jobs, (job) => [order.get(job.id) ?? 0, job.id]),
  );
  if (isReply(page)) return page;
  return json(200, {
    job_statuses: page.items.map((job) => jobJson(ctx.origin, job)),
    meta: page.meta,
    links: page.links,
  });
}
