/**
 * Deleted tickets (list, restore, erase for good), problems, suspended tickets (list, show, delete, recover, files,
 * export), the account's tags counted over its tickets, and the ticket lists scoped to a user, an organization or
 * the caller.
 */
import { isoSeconds } from "../clock.js";
import { badRequest, notFound } from "../errors.js";
import type { TicketRow } from "../models.js";
import { arraySource, cursorPage, isReply, offsetPage, type PageRequest, readPageRequest } from "../pagination.js";
import { ticketJson, via } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import { BRAND_ID } from "../seed.js";
import type { Store } from "../store.js";
import { purgedOf, type SuspendedRow, suspendedOf } from "../suspended-state.js";
import { commitTicketWrite, describeDetails, prepareTicketWrite, type TicketInput } from "../ticket-writes.js";
import type { RequestContext } from "../types.js";
import { attachmentJson } from "../uploads.js";
import { idsQuery, intParam, startJob } from "./common.js";

export function registerTicketLifecycleRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/deleted_tickets", listDeleted)
    .add("DELETE", "/api/v2/deleted_tickets/destroy_many", destroyDeletedMany)
    .add("PUT", "/api/v2/deleted_tickets/restore_many", restoreMany)
    .add("DELETE", "/api/v2/deleted_tickets/{ticket_id}", destroyDeleted)
    .add("PUT", "/api/v2/deleted_tickets/{ticket_id}/restore", restoreOne)
    .add("GET", "/api/v2/problems", listProblems)
    .add("POST", "/api/v2/problems/autocomplete", autocompleteProblems)
    .add("GET", "/api/v2/suspended_tickets", listSuspended)
    .add("POST", "/api/v2/suspended_tickets/attachments", suspendedAttachments)
    .add("DELETE", "/api/v2/suspended_tickets/destroy_many", destroySuspendedMany)
    .add("POST", "/api/v2/suspended_tickets/export", exportSuspended)
    .add("PUT", "/api/v2/suspended_tickets/recover_many", recoverMany)
    .add("GET", "/api/v2/suspended_tickets/{id}", showSuspended)
    .add("DELETE", "/api/v2/suspended_tickets/{id}", destroySuspended)
    .add("PUT", "/api/v2/suspended_tickets/{id}/recover", recoverOne)
    .add("GET", "/api/v2/tags", listTags)
    .add("GET", "/api/v2/tags/count", countTags)
    .add("GET", "/api/v2/autocomplete/tags", autocompleteTags)
    .add("GET", "/api/v2/users/{user_id}/tickets/requested", (ctx) =>
      userTickets(ctx, (row, id) => row.requesterId === id),
    )
    .add("GET", "/api/v2/users/{user_id}/tickets/ccd", (ctx) =>
      userTickets(ctx, (row, id) => row.emailCcIds.includes(id) || row.collaboratorIds.includes(id)),
    )
    .add("GET", "/api/v2/users/{user_id}/tickets/followed", (ctx) =>
      userTickets(ctx, (row, id) => row.followerIds.includes(id)),
    )
    .add("GET", "/api/v2/users/{user_id}/tickets/assigned", (ctx) =>
      userTickets(ctx, (row, id) => row.assigneeId === id),
    )
    .add("GET", "/api/v2/organizations/{organization_id}/tickets", organizationTickets)
    .add("GET", "/api/v2/tickets/recent", recentTickets);
}

function store(ctx: RequestContext): Store {
  return ctx.sim.store;
}

type Key = (string | number)[];

/** One page of `rows` (already in list order) in the paging style asked for, under `property`. */
function page<T>(
  ctx: RequestContext,
  request: PageRequest,
  rows: readonly T[],
  key: (row: T) => Key,
  property: string,
  toJson: (row: T) => unknown,
  descending = false,
): Reply {
  if (request.mode === "cursor") {
    const result = cursorPage(ctx, request, arraySource(rows, key, descending));
    if (isReply(result)) return result;
    return json(200, { [property]: result.items.map(toJson), meta: result.meta, links: result.links });
  }
  const result = offsetPage(ctx, request, rows.length, (start, end) => rows.slice(start, end));
  return json(200, {
    [property]: result.items.map(toJson),
    next_page: result.next_page,
    previous_page: result.previous_page,
    count: result.count,
  });
}

const presentTicket = (ctx: RequestContext) => (row: TicketRow) => ticketJson(store(ctx), ctx.origin, row);

