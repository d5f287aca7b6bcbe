import createClient, { type Client, type Middleware, mergeHeaders } from "openapi-fetch";
import type { ZendeskClientOptions } from "../config/options.js";
import { resolveOptions } from "../config/resolve-options.js";
import type { paths as JobStatusPaths } from "../generated/job-statuses.js";
import { operations as jobStatusOperations } from "../generated/operations.js";
import { linkSignals } from "../http/abort.js";
import { lazy } from "../http/lazy.js";
import { PlainRequest } from "../http/plain-request.js";
import { querySerializer } from "../http/query.js";
import { safeUrl } from "../http/redact.js";
import { tagResponse } from "../http/request-info.js";
import { createTransport, type RequestContext, reader } from "../http/transport.js";
import type { JobRef, WaitForJobOptions } from "../jobs/types.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import { createPaginate } from "../paging/paginate.js";
import { METHODS } from "./client-names.js";
import type { Media } from "./types.js";
import { uuid } from "./uuid.js";

/** What a client is built from, once the options and domains are checked. */
export interface Build {
  options: ZendeskClientOptions;
  /** The operations metadata the caller sees as `client.operations`. */
  operations: OperationsMeta;
  /** `name/version` of each domain package, for the User-Agent. */
  products: readonly string[];
}

export function buildClient(build: Build): Record<string, unknown> {
  const resolved = resolveOptions(build.options, build.products);
  const operations: OperationsMeta = { ...jobStatusOperations, ...build.operations };
  const transport = createTransport(resolved);
  /** The middleware registered with `use` (as openapi-fetch keeps them), to know when there is none. */
  const registered: Middleware[] = [];

  const base = createClient<Record<string, never>, Media>({
    baseUrl: resolved.baseUrl,
    headers: mergeHeaders({ Accept: "application/json", "User-Agent": resolved.userAgent }, resolved.headers),
    // Every call passes its own fetch (below); this one only serves a request made some other way.
    fetch: (request: Request | PlainRequest) => transport(request),
    // Lists comma-separated (`include=users,groups`), repeated under a `name[]`.
    querySerializer: querySerializer(),
  });

  /** Every call goes through here: the default signal, the idempotency key, response bookkeeping, parse errors. */
  async function call(method: string, path: string, init?: Record<string, unknown>) {
    const upper = method.toUpperCase();
    const operation = `${upper} ${path}`;
    // openapi-fetch encodes a value as one segment (a `/` becomes %2F), but leaves "", "." and ".." as they
    // are, and the URL then drops a segment: `/tickets/../tags` is `/tags`. A missing value would go out as
    // a literal `{name}`. So each of the path's parameters is checked before anything is sent.
    const values = (init?.params as { path?: Record<string, unknown> } | undefined)?.path;
    for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
      if (/^\.{0,2}$/.test(`${values?.[name as string] ?? ""}`)) {
        throw new TypeError(`${operation}: path parameter \`${name}\` must be an id or key, not "", "." or ".."`);
      }
    }
    const meta = operations[operation];
    const context: RequestContext = { operation, meta, idempotencyKey: meta?.idempotencyKey === true };
    // A per-call `retry429: false` hands a 429 straight back (see RequestContext).
    if (init?.retry429 === false) context.retry429 = false;
    if (init?.parseAs === "stream") context.stream = true;
    // A body the spec says is not JSON (a file's bytes, a form) is made ready by code loaded on first use.
    if (meta?.body) init = (await import("../http/rare.js")).prepareBody(init, meta.body, context);

    // The call's own fetch, so that it knows its operation without a lookup: it gets the request after every
    // onRequest middleware, and its response goes to the onResponse ones tagged with where it came from.
    const send = async (request: Request | PlainRequest) => {
      if (context.idempotencyKey && !request.headers.has("idempotency-key")) {
        request.headers.set("Idempotency-Key", uuid());
      }
      const response = await transport(request, context);
      const url = safeUrl(request.url);
      tagResponse(response, { method: request.method, url });
      return response;
    };

    // The call's own signal, released when it ends, so that a long-lived one (the client's, or one reused
    // per call or through paginate) keeps no listener of it.
    const { signal, release } = linkSignals(resolved.signal, init?.signal as AbortSignal | null | undefined);
    // JSON bodies are parsed here from the bytes the transport read (not read again as a stream), so a body that
    // is not JSON becomes a ResponseParseError showing what came.
    const parseAs = (init?.parseAs as string | undefined) ?? "json";
    let result: { data?: unknown; error?: unknown; response: Response };
    try {
      result = await base.request(
        method.toLowerCase() as never,
        path as never,
        {
          ...init,
          ...(signal ? { signal } : {}),
          parseAs: parseAs === "json" ? "stream" : parseAs,
          fetch: send,
          // Middleware gets real Requests; without any, a PlainRequest spares building one.
          ...(registered.length === 0 && init?.middleware === undefined && init?.Request === undefined
            ? { Request: PlainRequest }
            : {}),
        } as never,
      );
    } catch (error) {
      // Aborted: the reason as given. openapi-fetch does not rethrow a falsy one (`null`, `0`, `""`) and fails
      // on the missing response instead, so the reason is taken from the signal, not from what was thrown.
      if (signal?.aborted) throw signal.reason;
      throw error;
    } finally {
      release();
    }
    if (parseAs !== "json" || !result.response.ok || result.data == null) return result;
    return { ...result, data: await (await reader()).jsonBody(result.response, result.data) };
  }

  const client = {
    request: (method: string, path: string, init?: Record<string, unknown>) => call(method, path, init),
    use: (...middleware: Middleware[]) => {
      registered.push(...middleware);
      base.use(...middleware);
    },
    eject: (...middleware: Middleware[]) => {
      for (const m of middleware) {
        const at = registered.indexOf(m);
        if (at >= 0) registered.splice(at, 1);
      }
      base.eject(...middleware);
    },
  } as Record<string, unknown>;
  for (const method of METHODS) {
    client[method] = (path: string, init?: Record<string, unknown>) => call(method, path, init);
  }

  // Job polling is loaded on the first wait, so that a bundle that never waits does not carry it.
  const waiters = lazy(() =>
    import("../jobs/wait-for-job.js").then((m) =>
      m.createJobWaiters(client as unknown as Client<JobStatusPaths, Media>),
    ),
  );
  Object.assign(client, {
    paginate: createPaginate({ baseUrl: resolved.baseUrl, operations, request: call }),
    waitForJob: async (job: JobRef, options?: WaitForJobOptions) => (await waiters()).waitForJob(job, options),
    waitForJobs: async (list: readonly JobRef[], options?: WaitForJobOptions) =>
      (await waiters()).waitForJobs(list, options),
    limiter: resolved.limiter,
    baseUrl: resolved.baseUrl,
    operations: build.operations,
  });
  return client;
}
