import type { Client, FetchOptions, FetchResponse, ParseAs } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { BulkHelpers } from "../jobs/bulk/helper-types.js";
import type { JobRef, JobStatus, WaitForJobOptions } from "../jobs/types.js";
import type { RateLimiter } from "../limits/rate-limiter.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import type { Paginate } from "../paging/types.js";

export type Media = `${string}/${string}`;

/** What a call takes beyond openapi-fetch's options. */
export interface CallOptions {
  /**
   * `false`: a 429 comes back at once, not retried and nothing paused, for a caller that waits it out itself
   * (the bulk helpers do, for Zendesk's `TooManyJobs`).
   */
  retry429?: boolean;
}

type CallInit<Op, As> = FetchOptions<Op> & CallOptions & { parseAs?: As };
type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> =
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own constraint on an operation.
  Paths[P] extends Record<M, infer Op extends Record<string | number, any>> ? Op : never;
type CallArgs<Init> = RequiredKeysOf<Init> extends never ? [init?: Init] : [init: Init];

/**
 * One method of the client (`GET`, `POST`…): openapi-fetch's, with the options typed as a plain parameter rather
 * than inferred. openapi-fetch infers the whole options object, which TypeScript then never checks for excess
 * properties, so a body carrying `id` or a misspelt field went through; here an object literal is checked
 * against the operation's parameters and body (whose read-only properties are absent) like any other argument.
 */
export type CallMethod<Paths extends object, M extends HttpMethod> = <
  P extends PathsWithMethod<Paths, M>,
  As extends ParseAs = "json",
>(
  url: P,
  ...init: CallArgs<CallInit<OperationOf<Paths, P, M>, As>>
) => Promise<FetchResponse<OperationOf<Paths, P, M>, { parseAs: As }, Media>>;

type CallMethods<Paths extends object> = {
  GET: CallMethod<Paths, "get">;
  PUT: CallMethod<Paths, "put">;
  POST: CallMethod<Paths, "post">;
  DELETE: CallMethod<Paths, "delete">;
  OPTIONS: CallMethod<Paths, "options">;
  HEAD: CallMethod<Paths, "head">;
  PATCH: CallMethod<Paths, "patch">;
  TRACE: CallMethod<Paths, "trace">;
};

/**
 * An openapi-fetch client (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`… on literal
 * spec paths, resolving to `{ data, error, response }`) plus the helpers that
 * cannot be a single call: `paginate`, `waitForJob`, `waitForJobs`.
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` means "no operations metadata", as openapi-fetch uses `{}` for Paths.
export type ZendeskClient<Paths extends object, Ops extends OperationsMeta = {}> = Omit<
  Client<Paths, Media>,
  keyof CallMethods<Paths>
> &
  CallMethods<Paths> & {
    /** Streams the items of a list operation, in the style its metadata declares. */
    paginate: Paginate<Paths, Ops>;
    /** Polls a job status until it finishes; see `WaitForJobOptions`. */
    waitForJob(job: JobRef, options?: WaitForJobOptions): Promise<JobStatus>;
    /** Follows many jobs through `show_many`; resolves to their final statuses in input order. */
    waitForJobs(jobs: readonly JobRef[], options?: WaitForJobOptions): Promise<JobStatus[]>;
    /** The rate limiter this client waits on (its own, or the one passed as `limiter`). */
    readonly limiter: RateLimiter;
    /** `https://{subdomain}.zendesk.com`, or the `baseUrl` given. */
    readonly baseUrl: string;
    /** The operations metadata the client reads. */
    readonly operations: Ops;
  };

/**
 * What a domain package (`@zenfetch/tickets`, `@zenfetch/custom-objects`…) gives the runtime: its operations
 * metadata, its name and release for the User-Agent, and the helpers it adds beyond the literal calls. The
 * types of its paths travel with it, so `createZendeskClient({ domains: [tickets, customObjects] })` is typed
 * with every path of both.
 *
 * Codegen writes each package's descriptor (`src/generated/domain.ts`); a package with helpers of its own adds
 * them with `withHelpers`.
 */
export interface ZendeskDomain<
  Name extends string = string,
  Paths extends object = object,
  Ops extends OperationsMeta = OperationsMeta,
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no helpers".
  Helpers extends object = {},
> {
  /** The property a multi-domain client keeps this domain's helpers under (`client.tickets.createMany`). */
  readonly name: Name;
  /** The npm package, for messages. */
  readonly package: string;
  /** The package's release, sent in the User-Agent as `name/version`. */
  readonly version: string;
  readonly operations: Ops;
  /** Makes the domain's helpers for a client; the client is typed with at least this domain's paths. */
  readonly helpers?: (client: DomainClient<Paths, Ops>) => Helpers;
  /** Carries the paths' type; never set at run time. */
  readonly paths?: Paths;
}

/** The client a domain's helpers are given: typed with at least that domain's paths. */
export type DomainClient<Paths extends object, Ops extends OperationsMeta> = ZendeskClient<Paths, Ops>;

/** Any domain descriptor. */
// biome-ignore lint/suspicious/noExplicitAny: the descriptors of different domains have unrelated type arguments.
export type AnyDomain = ZendeskDomain<string, any, any, any>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;

/** Every path of the given domains. */
export type PathsOf<D extends readonly AnyDomain[]> = UnionToIntersection<
  D[number] extends infer X ? (X extends { readonly paths?: infer P } ? P : never) : never
> &
  object;

/** Every operation's metadata of the given domains. */
export type OperationsOf<D extends readonly AnyDomain[]> = UnionToIntersection<
  D[number] extends infer X ? (X extends { readonly operations: infer O } ? O : never) : never
> &
  OperationsMeta;

/** What a domain adds to a client: the bulk helpers its spec declares, and its package's own. */
export type DomainHelpersOf<X> = (X extends {
  readonly paths?: infer P;
  readonly operations: infer O extends OperationsMeta;
}
  ? BulkHelpers<NonNullable<P>, O>
  : object) &
  (X extends { readonly helpers?: (client: never) => infer H } ? H : object);

/** Each domain's helpers, under its name (`client.tickets.createMany`). */
export type HelpersOf<D extends readonly AnyDomain[]> = {
  [X in D[number] as X["name"]]: DomainHelpersOf<X>;
};

/** A client for several domains: every path of each, typed; each domain's helpers under its name. */
export type MultiDomainClient<D extends readonly AnyDomain[]> = ZendeskClient<PathsOf<D>, OperationsOf<D>> &
  HelpersOf<D>;
