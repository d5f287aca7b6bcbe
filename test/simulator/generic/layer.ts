/**
 * The generic layer: every operation of the loaded bundles that no hand-written route serves is answered from an
 * in-memory store of records, shaped by the operation's schemas. Lists page in the style the operation declares,
 * shows, updates and deletes find the record by the id in the path (404 when it is not there), creates store what
 * the request's wrapper property holds, and other operations answer with a body invented from their schema (or a
 * real job, when they answer with a job status). Every answer is checked against the bundle before it leaves.
 */
import { isoSeconds } from "../clock.js";
import { statusBody } from "../errors.js";
import { isReply } from "../pagination.js";
import { json, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import { startJob } from "../routes/common.js";
import type { Json, SpecValidator } from "../spec-validator.js";
import type { RequestContext } from "../types.js";
import { genericPage } from "./paging.js";
import { type CollectionPlan, type GenericKind, type GenericRoute, planGenericRoutes, type Skipped } from "./plan.js";
import { type Deref, isObject, objectShape, type SampleContext, Sampler } from "./schema.js";
import { type GenericCollection, GenericStore, type StoredRecord } from "./store.js";

export interface GenericOptions {
  /** Serve the operations of every bundle in specs/dist (default true); `bundles` adds more either way. */
  dist?: boolean;
  /** Records seeded in each collection the first time it is used (default 3). */
  records?: number;
  /**
   * Check every generic answer against its bundle before sending it (default true). One that does not fit is
   * replaced by a 500 naming the problems, and a create or update whose result would not fit is refused with 422.
   */
  validate?: boolean;
}

/** What `sim.generic.routes()` tells about one generic route. */
export interface GenericRouteInfo {
  method: string;
  pattern: string;
  kind: GenericKind;
  operationId: string;
  bundle: string;
  /** The collection's path pattern (list, show, create, update, delete). */
  collection?: string;
  /** The record's id parameter (show, update, delete). */
  idParam?: string;
  /** How a list pages. */
  style?: string;
  /** The response property holding the records (list) or the record (show, create, update). */
  property?: string;
}

export interface GenericLayerOptions {
  seed: number;
  /** Unix seconds of the first seeded record. */
  startTime: number;
  records: number;
  validate: boolean;
}

const RECORD_EXTRAS = ["id", "url", "created_at", "updated_at"];

type Problem = { path: string; message: string };

export class GenericLayer {
  readonly routes: GenericRoute[];
  readonly collections: CollectionPlan[];
  /** Operations left to no route, and why (the incremental exports, unknown paging styles). */
  readonly skipped: Skipped[];
  readonly store: GenericStore;
  private readonly samplers = new Map<string, Sampler>();

  constructor(
    readonly spec: SpecValidator,
    private readonly options: GenericLayerOptions,
    served: (method: string, pattern: string) => boolean,
  ) {
    const plan = planGenericRoutes(spec, served);
    this.routes = plan.routes;
    this.collections = plan.collections;
    this.skipped = plan.skipped;
    this.store = new GenericStore({
      seed: options.seed,
      startTime: options.startTime,
      records: options.records,
      invent: (collection, n, time) => this.invent(collection, n, time),
    });
  }

  /**
   * Adds the generic routes. Operations a hand-written route serves were left out when planning, so those routes
   * keep them; a generic route takes a path from one only where it spells out a segment the other leaves open
   * (`PUT /tickets/mark_many_as_spam` beside `PUT /tickets/{ticket_id}`), as the router prefers literal segments.
   */
  register(router: Router): void {
    for (const route of this.routes) router.add(route.method, route.pattern, (ctx) => this.handle(route, ctx));
  }

  describe(): GenericRouteInfo[] {
    return this.routes.map((route) => ({
      method: route.method,
      pattern: route.pattern,
      kind: route.kind,
      operationId: route.operation.operationId,
      bundle: route.operation.bundle,
      collection: route.collection?.pattern,
      idParam: route.idParam,
      style: route.style,
      property: route.items ?? route.wrapper,
    }));
  }

  /** The collection stored at a concrete path (`/api/v2/widgets`), seeded on first use; undefined if none is there. */
  collectionAt(path: string): GenericCollection | undefined {
    const parts = path.split("/");
    const plan = this.collections.find((collection) => {
      const segments = collection.pattern.split("/");
      return (
        segments.length === parts.length &&
        segments.every((segment, i) => segment.startsWith("{") || segment === parts[i])
      );
    });
    return plan ? this.store.collection(path, plan) : undefined;
  }

  /** A request body the operation accepts, invented from its request schema (undefined when it takes none). */
  sampleRequest(method: string, pattern: string): unknown {
    const route = this.find(method, pattern);
    if (!route) throw new Error(`no generic route ${method} ${pattern}`);
    const schema = this.spec.requestSchema(route.operation);
    if (!schema) return undefined;
    const noun = route.collection?.noun;
    return this.sampler(route.operation.bundle).value(
      schema,
      "",
      { seed: this.options.seed, n: 1, time: this.options.startTime, noun },
      0,
      1,
    );
  }

  private find(method: string, pattern: string): GenericRoute | undefined {
    const shape = pattern.replace(/\{[^}]+\}/g, "{}");
    return this.routes.find((route) => route.method === method && route.pattern.replace(/\{[^}]+\}/g, "{}") === shape);
  }

  private sampler(bundle: string): Sampler {
    let sampler = this.samplers.get(bundle);
    if (!sampler) {
      sampler = new Sampler(this.deref(bundle));
      this.samplers.set(bundle, sampler);
    }
    return sampler;
  }

  private deref(bundle: string): Deref {
    return (schema) => this.spec.deref(bundle, schema);
  }

  private invent(collection: CollectionPlan, n: number, time: number): Record<string, unknown> {
    const ctx: SampleContext = { seed: this.options.seed, n, time, noun: collection.noun };
    const record = this.sampler(collection.bundle).object(collection.itemSchema, ctx);
    for (const name of RECORD_EXTRAS) delete record[name];
    return record;
  }

  // Requests --------------------------------------------------------------------------------------------------

  private handle(route: GenericRoute, ctx: RequestContext): Reply {
    const segments = ctx.path.split("/");
    for (const parent of route.parents) {
      const path = segments.slice(0, parent.index).join("/");
      const id = decodeSegment(segments[parent.index] ?? "");
      if (!this.store.collection(path, parent.collection).get(id)) return this.error(route, 404);
    }
    switch (route.kind) {
      case "list":
        return this.list(route, ctx);
      case "show":
        return this.show(route, ctx);
      case "create":
        return this.create(route, ctx);
      case "update":
        return this.update(route, ctx);
      case "delete":
        return this.remove(route, ctx);
      case "action":
        return this.action(route, ctx);
    }
  }

  private collectionOf(route: GenericRoute, ctx: RequestContext): GenericCollection {
    const path = route.idParam ? ctx.path.slice(0, ctx.path.lastIndexOf("/")) : ctx.path;
    return this.store.collection(path, route.collection as CollectionPlan);
  }

  private list(route: GenericRoute, ctx: RequestContext): Reply {
    const collection = this.collectionOf(route, ctx);
    const page = genericPage(ctx, route.style ?? "unpaginated", collection.records, (path) =>
      this.declares(route, path),
    );
    if (isReply(page)) return page;
    const items = page.items.map((record) => this.present(route, collection, record, ctx));
    return this.answer(route, { [route.items as string]: items, ...page.fields }, ctx);
  }

  private show(route: GenericRoute, ctx: RequestContext): Reply {
    const collection = this.collectionOf(route, ctx);
    const record = collection.get(ctx.params[route.idParam as string] ?? "");
    if (!record) return this.error(route, 404);
    return this.answer(route, { [route.wrapper as string]: this.present(route, collection, record, ctx) }, ctx);
  }

  private create(route: GenericRoute, ctx: RequestContext): Reply {
    const refused = this.checkRequest(route, ctx);
    if (refused) return refused;
    const collection = this.collectionOf(route, ctx);
    const input = route.requestWrapper ? (ctx.body as Json | undefined)?.[route.requestWrapper] : ctx.body;
    const record = collection.add(this.accept(route, input), ctx.sim.clock.nowSeconds());
    const body = { [route.wrapper as string]: this.present(route, collection, record, ctx) };
    const problems = this.recordProblems(route, body);
    if (problems.length > 0) {
      collection.remove(record);
      return this.invalid(route, problems, route.wrapper);
    }
    return this.answer(route, body, ctx, { Location: recordUrl(ctx, collection, record) });
  }

  private update(route: GenericRoute, ctx: RequestContext): Reply {
    const collection = this.collectionOf(route, ctx);
    const record = collection.get(ctx.params[route.idParam as string] ?? "");
    if (!record) return this.error(route, 404);
    const refused = this.checkRequest(route, ctx);
    if (refused) return refused;
    const input = route.requestWrapper ? (ctx.body as Json | undefined)?.[route.requestWrapper] : ctx.body;
    const before = { data: record.data, updatedAt: record.updatedAt };
    record.data = merge(record.data, this.accept(route, input));
    record.updatedAt = ctx.sim.clock.nowSeconds();
    if (!route.wrapper) {
      const schema = route.itemSchema ?? route.collection?.itemSchema;
      const problems = this.recordProblems(route, this.present(route, collection, record, ctx), schema);
      if (problems.length > 0) {
        Object.assign(record, before);
        return this.invalid(route, problems);
      }
      return this.answer(route, undefined, ctx);
    }
    const body = { [route.wrapper]: this.present(route, collection, record, ctx) };
    const problems = this.recordProblems(route, body);
    if (problems.length > 0) {
      Object.assign(record, before);
      return this.invalid(route, problems, route.wrapper);
    }
    return this.answer(route, body, ctx);
  }

  private remove(route: GenericRoute, ctx: RequestContext): Reply {
    const collection = this.collectionOf(route, ctx);
    const record = collection.get(ctx.params[route.idParam as string] ?? "");
    if (!record) return this.error(route, 404);
    collection.remove(record);
    if (!route.schema) return this.answer(route, undefined, ctx);
    const body = route.wrapper
      ? { [route.wrapper]: this.present(route, collection, record, ctx) }
      : this.inventBody(route, ctx);
    return this.answer(route, body, ctx);
  }

  /** The ids of the records a bulk create adds to the collection beside its path; undefined when there is none. */
  private createMany(route: GenericRoute, ctx: RequestContext): (string | number)[] | undefined {
    const parentPattern = route.pattern.slice(0, route.pattern.lastIndexOf("/"));
    const owner = this.routes.find((other) => other.collection && other.pattern === parentPattern);
    const items = Object.values(isObject(ctx.body) ? ctx.body : {}).find(Array.isArray);
    if (!owner?.collection || !items) return undefined;
    const collection = this.store.collection(ctx.path.slice(0, ctx.path.lastIndexOf("/")), owner.collection);
    const now = ctx.sim.clock.nowSeconds();
    return items.map((item) => collection.add(isObject(item) ? (item as Record<string, unknown>) : {}, now).id);
  }

  private action(route: GenericRoute, ctx: RequestContext): Reply {
    const refused = this.checkRequest(route, ctx);
    if (refused) return refused;
    if (!route.schema) return this.answer(route, undefined, ctx);
    if (objectShape(route.schema, this.deref(route.operation.bundle))?.properties.job_status) {
      // A bulk operation: a real job, so that polling /api/v2/job_statuses/{id} follows it to the end.
      const total = itemCount(ctx);
      const action = ctx.method === "DELETE" ? "delete" : ctx.method === "POST" ? "create" : "update";
      const status = { delete: "Deleted", create: "Created", update: "Updated" }[action];
      // A create_many beside a collection (`POST /widgets/create_many`) creates its items there, so that the
      // list shows them and each result names the new record's id.
      const created = action === "create" ? this.createMany(route, ctx) : undefined;
      return startJob(
        ctx,
        route.operation.operationId,
        total,
        () =>
          Array.from({ length: total }, (_, index) => ({
            index,
            action,
            success: true,
            status,
            ...(created?.[index] === undefined ? {} : { id: created[index] }),
          })),
        route.status,
      );
    }
    // An action on a record (`PUT /widgets/{widget_id}/archive`) that answers with that record shows the stored one.
    const parent = route.parents[route.parents.length - 1];
    const shape = objectShape(route.schema, this.deref(route.operation.bundle));
    if (parent && shape?.properties[parent.collection.key]) {
      const segments = ctx.path.split("/");
      const collection = this.store.collection(segments.slice(0, parent.index).join("/"), parent.collection);
      const record = collection.get(decodeSegment(segments[parent.index] ?? ""));
      if (record) {
        const sample = this.sample(ctx);
        const body = this.sampler(route.operation.bundle).object(route.schema, sample, 0, 0);
        const item = this.present(
          { ...route, itemSchema: shape.properties[parent.collection.key] },
          collection,
          record,
          ctx,
        );
        return this.answer(route, { ...body, [parent.collection.key]: item }, ctx);
      }
    }
    return this.answer(route, this.inventBody(route, ctx), ctx);
  }

  // Shapes ----------------------------------------------------------------------------------------------------

  /** A record as the route answers it: its properties, the id, url and time stamps, completed to fit the schema. */
  private present(route: GenericRoute, collection: GenericCollection, record: StoredRecord, ctx: RequestContext): Json {
    const schema = route.itemSchema ?? collection.plan.itemSchema;
    const deref = this.deref(route.operation.bundle);
    const shape = objectShape(schema, deref);
    const open = !shape || Object.keys(shape.properties).length === 0;
    const extras: Json = {
      id: record.id,
      url: recordUrl(ctx, collection, record),
      created_at: isoSeconds(record.createdAt),
      updated_at: isoSeconds(record.updatedAt),
    };
    const item: Json = { ...record.data };
    for (const [name, value] of Object.entries(extras)) if (open || shape?.properties[name]) item[name] = value;
    const n = typeof record.id === "number" ? record.id : record.seq;
    const sample: SampleContext = { seed: this.options.seed, n, time: record.createdAt, noun: collection.plan.noun };
    return this.sampler(route.operation.bundle).complete(schema, item, sample) as Json;
  }

  /** What a create or update stores of the request's record: the properties the record's schema declares. */
  private accept(route: GenericRoute, input: unknown): Record<string, unknown> {
    if (!isObject(input)) return {};
    const deref = this.deref(route.operation.bundle);
    const declared = new Set<string>();
    for (const schema of [route.itemSchema, route.collection?.itemSchema]) {
      for (const name of Object.keys(objectShape(schema, deref)?.properties ?? {})) declared.add(name);
    }
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(input)) {
      if (RECORD_EXTRAS.includes(name)) continue;
      if (declared.size > 0 && !declared.has(name)) continue;
      out[name] = value;
    }
    return out;
  }

  private inventBody(route: GenericRoute, ctx: RequestContext): unknown {
    const sample: SampleContext = { seed: this.options.seed, n: 1, time: ctx.sim.clock.nowSeconds() };
    return this.sampler(route.operation.bundle).value(route.schema, "", sample, 0, 1);
  }

  /** Whether the route's response schema declares a property, by dotted path (`meta.before_cursor`). */
  private declares(route: GenericRoute, path: string): boolean {
    const deref = this.deref(route.operation.bundle);
    let schema: Json | undefined = route.schema;
    for (const name of path.split(".")) {
      schema = objectShape(schema, deref)?.properties[name];
      if (!schema) return false;
    }
    return true;
  }

  // Answers ---------------------------------------------------------------------------------------------------

  /** What in a record a create or update would answer does not fit the schema (nothing when checks are off). */
  private recordProblems(route: GenericRoute, body: unknown, schema = route.schema): Problem[] {
    if (!this.options.validate || !schema) return [];
    return this.spec.validate(route.operation.bundle, schema, body);
  }

  private answer(route: GenericRoute, body: unknown, ctx: RequestContext, headers?: Record<string, string>): Reply {
    const completed = route.schema
      ? this.sampler(route.operation.bundle).complete(route.schema, body, this.sample(ctx))
      : body;
    const contentType = completed === undefined ? null : "application/json";
    const problems = this.options.validate
      ? this.spec.checkOperation(route.operation, route.status, completed, contentType)
      : [];
    if (problems.length > 0) {
      return json(500, {
        error: "SimulatorSpecMismatch",
        description: `The simulator's answer to ${route.operation.operationId} does not fit ${route.operation.bundle}: ${problems.slice(0, 5).join("; ")}`,
      });
    }
    if (completed === undefined) return headers ? { status: route.status, headers } : { status: route.status };
    return json(route.status, completed, headers);
  }

  private sample(ctx: RequestContext): SampleContext {
    return { seed: this.options.seed, n: 1, time: ctx.sim.clock.nowSeconds() };
  }

  /** Refuses a body that does not fit the operation's request schema (422, or 400 when only that is declared). */
  private checkRequest(route: GenericRoute, ctx: RequestContext): Reply | undefined {
    const schema = this.spec.requestSchema(route.operation);
    if (!schema) return undefined;
    const required = Boolean(
      this.spec.deref(route.operation.bundle, (route.operation.definition.requestBody ?? {}) as Json).required,
    );
    if (ctx.body === undefined) {
      return required ? this.error(route, 400, "ParameterMissing", "The request body is required") : undefined;
    }
    if (!this.options.validate)
      return isObject(ctx.body)
        ? undefined
        : this.error(route, 400, "InvalidValue", "The request body must be a JSON object");
    const problems = this.spec.validate(route.operation.bundle, schema, ctx.body);
    return problems.length === 0 ? undefined : this.invalid(route, problems, route.requestWrapper);
  }

  /** A validation failure: 422 RecordInvalid with the problems as details (400 when the operation declares only that). */
  private invalid(route: GenericRoute, problems: Problem[], wrapper?: string): Reply {
    const status = this.declared(route, 422) || !this.declared(route, 400) ? 422 : 400;
    const details: Record<string, { description: string; error: string }[]> = {};
    for (const problem of problems) {
      const field = fieldOf(problem.path, wrapper);
      const description = `${field === "base" ? "The record" : field}: ${problem.message}`;
      details[field] = [...(details[field] ?? []), { description, error: "InvalidValue" }];
    }
    return this.error(route, status, "RecordInvalid", "Record validation errors", details);
  }

  private declared(route: GenericRoute, status: number): boolean {
    return Object.hasOwn(route.operation.responses, String(status));
  }

  /**
   * Zendesk's error body for a status, in the form the operation declares: the classic `{error, description}`, or
   * the `{errors: [...]}` list where that is the only form the response schema accepts.
   */
  private error(route: GenericRoute, status: number, code?: string, description?: string, details?: Json): Reply {
    const standard = statusBody(status) as { error: string; description: string };
    const classic: Json = { error: code ?? standard.error, description: description ?? standard.description };
    if (details) classic.details = details;
    const { declared, schema } = this.spec.responseSchema(route.operation, status);
    if (declared && schema && this.spec.validate(route.operation.bundle, schema, classic).length > 0) {
      const title = status === 404 ? "Not Found" : status === 422 ? "Unprocessable Entity" : "Bad Request";
      const list = { errors: [{ code: classic.error, title, detail: classic.description, status: String(status) }] };
      if (this.spec.validate(route.operation.bundle, schema, list).length === 0) return json(status, list);
    }
    return json(status, classic);
  }
}

