import type { BulkHelpers, PaginateOptions, RequestSchemas, ResponseSchemas, ZendeskClient } from "@zenfetch/core";
import type { HeadersOptions } from "openapi-fetch";
import type { includes, operations } from "./generated/operations.js";
import type { components, paths, operations as spec } from "./generated/schema.js";

type Schemas = ResponseSchemas<components["schemas"]>;
type Inputs = RequestSchemas<components["schemas"]>;

/** The core client on the custom-objects paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type BaseClient = ZendeskClient<paths, typeof operations, typeof includes>;

/**
 * The bulk helpers the spec declares for this domain, from core's engine: `bulkRecords(action, items, { params:
 * { path: { custom_object_key } } })`, which `records(key).bulk(action, items)` calls with the key filled in.
 */
export type CustomObjectsBulk = BulkHelpers<paths, typeof operations>;
/** Flattens an intersection so that editors show one object type. */
type Simplify<T> = { [K in keyof T]: T[K] } & {};

// --- Objects and fields ------------------------------------------------------------------------

/** A custom object definition: the "type" that records belong to. */
export type CustomObject = Schemas["CustomObject"];
/** The writable part of a custom object (`key` on create only). */
export type CustomObjectInput = Inputs["CustomObjectInput"];
/** A field of a custom object; `standard::name` and `standard::external_id` are the built-in ones. */
export type CustomObjectField = Schemas["CustomObjectField"];
/** The writable part of a field (`key`, `type`, `relationship_target_type` on create only). */
export type CustomObjectFieldInput = Inputs["CustomObjectFieldInput"];
export type CustomObjectFieldType = Schemas["CustomObjectFieldType"];
export type CustomObjectFieldOption = Schemas["CustomObjectFieldOption"];
export type CustomObjectFieldProperties = Schemas["CustomObjectFieldProperties"];
export type CustomObjectFieldRelationshipFilter = Schemas["CustomObjectFieldRelationshipFilter"];
/** `{ count, limit }`: the object, field and record limits. */
export type CustomObjectLimit = Schemas["CustomObjectLimit"];

// --- Field values and field maps --------------------------------------------------------------

/**
 * What a record can hold in one field: text, dates (`YYYY-MM-DD`) and lookup ids
 * as strings, integers and decimals as numbers, checkboxes as booleans,
 * multiselect values as arrays, null when empty.
 */
export type CustomObjectFieldValue = Schemas["CustomObjectFieldValue"];
/** A record's `custom_object_fields` when its object has no field map: any field key, any field value. */
export type CustomObjectFieldValues = Schemas["CustomObjectRecordFieldValues"];

/**
 * The shape your field maps must have: object key → field key → a type that a
 * field can hold. `createCustomObjectsClient<{ order: { amount: number; sku: string } }>()`
 * fits; `{ order: { placed: Date } }` does not.
 */
export type CustomObjectFieldMaps<Objects> = {
  [Key in keyof Objects]: { [Field in keyof Objects[Key]]: CustomObjectFieldValue };
};

/** The field map of `Key`: yours when you declared one, else the loose `CustomObjectFieldValues`. */
export type FieldsOf<Objects, Key extends string> = Key extends keyof Objects
  ? Objects[Key] extends object
    ? Objects[Key]
    : CustomObjectFieldValues
  : CustomObjectFieldValues;

// --- Records -----------------------------------------------------------------------------------

type GeneratedRecord = Schemas["CustomObjectRecord"];
type GeneratedRecordInput = Inputs["CustomObjectRecordInput"];

/**
 * A record as Zendesk returns it: `custom_object_fields` is always present (Zendesk sends it on every record),
 * typed by your field map when you declared one, else the generated loose map.
 */
export type CustomObjectRecord<Fields extends object = CustomObjectFieldValues> = Simplify<
  Omit<GeneratedRecord, "custom_object_fields"> & { custom_object_fields: Fields }
>;

/**
 * The body of a create (and of an upsert, which may create): field values **as
 * declared** in your map, so a field you declared required must be sent, and
 * `custom_object_fields` itself is required when any field is. `name` stays
 * optional (autonumbered objects reject it).
 */
export type CustomObjectRecordInput<Fields extends object = CustomObjectFieldValues> = Simplify<
  Omit<GeneratedRecordInput, "custom_object_fields"> &
    (Record<never, never> extends Fields ? { custom_object_fields?: Fields } : { custom_object_fields: Fields })
>;

/**
 * The body of an update: **every field optional** (`Partial` of your map), since
 * Zendesk changes only the fields sent and keeps the others.
 */
