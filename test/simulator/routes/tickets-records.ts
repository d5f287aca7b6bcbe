/**
 * Hand-written routes of the tickets records part (the generic layer serves the rest of the bundle): attachments
 * over the uploads state, chat and comment redactions, the account's audits (legacy cursor), ticket metrics
 * computed per ticket, email notifications worked out from the audits, satisfaction ratings and reasons.
 */
import { isoSeconds } from "../clock.js";
import { badRequest, detail, hasDetails, notFound, recordInvalid, type ValidationDetails } from "../errors.js";
import type { AuditRow, TicketRow } from "../models.js";
import {
  arraySource,
  type CursorSource,
  cursorPage,
  decodeCursor,
  encodeCursor,
  invalidCursor,
  isReply,
  offsetPage,
  pageUrl,
  readPageRequest,
} from "../pagination.js";
import { auditJson, commentJson } from "../present.js";
import {
  type ChatRow,
  METRIC_BASE,
  type NotificationRow,
  RATING_BASE,
  type RatingRow,
  REASONS,
  type ReasonRow,
  recordsOf,
} from "../records-state.js";
import { json, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import { seededAuditId } from "../seed.js";
import type { Store } from "../store.js";
import type { RequestContext } from "../types.js";
import { attachmentJson } from "../uploads.js";
import { BULK_LIMIT, intParam, objectProperty, tooMany } from "./common.js";

export function registerTicketRecordRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/attachments/{attachment_id}", showAttachment)
    .add("PUT", "/api/v2/attachments/{attachment_id}", updateAttachment)
    .add("PUT", "/api/v2/chat_redactions/{ticket_id}", (ctx) => redactChat(ctx, "text"))
    .add("PUT", "/api/v2/chat_file_redactions/{ticket_id}", (ctx) => redactChat(ctx, "files"))
    .add("PUT", "/api/v2/comment_redactions/{ticket_comment_id}", redactComment)
    .add("GET", "/api/v2/ticket_audits", listAccountAudits)
    .add("GET", "/api/v2/ticket_metrics", listMetrics)
    .add("GET", "/api/v2/ticket_metrics/{ticket_metric_id}", showMetric)
    .add("GET", "/api/v2/email_notifications", listNotifications)
    .add("GET", "/api/v2/email_notifications/show_many", showManyNotifications)
    .add("GET", "/api/v2/email_notifications/{notification_id}", showNotification)
    .add("GET", "/api/v2/satisfaction_ratings", listRatings)
    .add("GET", "/api/v2/satisfaction_ratings/count", countRatings)
    .add("GET", "/api/v2/satisfaction_ratings/{satisfaction_rating_id}", showRating)
    .add("POST", "/api/v2/tickets/{ticket_id}/satisfaction_rating", rateTicket)
    .add("GET", "/api/v2/satisfaction_reasons", (ctx) =>
      json(200, {
        reasons: REASONS.map((row) => reasonJson(ctx, row)),
      }),
    )
    .add("GET", "/api/v2/satisfaction_reasons/{satisfaction_reason_id}", showReason);
}

const store = (ctx: RequestContext): Store => ctx.sim.store;

// Attachments --------------------------------------------------------------------------------------------------------

function attachmentOf(ctx: RequestContext) {
  const id = intParam(ctx, "attachment_id");
  const file = id === undefined ? undefined : store(ctx).uploads.byId(id);
  if (!file) return undefined;
  const override = recordsOf(store(ctx)).malwareOverrides.get(file.id);
  return { ...attachmentJson(file), malware_access_override: override ?? false };
}

function showAttachment(ctx: RequestContext): Reply {
  const attachment = attachmentOf(ctx);
  return attachment ? json(200, { attachment }) : notFound();
}

function updateAttachment(ctx: RequestContext): Reply {
  const attachment = attachmentOf(ctx);
  if (!attachment) return notFound();
  const input = objectProperty(ctx.body, "attachment");
  if (!input) return badRequest("InvalidValue", "Parameter attachment is required");
  const override = input.malware_access_override;
  if (typeof override !== "boolean") {
    const details: ValidationDetails = {};
    detail(details, "malware_access_override", "InvalidValue", "Malware access override: must be true or false");
    return recordInvalid(details);
  }
  recordsOf(store(ctx)).malwareOverrides.set(attachment.id, override);
  return json(200, { attachment: { ...attachment, malware_access_override: override } });
}

