/** Turns internal rows into the JSON Zendesk sends, with Zendesk's property names. */
import { isoSeconds } from "./clock.js";
import type {
  AuditEvent,
  AuditRow,
  CommentRow,
  CustomObjectFieldRow,
  CustomObjectRecordRow,
  CustomObjectRow,
  ObjectTriggerRow,
  OrganizationRow,
  RoutingAttributeChange,
  RoutingAttributeValueChange,
  RoutingInstanceValueRow,
  TicketMetricEventRow,
  TicketRow,
  TicketStatus,
  UserRow,
} from "./models.js";
import { DEFAULT_TICKET_FORM_ID } from "./seed.js";
import type { Store } from "./store.js";

const CUSTOM_STATUS_IDS: Record<TicketStatus, number> = {
  new: 8001,
  open: 8002,
  pending: 8003,
  hold: 8004,
  solved: 8005,
  closed: 8005,
};

const EMPTY_SOURCE = { from: {}, to: {}, rel: null };

export function via(channel: string) {
  return { channel, source: EMPTY_SOURCE };
}

export function ticketJson(store: Store, origin: string, t: TicketRow) {
  const solved = t.status === "solved" || t.status === "closed";
  return {
    url: `${origin}/api/v2/tickets/${t.id}.json`,
    id: t.id,
    external_id: t.externalId,
    via: via(t.channel),
    created_at: isoSeconds(t.createdAt),
    updated_at: isoSeconds(t.updatedAt),
    generated_timestamp: t.updatedAt,
    type: t.type,
    subject: t.subject,
    raw_subject: t.subject,
    description: t.description,
    priority: t.priority,
    status: t.deleted ? ("deleted" as const) : t.status,
    custom_status_id: t.customStatusId ?? CUSTOM_STATUS_IDS[t.status],
    recipient: t.channel === "email" ? "support@example.com" : null,
    requester_id: t.requesterId,
    submitter_id: t.submitterId,
    assignee_id: t.assigneeId,
    organization_id: t.organizationId,
    group_id: t.groupId,
    collaborator_ids: t.collaboratorIds,
    follower_ids: t.followerIds,
    email_cc_ids: t.emailCcIds,
    forum_topic_id: null,
    problem_id: t.problemId,
    has_incidents: t.type === "problem" && store.hasIncidents(t.id),
    is_public: t.isPublic,
    due_at: t.dueAt === null ? null : isoSeconds(t.dueAt),
    tags: t.tags,
    custom_fields: t.customFields,
    satisfaction_rating: { score: solved ? "offered" : "unoffered" },
    sharing_agreement_ids: [],
    fields: t.customFields,
    followup_ids: t.followupIds,
    ticket_form_id: DEFAULT_TICKET_FORM_ID,
    brand_id: t.brandId,
    allow_channelback: false,
    allow_attachments: true,
    from_messaging_channel: false,
  };
}

export function userJson(origin: string, u: UserRow) {
  const agent = u.role !== "end-user";
  return {
    id: u.id,
    url: `${origin}/api/v2/users/${u.id}.json`,
    name: u.name,
    email: u.email,
    created_at: isoSeconds(u.createdAt),
    updated_at: isoSeconds(u.updatedAt),
    time_zone: u.timeZone,
    iana_time_zone: u.ianaTimeZone,
    phone: u.phone,
    shared_phone_number: null,
    photo: null,
    locale_id: 1,
    locale: u.locale,
    organization_id: u.organizationId,
    role: u.role,
    verified: u.verified,
    external_id: u.externalId,
    tags: u.tags,
    alias: null,
    active: !u.deleted,
    shared: false,
    shared_agent: false,
    last_login_at: u.lastLoginAt === null ? null : isoSeconds(u.lastLoginAt),
    two_factor_auth_enabled: null,
    signature: agent ? "" : null,
    details: null,
    notes: null,
    role_type: u.role === "admin" ? 4 : null,
    custom_role_id: null,
    moderator: agent,
    ticket_restriction: agent ? null : "requested",
    only_private_comments: false,
    restricted_agent: false,
    suspended: u.suspended,
    default_group_id: agent ? 9001 : null,
    report_csv: u.role === "admin",
    user_fields: {},
  };
}

