/** Tickets, their comments, audits, tags, incidents, people, merges and bulk jobs; and tickets of a view. */
import { isoSeconds } from "../clock.js";
import { badRequest, conflict, notFound, recordInvalid } from "../errors.js";
import type { AuditRow, CommentRow, TicketRow } from "../models.js";
import {
  arraySource,
  cursorPage,
  isReply,
  offsetPage,
  type PageRequest,
  readPageRequest,
  tablePage,
} from "../pagination.js";
import { auditJson, commentJson, ticketJson, userJson } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import type { Store } from "../store.js";
import {
  commitTicketWrite,
  deleteTicket,
  describeDetails,
  isTicketInput,
  prepareTicketWrite,
  type TicketInput,
} from "../ticket-writes.js";
import type { RequestContext } from "../types.js";
import {
  arrayProperty,
  BULK_LIMIT,
  idsQuery,
  intParam,
  missingParameter,
  objectProperty,
  startJob,
  tooMany,
} from "./common.js";

export function registerTicketRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/tickets", listTickets)
    .add("POST", "/api/v2/tickets", createTicket)
    .add("GET", "/api/v2/tickets/count", countTickets)
    .add("GET", "/api/v2/tickets/show_many", showMany)
    .add("POST", "/api/v2/tickets/create_many", createMany)
    .add("PUT", "/api/v2/tickets/update_many", updateMany)
    .add("DELETE", "/api/v2/tickets/destroy_many", destroyMany)
    .add("GET", "/api/v2/tickets/{ticket_id}", showTicket)
    .add("PUT", "/api/v2/tickets/{ticket_id}", updateTicket)
    .add("DELETE", "/api/v2/tickets/{ticket_id}", destroyTicket)
    .add("GET", "/api/v2/tickets/{ticket_id}/comments", listComments)
    .add("GET", "/api/v2/tickets/{ticket_id}/comments/count", countComments)
    .add("GET", "/api/v2/tickets/{ticket_id}/audits", listAudits)
    .add("GET", "/api/v2/tickets/{ticket_id}/audits/count", countAudits)
    .add("GET", "/api/v2/tickets/{ticket_id}/audits/{ticket_audit_id}", showAudit)
    .add("GET", "/api/v2/tickets/{ticket_id}/tags", listTags)
    .add("POST", "/api/v2/tickets/{ticket_id}/tags", (ctx) => changeTags(ctx, "set"))
    .add("PUT", "/api/v2/tickets/{ticket_id}/tags", (ctx) => changeTags(ctx, "add"))
    .add("DELETE", "/api/v2/tickets/{ticket_id}/tags", (ctx) => changeTags(ctx, "remove"))
    .add("GET", "/api/v2/tickets/{ticket_id}/incidents", listIncidents)
    .add("GET", "/api/v2/tickets/{ticket_id}/collaborators", (ctx) => listPeople(ctx, "collaboratorIds"))
    .add("GET", "/api/v2/tickets/{ticket_id}/followers", (ctx) => listPeople(ctx, "followerIds"))
    .add("GET", "/api/v2/tickets/{ticket_id}/email_ccs", (ctx) => listPeople(ctx, "emailCcIds"))
    .add("GET", "/api/v2/tickets/{ticket_id}/related", related)
    .add("POST", "/api/v2/tickets/{ticket_id}/merge", merge)
    .add("GET", "/api/v2/views/{view_id}/tickets", listViewTickets);
}

function store(ctx: RequestContext): Store {
  return ctx.sim.store;
}

function findTicket(ctx: RequestContext): TicketRow | undefined {
  const id = intParam(ctx, "ticket_id");
  return id === undefined ? undefined : store(ctx).tickets.get(id);
}

const present = (ctx: RequestContext) => (row: TicketRow) => ticketJson(store(ctx), ctx.origin, row);

/** A page of tickets in either paging style; `rows` is used when the list is a filtered subset. */
function ticketPage(ctx: RequestContext, request: PageRequest, rows?: TicketRow[]): Reply {
  return tablePage(ctx, request, store(ctx).tickets, "tickets", present(ctx), rows);
}

function listTickets(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const externalId = ctx.query.get("external_id");
  if (externalId === null) return ticketPage(ctx, request);
  const rows = [...store(ctx).tickets.all()].filter((row) => row.externalId === externalId);
  return ticketPage(ctx, request, rows);
}

