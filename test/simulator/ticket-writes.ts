/**
 * Creating and changing tickets: the checks Zendesk makes (422 RecordInvalid with per-field details), the new row,
 * and the audit that records the change. `prepare` computes without storing, so bulk jobs can decide per item.
 */
import { detail, hasDetails, type ValidationDetails } from "./errors.js";
import type { AuditEvent, CustomFieldValue, TicketPriority, TicketRow, TicketStatus, TicketType } from "./models.js";
import { BRAND_ID } from "./seed.js";
import type { Store } from "./store.js";
import { customStatusOf } from "./ticket-fields-state.js";
import { attachmentJson } from "./uploads.js";

const STATUSES: readonly TicketStatus[] = ["new", "open", "pending", "hold", "solved", "closed"];
const PRIORITIES: readonly TicketPriority[] = ["urgent", "high", "normal", "low"];
const TYPES: readonly TicketType[] = ["problem", "incident", "question", "task"];

export type TicketInput = Record<string, unknown>;

export interface PreparedComment {
  authorId: number;
  body: string;
  htmlBody?: string;
  public: boolean;
  /** Upload tokens whose files the comment takes. */
  uploads?: string[];
}

export type Prepared =
  | { ok: true; row: TicketRow; events: AuditEvent[]; comment?: PreparedComment; changed: boolean; created: boolean }
  | { ok: false; details: ValidationDetails; conflict?: boolean };

