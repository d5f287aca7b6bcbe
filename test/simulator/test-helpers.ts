/** Helpers for the simulator's own tests: one request with the simulator's credentials, answered as parsed JSON. */
import type { AuthMode, RunningSimulator } from "./index.js";

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
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  const url = path.startsWith("http") ? path : `${sim.url}${path}`;
  const response = await fetch(url, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
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