function countTickets(ctx: RequestContext): Reply {
  return json(200, { count: { value: store(ctx).tickets.size, refreshed_at: isoSeconds(store(ctx).now()) } });
}

function showMany(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  const tickets = ids.map((id) => store(ctx).tickets.get(id)).filter((row): row is TicketRow => row !== undefined);
  return json(200, { tickets: tickets.map(present(ctx)) });
}

function showTicket(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  const body: Record<string, unknown> = { ticket: ticketJson(store(ctx), ctx.origin, row) };
  // `include=users` sideloads the ticket's requester, submitter and assignee; other values are not served.
  const include = (ctx.query.get("include") ?? "").split(",");
  if (include.includes("users")) {
    const ids = [...new Set([row.requesterId, row.submitterId, row.assigneeId])];
    const users = ids.map((id) => (id === null ? undefined : store(ctx).users.get(id)));
    body.users = users.filter((user) => user !== undefined).map((user) => userJson(ctx.origin, user));
  }
  return json(200, body);
}

function createTicket(ctx: RequestContext): Reply | Promise<Reply> {
  const input = objectProperty(ctx.body, "ticket");
  if (!input) return missingParameter("ticket");
  const create = (): Reply => {
    const prepared = prepareTicketWrite(store(ctx), input);
    if (!prepared.ok) return recordInvalid(prepared.details);
    const row = commitTicketWrite(store(ctx), prepared, input);
    return json(
      201,
      { ticket: ticketJson(store(ctx), ctx.origin, row), audit: lastAudit(ctx, row.id) },
      { Location: `${ctx.origin}/api/v2/tickets/${row.id}.json` },
    );
  };
  const key = ctx.headers["idempotency-key"];
  if (typeof key !== "string" || key === "") return create();
  return ctx.sim.idempotency.run("POST /api/v2/tickets", key, ctx.body, create);
}

function lastAudit(ctx: RequestContext, ticketId: number) {
  const audits = store(ctx).auditsOf(ticketId);
  const audit = audits[audits.length - 1];
  return audit ? auditJson(store(ctx), audit) : undefined;
}

function updateTicket(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  const input = objectProperty(ctx.body, "ticket");
  if (!input) return missingParameter("ticket");
  const prepared = prepareTicketWrite(store(ctx), input, row);
  if (!prepared.ok) {
    return prepared.conflict
      ? conflict("UpdateConflict", "The ticket was changed after updated_stamp; fetch it again and retry")
      : recordInvalid(prepared.details);
  }
  const updated = commitTicketWrite(store(ctx), prepared, input);
  return json(200, { ticket: ticketJson(store(ctx), ctx.origin, updated), audit: lastAudit(ctx, updated.id) });
}

function destroyTicket(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  deleteTicket(store(ctx), row);
  return noContent();
}

// Comments and audits ---------------------------------------------------------------------------------------------

