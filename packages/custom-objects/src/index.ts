// Everything a user needs is exported from here, core's runtime included, so
// that `@zenfetch/custom-objects` is the only package to install.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export {
  type CustomObjectsClient,
  type CustomObjectsClientOptions,
  type CustomObjectsHelpers,
  createCustomObjectsClient,
  customObjects,
  customObjectsOf,
} from "./client.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
export type { RecordPaginator, RecordsClient } from "./records.js";
export type {
  AutocompleteOptions,
  BaseClient,
  BulkAction,
  BulkItem,
  BulkItems,
  CallOptions,
  CustomObject,
  CustomObjectField,
  CustomObjectFieldInput,
  CustomObjectFieldMaps,
  CustomObjectFieldOption,
  CustomObjectFieldProperties,
  CustomObjectFieldRelationshipFilter,
  CustomObjectFieldType,
  CustomObjectFieldValue,
  CustomObjectFieldValues,
  CustomObjectInput,
  CustomObjectLimit,
  CustomObjectRecord,
  CustomObjectRecordCount,
  CustomObjectRecordFilterComparison,
  CustomObjectRecordInput,
  CustomObjectRecordSearchFilter,
  CustomObjectRecordsJobInput,
  CustomObjectRecordsJobItem,
  CustomObjectRecordsPage,
  CustomObjectRecordUpdate,
  CustomObjectsBulk,
  FieldsOf,
  FilteredSearchOptions,
  ListRecordsOptions,
  ObjectTrigger,
  ObjectTriggerAction,
  ObjectTriggerBulkUpdateItem,
  ObjectTriggerCondition,
  ObjectTriggerConditions,
  ObjectTriggerDefinitions,
  ObjectTriggerInput,
  RecordMatch,
  SearchRecordsOptions,
} from "./types.js";