// Redactions ---------------------------------------------------------------------------------------------------------

/** What Zendesk puts in place of each redacted character. */
const BLOCK = "\u2587";

function chatJson(chat: ChatRow) {
  return {
    chat_event: {
      id: chat.eventId,
      type: "ChatStartedEvent",
      value: {
        chat_id: chat.chatId,
        visitor_id: chat.visitorId,
        history: chat.history.map((entry) => ({
          type: entry.type,
          chat_index: entry.chatIndex,
          timestamp: entry.timestamp,
          actor_id: entry.actorId,
          actor_name: entry.actorName,
          actor_type: entry.actorType,
          ...(entry.message === undefined ? {} : { message: entry.message }),
          ...(entry.attachment
            ? {
                attachment: {
                  name: entry.attachment.name,
                  mime_type: entry.attachment.mimeType,
                  size: entry.attachment.size,
                  url: entry.attachment.url,
                },
              }
            : {}),
        })),
      },
    },
  };
}

function redactChat(ctx: RequestContext, what: "text" | "files"): Reply {
  const ticketId = intParam(ctx, "ticket_id");
  if (ticketId === undefined || !store(ctx).tickets.get(ticketId)) return notFound();
  const body = (typeof ctx.body === "object" && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
  const records = recordsOf(store(ctx));
  const chat = records.chatOf(ticketId);
  if (typeof body.chat_id !== "string" || body.chat_id === "") {
    return badRequest("InvalidValue", "Parameter chat_id is required");
  }
  if (!chat || chat.chatId !== body.chat_id) return notFound();
  const details: ValidationDetails = {};
  const history = chat.history.map((entry) => ({ ...entry }));
  if (what === "text") {
    const entry = history.find((item) => item.chatIndex === body.chat_index);
    const text = body.text;
    if (typeof text !== "string" || text === "") detail(details, "text", "BlankValue", "Text: cannot be blank");
    else if (entry?.message === undefined) {
      detail(details, "chat_index", "InvalidValue", "Chat index: is not a message of the chat");
    } else if (!entry.message.includes(text)) {
      detail(details, "text", "InvalidValue", "Text: is not in the message");
    } else entry.message = entry.message.split(text).join(BLOCK.repeat(text.length));
  } else {
    const indexes = Array.isArray(body.chat_indexes) ? body.chat_indexes : undefined;
    if (!indexes || indexes.length === 0) {
      detail(details, "chat_indexes", "BlankValue", "Chat indexes: cannot be blank");
    } else {
      for (const index of indexes) {
        const entry = history.find((item) => item.chatIndex === index);
        if (!entry?.attachment) {
          detail(details, "chat_indexes", "InvalidValue", `Chat indexes: ${String(index)} is not a file of the chat`);
        } else {
          entry.attachment = { name: "redacted.txt", mimeType: "text/plain", size: 0, url: entry.attachment.url };
        }
      }
    }
  }
  if (hasDetails(details)) return recordInvalid(details);
  const changed = { ...chat, history };
  records.saveChat(ticketId, changed);
  return json(200, chatJson(changed));
}

function redactComment(ctx: RequestContext): Reply {
  const commentId = intParam(ctx, "ticket_comment_id");
  const body = (typeof ctx.body === "object" && ctx.body !== null ? ctx.body : {}) as Record<string, unknown>;
  const ticketId = body.ticket_id;
  if (typeof ticketId !== "number") return badRequest("InvalidValue", "Parameter ticket_id is required");
  const comment = commentId === undefined ? undefined : store(ctx).findComment(ticketId, commentId);
  if (!comment || !store(ctx).tickets.getAny(ticketId)) return notFound();
  const details: ValidationDetails = {};
  let text = comment.body;
  if (body.html_body !== undefined) {
    if (typeof body.html_body !== "string") detail(details, "html_body", "InvalidValue", "Html body: must be text");
    else {
      const marked = [...body.html_body.matchAll(/<redact>([\s\S]*?)<\/redact>/g)].map((match) => match[1] ?? "");
      if (marked.length === 0) {
        detail(details, "html_body", "InvalidValue", "Html body: marks nothing with <redact>");
      }
      for (const passage of marked) {
        if (passage && text.includes(passage)) text = text.split(passage).join(BLOCK.repeat(passage.length));
        else detail(details, "html_body", "InvalidValue", "Html body: a <redact> passage is not in the comment");
      }
    }
  }
  const urls = body.external_attachment_urls;
  let attachments = comment.attachments ?? [];
  if (urls !== undefined) {
    if (!Array.isArray(urls) || urls.some((url) => typeof url !== "string")) {
      detail(details, "external_attachment_urls", "InvalidValue", "External attachment urls: must be a list of URLs");
    } else {
      const known = new Set(attachments.map((item) => (item as { content_url?: string }).content_url));
      for (const url of urls) {
        if (!known.has(url)) {
          detail(
            details,
            "external_attachment_urls",
            "InvalidValue",
            "External attachment urls: not a file of the comment",
          );
        }
      }
      attachments = attachments.map((item) =>
        urls.includes((item as { content_url?: string }).content_url)
          ? { ...item, file_name: "redacted.txt", content_type: "text/plain", size: 0, thumbnails: [] }
          : item,
      );
    }
  }
  if (body.html_body === undefined && urls === undefined) {
    detail(details, "html_body", "BlankValue", "Html body: give html_body or external_attachment_urls");
  }
  if (hasDetails(details)) return recordInvalid(details);
  const changed = { ...comment, body: text, htmlBody: undefined, attachments };
  store(ctx).replaceComment(ticketId, changed);
  return json(200, { comment: commentJson(changed) });
}

// The account's audits (legacy cursor) ---------------------------------------------------------------------------

const LEGACY_MAX_LIMIT = 1000;

/**
 * Every audit of the account in id order without building them: the seeded tickets' two audits each (ids
 * contiguous from the first ticket's), then the audits written through the API.
 */
function auditIndex(s: Store) {
  const first = seededAuditId(1, 0);
  const seeded = s.seed.tickets * 2;
  const api = [...s.apiAudits].sort((a, b) => a.id - b.id);
  const length = seeded + api.length;
  const idAt = (index: number) => (index < seeded ? first + index : (api[index - seeded] as AuditRow).id);
  const rowAt = (index: number): AuditRow => {
    if (index >= seeded) return api[index - seeded] as AuditRow;
    const ticketId = 1 + Math.floor(index / 2);
    const own = s.auditsOf(ticketId).find((audit) => audit.id === first + index);
    return own ?? (s.seededHistory(ticketId).audits[index % 2] as AuditRow);
  };
  /** How many audits have an id below `id`. */
  const below = (id: number) => {
    let lo = 0;
    let hi = length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (idAt(mid) < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { length, idAt, rowAt, below };
}

function listAccountAudits(ctx: RequestContext): Reply {
  const rawLimit = ctx.query.get("limit");
  const limit = rawLimit === null ? LEGACY_MAX_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1)
    return badRequest("InvalidPaginationParameter", "limit must be a positive integer");
  if (limit > LEGACY_MAX_LIMIT) {
    return badRequest("InvalidPaginationParameter", `limit must be at most ${LEGACY_MAX_LIMIT}`);
  }
  const index = auditIndex(store(ctx));
  const cursor = ctx.query.get("cursor");
  // The page is the range [start, end) of the id order, shown newest first.
  let start: number;
  let end: number;
  if (cursor === null || cursor === "") {
    end = index.length;
    start = Math.max(0, end - limit);
  } else {
    const [direction, id] = decodeCursor(cursor) ?? [];
    if ((direction !== "before" && direction !== "after") || typeof id !== "number") return invalidCursor();
    if (direction === "before") {
      end = index.below(id);
      start = Math.max(0, end - limit);
    } else {
      start = index.below(id + 1);
      end = Math.min(index.length, start + limit);
    }
  }
  const audits: unknown[] = [];
  for (let i = end - 1; i >= start; i--) audits.push(auditJson(store(ctx), index.rowAt(i)));
  const before = start > 0 && end > start ? encodeCursor(["before", index.idAt(start)]) : null;
  const after = end < index.length && end > start ? encodeCursor(["after", index.idAt(end - 1)]) : null;
  return json(200, {
    audits,
    before_cursor: before,
    after_cursor: after,
    before_url: before ? pageUrl(ctx, { cursor: before }) : null,
    after_url: after ? pageUrl(ctx, { cursor: after }) : null,
    count: audits.length,
  });
}

// Ticket metrics -----------------------------------------------------------------------------------------------------

function minutes(from: number, to: number): number {
  return Math.max(0, Math.round((to - from) / 60));
}

function metricJson(ctx: RequestContext, ticket: TicketRow) {
  const comments = store(ctx).commentsOf(ticket.id);
  const replies = comments.filter((c) => c.public && c.authorId !== ticket.requesterId);
  const firstReply = replies[0];
  const solved = ticket.status === "solved" || ticket.status === "closed";
  const at = (time: number | null | undefined) => (time === null || time === undefined ? null : isoSeconds(time));
  const duration = (value: number | null) => ({
    calendar: value,
    business: value === null ? null : Math.round(value / 3),
  });
  const assigned = ticket.assigneeId === null ? null : ticket.createdAt;
  const last = comments[comments.length - 1];
  return {
    id: METRIC_BASE + ticket.id,
    url: `${ctx.origin}/api/v2/ticket_metrics/${METRIC_BASE + ticket.id}.json`,
    ticket_id: ticket.id,
    group_stations: ticket.groupId === null ? 0 : 1,
    assignee_stations: ticket.assigneeId === null ? 0 : 1,
    reopens: 0,
    replies: replies.length,
    assignee_updated_at: at(ticket.assigneeId === null ? null : (firstReply?.createdAt ?? null)),
    requester_updated_at: at(ticket.createdAt),
    status_updated_at: at(ticket.updatedAt),
    custom_status_updated_at: at(ticket.updatedAt),
    initially_assigned_at: at(assigned),
    assigned_at: at(assigned),
    solved_at: at(solved ? ticket.updatedAt : null),
    latest_comment_added_at: at(last?.createdAt ?? ticket.createdAt),
    reply_time_in_minutes: duration(firstReply ? minutes(ticket.createdAt, firstReply.createdAt) : null),
    first_resolution_time_in_minutes: duration(solved ? minutes(ticket.createdAt, ticket.updatedAt) : null),
    full_resolution_time_in_minutes: duration(solved ? minutes(ticket.createdAt, ticket.updatedAt) : null),
    agent_wait_time_in_minutes: duration(0),
    requester_wait_time_in_minutes: duration(solved ? minutes(ticket.createdAt, ticket.updatedAt) : null),
    on_hold_time_in_minutes: duration(0),
    created_at: isoSeconds(ticket.createdAt),
    updated_at: isoSeconds(ticket.updatedAt),
  };
}

/** Live tickets in id order, lazily. */
function* liveTickets(s: Store, afterId = 0): Generator<TicketRow> {
  for (let id = afterId + 1; id <= s.tickets.maxId; id++) {
    const row = s.tickets.get(id);
    if (row) yield row;
  }
}

function listMetrics(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const s = store(ctx);
  if (request.mode === "cursor") {
    const source: CursorSource<TicketRow> = {
      forward: (after) => liveTickets(s, typeof after?.[0] === "number" ? after[0] : 0),
      *backward(before) {
        for (let id = Number(before[0]) - 1; id >= 1; id--) {
          const row = s.tickets.get(id);
          if (row) yield row;
        }
      },
      position: (row) => [row.id],
    };
    const page = cursorPage(ctx, request, source);
    if (isReply(page)) return page;
    return json(200, { ticket_metrics: page.items.map((t) => metricJson(ctx, t)), meta: page.meta, links: page.links });
  }
  const rows = [...liveTickets(s)];
  const page = offsetPage(ctx, request, rows.length, (from, to) => rows.slice(from, to));
  return json(200, {
    ticket_metrics: page.items.map((t) => metricJson(ctx, t)),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

function showMetric(ctx: RequestContext): Reply {
  const id = intParam(ctx, "ticket_metric_id");
  const ticket = id === undefined || id <= METRIC_BASE ? undefined : store(ctx).tickets.get(id - METRIC_BASE);
  return ticket ? json(200, { ticket_metric: metricJson(ctx, ticket) }) : notFound();
}

// Email notifications ----------------------------------------------------------------------------------------------

function notificationJson(ctx: RequestContext, row: NotificationRow) {
  const recipients = row.recipientIds.flatMap((userId) => {
    const user = store(ctx).users.get(userId);
    if (!user) return [];
    return [
      {
        user_id: user.id,
        email_address: user.email,
        delivery_status: {
          id: 1,
          name: "delivered",
          code: "250 2.0.0",
          message: "Accepted by the recipient's mail server",
        },
      },
    ];
  });
  return {
    notification_id: row.notificationId,
    ticket_id: row.ticketId,
    comment_id: row.commentId,
    email_id: `em-${row.notificationId.toString(36)}`,
    message_id: `<${row.ticketId}.${row.notificationId}@mail.zendesk.invalid>`,
    recipients,
    url: `${ctx.origin}/api/v2/email_notifications/${row.notificationId}.json`,
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.createdAt),
  };
}

const FILTERS = { ticket_id: "ticketId", comment_id: "commentId", notification_id: "notificationId" } as const;

function listNotifications(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query, { cursorOnly: true });
  if (isReply(request) || request.mode !== "cursor") return request as Reply;
  let rows = recordsOf(store(ctx)).notifications();
  for (const [param, field] of Object.entries(FILTERS)) {
    const raw = ctx.query.get(`filter[${param}]`);
    if (raw === null) continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value)) return badRequest("InvalidValue", `filter[${param}] must be an id`);
    rows = rows.filter((row) => row[field] === value);
  }
  const sort = ctx.query.get("sort") ?? "created_at";
  if (!["created_at", "-created_at", "updated_at", "-updated_at"].includes(sort)) {
    return badRequest("InvalidValue", "sort must be created_at or updated_at, with or without a leading -");
  }
  const descending = sort.startsWith("-");
  if (descending) rows.reverse();
  const page = cursorPage(
    ctx,
    request,
    arraySource(rows, (row) => [row.createdAt, row.notificationId], descending),
  );
  if (isReply(page)) return page;
  return json(200, {
    email_notifications: page.items.map((row) => notificationJson(ctx, row)),
    meta: page.meta,
    links: page.links,
  });
}

function idList(ctx: RequestContext, name: string): number[] | Reply | undefined {
  const raw = ctx.query.get(name);
  if (raw === null) return undefined;
  const ids = raw.split(",").map((part) => Number(part.trim()));
  if (raw.trim() === "" || ids.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    return badRequest("InvalidValue", `Parameter ${name} must be a comma-separated list of ids`);
  }
  return ids.length > BULK_LIMIT ? tooMany(name) : ids;
}

function showManyNotifications(ctx: RequestContext): Reply {
  const given: [keyof NotificationRow, number[]][] = [];
  for (const [name, field] of [
    ["ids", "notificationId"],
    ["comment_ids", "commentId"],
    ["ticket_ids", "ticketId"],
  ] as const) {
    const ids = idList(ctx, name);
    if (isReply(ids)) return ids;
    if (ids) given.push([field, ids]);
  }
  const [only] = given;
  if (!only || given.length > 1) {
    return badRequest("InvalidValue", "Give one of ids, comment_ids or ticket_ids");
  }
  const [field, ids] = only;
  const wanted = new Set(ids);
  const rows = recordsOf(store(ctx))
    .notifications()
    .filter((row) => wanted.has(row[field] as number));
  return json(200, { email_notifications: rows.map((row) => notificationJson(ctx, row)) });
}

function showNotification(ctx: RequestContext): Reply {
  const id = intParam(ctx, "notification_id");
  const row = recordsOf(store(ctx))
    .notifications()
    .find((item) => item.notificationId === id);
  return row ? json(200, { email_notification: notificationJson(ctx, row) }) : notFound();
}

// Satisfaction ---------------------------------------------------------------------------------------------------------

function ratingJson(ctx: RequestContext, row: RatingRow) {
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/satisfaction_ratings/${row.id}.json`,
    assignee_id: row.assigneeId,
    group_id: row.groupId,
    requester_id: row.requesterId,
    ticket_id: row.ticketId,
    score: row.score,
    comment: row.comment,
    reason: row.reasonId === null ? null : (REASONS.find((reason) => reason.id === row.reasonId)?.value ?? null),
    reason_id: row.reasonId,
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
  };
}

const SCORES: Record<string, (row: RatingRow) => boolean> = {
  received: () => true,
  good: (row) => row.score === "good",
  bad: (row) => row.score === "bad",
};

/** The `score` filter as a test of a rating (every stored rating was received), or undefined when unknown. */
function scoreFilter(raw: string): ((row: RatingRow) => boolean) | undefined {
  if (raw === "offered" || raw === "unoffered") return () => false;
  const [, base, comment] = /^(received|good|bad)(?:_(with|without)_comment)?$/.exec(raw) ?? [];
  const byScore = base === undefined ? undefined : SCORES[base];
  if (!byScore) return undefined;
  return (row) => byScore(row) && (comment === undefined || (comment === "with") === (row.comment !== null));
}

function listRatings(ctx: RequestContext): Reply {
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  let rows = recordsOf(store(ctx)).ratings();
  const score = ctx.query.get("score");
  if (score !== null) {
    const test = scoreFilter(score);
    if (!test) return badRequest("InvalidValue", `score ${score} is not a rating filter`);
    rows = rows.filter(test);
  }
  for (const [param, keep] of [
    ["start_time", (row: RatingRow, time: number) => row.createdAt >= time],
    ["end_time", (row: RatingRow, time: number) => row.createdAt < time],
  ] as const) {
    const raw = ctx.query.get(param);
    if (raw === null) continue;
    const time = Number(raw);
    if (!Number.isInteger(time)) return badRequest("InvalidValue", `${param} must be a Unix time in seconds`);
    rows = rows.filter((row) => keep(row, time));
  }
  // Newest first.
  rows.reverse();
  if (request.mode === "cursor") {
    const page = cursorPage(
      ctx,
      request,
      arraySource(rows, (row) => [row.createdAt, row.id], true),
    );
    if (isReply(page)) return page;
    return json(200, {
      satisfaction_ratings: page.items.map((row) => ratingJson(ctx, row)),
      meta: page.meta,
      links: page.links,
    });
  }
  const page = offsetPage(ctx, request, rows.length, (from, to) => rows.slice(from, to));
  return json(200, {
    satisfaction_ratings: page.items.map((row) => ratingJson(ctx, row)),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

function countRatings(ctx: RequestContext): Reply {
  const value = recordsOf(store(ctx)).ratings().length;
  return json(200, { count: { value, refreshed_at: null } });
}

function showRating(ctx: RequestContext): Reply {
  const id = intParam(ctx, "satisfaction_rating_id");
  const row = id === undefined || id <= RATING_BASE ? undefined : recordsOf(store(ctx)).ratingOf(id - RATING_BASE);
  return row && store(ctx).tickets.get(row.ticketId)
    ? json(200, { satisfaction_rating: ratingJson(ctx, row) })
    : notFound();
}

function rateTicket(ctx: RequestContext): Reply {
  const ticketId = intParam(ctx, "ticket_id");
  const ticket = ticketId === undefined ? undefined : store(ctx).tickets.get(ticketId);
  if (!ticket) return notFound();
  const input = objectProperty(ctx.body, "satisfaction_rating");
  if (!input) return badRequest("InvalidValue", "Parameter satisfaction_rating is required");
  const details: ValidationDetails = {};
  const score = input.score;
  if (score !== "good" && score !== "bad") detail(details, "score", "InvalidValue", "Score: must be good or bad");
  const comment = input.comment;
  if (comment !== undefined && comment !== null && typeof comment !== "string") {
    detail(details, "comment", "InvalidValue", "Comment: must be text");
  }
  const code = input.reason_code;
  const reason = code === undefined ? undefined : REASONS.find((item) => item.code === code);
  if (code !== undefined && !reason) {
    detail(details, "reason_code", "InvalidValue", "Reason code: is not one of the account's reasons");
  }
  if (ticket.status !== "solved" && ticket.status !== "closed") {
    detail(details, "base", "InvalidValue", "Only a solved ticket can be rated");
  }
  if (hasDetails(details)) return recordInvalid(details);
  const row = recordsOf(store(ctx)).rate(
    ticket,
    score as "good" | "bad",
    typeof comment === "string" && comment !== "" ? comment : null,
    reason?.id ?? null,
  );
  return json(200, { satisfaction_rating: ratingJson(ctx, row) });
}

function reasonJson(ctx: RequestContext, row: ReasonRow) {
  const time = isoSeconds(store(ctx).seed.startTime);
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/satisfaction_reasons/${row.id}.json`,
    reason_code: row.code,
    value: row.value,
    raw_value: row.code < 1000 ? `{{zd.satisfaction_reason_${row.code}}}` : row.value,
    created_at: time,
    updated_at: time,
    deleted_at: null,
  };
}

function showReason(ctx: RequestContext): Reply {
  const id = intParam(ctx, "satisfaction_reason_id");
  const row = REASONS.find((reason) => reason.id === id);
  return row ? json(200, { reason: reasonJson(ctx, row) }) : notFound();
}