function historyPage<T extends { id: number; createdAt: number }>(
  ctx: RequestContext,
  items: readonly T[],
  property: string,
  toJson: (item: T) => unknown,
): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const descending = ctx.query.get("sort") === "-created_at" || ctx.query.get("sort_order") === "desc";
  const ordered = descending ? [...items].reverse() : [...items];
  if (request.mode === "cursor") {
    const page = cursorPage(
      ctx,
      request,
      arraySource(ordered, (item) => [item.createdAt, item.id], descending),
    );
    if (isReply(page)) return page;
    return json(200, { [property]: page.items.map(toJson), meta: page.meta, links: page.links });
  }
  const page = offsetPage(ctx, request, ordered.length, (start, end) => ordered.slice(start, end));
  return json(200, {
    [property]: page.items.map(toJson),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

function listComments(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  return historyPage<CommentRow>(ctx, store(ctx).commentsOf(row.id), "comments", commentJson);
}

function countComments(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  const value = store(ctx).commentsOf(row.id).length;
  return json(200, { count: { value, refreshed_at: isoSeconds(store(ctx).now()) } });
}

function listAudits(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  return historyPage<AuditRow>(ctx, store(ctx).auditsOf(row.id), "audits", (audit) => auditJson(store(ctx), audit));
}

function countAudits(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  const value = store(ctx).auditsOf(row.id).length;
  return json(200, { count: { value, refreshed_at: isoSeconds(store(ctx).now()) } });
}

function showAudit(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  const auditId = intParam(ctx, "ticket_audit_id");
  const audit =
    row &&
    store(ctx)
      .auditsOf(row.id)
      .find((item) => item.id === auditId);
  return audit ? json(200, { audit: auditJson(store(ctx), audit) }) : notFound();
}

// Tags ------------------------------------------------------------------------------------------------------------

function listTags(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  return row ? json(200, { tags: row.tags }) : notFound();
}

function changeTags(ctx: RequestContext, how: "set" | "add" | "remove"): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  const tags = arrayProperty(ctx.body, "tags");
  if (!tags) return missingParameter("tags");
  const input: TicketInput = { ...(ctx.body as Record<string, unknown>) };
  delete input.tags;
  if (how === "set") input.tags = tags;
  else if (how === "add") input.additional_tags = tags;
  else input.remove_tags = tags;
  const prepared = prepareTicketWrite(store(ctx), input, row);
  if (!prepared.ok) {
    return prepared.conflict
      ? conflict("UpdateConflict", "The ticket was changed after updated_stamp; fetch it again and retry")
      : recordInvalid(prepared.details);
  }
  const updated = commitTicketWrite(store(ctx), prepared, input);
  if (how === "remove") return noContent();
  return json(how === "set" ? 201 : 200, { tags: updated.tags });
}

// Related lists ---------------------------------------------------------------------------------------------------

function listIncidents(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  return ticketPage(ctx, request, store(ctx).incidentsOf(row.id));
}

function listPeople(ctx: RequestContext, which: "collaboratorIds" | "followerIds" | "emailCcIds"): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  const users = row[which].map((id) => store(ctx).users.get(id)).filter((user) => user !== undefined);
  return json(200, { users: users.map((user) => userJson(ctx.origin, user)) });
}

function related(ctx: RequestContext): Reply {
  const row = findTicket(ctx);
  if (!row) return notFound();
  return json(200, {
    ticket_related: {
      topic_id: null,
      jira_issue_ids: [],
      followup_source_ids: [],
      from_archive: false,
      incidents: row.type === "problem" ? store(ctx).incidentsOf(row.id).length : 0,
      twitter: { handle_id: null, profile: null, direct: false },
    },
  });
}

function listViewTickets(ctx: RequestContext): Reply {
  const viewId = intParam(ctx, "view_id");
  const view = store(ctx).views.find((item) => item.id === viewId);
  if (!view) return notFound();
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const statuses = new Set(view.statuses);
  const table = store(ctx).tickets;
  if (request.mode === "cursor") {
    const page = cursorPage(ctx, request, {
      *forward(after) {
        for (const row of table.ascending(Number(after?.[0] ?? 0))) if (statuses.has(row.status)) yield row;
      },
      *backward(before) {
        for (const row of table.descending(Number(before[0]))) if (statuses.has(row.status)) yield row;
      },
      position: (row) => [row.id],
    });
    if (isReply(page)) return page;
    return json(200, { tickets: page.items.map(present(ctx)), meta: page.meta, links: page.links });
  }
  const rows = [...table.all()].filter((row) => statuses.has(row.status));
  return ticketPage(ctx, request, rows);
}

// Merge and bulk jobs ---------------------------------------------------------------------------------------------

