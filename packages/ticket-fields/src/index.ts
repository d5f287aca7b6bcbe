// Everything a user needs is exported from here, core's runtime included, so
// that `@zenfetch/ticket-fields` is the only package to install.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export {
  createTicketFieldsClient,
  fieldsByName,
  formStatuses,
  statusByName,
  type TicketFieldsClient,
  type TicketFieldsClientOptions,
  type TicketFieldsHelpers,
  ticketFields,
  type WithTicketFields,
} from "./client.js";
export { isCustomStatusNameError, isTicketFieldNameError, isTicketFieldValueError } from "./error-guards.js";
export type { CustomStatusNameError, TicketFieldNameError, TicketFieldValueError } from "./errors.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
export type {
  AnyTicketFieldNames,
  CustomStatus,
  CustomStatusCategory,
  CustomStatusInput,
  CustomStatusLookup,
  CustomStatusUpdate,
  FieldNames,
  FieldsByNameOptions,
  LookupRelationshipFilterDefinition,
  NamedFieldValue,
  ReadFieldValues,
  TicketCustomFieldValue,
  TicketField,
  TicketFieldInput,
  TicketFieldNameMap,
  TicketFieldOption,
  TicketFieldOptionInput,
  TicketFieldRelationshipFilter,
  TicketFieldSystemOption,
  TicketFieldsBase,
  TicketFieldType,
  TicketForm,
  TicketFormCondition,
  TicketFormInput,
  TicketFormStatus,
  TicketWithCustomFields,
  WriteFieldValues,
} from "./types.js";
