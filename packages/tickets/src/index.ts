// @zenfetch/tickets: the ticket endpoints of the Zendesk Support API on @zenfetch/core.
// Everything a user needs comes from here, core's errors and helpers included.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export { createTicketsClient, type TicketsClient, type TicketsHelpers, tickets, ticketsOf } from "./client.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
// Deleted, suspended and problem tickets, account tags: their named types and the lifecycle helpers' results.
export type { LifecycleHelpers } from "./lifecycle.js";
export type {
  AccountTag,
  DeletedTicket,
  LifecycleBatchOptions,
  RecoverSuspendedResult,
  RestoreResult,
  SuspendedTicket,
  SuspendedTicketAttachmentsUpload,
  SuspendedTicketAuthor,
  TicketProblem,
} from "./lifecycle-types.js";
export type { RecordsHelpers } from "./records.js";
export type { TicketWithFilesError, TicketWithFilesErrorFields } from "./records-error.js";
export { isTicketWithFilesError } from "./records-error-guard.js";
export type {
  AttachmentUpdateInput,
  ChatFileRedactionInput,
  ChatRedactionHistoryEntry,
  ChatRedactionInput,
  CommentRedactionInput,
  DownloadAttachmentOptions,
  EmailNotification,
  EmailNotificationDeliveryStatus,
  EmailNotificationRecipient,
  SatisfactionReason,
  TicketMetric,
  TicketMetricDuration,
  TicketWithFilesResult,
  WithFilesOptions,
} from "./records-types.js";
export type {
  Attachment,
  Audit,
  Comment,
  Count,
  CustomFieldValue,
  JobStatus,
  JobStatusResult,
  MonitoredTwitterHandle,
  Organization,
  SatisfactionRating,
  Ticket,
  TicketAudit,
  TicketAuditEvent,
  TicketCollaboratorInput,
  TicketComment,
  TicketCommentInput,
  TicketConversationEvent,
  TicketCreateInput,
  TicketEmailCcChange,
  TicketEventMetadata,
  TicketFollowerChange,
  TicketImportInput,
  TicketMacroPreview,
  TicketMergeInput,
  TicketRelatedInformation,
  TicketRequesterInput,
  TicketSatisfactionRatingInput,
  TicketSideloads,
  TicketsBulk,
  TicketTagsInput,
  TicketUpdateInput,
  TicketUpdateManyChanges,
  TicketUpdateManyItem,
  TicketWithSideloads,
  User,
  Via,
  ZendeskErrorBody,
} from "./types.js";
export type { UploadFilesError, UploadFilesErrorFields } from "./upload-error.js";
export { isUploadFilesError } from "./upload-error-guard.js";
export type { UploadedFiles, UploadFile, UploadFilesOptions } from "./uploads.js";
