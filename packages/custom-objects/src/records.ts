import {
  type BulkOptions,
  type BulkResult,
  callInit,
  type PaginateOptions,
  type Paginator,
  requireText,
  unwrap,
} from "@zenfetch/core";
import type {
  AutocompleteOptions,
  BaseClient,
  BulkAction,
  BulkItem,
  CallOptions,
  CustomObjectFieldValues,
  CustomObjectRecord,
  CustomObjectRecordCount,
  CustomObjectRecordInput,
  CustomObjectRecordSearchFilter,
  CustomObjectRecordsPage,
  CustomObjectRecordUpdate,
  CustomObjectsBulk,
  FilteredSearchOptions,
  ListRecordsOptions,
  RecordMatch,
  SearchRecordsOptions,
} from "./types.js";

/** Streams records: `for await (const record of …)`, or `.pages()` for whole pages. */
export type RecordPaginator<Fields extends object = CustomObjectFieldValues> = Paginator<
  CustomObjectRecord<Fields>,
  CustomObjectRecordsPage<Fields>
>;

/**
 * The records of one custom object, typed by its field map. Single calls throw
 * the core error for the status (`NotFoundError`, `ValidationError`…); the
 * iterables throw as they go, with `error.resume` to carry on.
 */
export interface RecordsClient<Fields extends object = CustomObjectFieldValues> {
  /** The object key these helpers act on. */
  readonly key: string;
  /** Every record (cursor pages of `pageSize`, default 100), optionally only some ids or external ids. */
  list(options?: ListRecordsOptions): RecordPaginator<Fields>;
  get(id: string, options?: CallOptions): Promise<CustomObjectRecord<Fields>>;
  /** Creates a record; field values as declared in your map. */
  create(input: CustomObjectRecordInput<Fields>, options?: CallOptions): Promise<CustomObjectRecord<Fields>>;
  /** Changes the attributes and fields sent (every field optional); the others keep their values. */
  update(
    id: string,
    input: CustomObjectRecordUpdate<Fields>,
    options?: CallOptions,
  ): Promise<CustomObjectRecord<Fields>>;
  delete(id: string, options?: CallOptions): Promise<void>;
  /**
   * Updates the record with this external id or (unique) name, or creates it
   * with that external id or name. Give exactly one of `externalId` and `name`.
   */
  upsert(
    match: RecordMatch,
    input: CustomObjectRecordInput<Fields>,
    options?: CallOptions,
  ): Promise<CustomObjectRecord<Fields>>;
  deleteByExternalId(externalId: string, options?: CallOptions): Promise<void>;
  /** Needs `is_unique` on the object's name field. */
  deleteByName(name: string, options?: CallOptions): Promise<void>;
  /** Full-text search over text, textarea and regexp fields (words starting with a term). */
  search(query: string, options?: SearchRecordsOptions): RecordPaginator<Fields>;
  /** Records matching `filter` (POST, the filter resent with every page; the cursor in the query). */
  filteredSearch(filter: CustomObjectRecordSearchFilter, options?: FilteredSearchOptions): RecordPaginator<Fields>;
  /** Records whose name matches `name`, as a lookup field's picker finds them (use `maxItems` for a short list). */
  autocomplete(name: string, options?: AutocompleteOptions): RecordPaginator<Fields>;
  /** `{ value, refreshed_at }`; large counts are estimates Zendesk refreshes in the background. */
  count(options?: CallOptions): Promise<CustomObjectRecordCount>;
  /**
   * Runs a bulk action through `POST …/jobs` on core's bulk engine: jobs of at most 100 items, up to
   * `concurrency` (default 3) at a time, `TooManyJobs` waited out, and one result per item in input order,
   * successes and per-item failures alike. A failed or killed job rejects with `BulkJobFailedError`, anything
   * else after a job was created with `BulkIncompleteError`; both carry every item's result.
   */
  bulk<Action extends BulkAction>(
    action: Action,
    items: readonly BulkItem<Action, Fields>[],
    options?: BulkOptions<string>,
  ): Promise<BulkResult<string>[]>;
}

const OBJECT = "/api/v2/custom_objects/{custom_object_key}";
const RECORDS = `${OBJECT}/records` as const;
const RECORD = `${RECORDS}/{custom_object_record_id}` as const;

/** A value that is safe as one path segment: not empty, not `.` or `..` (which would change the path). */
export function segment(label: string, name: string, value: unknown): string {
  if (typeof value !== "string" || value === "" || value === "." || value === "..") {
    throw new TypeError(
      `${label}: \`${name}\` must be a non-empty string other than "." or ".." (those would address another endpoint); got ${JSON.stringify(value) ?? String(value)}`,
    );
  }
  return value;
}

/** The paging options core's `paginate` takes, without the helper's own. */
const pagingOf = ({ signal, maxItems, maxPages, pageSize, resume, headers }: PaginateOptions): PaginateOptions => {
  const out: PaginateOptions = {};
  if (signal !== undefined) out.signal = signal;
  if (maxItems !== undefined) out.maxItems = maxItems;
  if (maxPages !== undefined) out.maxPages = maxPages;
  if (pageSize !== undefined) out.pageSize = pageSize;
  if (resume !== undefined) out.resume = resume;
  if (headers !== undefined) out.headers = headers;
  return out;
};

