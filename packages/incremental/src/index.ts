// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export type { Checkpoint, CursorCheckpoint, ExportName, TimeCheckpoint } from "./checkpoint.js";
export {
  createIncrementalClient,
  type ExportClient,
  HIGH_VOLUME_LIMIT,
  type IncrementalClient,
  type IncrementalClientOptions,
  incremental,
  incrementalOf,
} from "./client.js";
export { checkpointOf, type ExportError, ExportStalledError, isExportStalledError } from "./errors.js";
export type { ExportPage, ExportRun } from "./export-run.js";
export {
  type ExportCommonOptions,
  type ExportStart,
  exportOrganizations,
  exportRoutingAttributes,
  exportRoutingAttributeValues,
  exportRoutingInstanceValues,
  exportTicketEvents,
  exportTicketMetricEvents,
  exportTickets,
  exportUsers,
  type OrganizationExportOptions,
  type OrganizationPage,
  type RoutingAttributePage,
  type RoutingAttributeValuePage,
  type RoutingExportOptions,
  type RoutingInstanceValuePage,
  type TicketEventExportOptions,
  type TicketEventPage,
  type TicketExportOptions,
  type TicketMetricEventExportOptions,
  type TicketMetricEventPage,
  type TicketPage,
  type UserExportOptions,
  type UserPage,
} from "./exports.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
export type {
  Group,
  Organization,
  RoutingAttribute,
  RoutingAttributeValue,
  RoutingInstanceValue,
  SharingAgreement,
  SideloadsFor,
  Ticket,
  TicketChildEvent,
  TicketCommentEvent,
  TicketEvent,
  TicketEventInclude,
  TicketFieldEvent,
  TicketForm,
  TicketInclude,
  TicketMetricEvent,
  TicketMetricSet,
  TicketNotificationEvent,
  TicketOtherEvent,
  TicketSideloads,
  User,
  UserAbility,
  UserIdentity,
  UserInclude,
  UserSideloads,
} from "./types.js";