function merge(ctx: RequestContext): Reply {
  const target = findTicket(ctx);
  if (!target) return notFound();
  const ids = arrayProperty(ctx.body, "ids");
  if (!ids || ids.length === 0) return missingParameter("ids");
  if (ids.length > 5) return badRequest("TooManyValues", "At most 5 tickets can be merged at once");
  if (target.status === "closed") {
    return recordInvalid({
      status: [{ description: "Status: closed prevents ticket update", error: "ClosedPreventsUpdate" }],
    });
  }
  const body = ctx.body as Record<string, unknown>;
  const targetComment = typeof body.target_comment === "string" ? body.target_comment : undefined;
  const sourceComment = typeof body.source_comment === "string" ? body.source_comment : undefined;
  const targetPublic = body.target_comment_is_public === true;
  const sourcePublic = body.source_comment_is_public === true;
  const s = store(ctx);
  return startJob(ctx, "merge_job", ids.length, () =>
    ids.map((raw, index) => {
      const id = Number(raw);
      const source = s.tickets.get(id);
      if (!source || id === target.id || source.status === "closed") {
        return {
          index,
          id,
          action: "merge",
          success: false,
          status: "Failed",
          error: "TicketMergeFailed",
          details: source ? "Ticket cannot be merged" : "Ticket not found",
        };
      }
      const sourceInput: TicketInput = {
        status: "closed",
        additional_tags: ["closed_by_merge"],
        comment: { body: sourceComment ?? `Closed and merged into request #${target.id}`, public: sourcePublic },
      };
      const prepared = prepareTicketWrite(s, sourceInput, source);
      if (prepared.ok) commitTicketWrite(s, prepared, sourceInput);
      const current = s.tickets.get(target.id);
      if (current) {
        const targetInput: TicketInput = {
          comment: { body: targetComment ?? `Request #${id} was merged into this request`, public: targetPublic },
        };
        const preparedTarget = prepareTicketWrite(s, targetInput, current);
        if (preparedTarget.ok) commitTicketWrite(s, preparedTarget, targetInput);
      }
      return { index, id, action: "merge", success: true, status: "Merged" };
    }),
  );
}

function createMany(ctx: RequestContext): Reply {
  const items = arrayProperty(ctx.body, "tickets");
  if (!items) return missingParameter("tickets");
  if (items.length > BULK_LIMIT) return tooMany("tickets");
  const s = store(ctx);
  return startJob(ctx, "bulk_create_job", items.length, () =>
    items.map((item, index) => {
      const input = isTicketInput(item) ? item : {};
      const prepared = prepareTicketWrite(s, input);
      if (!prepared.ok) {
        return {
          index,
          action: "create",
          success: false,
          status: "Failed",
          error: "TicketCreateFailed",
          details: describeDetails(prepared.details),
        };
      }
      const row = commitTicketWrite(s, prepared, input);
      return { index, id: row.id, action: "create", success: true, status: "Created" };
    }),
  );
}

function updateMany(ctx: RequestContext): Reply {
  const s = store(ctx);
  let items: { id: unknown; input: TicketInput }[];
  if (ctx.query.has("ids")) {
    const ids = idsQuery(ctx);
    if (isReply(ids)) return ids;
    const input = objectProperty(ctx.body, "ticket");
    if (!input) return missingParameter("ticket");
    items = ids.map((id) => ({ id, input }));
  } else {
    const tickets = arrayProperty(ctx.body, "tickets");
    if (!tickets) return missingParameter("tickets");
    if (tickets.length > BULK_LIMIT) return tooMany("tickets");
    items = tickets.map((item) => (isTicketInput(item) ? { id: item.id, input: item } : { id: undefined, input: {} }));
  }
  return startJob(ctx, "bulk_update_job", items.length, () =>
    items.map(({ id, input }, index) => {
      const row = typeof id === "number" ? s.tickets.get(id) : undefined;
      if (!row) {
        return {
          index,
          id: typeof id === "number" ? id : 0,
          action: "update",
          success: false,
          status: "Failed",
          error: "TicketUpdateFailed",
          details: "Ticket not found",
        };
      }
      const { id: _ignored, ...changes } = input;
      const prepared = prepareTicketWrite(s, changes, row);
      if (!prepared.ok) {
        return {
          index,
          id: row.id,
          action: "update",
          success: false,
          status: "Failed",
          error: "TicketUpdateFailed",
          details: describeDetails(prepared.details),
        };
      }
      commitTicketWrite(s, prepared, changes);
      return { index, id: row.id, action: "update", success: true, status: "Updated" };
    }),
  );
}

function destroyMany(ctx: RequestContext): Reply {
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  const s = store(ctx);
  return startJob(ctx, "bulk_delete_job", ids.length, () =>
    ids.map((id, index) => {
      const row = s.tickets.get(id);
      if (!row) {
        return {
          index,
          id,
          action: "delete",
          success: false,
          status: "Failed",
          error: "TicketDeleteFailed",
          details: "Ticket not found",
        };
      }
      deleteTicket(s, row);
      return { index, id, action: "delete", success: true, status: "Deleted" };
    }),
  );
}