export function organizationJson(origin: string, o: OrganizationRow) {
  return {
    url: `${origin}/api/v2/organizations/${o.id}.json`,
    id: o.id,
    name: o.name,
    shared_tickets: o.sharedTickets,
    shared_comments: o.sharedComments,
    external_id: o.externalId,
    created_at: isoSeconds(o.createdAt),
    updated_at: isoSeconds(o.updatedAt),
    domain_names: o.domainNames,
    details: o.details,
    notes: o.notes,
    group_id: o.groupId,
    tags: o.tags,
    organization_fields: {},
  };
}

function htmlOf(body: string): string {
  const escaped = body.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  return `<div class="zd-comment" dir="auto"><p dir="auto">${escaped}</p></div>`;
}

export function commentJson(c: CommentRow) {
  return {
    id: c.id,
    type: "Comment",
    author_id: c.authorId,
    body: c.body,
    html_body: c.htmlBody ?? htmlOf(c.body),
    plain_body: c.body,
    public: c.public,
    attachments: c.attachments ?? [],
    audit_id: c.auditId,
    via: via(c.channel),
    created_at: isoSeconds(c.createdAt),
    metadata: { system: {}, custom: {} },
  };
}

function auditEventJson(store: Store, ticketId: number, event: AuditEvent) {
  if (event.type === "Comment") {
    const comment = store.findComment(ticketId, event.commentId);
    return {
      id: event.id,
      type: "Comment",
      author_id: comment?.authorId ?? 1,
      body: comment?.body ?? "",
      html_body: comment ? (comment.htmlBody ?? htmlOf(comment.body)) : "",
      plain_body: comment?.body ?? "",
      public: comment?.public ?? true,
      attachments: comment?.attachments ?? [],
      audit_id: comment?.auditId,
    };
  }
  const value = stringValue(event.value);
  return event.type === "Change"
    ? {
        id: event.id,
        type: "Change",
        field_name: event.fieldName,
        value,
        previous_value: stringValue(event.previousValue),
      }
    : { id: event.id, type: "Create", field_name: event.fieldName, value };
}

