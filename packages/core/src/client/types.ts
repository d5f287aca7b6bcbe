import type { Client, FetchOptions, FetchResponse, ParseAs } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { BulkHelpers } from "../jobs/bulk/helper-types.js";
import type { JobRef, JobStatus, WaitForJobOptions } from "../jobs/types.js";
import type { Limiter } from "../limits/limiter.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import type { Paginate } from "../paging/types.js";
import type { AskedIncludes, IncludeFor, IncludesMeta, Sideloaded } from "./includes.js";

export type Media = `${string}/${string}`;

/** What a call takes beyond openapi-fetch's options. */
export interface ZendeskCallOptions {
  /**
   * `false`: a 429 comes back at once, not retried and nothing paused, for a caller that waits it out itself
   * (the bulk helpers do, for Zendesk's `TooManyJobs`).
   */
  retry429?: boolean;
}

/** Where a call's `include` goes: its type is inferred (as `I`) to type the response by what was asked. */
type IncludeInit<I> = { params?: { query?: { include?: I } } };
type CallInit<Op, As, I> = FetchOptions<Op> & ZendeskCallOptions & { parseAs?: As } & IncludeInit<I>;
type OperationOf<Paths, P extends keyof Paths, M extends HttpMethod> =
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own constraint on an operation.
  Paths[P] extends Record<M, infer Op extends Record<string | number, any>> ? Op : never;
type CallArgs<Init> = RequiredKeysOf<Init> extends never ? [init?: Init] : [init: Init];

/** A call's response, its body typed by the `include` values the call asked for (when the operation has any). */
type IncludedResponse<Response, Spec, As, I> = [Spec] extends [undefined]
  ? Response
  : As extends "json"
    ? Response extends { data: infer Data }
      ? Omit<Response, "data"> & { data: Sideloaded<Data, Spec, AskedIncludes<IncludeInit<I>, Spec>> }
      : Response
    : Response;

/**
 * One method of the client (`GET`, `POST`…): openapi-fetch's, with two differences.
 *
 * - The options are a plain parameter, not inferred whole. openapi-fetch infers the options object, which
 *   TypeScript then never checks for excess properties, so a body carrying `id` or a misspelt field went
 *   through; here an object literal is checked against the operation's parameters and body (whose read-only
 *   properties are absent) like any other argument.
 * - The response follows the call's `include`: TypeScript keeps the values of a literal list as literals, so
 *   `include: ["users"]` makes `data.users` present and leaves the other sideloads out of the type (see
 *   `AskedIncludes`). Only the called operation's include declaration is read.
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
export type CallMethod<Paths extends object, M extends HttpMethod, Includes = {}> = <
  P extends PathsWithMethod<Paths, M>,
  As extends ParseAs = "json",
  const I extends string | string[] | undefined = undefined,
>(
  url: P,
  ...init: CallArgs<CallInit<OperationOf<Paths, P, M>, As, I>>
) => Promise<
  IncludedResponse<FetchResponse<OperationOf<Paths, P, M>, { parseAs: As }, Media>, IncludeFor<Includes, M, P>, As, I>
>;

/**
 * The client's methods. An interface with declared variance, so that two clients compare by their type
 * arguments rather than signature by signature: a client with more paths (and sideloads) than another can stand
 * in for it.
 */
// biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
export interface CallMethods<out Paths extends object, out Includes = {}> {
  GET: CallMethod<Paths, "get", Includes>;
  PUT: CallMethod<Paths, "put", Includes>;
  POST: CallMethod<Paths, "post", Includes>;
  DELETE: CallMethod<Paths, "delete", Includes>;
  OPTIONS: CallMethod<Paths, "options", Includes>;
  HEAD: CallMethod<Paths, "head", Includes>;
  PATCH: CallMethod<Paths, "patch", Includes>;
  TRACE: CallMethod<Paths, "trace", Includes>;
}

/**
 * An openapi-fetch client (`GET`, `POST`, `PUT`, `PATCH`, `DELETE`… on literal
 * spec paths, resolving to `{ data, error, response }`) plus the helpers that
 * cannot be a single call: `paginate`, `waitForJob`, `waitForJobs`. A response's
 * sideloads follow the call's `include`, by the spec's include map `Includes`:
 * those asked for are present, the others are not in the type.
 */
export type ZendeskClient<
  Paths extends object,
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no operations metadata", as openapi-fetch uses `{}` for Paths.
  Ops extends OperationsMeta = {},
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
  Includes extends IncludesMeta = {},
> = CallMethods<Paths, Includes> &
  Omit<Client<Paths, Media>, keyof CallMethods<Paths>> & {
    /** Streams the items of a list operation, in the style its metadata declares. */
    paginate: Paginate<Paths, Ops, Includes>;
    /** Polls a job status until it finishes; see `WaitForJobOptions`. */
    waitForJob(job: JobRef, options?: WaitForJobOptions): Promise<JobStatus>;
    /** Follows many jobs through `show_many`; resolves to their final statuses in input order. */
    waitForJobs(jobs: readonly JobRef[], options?: WaitForJobOptions): Promise<JobStatus[]>;
    /** The rate limiter this client waits on (its own, or the one passed as `limiter`). */
    readonly limiter: Limiter;
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
  out Name extends string = string,
  in out Paths extends object = object,
  in out Ops extends OperationsMeta = OperationsMeta,
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no helpers".
  out Helpers extends object = {},
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
  out Includes extends IncludesMeta = {},
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
  /** Carries the type of the include map (what each `include` value adds to a response); never set at run time. */
  readonly includes?: Includes;
}

/** The client a domain's helpers are given: typed with at least that domain's paths. */
export type DomainClient<
  Paths extends object,
  Ops extends OperationsMeta,
  // biome-ignore lint/complexity/noBannedTypes: `{}` means "no include map".
  Includes extends IncludesMeta = {},
> = ZendeskClient<Paths, Ops, Includes>;

/** Any domain descriptor. */
// biome-ignore lint/suspicious/noExplicitAny: the descriptors of different domains have unrelated type arguments.
export type AnyDomain = ZendeskDomain<string, any, any, any, any>;

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

/** Every operation's include declaration of the given domains. */
export type IncludesOf<D extends readonly AnyDomain[]> = UnionToIntersection<
  D[number] extends infer X ? (X extends { readonly includes?: infer I } ? NonNullable<I> : never) : never
> &
  IncludesMeta;

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
export type MultiDomainClient<D extends readonly AnyDomain[]> = ZendeskClient<
  PathsOf<D>,
  OperationsOf<D>,
  IncludesOf<D>
> &
  HelpersOf<D>;