function ticketList(ctx: RequestContext, rows: TicketRow[]): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  return page(ctx, request, rows, (row) => [row.id], "tickets", presentTicket(ctx));
}

// Deleted tickets -------------------------------------------------------------------------------------------------

/** Soft-deleted tickets not erased for good, in id order. */
function deletedRows(s: Store): TicketRow[] {
  const purged = purgedOf(s);
  return [...s.tickets.deletedRows()].filter((row) => !purged.has(row.id));
}

function listDeleted(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const sortBy = ctx.query.get("sort_by");
  const order = ctx.query.get("sort_order") ?? "asc";
  if (sortBy !== null && !["id", "subject", "deleted_at"].includes(sortBy)) {
    return badRequest("InvalidValue", "sort_by must be id, subject or deleted_at");
  }
  if (order !== "asc" && order !== "desc") return badRequest("InvalidValue", "sort_order must be asc or desc");
  const key = (row: TicketRow): Key =>
    sortBy === "subject"
      ? [row.subject, row.id]
      : sortBy === "deleted_at"
        ? [row.updatedAt, row.id]
        : sortBy === "id"
          ? [row.id]
          : [row.createdAt, row.id];
  const compare = (a: TicketRow, b: TicketRow) => {
    const [x, y] = [key(a), key(b)];
    for (let i = 0; i < x.length; i++) {
      const [p, q] = [x[i] as string | number, y[i] as string | number];
      if (p !== q) return p < q ? -1 : 1;
    }
    return 0;
  };
  const descending = order === "desc";
  const rows = deletedRows(store(ctx)).sort((a, b) => (descending ? compare(b, a) : compare(a, b)));
  const actor = store(ctx).users.get(store(ctx).currentUserId);
  return page(
    ctx,
    request,
    rows,
    key,
    "deleted_tickets",
    (row) => ({
      id: row.id,
      subject: row.subject,
      // The simulator acts as one user, so every deletion is theirs; the deletion time is the row's last change.
      actor: { id: store(ctx).currentUserId, name: actor?.name ?? "Sam Simulator" },
      deleted_at: isoSeconds(row.updatedAt),
      previous_state: row.status,
    }),
    descending,
  );
}

/** The soft-deleted ticket a path names, unless it was erased. */
function findDeleted(ctx: RequestContext, id: number | undefined): TicketRow | undefined {
  if (id === undefined || purgedOf(store(ctx)).has(id)) return undefined;
  const row = store(ctx).tickets.getAny(id);
  return row?.deleted ? row : undefined;
}

function restore(s: Store, row: TicketRow): void {
  s.putTicket({ ...row, deleted: false, updatedAt: s.now() });
}

function restoreOne(ctx: RequestContext): Reply {
  const row = findDeleted(ctx, intParam(ctx, "ticket_id"));
  if (!row) return notFound();
  restore(store(ctx), row);
  return { status: 200 };
}

function restoreMany(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  const rows = ids.map((id) => findDeleted(ctx, id));
  // Zendesk restores all or none: one id that is not a deleted ticket refuses the call.
  if (rows.some((row) => row === undefined)) return notFound();
  for (const row of rows) if (row) restore(store(ctx), row);
  return { status: 200 };
}

function erase(ctx: RequestContext, ids: number[]): Reply {
  const s = store(ctx);
  return startJob(ctx, "bulk_delete_job", ids.length, () =>
    ids.map((id, index) => {
      if (!findDeleted(ctx, id)) {
        return {
          index,
          id,
          action: "delete",
          success: false,
          status: "Failed",
          error: "TicketDeleteFailed",
          details: s.tickets.get(id) ? "Only deleted tickets can be erased for good" : "Ticket not found",
        };
      }
      purgedOf(s).add(id);
      return { index, id, action: "delete", success: true, status: "Deleted" };
    }),
  );
}

function destroyDeleted(ctx: RequestContext): Reply {
  const id = intParam(ctx, "ticket_id");
  if (id === undefined || !findDeleted(ctx, id)) return notFound();
  return erase(ctx, [id]);
}

function destroyDeletedMany(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  return erase(ctx, ids);
}

// Problems --------------------------------------------------------------------------------------------------------

function problems(s: Store): TicketRow[] {
  return [...s.tickets.all()]
    .filter((row) => row.type === "problem")
    .sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id);
}

function listProblems(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  return page(
    ctx,
    request,
    problems(store(ctx)),
    (row) => [row.updatedAt, row.id],
    "tickets",
    presentTicket(ctx),
    true,
  );
}