/** Zendesk reports audit field values as strings (or arrays of strings for tags). */
function stringValue(value: unknown): string | string[] | null {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

export function auditJson(store: Store, a: AuditRow) {
  return {
    id: a.id,
    ticket_id: a.ticketId,
    created_at: isoSeconds(a.createdAt),
    author_id: a.authorId,
    metadata: { system: {}, custom: {} },
    via: via(a.channel),
    events: a.events.map((event) => auditEventJson(store, a.ticketId, event)),
  };
}

/** One entry of the incremental ticket-event export: an audit, its changes as child events. */
export function ticketEventJson(store: Store, a: AuditRow) {
  return {
    id: a.id,
    ticket_id: a.ticketId,
    timestamp: a.createdAt,
    created_at: isoSeconds(a.createdAt),
    updater_id: a.authorId,
    via: a.channel === "api" ? "API" : a.channel === "email" ? "Mail" : "Web form",
    system: {},
    metadata: { system: {}, custom: {} },
    event_type: "Audit",
    child_events: a.events.map((event) => {
      if (event.type === "Comment") {
        const comment = store.findComment(a.ticketId, event.commentId);
        return {
          id: event.id,
          via: a.channel === "api" ? "API" : "Web form",
          via_reference_id: null,
          comment_present: true,
          comment_public: comment?.public ?? true,
          event_type: "Comment",
        };
      }
      return {
        id: event.id,
        via: a.channel === "api" ? "API" : "Web form",
        via_reference_id: null,
        [event.fieldName]: stringValue(event.value),
        ...(event.type === "Change" ? { [`previous_${event.fieldName}`]: stringValue(event.previousValue) } : {}),
        event_type: event.type,
      };
    }),
    merged_ticket_ids: [],
  };
}

export function metricEventJson(e: TicketMetricEventRow) {
  return {
    id: e.id,
    ticket_id: e.ticketId,
    metric: e.metric,
    instance_id: e.instanceId,
    type: e.type,
    time: isoSeconds(e.time),
  };
}

export function routingAttributeJson(c: RoutingAttributeChange) {
  return { id: c.id, name: c.name, time: isoSeconds(c.time), type: c.type };
}

export function routingAttributeValueJson(c: RoutingAttributeValueChange) {
  return { id: c.id, attribute_id: c.attributeId, name: c.name, time: isoSeconds(c.time), type: c.type };
}

/** One side of an instance value: its association (`associate_*`) or its removal (`unassociate_*`). */
export function routingInstanceValueJson(row: RoutingInstanceValueRow, removal: boolean) {
  return {
    id: row.id,
    attribute_value_id: row.attributeValueId,
    instance_id: String(row.instanceId),
    time: isoSeconds(removal ? (row.unassociatedAt as number) : row.associatedAt),
    type: `${removal ? "unassociate" : "associate"}_${row.instanceType}`,
  };
}

export function customObjectJson(origin: string, o: CustomObjectRow) {
  return {
    url: `${origin}/api/v2/custom_objects/${o.key}.json`,
    key: o.key,
    created_by_user_id: String(o.createdByUserId),
    updated_by_user_id: String(o.updatedByUserId),
    created_at: isoSeconds(o.createdAt),
    updated_at: isoSeconds(o.updatedAt),
    title: o.title,
    raw_title: o.title,
    title_pluralized: o.titlePluralized,
    raw_title_pluralized: o.titlePluralized,
    description: o.description,
    raw_description: o.description,
    include_in_list_view: o.includeInListView,
    allows_photos: o.allowsPhotos,
  };
}

export function customObjectFieldJson(origin: string, objectKey: string, f: CustomObjectFieldRow) {
  return {
    url: `${origin}/api/v2/custom_objects/${objectKey}/fields/${f.id}.json`,
    id: f.id,
    type: f.type,
    key: f.key,
    title: f.title,
    raw_title: f.title,
    description: f.description,
    raw_description: f.description,
    position: f.position,
    active: f.active,
    system: f.system,
    regexp_for_validation: f.regexpForValidation,
    created_at: isoSeconds(f.createdAt),
    updated_at: isoSeconds(f.updatedAt),
    ...(f.type === "dropdown" || f.type === "multiselect"
      ? {
          custom_field_options: f.options.map((option) => ({
            id: option.id,
            name: option.name,
            raw_name: option.rawName,
            value: option.value,
            position: option.position,
            url: `${origin}/api/v2/custom_objects/${objectKey}/fields/${f.id}/options/${option.id}.json`,
          })),
        }
      : {}),
    ...(f.type === "checkbox" ? { tag: f.tag } : {}),
    ...(f.type === "lookup" ? { relationship_target_type: f.relationshipTargetType, relationship_filter: {} } : {}),
    ...(f.properties ? { properties: f.properties } : {}),
  };
}

export function recordJson(origin: string, r: CustomObjectRecordRow) {
  return {
    url: `${origin}/api/v2/custom_objects/${r.objectKey}/records/${r.id}.json`,
    id: r.id,
    name: r.name,
    custom_object_key: r.objectKey,
    custom_object_fields: r.fields,
    created_by_user_id: String(r.createdByUserId),
    updated_by_user_id: String(r.updatedByUserId),
    created_at: isoSeconds(r.createdAt),
    updated_at: isoSeconds(r.updatedAt),
    external_id: r.externalId,
    photo: null,
  };
}

export function triggerJson(origin: string, t: ObjectTriggerRow) {
  return {
    url: `${origin}/api/v2/custom_objects/${t.objectKey}/triggers/${t.id}.json`,
    id: t.id,
    title: t.title,
    raw_title: t.title,
    description: t.description,
    active: t.active,
    position: t.position,
    default: false,
    conditions: t.conditions,
    actions: t.actions,
    created_at: isoSeconds(t.createdAt),
    updated_at: isoSeconds(t.updatedAt),
  };
}
