import type { Client, FetchResponse, MaybeOptionalInit } from "openapi-fetch";
import type { HttpMethod, PathsWithMethod, RequiredKeysOf } from "openapi-typescript-helpers";
import type { BulkHelpers } from "../jobs/bulk/helper-types.js";
import type { JobRef, JobStatus, WaitForJobOptions } from "../jobs/types.js";
import type { RateLimiter } from "../limits/rate-limiter.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import type { Paginate } from "../paging/types.js";
import type { AskedIncludes, IncludeFor, IncludesMeta, Sideloaded } from "./includes.js";

export type Media = `${string}/${string}`;

type InitParam<Init> =
  RequiredKeysOf<Init> extends never ? [(Init & { [key: string]: unknown })?] : [Init & { [key: string]: unknown }];

type OperationAt<Paths, Path extends keyof Paths, Method extends HttpMethod> =
  // biome-ignore lint/suspicious/noExplicitAny: openapi-fetch's own constraint on an operation.
  (Paths[Path] & { [K in Method]: unknown })[Method] extends infer Op extends Record<string | number, any> ? Op : never;

/** A call's response, its body typed by the `include` values the call asked for (when the operation has any). */
type IncludedResponse<Response, Spec, Init> = [Spec] extends [undefined]
  ? Response
  : Init extends { parseAs: string }
    ? Response
    : Response extends { data: infer Data }
      ? Omit<Response, "data"> & { data: Sideloaded<Data, Spec, AskedIncludes<Init, Spec>> }
      : Response;

/**
 * openapi-fetch's method (`GET`, `POST`…) with the response typed by `include`: TypeScript keeps the values of
 * a literal list as literals, so `include: ["users"]` makes `data.users` present and leaves the other
 * sideloads out of the type (see `AskedIncludes`). Only the called operation's include declaration is read.
 */
export type ZendeskMethod<Paths extends object, Method extends HttpMethod, Includes, M extends Media = Media> = <
  Path extends PathsWithMethod<Paths, Method>,
  // `& { [K in Method]: unknown }` changes nothing but lets the type checker see the method is a key.
  Init extends MaybeOptionalInit<Paths[Path] & { [K in Method]: unknown }, Method>,
>(
  url: Path,
  ...init: InitParam<Init>
) => Promise<
  IncludedResponse<FetchResponse<OperationAt<Paths, Path, Method>, Init, M>, IncludeFor<Includes, Method, Path>, Init>
>;

/**
 * The methods whose response follows the call's `include`. They come before openapi-fetch's own in the client
 * type, so that a call takes these signatures first; the client stays an openapi-fetch `Client` for code that
 * takes one. An interface with declared variance, so that two clients of one domain compare by their type
 * arguments rather than signature by signature.
 */
export interface IncludeMethods<in out Paths extends object, in out Includes> {
  GET: ZendeskMethod<Paths, "get", Includes>;
  PUT: ZendeskMethod<Paths, "put", Includes>;
  POST: ZendeskMethod<Paths, "post", Includes>;
  DELETE: ZendeskMethod<Paths, "delete", Includes>;
  PATCH: ZendeskMethod<Paths, "patch", Includes>;
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
> = IncludeMethods<Paths, Includes> &
  Client<Paths, Media> & {
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