function autocompleteProblems(ctx: RequestContext): Reply {
  const body = ctx.body as { text?: unknown } | undefined;
  const text = typeof body?.text === "string" ? body.text : ctx.query.get("text");
  if (text === null || text.trim() === "") return badRequest("InvalidValue", "text is required");
  const wanted = text.toLowerCase();
  const rows = problems(store(ctx)).filter((row) => row.subject.toLowerCase().includes(wanted));
  return json(200, { tickets: rows.slice(0, 15).map(presentTicket(ctx)) });
}

// Suspended tickets -----------------------------------------------------------------------------------------------

function suspendedJson(ctx: RequestContext, row: SuspendedRow, errors?: { error: string; description: string }[]) {
  const state = suspendedOf(store(ctx));
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/suspended_tickets/${row.id}.json`,
    author: { id: row.authorId, name: row.authorName, email: row.authorEmail },
    subject: row.subject,
    content: row.content,
    cause: row.cause,
    cause_id: row.causeId,
    message_id: row.messageId,
    ticket_id: row.ticketId,
    recipient: "support@example.com",
    brand_id: BRAND_ID,
    attachments: state.filesOf(row, ctx.origin).map(attachmentJson),
    error_messages: errors ?? null,
    via: via(row.channel),
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
  };
}

function findSuspended(ctx: RequestContext): SuspendedRow | undefined {
  const id = intParam(ctx, "id");
  return id === undefined ? undefined : suspendedOf(store(ctx)).rows.get(id);
}

const SUSPENDED_SORTS: Record<string, (row: SuspendedRow) => string | number> = {
  author_email: (row) => row.authorEmail,
  cause: (row) => row.cause,
  created_at: (row) => row.createdAt,
  subject: (row) => row.subject,
};

function listSuspended(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query, { cursorOnly: true });
  if (isReply(request)) return request;
  const sortBy = ctx.query.get("sort_by") ?? "created_at";
  const order = ctx.query.get("sort_order") ?? "asc";
  const sortKey = SUSPENDED_SORTS[sortBy];
  if (!sortKey) return badRequest("InvalidValue", "sort_by must be author_email, cause, created_at or subject");
  if (order !== "asc" && order !== "desc") return badRequest("InvalidValue", "sort_order must be asc or desc");
  const key = (row: SuspendedRow): Key => [sortKey(row), row.id];
  const rows = suspendedOf(store(ctx))
    .list()
    .sort((a, b) => {
      const [x, y] = [sortKey(a), sortKey(b)];
      const byKey = x === y ? a.id - b.id : x < y ? -1 : 1;
      return order === "desc" ? -byKey : byKey;
    });
  return page(ctx, request, rows, key, "suspended_tickets", (row) => suspendedJson(ctx, row), order === "desc");
}

function showSuspended(ctx: RequestContext): Reply {
  const row = findSuspended(ctx);
  if (!row) return notFound();
  return json(200, { suspended_ticket: suspendedJson(ctx, row) });
}

function destroySuspended(ctx: RequestContext): Reply {
  const row = findSuspended(ctx);
  if (!row) return notFound();
  suspendedOf(store(ctx)).rows.delete(row.id);
  return noContent();
}

function destroySuspendedMany(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  // Ids that are not (or no longer) suspended are passed over, as Zendesk does.
  for (const id of ids) suspendedOf(store(ctx)).rows.delete(id);
  return noContent();
}

function suspendedAttachments(ctx: RequestContext): Reply {
  const raw = ctx.query.get("id");
  if (raw === null) return badRequest("InvalidValue", "Parameter id is required");
  const row = /^\d+$/.test(raw) ? suspendedOf(store(ctx)).rows.get(Number(raw)) : undefined;
  if (!row) return notFound();
  const copy = suspendedOf(store(ctx)).copyFiles(row, ctx.origin);
  if (!copy) return notFound();
  return json(200, { upload: { token: copy.token, attachments: copy.files.map(attachmentJson) } });
}

function exportSuspended(ctx: RequestContext): Reply {
  // The CSV is emailed when ready; the answer only says the export is queued.
  void ctx;
  return json(200, { export: { status: "enqueued", view_id: "suspended" } });
}

type Recovery = { ok: true; ticket: TicketRow } | { ok: false; errors: { error: string; description: string }[] };

/** Makes a ticket of a suspended message (its text the first comment) and drops the message. */
function recover(ctx: RequestContext, row: SuspendedRow, keepRequester: boolean): Recovery {
  if (!row.recoverable) {
    return { ok: false, errors: [{ error: "BlockedSender", description: "The sender is blocked" }] };
  }
  const s = store(ctx);
  const state = suspendedOf(s);
  const copy = row.files.length > 0 ? state.copyFiles(row, ctx.origin) : undefined;
  const input: TicketInput = {
    subject: row.subject,
    comment: { body: row.content, public: true, ...(copy ? { uploads: [copy.token] } : {}) },
    ...(keepRequester
      ? row.authorId !== null
        ? { requester_id: row.authorId }
        : { requester: { name: row.authorName, email: row.authorEmail } }
      : { requester_id: s.currentUserId }),
  };
  const prepared = prepareTicketWrite(s, input);
  if (!prepared.ok) {
    return { ok: false, errors: [{ error: "RecordInvalid", description: describeDetails(prepared.details) }] };
  }
  const ticket = commitTicketWrite(s, prepared, input);
  state.rows.delete(row.id);
  return { ok: true, ticket };
}

function recoverOne(ctx: RequestContext): Reply {
  const row = findSuspended(ctx);
  if (!row) return notFound();
  const result = recover(ctx, row, false);
  if (!result.ok) return json(422, { ticket: [suspendedJson(ctx, row, result.errors)] });
  return json(200, { ticket: [presentTicket(ctx)(result.ticket)] });
}

function recoverMany(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  const state = suspendedOf(store(ctx));
  const tickets: unknown[] = [];
  const failures: unknown[] = [];
  for (const id of ids) {
    const row = state.rows.get(id);
    if (!row) continue;
    const result = recover(ctx, row, true);
    if (result.ok) tickets.push(presentTicket(ctx)(result.ticket));
    else failures.push(suspendedJson(ctx, row, result.errors));
  }
  if (failures.length > 0) return json(422, { suspended_tickets: failures });
  return json(200, { tickets });
}

// Tags ------------------------------------------------------------------------------------------------------------

/** Every tag on a live ticket with how many tickets carry it, most used first, then by name. */
function tagCounts(s: Store): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of s.tickets.all()) for (const tag of row.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function listTags(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  return page(
    ctx,
    request,
    tagCounts(store(ctx)),
    (tag) => [-tag.count, tag.name],
    "tags",
    (tag) => tag,
  );
}

function countTags(ctx: RequestContext): Reply {
  return json(200, { count: { value: tagCounts(store(ctx)).length, refreshed_at: null } });
}

function autocompleteTags(ctx: RequestContext): Reply {
  const name = ctx.query.get("name");
  if (name === null || name.length < 2) return badRequest("InvalidValue", "name needs at least 2 characters");
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  if (request.mode === "cursor") return badRequest("InvalidPaginationParameter", "This list pages by offset only");
  const names = tagCounts(store(ctx))
    .map((tag) => tag.name)
    .filter((tag) => tag.startsWith(name.toLowerCase()))
    .sort();
  const result = offsetPage(ctx, request, names.length, (start, end) => names.slice(start, end));
  return json(200, {
    tags: result.items,
    next_page: result.next_page,
    previous_page: result.previous_page,
    count: result.count,
  });
}

// Scoped lists ----------------------------------------------------------------------------------------------------

function userTickets(ctx: RequestContext, matches: (row: TicketRow, userId: number) => boolean): Reply {
  const userId = intParam(ctx, "user_id");
  if (userId === undefined || !store(ctx).users.get(userId)) return notFound();
  return ticketList(
    ctx,
    [...store(ctx).tickets.all()].filter((row) => matches(row, userId)),
  );
}

function organizationTickets(ctx: RequestContext): Reply {
  const organizationId = intParam(ctx, "organization_id");
  if (organizationId === undefined || !store(ctx).organizations.get(organizationId)) return notFound();
  return ticketList(
    ctx,
    [...store(ctx).tickets.all()].filter((row) => row.organizationId === organizationId),
  );
}

/** The simulator does not record views: the tickets changed last stand for the ones seen last (at most 20). */
const RECENT = 20;

function recentTickets(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const rows = [...store(ctx).tickets.all()].sort((a, b) => b.updatedAt - a.updatedAt || b.id - a.id).slice(0, RECENT);
  return page(ctx, request, rows, (row) => [row.updatedAt, row.id], "tickets", presentTicket(ctx), true);
}
