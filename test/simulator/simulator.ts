/** The simulator's parts, wired together: options, state, clock, limits, faults, jobs and the route table. */
import { type Credentials, type ResolvedCredentials, resolveCredentials } from "./auth.js";
import { SimClock } from "./clock.js";
import { FaultController, type FaultSpec } from "./faults.js";
import { GenericLayer, type GenericOptions } from "./generic/layer.js";
import { IdempotencyStore } from "./idempotency.js";
import { type JobOptions, JobQueue } from "./jobs.js";
import { RateLimiter, type RateLimitOptions } from "./rate-limit.js";
import { RequestLog } from "./request-log.js";
import { Router } from "./router.js";
import { registerCustomObjectRoutes } from "./routes/custom-objects.js";
import { registerGroupRoutes } from "./routes/groups.js";
import { ROUTING_PAGE_LIMIT, registerIncrementalRoutes } from "./routes/incremental.js";
import { registerJobStatusRoutes } from "./routes/job-statuses.js";
import { registerObjectTriggerRoutes } from "./routes/object-triggers.js";
import { registerOrganizationRoutes } from "./routes/organizations.js";
import { registerSearchRoutes } from "./routes/search.js";
import { registerTicketFieldRoutes } from "./routes/ticket-fields.js";
import { registerTicketRoutes } from "./routes/tickets.js";
import { registerTicketLifecycleRoutes } from "./routes/tickets-lifecycle.js";
import { registerTicketRecordRoutes } from "./routes/tickets-records.js";
import { registerUploadRoutes } from "./routes/uploads.js";
import { registerUserRoutes } from "./routes/users.js";
import { type ResolvedSeed, resolveSeed, type SeedOptions } from "./seed.js";
import { seedCustomObjects } from "./seed-custom-objects.js";
import { seedRouting } from "./seed-routing.js";
import { distBundlePaths, SpecValidator } from "./spec-validator.js";
import { Store } from "./store.js";
import type { SimContext } from "./types.js";

export interface SimulatorOptions {
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  host?: string;
  /** The random seed, or the seed and the sizes of the seeded data. */
  seed?: number | SeedOptions;
  /** Accepted credentials (defaults: agent@example.com, token sim-token, OAuth sim-oauth, password sim-password). */
  auth?: Credentials;
  /** Answer CORS preflights and add the CORS headers browsers need. */
  cors?: boolean;
  rateLimits?: RateLimitOptions;
  jobs?: JobOptions;
  /** Faults in force from the start (more can be added with `sim.faults.add`). */
  faults?: FaultSpec[];
  /** Pins the clock to this instant (default: the clock follows real time). */
  now?: number | Date;
  /** How many requests the log keeps (default 1000; 0 keeps counts only). */
  requestLog?: number;
  /** How the exports page. */
  exports?: ExportOptions;
  /**
   * Bundle files (OpenAPI 3.1, YAML or JSON) served by the generic layer besides specs/dist/*.yaml: a domain
   * described in a test's temporary folder gets routes from its bundle alone.
   */
  bundles?: string[];
  /** The generic layer, which serves every bundle operation no hand-written route serves; false turns it off. */
  generic?: GenericOptions | false;
}

export interface ExportOptions {
  /** Changes on one page of a routing export (default and most 1000; tests set a few to see paging). */
  routingPageSize?: number;
}

export class Simulator implements SimContext {
  readonly seed: ResolvedSeed;
  readonly clock: SimClock;
  readonly credentials: ResolvedCredentials;
  readonly store: Store;
  readonly faults: FaultController;
  readonly rateLimits: RateLimiter;
  readonly jobs: JobQueue;
  readonly idempotency: IdempotencyStore;
  readonly requests: RequestLog;
  readonly router = new Router();
  readonly cors: boolean;
  readonly exports: Required<ExportOptions>;
  /** The bundles loaded (specs/dist and `bundles`), for validating answers against them. */
  readonly spec: SpecValidator;
  /** Serves what the bundles describe and no hand-written route does (undefined when turned off). */
  readonly generic?: GenericLayer;

  constructor(options: SimulatorOptions = {}) {
    this.seed = resolveSeed(options.seed);
    this.clock = new SimClock(options.now);
    this.credentials = resolveCredentials(options.auth);
    this.store = new Store(this.seed, this.clock, this.credentials.email);
    seedCustomObjects(this.store);
    seedRouting(this.store);
    this.faults = new FaultController(this.seed.random);
    for (const fault of options.faults ?? []) this.faults.add(fault);
    const now = () => this.clock.now();
    this.rateLimits = new RateLimiter(options.rateLimits, now);
    this.jobs = new JobQueue(options.jobs, this.seed.random, now);
    this.idempotency = new IdempotencyStore(now);
    this.requests = new RequestLog(options.requestLog ?? 1000);
    this.cors = options.cors ?? false;
    const routingPageSize = Math.floor(options.exports?.routingPageSize ?? ROUTING_PAGE_LIMIT);
    this.exports = { routingPageSize: Math.min(ROUTING_PAGE_LIMIT, Math.max(1, routingPageSize)) };
    registerTicketRoutes(this.router);
    registerUploadRoutes(this.router);
    registerIncrementalRoutes(this.router);
    registerCustomObjectRoutes(this.router);
    registerObjectTriggerRoutes(this.router);
    registerJobStatusRoutes(this.router);
    registerUserRoutes(this.router);
    registerOrganizationRoutes(this.router);
    registerGroupRoutes(this.router);
    registerSearchRoutes(this.router);
    registerTicketLifecycleRoutes(this.router);
    registerTicketRecordRoutes(this.router);
    registerTicketFieldRoutes(this.router);

    const generic = options.generic === false ? undefined : (options.generic ?? {});
    const dist = generic && generic.dist !== false ? distBundlePaths() : [];
    this.spec = new SpecValidator([...dist, ...(options.bundles ?? [])]);
    if (generic) {
      this.generic = new GenericLayer(
        this.spec,
        {
          seed: this.seed.random,
          startTime: this.seed.startTime,
          records: Math.max(0, Math.floor(generic.records ?? 3)),
          validate: generic.validate ?? true,
        },
        (method, pattern) => this.router.has(method, pattern),
      );
      this.generic.register(this.router);
    }
  }
}
