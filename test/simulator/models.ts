/** The simulator's internal rows. Times are unix seconds; `present.ts` turns rows into Zendesk's JSON. */

export type TicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";
export type TicketPriority = "urgent" | "high" | "normal" | "low";
export type TicketType = "problem" | "incident" | "question" | "task";

export interface CustomFieldValue {
  id: number;
  value: string | number | boolean | string[] | null;
}

export interface TicketRow {
  id: number;
  subject: string;
  description: string;
  status: TicketStatus;
  priority: TicketPriority | null;
  type: TicketType | null;
  requesterId: number;
  submitterId: number;
  assigneeId: number | null;
  organizationId: number | null;
  groupId: number | null;
  brandId: number;
  externalId: string | null;
  problemId: number | null;
  tags: readonly string[];
  collaboratorIds: readonly number[];
  followerIds: readonly number[];
  emailCcIds: readonly number[];
  followupIds: readonly number[];
  customFields: readonly CustomFieldValue[];
  /** The custom status set by id (ticket-fields-state.ts); absent: the default of the status's category. */
  customStatusId?: number;
  dueAt: number | null;
  channel: string;
  isPublic: boolean;
  createdAt: number;
  updatedAt: number;
  deleted?: boolean;
}

export type UserRole = "end-user" | "agent" | "admin";

export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: UserRole;
  organizationId: number | null;
  externalId: string | null;
  phone: string | null;
  timeZone: string;
  ianaTimeZone: string;
  locale: string;
  tags: readonly string[];
  verified: boolean;
  suspended: boolean;
  lastLoginAt: number | null;
  createdAt: number;
  updatedAt: number;
  deleted?: boolean;
}

export interface OrganizationRow {
  id: number;
  name: string;
  externalId: string | null;
  details: string | null;
  notes: string | null;
  domainNames: readonly string[];
  groupId: number | null;
  sharedTickets: boolean;
  sharedComments: boolean;
  tags: readonly string[];
  createdAt: number;
  updatedAt: number;
  deleted?: boolean;
}

export interface CommentRow {
  id: number;
  ticketId: number;
  auditId: number;
  authorId: number;
  body: string;
  htmlBody?: string;
  public: boolean;
  channel: string;
  createdAt: number;
  /** The comment's files as presented (from the uploads its `uploads` tokens named). */
  attachments?: readonly object[];
}

/** One change recorded in an audit. */
export type AuditEvent =
  | { id: number; type: "Comment"; commentId: number }
  | { id: number; type: "Create" | "Change"; fieldName: string; value: unknown; previousValue?: unknown };

export interface AuditRow {
  id: number;
  ticketId: number;
  authorId: number;
  channel: string;
  createdAt: number;
  events: AuditEvent[];
}

export interface TicketMetricEventRow {
  id: number;
  ticketId: number;
  metric:
    | "agent_work_time"
    | "pausable_update_time"
    | "periodic_update_time"
    | "reply_time"
    | "requester_wait_time"
    | "resolution_time";
  instanceId: number;
  type: "activate" | "pause" | "fulfill" | "apply_sla" | "breach" | "update_status" | "measure";
  time: number;
}

export interface ViewRow {
  id: number;
  title: string;
  /** Ticket statuses the view shows. */
  statuses: readonly TicketStatus[];
}

export interface CustomObjectRow {
  key: string;
  title: string;
  titlePluralized: string;
  description: string;
  includeInListView: boolean;
  allowsPhotos: boolean;
  createdByUserId: number;
  updatedByUserId: number;
  createdAt: number;
  updatedAt: number;
}

export type CustomObjectFieldType =
  | "text"
  | "textarea"
  | "checkbox"
  | "date"
  | "integer"
  | "decimal"
  | "regexp"
  | "dropdown"
  | "lookup"
  | "multiselect";

export interface CustomFieldOptionRow {
  id: number;
  name: string;
  rawName: string;
  value: string;
  position: number;
}

export interface CustomObjectFieldRow {
  id: number;
  key: string;
  type: CustomObjectFieldType;
  title: string;
  description: string;
  active: boolean;
  position: number;
  system: boolean;
  regexpForValidation: string | null;
  relationshipTargetType: string | null;
  tag: string | null;
  options: CustomFieldOptionRow[];
  properties?: {
    autoincrement_enabled: boolean;
    autoincrement_prefix: string;
    autoincrement_padding: number;
    autoincrement_next_sequence: number;
    is_unique: boolean;
  };
  createdAt: number;
  updatedAt: number;
}

export type RecordFieldValue = string | number | boolean | string[] | null;

export interface CustomObjectRecordRow {
  id: string;
  objectKey: string;
  name: string;
  externalId: string | null;
  fields: Record<string, RecordFieldValue>;
  createdByUserId: number;
  updatedByUserId: number;
  createdAt: number;
  updatedAt: number;
}

export interface ObjectTriggerCondition {
  field: string;
  operator: string;
  value: string | number | (string | number)[];
}

export interface ObjectTriggerRow {
  id: number;
  objectKey: string;
  title: string;
  description: string;
  active: boolean;
  position: number;
  conditions: { all: ObjectTriggerCondition[]; any: ObjectTriggerCondition[] };
  actions: { field: string; value: string | number | (string | number)[] }[];
  createdAt: number;
  updatedAt: number;
}

/** One change to a routing attribute (a skill type, such as Language): the routing attribute export's items. */
export interface RoutingAttributeChange {
  /** The attribute's id (a UUID): a create and a later update of one attribute share it. */
  id: string;
  /** The attribute's name after the change. */
  name: string;
  type: "create" | "update" | "delete";
  time: number;
  /** Order of recording, which breaks ties between changes of one attribute in one second. */
  seq: number;
}

/** One change to a routing attribute value (a skill, such as German). */
export interface RoutingAttributeValueChange {
  id: string;
  attributeId: string;
  name: string;
  type: "create" | "update" | "delete";
  time: number;
  seq: number;
}

/**
 * A skill given to an agent or a ticket (an instance value). Its export shows an `associate_*` change at
 * `associatedAt` and, once removed, an `unassociate_*` change at `unassociatedAt`.
 */
export interface RoutingInstanceValueRow {
  id: string;
  attributeValueId: string;
  instanceType: "agent" | "ticket";
  /** The agent's or the ticket's id. */
  instanceId: number;
  associatedAt: number;
  unassociatedAt: number | null;
}