export type CustomObjectRecordUpdate<Fields extends object = CustomObjectFieldValues> = Simplify<
  Omit<GeneratedRecordInput, "custom_object_fields"> & { custom_object_fields?: Partial<Fields> }
>;

/** One cursor page of records (list, search, filtered search, autocomplete). */
export type CustomObjectRecordsPage<Fields extends object = CustomObjectFieldValues> = Simplify<
  Omit<Schemas["CustomObjectRecordsPage"], "custom_object_records"> & {
    custom_object_records: CustomObjectRecord<Fields>[];
  }
>;

/** `{ value, refreshed_at }`: a record count, which Zendesk may have computed a while ago (`refreshed_at`). */
export type CustomObjectRecordCount = Schemas["Count"]["count"];

/** The `filter` of a filtered search: one comparison, or `$and` / `$or` lists of them. */
export type CustomObjectRecordSearchFilter = Schemas["CustomObjectRecordSearchFilter"];
/** `{ "custom_object_fields.amount": { $gt: 10 } }`: one attribute, its operators and values. */
export type CustomObjectRecordFilterComparison = Schemas["CustomObjectRecordFilterComparison"];

/** How `upsert` and the delete helpers find a record: by external id or by (unique) name, never both. */
export type RecordMatch = { externalId: string; name?: never } | { name: string; externalId?: never };

// --- Bulk jobs -------------------------------------------------------------------------------

/** The body of `POST /api/v2/custom_objects/{key}/jobs`, as the spec declares it. */
export type CustomObjectRecordsJobInput = Inputs["CustomObjectRecordsJobInput"];
/** A record in a bulk job body, as the spec declares it. */
export type CustomObjectRecordsJobItem = Inputs["CustomObjectRecordsJobItem"];
/** `create`, `update`, `create_or_update_by_external_id`, `create_or_update_by_name`, `delete`, `delete_by_external_id`. */
export type BulkAction = CustomObjectRecordsJobInput["job"]["action"];

/** What each bulk action takes per item. */
export interface BulkItems<Fields extends object = CustomObjectFieldValues> {
  create: CustomObjectRecordInput<Fields>;
  update: CustomObjectRecordUpdate<Fields> & { id: string };
  create_or_update_by_external_id: CustomObjectRecordInput<Fields> & { external_id: string };
  create_or_update_by_name: CustomObjectRecordInput<Fields> & { name: string };
  /** A record id. */
  delete: string;
  /** An external id. */
  delete_by_external_id: string;
}
export type BulkItem<
  Action extends BulkAction,
  Fields extends object = CustomObjectFieldValues,
> = BulkItems<Fields>[Action];

// --- Per-call options ----------------------------------------------------------------------------

/** Options of a single request. */
export interface CallOptions {
  signal?: AbortSignal;
  headers?: HeadersOptions;
}

type ListQuery = NonNullable<spec["ListCustomObjectRecords"]["parameters"]["query"]>;
type SearchQuery = NonNullable<spec["SearchCustomObjectRecords"]["parameters"]["query"]>;

export interface ListRecordsOptions extends PaginateOptions {
  /** `id`, `-id`, `updated_at`, `-updated_at`. */
  sort?: ListQuery["sort"];
  /** Only these record ids (`filter[ids]`). */
  ids?: readonly string[];
  /** Only these external ids (`filter[external_ids]`). */
  externalIds?: readonly string[];
}

export interface SearchRecordsOptions extends PaginateOptions {
  /** `name`, `created_at`, `updated_at`, or `-` before one for descending. Without it results stop after 10,000. */
  sort?: SearchQuery["sort"];
}

export interface FilteredSearchOptions extends SearchRecordsOptions {
  /** Words to look for too (the `query` parameter). */
  query?: string;
}

export interface AutocompleteOptions extends PaginateOptions {
  /** The lookup field being filled in (with `source`): applies its relationship filter. */
  fieldId?: string;
  /** `zen:user`, `zen:ticket`, `zen:organization` or `zen:custom_object:<key>` (with `fieldId`). */
  source?: string;
  requesterId?: number;
  assigneeId?: number;
  organizationId?: number;
}

// --- Object triggers ---------------------------------------------------------------------------

export type ObjectTrigger = Schemas["ObjectTrigger"];
export type ObjectTriggerInput = Inputs["ObjectTriggerInput"];
export type ObjectTriggerCondition = Schemas["ObjectTriggerCondition"];
export type ObjectTriggerConditions = Schemas["ObjectTriggerConditions"];
export type ObjectTriggerAction = Schemas["ObjectTriggerAction"];
export type ObjectTriggerDefinitions = Schemas["ObjectTriggerDefinitions"];
export type ObjectTriggerBulkUpdateItem = Inputs["ObjectTriggerBulkUpdateItem"];