export function isTicketInput(value: unknown): value is TicketInput {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Checks a create (no `existing`) or an update and computes the ticket's next version. */
export function prepareTicketWrite(store: Store, input: TicketInput, existing?: TicketRow): Prepared {
  const details: ValidationDetails = {};
  const now = store.now();
  const me = store.currentUserId;

  if (existing?.status === "closed") {
    detail(details, "status", "ClosedPreventsUpdate", "Status: closed prevents ticket update");
    return { ok: false, details };
  }
  if (existing && input.safe_update !== undefined && input.safe_update !== false && input.updated_stamp !== undefined) {
    const stamp = Date.parse(String(input.updated_stamp));
    if (Number.isNaN(stamp) || Math.floor(stamp / 1000) !== existing.updatedAt) {
      detail(details, "updated_stamp", "UpdateConflict", "The ticket changed since updated_stamp");
      return { ok: false, details, conflict: true };
    }
  }

  const comment = readComment(input.comment, details);
  if (!existing && !comment) detail(details, "description", "BlankValue", "Description: cannot be blank");

  let subject = existing?.subject;
  if (input.subject !== undefined) {
    if (typeof input.subject !== "string" || input.subject.trim() === "") {
      detail(details, "subject", "BlankValue", "Subject: cannot be blank");
    } else {
      subject = input.subject;
    }
  }
  if (subject === undefined) subject = comment ? firstLine(comment.body) : "";

  let status = readEnum(input.status, STATUSES, "status", "Status", details) ?? existing?.status;
  // A custom status sets the status to its category; a plain status change falls back to the category's default.
  let customStatusId = existing?.customStatusId;
  if (input.custom_status_id !== undefined) {
    const custom =
      typeof input.custom_status_id === "number" ? customStatusOf(store, input.custom_status_id) : undefined;
    if (!custom) detail(details, "custom_status_id", "InvalidValue", "Custom status: is not valid");
    else if (!custom.active) detail(details, "custom_status_id", "InvalidValue", "Custom status: is not active");
    else {
      status = custom.category;
      customStatusId = custom.id;
    }
  } else if (status !== existing?.status) {
    customStatusId = undefined;
  }
  const priority = readNullableEnum(input.priority, PRIORITIES, "priority", "Priority", details);
  const type = readNullableEnum(input.type, TYPES, "type", "Type", details);

  let requesterId = existing?.requesterId ?? me;
  if (input.requester_id !== undefined) {
    if (!isId(input.requester_id) || !store.users.has(input.requester_id)) {
      detail(details, "requester", "InvalidValue", "Requester: is invalid");
    } else {
      requesterId = input.requester_id;
    }
  } else if (isTicketInput(input.requester)) {
    const found = findOrPlanUser(store, input.requester, details);
    if (found !== undefined) requesterId = found;
  }

  let assigneeId = existing?.assigneeId ?? null;
  if (input.assignee_id !== undefined) {
    if (input.assignee_id === null) assigneeId = null;
    else if (
      !isId(input.assignee_id) ||
      store.users.get(input.assignee_id)?.role === "end-user" ||
      !store.users.has(input.assignee_id)
    ) {
      detail(details, "assignee", "InvalidValue", "Assignee: is not an agent");
    } else {
      assigneeId = input.assignee_id;
    }
  } else if (typeof input.assignee_email === "string") {
    const agent = findUserByEmail(store, input.assignee_email);
    if (!agent || agent.role === "end-user") detail(details, "assignee", "InvalidValue", "Assignee: is not an agent");
    else assigneeId = agent.id;
  }

  let problemId = existing?.problemId ?? null;
  if (input.problem_id !== undefined) {
    if (input.problem_id === null) problemId = null;
    else if (!isId(input.problem_id) || store.tickets.get(input.problem_id)?.type !== "problem") {
      detail(details, "problem", "InvalidValue", "Problem: must be a ticket of type problem");
    } else {
      problemId = input.problem_id;
    }
  }

  let dueAt = existing?.dueAt ?? null;
  if (input.due_at !== undefined) {
    if (input.due_at === null) dueAt = null;
    else {
      const parsed = Date.parse(String(input.due_at));
      if (Number.isNaN(parsed)) detail(details, "due_at", "InvalidValue", "Due date: is not a valid date");
      else dueAt = Math.floor(parsed / 1000);
    }
  }

  if (hasDetails(details)) return { ok: false, details };

  let tags = existing ? [...existing.tags] : [];
  if (Array.isArray(input.tags)) tags = normalizeTags(input.tags);
  if (Array.isArray(input.additional_tags)) tags = mergeTags(tags, normalizeTags(input.additional_tags));
  if (Array.isArray(input.remove_tags)) {
    const remove = new Set(normalizeTags(input.remove_tags));
    tags = tags.filter((tag) => !remove.has(tag));
  }

  const requesterOrg = store.users.get(requesterId)?.organizationId ?? null;
  const row: TicketRow = {
    id: existing?.id ?? 0,
    subject,
    description: existing?.description ?? comment?.body ?? "",
    status: status ?? (assigneeId === null ? "new" : "open"),
    priority: priority === undefined ? (existing?.priority ?? null) : priority,
    type: type === undefined ? (existing?.type ?? (problemId ? "incident" : null)) : type,
    requesterId,
    submitterId: existing?.submitterId ?? (isId(input.submitter_id) ? input.submitter_id : me),
    assigneeId,
    organizationId: isId(input.organization_id)
      ? input.organization_id
      : existing
        ? existing.organizationId
        : requesterOrg,
    groupId: input.group_id === null ? null : isId(input.group_id) ? input.group_id : (existing?.groupId ?? null),
    brandId: isId(input.brand_id) ? input.brand_id : (existing?.brandId ?? BRAND_ID),
    externalId:
      input.external_id === null
        ? null
        : typeof input.external_id === "string"
          ? input.external_id
          : (existing?.externalId ?? null),
    problemId,
    tags,
    collaboratorIds: idList(input.collaborator_ids) ?? existing?.collaboratorIds ?? [],
    followerIds: idList(input.follower_ids) ?? existing?.followerIds ?? [],
    emailCcIds: idList(input.email_cc_ids) ?? existing?.emailCcIds ?? [],
    followupIds: existing?.followupIds ?? [],
    ...(customStatusId === undefined ? {} : { customStatusId }),
    customFields: mergeCustomFields(existing?.customFields ?? [], input.custom_fields ?? input.fields),
    dueAt,
    channel: existing?.channel ?? "api",
    isPublic: existing ? existing.isPublic || Boolean(comment?.public) : (comment?.public ?? true),
    createdAt: existing?.createdAt ?? now,
    updatedAt: existing?.updatedAt ?? now,
  };
  if (Array.isArray(input.email_ccs)) row.emailCcIds = applyUserActions(row.emailCcIds, input.email_ccs, store);
  if (Array.isArray(input.followers)) row.followerIds = applyUserActions(row.followerIds, input.followers, store);

  const events = diff(existing, row, store.nextEventId.bind(store));
  const preparedComment = comment
    ? { ...comment, authorId: comment.authorId ?? (existing ? me : row.submitterId) }
    : undefined;
  const changed = events.length > 0 || preparedComment !== undefined || row.customStatusId !== existing?.customStatusId;
  if (changed) row.updatedAt = now;
  return { ok: true, row, events, comment: preparedComment, changed, created: !existing };
}

/** Stores a prepared write: the row, its audit (with the comment), and for a new ticket a metric event. */
export function commitTicketWrite(
  store: Store,
  prepared: Extract<Prepared, { ok: true }>,
  input: TicketInput,
): TicketRow {
  let row = prepared.row;
  if (prepared.created) {
    const requester = isTicketInput(input.requester) && input.requester_id === undefined ? input.requester : undefined;
    if (requester && row.requesterId === store.currentUserId && typeof requester.email === "string") {
      const user = findUserByEmail(store, requester.email) ?? createUser(store, requester);
      row = { ...row, requesterId: user.id, organizationId: user.organizationId };
    }
    row = store.tickets.insert((id) => ({ ...row, id }));
    store.putTicket(row);
    store.addMetricEvent({
      ticketId: row.id,
      metric: "reply_time",
      instanceId: 1,
      type: "activate",
      time: row.createdAt,
    });
  } else if (prepared.changed) {
    store.putTicket(row);
  }
  if (prepared.changed) {
    const comment = prepared.comment;
    store.addAudit(
      {
        ticketId: row.id,
        authorId: store.currentUserId,
        channel: "api",
        createdAt: row.updatedAt,
        events: prepared.events,
      },
      comment
        ? {
            ticketId: row.id,
            authorId: comment.authorId,
            body: comment.body,
            htmlBody: comment.htmlBody,
            public: comment.public,
            channel: "api",
            createdAt: row.updatedAt,
            // The uploads' files become the comment's attachments, and their tokens are used up.
            ...(comment.uploads?.length
              ? {
                  attachments: store.uploads.take(comment.uploads, store.now()).map(attachmentJson),
                }
              : {}),
          }
        : undefined,
    );
  }
  return row;
}

/** Marks a ticket deleted (it leaves the API but the ticket export still reports it, with status `deleted`). */
export function deleteTicket(store: Store, row: TicketRow): void {
  store.putTicket({ ...row, deleted: true, updatedAt: store.now() });
}

/** The single problem with a failed write, as one line (for bulk job results). */
export function describeDetails(details: ValidationDetails): string {
  return Object.values(details)
    .flat()
    .map((item) => item.description)
    .join("; ");
}

function readComment(
  value: unknown,
  details: ValidationDetails,
): (Omit<PreparedComment, "authorId"> & { authorId?: number }) | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value.trim() ? { body: value, public: true } : undefined;
  if (!isTicketInput(value)) {
    detail(details, "comment", "InvalidValue", "Comment: is invalid");
    return undefined;
  }
  const body = typeof value.body === "string" ? value.body : undefined;
  const html = typeof value.html_body === "string" ? value.html_body : undefined;
  const text = body ?? (html ? html.replace(/<[^>]*>/g, "") : undefined);
  if (!text || text.trim() === "") return undefined;
  return {
    body: text,
    htmlBody: html,
    public: value.public === undefined ? true : Boolean(value.public),
    authorId: isId(value.author_id) ? value.author_id : undefined,
    ...(Array.isArray(value.uploads)
      ? { uploads: value.uploads.filter((t): t is string => typeof t === "string") }
      : {}),
  };
}

function readEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  label: string,
  details: ValidationDetails,
): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  detail(details, field, "InvalidValue", `${label}: is not one of ${allowed.join(", ")}`);
  return undefined;
}

function readNullableEnum<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  label: string,
  details: ValidationDetails,
): T | null | undefined {
  if (value === null || value === "") return null;
  return readEnum(value, allowed, field, label, details);
}

function isId(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value > 0;
}

function idList(value: unknown): number[] | undefined {
  return Array.isArray(value) ? value.filter(isId) : undefined;
}

function normalizeTags(values: unknown[]): string[] {
  const tags: string[] = [];
  for (const value of values) {
    for (const tag of String(value).toLowerCase().split(/\s+/)) if (tag && !tags.includes(tag)) tags.push(tag);
  }
  return tags;
}

export function mergeTags(current: readonly string[], extra: readonly string[]): string[] {
  const tags = [...current];
  for (const tag of extra) if (!tags.includes(tag)) tags.push(tag);
  return tags;
}

function mergeCustomFields(current: readonly CustomFieldValue[], input: unknown): CustomFieldValue[] {
  const fields = current.map((field) => ({ ...field }));
  if (!Array.isArray(input)) return fields;
  for (const item of input) {
    if (!isTicketInput(item) || !isId(item.id)) continue;
    const value = (item.value ?? null) as CustomFieldValue["value"];
    const existing = fields.find((field) => field.id === item.id);
    if (existing) existing.value = value;
    else fields.push({ id: item.id, value });
  }
  return fields;
}

