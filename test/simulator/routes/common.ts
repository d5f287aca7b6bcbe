/** Helpers shared by the route modules. */
import { badRequest } from "../errors.js";
import type { JobFault } from "../faults.js";
import { jobJson } from "../jobs.js";
import { json, type Reply } from "../reply.js";
import type { RequestContext } from "../types.js";

/** Bulk endpoints take at most this many items. */
export const BULK_LIMIT = 100;

/** A positive integer path parameter, or undefined (the route then answers 404). */
export function intParam(ctx: RequestContext, name: string): number | undefined {
  const raw = ctx.params[name] ?? "";
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return Number.isSafeInteger(value) && value > 0 ? value : undefined;
}

/** A comma-separated list of integer ids from the query, or a 400 reply. */
export function idsQuery(ctx: RequestContext, name = "ids"): number[] | Reply {
  const raw = ctx.query.get(name);
  if (raw === null || raw.trim() === "") return badRequest("InvalidValue", `Parameter ${name} is required`);
  const ids = raw.split(",").map((part) => Number(part.trim()));
  if (ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    return badRequest("InvalidValue", `Parameter ${name} must be a comma-separated list of ids`);
  }
  if (ids.length > BULK_LIMIT) return tooMany(name);
  return ids;
}

export function tooMany(what: string): Reply {
  return badRequest("TooManyValues", `At most ${BULK_LIMIT} ${what} can be given in one request`);
}

/** The body's object property `name`, or undefined. */
export function objectProperty(body: unknown, name: string): Record<string, unknown> | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The body's array property `name`, or undefined. */
export function arrayProperty(body: unknown, name: string): unknown[] | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return Array.isArray(value) ? value : undefined;
}

export function missingParameter(name: string): Reply {
  return badRequest("ParameterMissing", `Parameter ${name} is required`);
}

/** Starts a background job, or answers 429 when too many are queued or running already. */
export function startJob(
  ctx: RequestContext,
  jobType: string,
  total: number,
  run: () => unknown[],
  status = 200,
  fault: JobFault | undefined = ctx.jobFault,
): Reply {
  const { jobs } = ctx.sim;
  if (!jobs.hasRoom()) {
    return json(
      429,
      { error: "TooManyJobs", description: "Too many background jobs are queued or running; try again later" },
      { "Retry-After": String(jobs.config.retryAfterSeconds) },
    );
  }
  const job = jobs.create(jobType, total, run, fault);
  return json(status, { job_status: jobJson(ctx.origin, job) });
}
