/**
 * A local Zendesk Support API for tests, demos and benchmarks: a real HTTP server on loopback, seeded
 * deterministically, stateful, with switchable faults and rate limits. See README.md.
 */
import type { AuthMode } from "./auth.js";
import type { SimClock } from "./clock.js";
import type { FaultController } from "./faults.js";
import type { GenericRouteInfo } from "./generic/layer.js";
import type { Skipped } from "./generic/plan.js";
import type { JobQueue } from "./jobs.js";
import type { RateLimiter } from "./rate-limit.js";
import type { RequestLog } from "./request-log.js";
import { close, listen } from "./server.js";
import { Simulator, type SimulatorOptions } from "./simulator.js";
import type { SpecValidator } from "./spec-validator.js";
import type { Store } from "./store.js";

export type { AuthMode, Credentials } from "./auth.js";
export type { Fault, FaultSpec, JobFault } from "./faults.js";
export type { GenericOptions, GenericRouteInfo } from "./generic/layer.js";
export {
  EXPORT_CURSOR_TTL_MS,
  EXPORT_MAX_SIZE,
  LEGACY_DEFAULT_LIMIT,
  LEGACY_MAX_LIMIT,
} from "./generic/paging.js";
export { type GenericKind, PAGING_STYLES, type PagingStyle, type Skipped } from "./generic/plan.js";
export type { JobOptions, JobRecord } from "./jobs.js";
export { type EndpointLimit, type RateLimitOptions, type WindowLimit, ZENDESK_TICKET_LIMITS } from "./rate-limit.js";
export type { LoggedRequest } from "./request-log.js";
export type { RoutingState } from "./routing.js";
export type { SeedOptions } from "./seed.js";
export type { ExportOptions, SimulatorOptions } from "./simulator.js";
export { distBundlePaths, type Operation, SpecValidator } from "./spec-validator.js";

export interface RunningSimulator {
  /** The server's origin, `http://127.0.0.1:PORT`. */
  url: string;
  /** What a zenfetch client takes as `baseUrl` (the origin: the API paths start with /api/v2). */
  baseUrl: string;
  port: number;
  /** Everything the simulator holds, for assertions. */
  state: {
    store: Store;
    tickets: Store["tickets"];
    users: Store["users"];
    organizations: Store["organizations"];
    customObjects: Store["customObjects"];
    /** Skill-based routing: the attribute and attribute value change logs, and the instance values. */
    routing: Store["routing"];
    jobs: JobQueue;
    requests: RequestLog;
  };
  faults: FaultController;
  rateLimits: RateLimiter;
  /** Requests received: `count`, `byRoute`, and the last ones in `entries` (Authorization values removed). */
  requests: RequestLog;
  jobs: JobQueue;
  clock: SimClock;
  /** The accepted credentials. */
  credentials: { email: string; token: string; oauthToken: string; password: string };
  /** An Authorization header value that the simulator accepts. */
  authorization(mode?: AuthMode): string;
  /** Every route served, hand-written then generic, as `{ method, pattern }` with OpenAPI-style `{param}` segments. */
  routes(): { method: string; pattern: string }[];
  /** The bundles loaded (specs/dist and `bundles`): `sim.spec.check(method, path, status, body, contentType)`. */
  spec: SpecValidator;
  /** The routes served from the bundles alone, and their records. */
  generic: GenericHandle;
  close(): Promise<void>;
}

export interface GenericHandle {
  /** Each generic route: what it does (list, show, create, update, delete, action), its collection, its paging. */
  routes(): GenericRouteInfo[];
  /** Bundle operations served by no route, with the reason. */
  skipped(): Skipped[];
  /**
   * The records stored at a concrete collection path (`/api/v2/widgets`, `/api/v2/widgets/7/parts`), seeded on
   * first use, in creation order, as `{ id, ...properties }`; undefined when no generic collection has that path.
   */
  records(collectionPath: string): Record<string, unknown>[] | undefined;
  /** A request body a generic operation accepts, invented from its request schema. */
  sampleRequest(method: string, pattern: string): unknown;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const sim = new Simulator(options);
  const { server, origin, port } = await listen(sim, options.port ?? 0, options.host ?? "127.0.0.1");
  const { email, token, oauthToken, password } = sim.credentials;
  let closed: Promise<void> | undefined;
  return {
    url: origin,
    baseUrl: origin,
    port,
    state: {
      store: sim.store,
      tickets: sim.store.tickets,
      users: sim.store.users,
      organizations: sim.store.organizations,
      customObjects: sim.store.customObjects,
      routing: sim.store.routing,
      jobs: sim.jobs,
      requests: sim.requests,
    },
    faults: sim.faults,
    rateLimits: sim.rateLimits,
    requests: sim.requests,
    jobs: sim.jobs,
    clock: sim.clock,
    credentials: { email, token, oauthToken, password },
    authorization(mode: AuthMode = "api-token") {
      if (mode === "oauth") return `Bearer ${oauthToken}`;
      const user = mode === "api-token" ? `${email}/token:${token}` : `${email}:${password}`;
      return `Basic ${Buffer.from(user).toString("base64")}`;
    },
    routes: () => sim.router.list(),
    spec: sim.spec,
    generic: {
      routes: () => sim.generic?.describe() ?? [],
      skipped: () => [...(sim.generic?.skipped ?? [])],
      records(collectionPath) {
        const collection = sim.generic?.collectionAt(collectionPath.replace(/\.json$/, ""));
        return collection?.records.map((record) => ({ id: record.id, ...record.data }));
      },
      sampleRequest(method, pattern) {
        if (!sim.generic) throw new Error("the generic layer is off");
        return sim.generic.sampleRequest(method, pattern);
      },
    },
    close() {
      closed ??= close(server);
      return closed;
    },
  };
}