/** Where a record is in the API, as Zendesk writes it (absolute, with `.json`). */
function recordUrl(ctx: RequestContext, collection: GenericCollection, record: StoredRecord): string {
  return `${ctx.origin}${collection.path}/${encodeURIComponent(String(record.id))}.json`;
}

/** The field a validation problem concerns, from its JSON pointer: `/widget/name` -> `name`. */
function fieldOf(pointer: string, wrapper?: string): string {
  const parts = pointer.split("/").filter(Boolean);
  if (wrapper && parts[0] === wrapper) parts.shift();
  return parts.length > 0 ? parts.join(".") : "base";
}

/** Merges an update into a record: nested objects merge, anything else is replaced. */
function merge(target: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [name, value] of Object.entries(changes)) {
    const current = out[name];
    out[name] = isObject(current) && isObject(value) ? merge(current, value) : value;
  }
  return out;
}

/** How many items a bulk request names: its first array, or the `ids` query parameter. */
function itemCount(ctx: RequestContext): number {
  const ids = ctx.query.get("ids");
  if (ids) return ids.split(",").filter(Boolean).length;
  const arrays = (value: unknown): unknown[] | undefined => {
    if (Array.isArray(value)) return value;
    if (!isObject(value)) return undefined;
    for (const item of Object.values(value)) {
      const found = arrays(item);
      if (found) return found;
    }
    return undefined;
  };
  return Math.max(1, arrays(ctx.body)?.length ?? 1);
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
