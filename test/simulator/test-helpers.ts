/**
 * Helpers for the simulator's own tests: one request with the simulator's credentials, answered as parsed JSON, and
 * a walk through every generic route that checks each answer against the bundles.
 */
import type { AuthMode, RunningSimulator } from "./index.js";
import type { SpecValidator } from "./spec-validator.js";

/** A response body read loosely: the contract test is what checks shapes. */
// biome-ignore lint/suspicious/noExplicitAny: test bodies are read loosely; the contract test checks their shapes.
export type Loose = any;

export interface ApiResponse<T = Loose> {
  status: number;
  headers: Headers;
  /** The parsed body (undefined when empty or not JSON). */
  body: T;
  text: string;
}

export interface ApiOptions {
  body?: unknown;
  /** A body sent as it is (a file's bytes), with the Content-Type in `headers`; `body` is then ignored. */
  raw?: string | Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** Which credentials to send; false sends none. */
  auth?: AuthMode | false;
}

export async function api<T = Loose>(
  sim: RunningSimulator,
  method: string,
  path: string,
  options: ApiOptions = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.auth !== false) headers.Authorization = sim.authorization(options.auth || "api-token");
  if (options.body !== undefined && options.raw === undefined) headers["Content-Type"] = "application/json";
  const url = path.startsWith("http") ? path : `${sim.url}${path}`;
  const response = await fetch(url, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, body: body as T, text };
}

/** Polls a job status until it ends (or `maxPolls` is reached), returning every status seen. */
export async function pollJob(sim: RunningSimulator, id: string, maxPolls = 20): Promise<Loose[]> {
  const seen: Loose[] = [];
  for (let i = 0; i < maxPolls; i++) {
    const response = await api(sim, "GET", `/api/v2/job_statuses/${id}`);
    if (response.status !== 200) {
      seen.push({ httpStatus: response.status });
      continue;
    }
    seen.push(response.body.job_status);
    if (["completed", "failed", "killed"].includes(response.body.job_status.status)) break;
  }
  return seen;
}

export interface GenericCheckOptions {
  /** What to validate against (default `sim.spec`: every bundle the simulator loaded). */
  validator?: SpecValidator;
  /** Values for path parameters that do not name a record of a generic collection (default 1). */
  samples?: Record<string, string>;
  /** Only the routes of this bundle (its file name without the extension). */
  bundle?: string;
}

/**
 * A concrete path for a route pattern: a parameter naming a record of a generic collection takes the id of that
 * collection's first record, any other a sample value (or 1).
 */
export function concretePath(sim: RunningSimulator, pattern: string, samples: Record<string, string> = {}): string {
  const out: string[] = [];
  for (const segment of pattern.split("/")) {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name === undefined) {
      out.push(segment);
      continue;
    }
    const first = sim.generic.records(out.join("/"))?.[0]?.id;
    out.push(first === undefined ? (samples[name] ?? "1") : encodeURIComponent(String(first)));
  }
  return out.join("/");
}

/**
 * Requests every generic route not requested yet (per `sim.requests.byRoute`): lists, then creates, shows, updates,
 * actions and deletes, with bodies invented from the request schemas and ids of records that exist; a show is also
 * asked for an id that does not. Returns each answer that is not the expected status (2xx, or 404 for the missing
 * id) or does not fit the bundle; an empty list means every generic route answers as its bundle says.
 */
export async function checkGenericRoutes(sim: RunningSimulator, options: GenericCheckOptions = {}): Promise<string[]> {
  const validator = options.validator ?? sim.spec;
  const fill = (pattern: string) => concretePath(sim, pattern, options.samples);
  const hit = new Set(sim.requests.byRoute.keys());
  const order = ["list", "create", "show", "update", "action", "delete"];
  const routes = sim.generic
    .routes()
    .filter((route) => !hit.has(`${route.method} ${route.pattern}`))
    .filter((route) => options.bundle === undefined || route.bundle === options.bundle)
    .sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  const problems: string[] = [];
  const request = async (method: string, path: string, expected: (status: number) => boolean, body?: unknown) => {
    const response = await api(sim, method, path, { body });
    const where = `${method} ${path} -> ${response.status}`;
    if (!expected(response.status)) problems.push(`${where}: ${response.text.slice(0, 300)}`);
    const verdict = validator.check(
      method,
      path,
      response.status,
      response.text === "" ? undefined : response.body,
      response.headers.get("content-type"),
    );
    problems.push(...verdict.problems.map((problem) => `${where}: ${problem}`));
  };
  for (const route of routes) {
    let path = fill(route.pattern);
    if (route.idParam && route.collection) {
      // The collection's newest record: the one this walk created, where the collection takes creates.
      const records = sim.generic.records(fill(route.collection)) ?? [];
      const id = records[records.length - 1]?.id;
      path = `${fill(route.collection)}/${encodeURIComponent(String(id))}`;
    }
    const body = route.method === "GET" ? undefined : sim.generic.sampleRequest(route.method, route.pattern);
    await request(route.method, path, (status) => status >= 200 && status < 300, body);
    if (route.kind === "show" && route.collection) {
      await request("GET", `${fill(route.collection)}/999999999`, (status) => status === 404);
    }
  }
  return problems;
}