/** `{ externalId }` or `{ name }` → the query Zendesk takes, refusing both and neither. */
function matchQuery(label: string, match: RecordMatch): { external_id: string } | { name: string } {
  const m = (match ?? {}) as { externalId?: unknown; name?: unknown };
  const hasExternalId = m.externalId !== undefined;
  const hasName = m.name !== undefined;
  if (hasExternalId === hasName) {
    throw new TypeError(
      `${label}: pass exactly one of \`{ externalId }\` and \`{ name }\`; got ${hasExternalId ? "both" : "neither"}`,
    );
  }
  return hasExternalId
    ? { external_id: requireText(label, "externalId", m.externalId) }
    : { name: requireText(label, "name", m.name) };
}

function emptyPaginator(): RecordPaginator {
  async function* none(): AsyncGenerator<never, void, undefined> {}
  return { [Symbol.asyncIterator]: none, pages: none };
}

/**
 * The helpers of one object; typed by the caller (`client.records(key)`), loose here. `bulkRecords` is the
 * domain's bulk helper, built by core from the spec.
 */
export function createRecordsClient(
  client: BaseClient,
  bulkRecords: CustomObjectsBulk["bulkRecords"],
  key: string,
): RecordsClient {
  const label = (method: string) => `records(${JSON.stringify(key)}).${method}`;
  const path = { custom_object_key: key };
  const record = (method: string, id: unknown) => ({
    ...path,
    custom_object_record_id: segment(label(method), "id", id),
  });

  return {
    key,

    list(options = {}) {
      const { sort, ids, externalIds } = options;
      // An empty `filter[ids]=` could be read as no filter at all: an empty list of ids lists nothing, unasked.
      if (ids?.length === 0 || externalIds?.length === 0) return emptyPaginator();
      const query: Record<string, string> = {};
      if (sort !== undefined) query.sort = sort;
      if (ids !== undefined) query["filter[ids]"] = ids.join(",");
      if (externalIds !== undefined) query["filter[external_ids]"] = externalIds.join(",");
      return client.paginate(RECORDS, { params: { path, query }, ...pagingOf(options) });
    },

    async get(id, options) {
      const params = { path: record("get", id) };
      return unwrap(await client.GET(RECORD, { params, ...callInit(options) })).custom_object_record;
    },

    async create(input, options) {
      const body = { custom_object_record: input };
      return unwrap(await client.POST(RECORDS, { params: { path }, body, ...callInit(options) })).custom_object_record;
    },

    async update(id, input, options) {
      const params = { path: record("update", id) };
      // A field left `undefined` by `Partial` is dropped by JSON.stringify: the field keeps its value.
      const body = { custom_object_record: input as CustomObjectRecordInput };
      return unwrap(await client.PATCH(RECORD, { params, body, ...callInit(options) })).custom_object_record;
    },

    async delete(id, options) {
      const params = { path: record("delete", id) };
      unwrap(await client.DELETE(RECORD, { params, ...callInit(options) }));
    },

    async upsert(match, input, options) {
      const params = { path, query: matchQuery(label("upsert"), match) };
      const body = { custom_object_record: input };
      return unwrap(await client.PATCH(RECORDS, { params, body, ...callInit(options) })).custom_object_record;
    },

    async deleteByExternalId(externalId, options) {
      const params = {
        path,
        query: { external_id: requireText(label("deleteByExternalId"), "externalId", externalId) },
      };
      unwrap(await client.DELETE(RECORDS, { params, ...callInit(options) }));
    },

    async deleteByName(name, options) {
      const params = { path, query: { name: requireText(label("deleteByName"), "name", name) } };
      unwrap(await client.DELETE(RECORDS, { params, ...callInit(options) }));
    },

    search(query, options = {}) {
      if (typeof query !== "string") throw new TypeError(`${label("search")}: \`query\` must be a string`);
      const q: { query: string; sort?: SearchRecordsOptions["sort"] } = { query };
      if (options.sort !== undefined) q.sort = options.sort;
      return client.paginate(`${RECORDS}/search`, { params: { path, query: q }, ...pagingOf(options) });
    },

    filteredSearch(filter, options = {}) {
      if (filter === null || typeof filter !== "object" || Array.isArray(filter)) {
        throw new TypeError("filteredSearch: `filter` must be an object");
      }
      const query: { query?: string; sort?: FilteredSearchOptions["sort"] } = {};
      if (options.query !== undefined) query.query = options.query;
      if (options.sort !== undefined) query.sort = options.sort;
      // Core's paginate pages the POST as it pages a GET; `{ filter }` is resent as the body of every page.
      return client.paginate(`${RECORDS}/search`, {
        method: "POST",
        params: { path, query },
        body: { filter },
        ...pagingOf(options),
      });
    },

    autocomplete(name, options = {}) {
      if (typeof name !== "string") throw new TypeError(`${label("autocomplete")}: \`name\` must be a string`);
      const query: Record<string, string | number> = { name };
      if (options.fieldId !== undefined) query.field_id = options.fieldId;
      if (options.source !== undefined) query.source = options.source;
      if (options.requesterId !== undefined) query.requester_id = options.requesterId;
      if (options.assigneeId !== undefined) query.assignee_id = options.assigneeId;
      if (options.organizationId !== undefined) query.organization_id = options.organizationId;
      return client.paginate(`${RECORDS}/autocomplete`, { params: { path, query }, ...pagingOf(options) });
    },

    async count(options) {
      return unwrap(await client.GET(`${RECORDS}/count`, { params: { path }, ...callInit(options) })).count;
    },

    bulk(action, items, options = {}) {
      // The items' types differ per object (the field map), the spec's per action: the same at run time.
      const run = bulkRecords as (...args: unknown[]) => Promise<BulkResult<string>[]>;
      return run(action, items, { ...options, params: { path } });
    },
  };
}