function applyUserActions(current: readonly number[], actions: unknown[], store: Store): number[] {
  const ids = [...current];
  for (const action of actions) {
    if (!isTicketInput(action)) continue;
    const user = isId(action.user_id)
      ? store.users.get(action.user_id)
      : typeof action.user_email === "string"
        ? findUserByEmail(store, action.user_email)
        : undefined;
    if (!user) continue;
    const index = ids.indexOf(user.id);
    if (action.action === "delete") {
      if (index >= 0) ids.splice(index, 1);
    } else if (index < 0) {
      ids.push(user.id);
    }
  }
  return ids;
}

function firstLine(body: string): string {
  const line = body.split("\n")[0]?.trim() ?? "";
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}

const AUDITED: readonly (keyof TicketRow)[] = [
  "subject",
  "status",
  "priority",
  "type",
  "requesterId",
  "assigneeId",
  "groupId",
  "organizationId",
  "tags",
  "problemId",
  "externalId",
  "dueAt",
  "collaboratorIds",
  "followerIds",
  "emailCcIds",
];

const FIELD_NAMES: Partial<Record<keyof TicketRow, string>> = {
  requesterId: "requester_id",
  assigneeId: "assignee_id",
  groupId: "group_id",
  organizationId: "organization_id",
  problemId: "problem_id",
  externalId: "external_id",
  dueAt: "due_at",
  collaboratorIds: "collaborator_ids",
  followerIds: "follower_ids",
  emailCcIds: "email_cc_ids",
};

function diff(before: TicketRow | undefined, after: TicketRow, nextId: () => number): AuditEvent[] {
  const events: AuditEvent[] = [];
  for (const key of AUDITED) {
    const value = after[key];
    const previous = before?.[key];
    const same = Array.isArray(value) ? JSON.stringify(value) === JSON.stringify(previous) : value === previous;
    if (before && same) continue;
    if (!before && (value === null || (Array.isArray(value) && value.length === 0))) continue;
    const fieldName = FIELD_NAMES[key] ?? key;
    events.push(
      before
        ? { id: nextId(), type: "Change", fieldName, value, previousValue: previous }
        : { id: nextId(), type: "Create", fieldName, value },
    );
  }
  // Custom fields are audited one by one, named by field id.
  for (const field of after.customFields) {
    const previous = before?.customFields.find((item) => item.id === field.id)?.value ?? null;
    if (JSON.stringify(previous) === JSON.stringify(field.value) && (before || field.value === null)) continue;
    events.push(
      before
        ? { id: nextId(), type: "Change", fieldName: String(field.id), value: field.value, previousValue: previous }
        : { id: nextId(), type: "Create", fieldName: String(field.id), value: field.value },
    );
  }
  return events;
}

function findUserByEmail(store: Store, email: string) {
  const wanted = email.toLowerCase();
  for (const user of store.users.all()) if (user.email.toLowerCase() === wanted) return user;
  return undefined;
}

function findOrPlanUser(store: Store, requester: TicketInput, details: ValidationDetails): number | undefined {
  if (typeof requester.email !== "string" || !requester.email.includes("@")) {
    detail(details, "requester", "InvalidValue", "Requester: email is invalid");
    return undefined;
  }
  return findUserByEmail(store, requester.email)?.id;
}

function createUser(store: Store, requester: TicketInput) {
  const now = store.now();
  const email = String(requester.email);
  return store.users.insert((id) => ({
    id,
    name: typeof requester.name === "string" && requester.name ? requester.name : (email.split("@")[0] ?? email),
    email,
    role: "end-user",
    organizationId: null,
    externalId: null,
    phone: null,
    timeZone: "UTC",
    ianaTimeZone: "Etc/UTC",
    locale: "en-US",
    tags: [],
    verified: false,
    suspended: false,
    lastLoginAt: null,
    createdAt: now,
    updatedAt: now,
  }));
}
