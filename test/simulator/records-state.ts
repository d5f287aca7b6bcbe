/**
 * The tickets records part of the simulator's state, kept per store: satisfaction ratings (seeded for some solved
 * tickets, and those given through `POST /tickets/{id}/satisfaction_rating`), the fixed list of satisfaction reasons,
 * attachment overrides (`malware_access_override`), chat transcripts held on some tickets (for the chat redactions),
 * and the email notifications and ticket metrics, which are worked out from the tickets and their audits.
 */
import type { AuditRow, CommentRow, TicketRow } from "./models.js";
import { API_AUDIT_BASE, agentCount, seededAuditId } from "./seed.js";
import type { Store } from "./store.js";

export interface RatingRow {
  id: number;
  ticketId: number;
  score: "good" | "bad";
  comment: string | null;
  reasonId: number | null;
  assigneeId: number;
  groupId: number;
  requesterId: number;
  createdAt: number;
  updatedAt: number;
}

export interface ReasonRow {
  id: number;
  code: number;
  value: string;
}

export interface ChatEntry {
  type: "ChatJoin" | "ChatMessage" | "ChatFileAttachment";
  chatIndex: number;
  /** Milliseconds. */
  timestamp: number;
  actorType: "agent" | "end-user";
  actorId: number;
  actorName: string;
  message?: string;
  attachment?: { name: string; mimeType: string; size: number; url: string };
}

export interface ChatRow {
  eventId: number;
  chatId: string;
  visitorId: string;
  history: ChatEntry[];
}

export interface NotificationRow {
  notificationId: number;
  ticketId: number;
  commentId: number;
  /** The audit whose comment the email carried. */
  auditId: number;
  recipientIds: number[];
  createdAt: number;
}

/** Ratings have the ticket's number in their id: one rating per ticket, rated again in place. */
export const RATING_BASE = 70_000;
/** Ticket metric records have the ticket's number in their id. */
export const METRIC_BASE = 80_000;
/** Notification ids: seeded ones carry the ticket's number, API ones the audit's counter. */
const SEEDED_NOTIFICATION_BASE = 90_000;
const API_NOTIFICATION_BASE = 95_000_000;
/** Every CHAT_EVERY-th seeded ticket holds a chat transcript. */
export const CHAT_EVERY = 25;
const CHAT_EVENT_BASE = 8_800_000_000;

/** The satisfaction reasons: Zendesk's system ones (codes below 1000) and one an admin added. */
export const REASONS: readonly ReasonRow[] = [
  { id: 4000, code: 0, value: "No reason provided" },
  { id: 4001, code: 5, value: "It took too long to sort out" },
  { id: 4002, code: 6, value: "The problem was not solved" },
  { id: 4003, code: 7, value: "The agent did not know enough" },
  { id: 4004, code: 8, value: "The agent was unfriendly" },
  { id: 4005, code: 100, value: "Another reason" },
  { id: 4006, code: 1000, value: "The reply was in the wrong language" },
];

export class RecordsState {
  /** Ratings given through the API, by ticket. */
  private readonly givenRatings = new Map<number, RatingRow>();
  /** `malware_access_override` set through the API, by attachment id. */
  readonly malwareOverrides = new Map<number, boolean>();
  /** Chats changed by a redaction, by ticket. */
  private readonly changedChats = new Map<number, ChatRow>();

  constructor(private readonly store: Store) {}

  // Satisfaction ratings -------------------------------------------------------------------------------------------

  /** A seeded solved or closed ticket has a rating unless its number is a multiple of 4; every third is bad. */
  private seededRating(ticket: TicketRow): RatingRow | undefined {
    if (ticket.id > this.store.seed.tickets || ticket.id % 4 === 0) return undefined;
    if (ticket.status !== "solved" && ticket.status !== "closed") return undefined;
    const bad = ticket.id % 3 === 0;
    return {
      id: RATING_BASE + ticket.id,
      ticketId: ticket.id,
      score: bad ? "bad" : "good",
      comment: ticket.id % 2 === 0 ? (bad ? "Nobody answered for days" : "Quick and friendly, thanks") : null,
      reasonId: bad ? (REASONS[1 + (ticket.id % 5)]?.id ?? null) : null,
      assigneeId: ticket.assigneeId ?? 1,
      groupId: ticket.groupId ?? 0,
      requesterId: ticket.requesterId,
      createdAt: ticket.updatedAt,
      updatedAt: ticket.updatedAt,
    };
  }

  ratingOf(ticketId: number): RatingRow | undefined {
    const given = this.givenRatings.get(ticketId);
    if (given) return given;
    const ticket = this.store.tickets.get(ticketId);
    return ticket ? this.seededRating(ticket) : undefined;
  }

  /** Every rating of a live ticket, oldest first by (time, id). */
  ratings(): RatingRow[] {
    const rows: RatingRow[] = [];
    for (let id = 1; id <= this.store.tickets.maxId; id++) {
      const rating = this.ratingOf(id);
      if (rating && this.store.tickets.get(id)) rows.push(rating);
    }
    return rows.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
  }

  rate(ticket: TicketRow, score: "good" | "bad", comment: string | null, reasonId: number | null): RatingRow {
    const now = this.store.now();
    const earlier = this.ratingOf(ticket.id);
    const row: RatingRow = {
      id: RATING_BASE + ticket.id,
      ticketId: ticket.id,
      score,
      comment,
      reasonId: score === "bad" ? reasonId : null,
      assigneeId: ticket.assigneeId ?? 1,
      groupId: ticket.groupId ?? 0,
      requesterId: ticket.requesterId,
      createdAt: earlier?.createdAt ?? now,
      updatedAt: now,
    };
    this.givenRatings.set(ticket.id, row);
    return row;
  }

  // Chats ----------------------------------------------------------------------------------------------------------

  /** The chat held on a ticket: every CHAT_EVERY-th seeded ticket has one. */
  chatOf(ticketId: number): ChatRow | undefined {
    const changed = this.changedChats.get(ticketId);
    if (changed) return changed;
    const ticket = this.store.tickets.get(ticketId);
    if (!ticket || ticket.id > this.store.seed.tickets || ticket.id % CHAT_EVERY !== 0) return undefined;
    const start = ticket.createdAt * 1000;
    const agent = 1 + (ticket.id % agentCount(this.store.seed));
    const visitor = { actorType: "end-user" as const, actorId: ticket.requesterId, actorName: "Visitor" };
    const helper = { actorType: "agent" as const, actorId: agent, actorName: `Agent ${agent}` };
    return {
      eventId: CHAT_EVENT_BASE + ticket.id,
      chatId: `chat-${ticket.id}`,
      visitorId: `visitor-${ticket.requesterId}`,
      history: [
        { type: "ChatJoin", chatIndex: 0, timestamp: start, ...visitor },
        {
          type: "ChatMessage",
          chatIndex: 1,
          timestamp: start + 5_000,
          ...visitor,
          message: "My card number is 4111 1111 1111 1111, please check the charge",
        },
        { type: "ChatMessage", chatIndex: 2, timestamp: start + 30_000, ...helper, message: "Looking at it now" },
        {
          type: "ChatFileAttachment",
          chatIndex: 3,
          timestamp: start + 60_000,
          ...visitor,
          attachment: {
            name: "statement.pdf",
            mimeType: "application/pdf",
            size: 48_213,
            url: `https://chat.example.invalid/files/${ticket.id}/statement.pdf`,
          },
        },
      ],
    };
  }

  /** Keeps a changed copy of a ticket's chat. */
  saveChat(ticketId: number, chat: ChatRow): void {
    this.changedChats.set(ticketId, chat);
  }

  // Email notifications --------------------------------------------------------------------------------------------

  /**
   * Every email notification, oldest first: one per seeded ticket (the agent's reply, to the requester), and one
   * per audit written through the API whose public comment someone other than the requester wrote (to the
   * requester and the email CCs).
   */
  notifications(): NotificationRow[] {
    const rows: NotificationRow[] = [];
    for (let id = 1; id <= this.store.seed.tickets; id++) {
      const ticket = this.store.tickets.get(id);
      if (!ticket) continue;
      const reply = this.store.seededHistory(id).comments[1];
      if (!reply) continue;
      rows.push({
        notificationId: SEEDED_NOTIFICATION_BASE + id,
        ticketId: id,
        commentId: reply.id,
        auditId: seededAuditId(id, 1),
        recipientIds: [ticket.requesterId],
        createdAt: reply.createdAt,
      });
    }
    for (const audit of this.store.apiAudits) {
      const row = this.notificationOfAudit(audit);
      if (row) rows.push(row);
    }
    return rows.sort((a, b) => a.createdAt - b.createdAt || a.notificationId - b.notificationId);
  }

  private notificationOfAudit(audit: AuditRow): NotificationRow | undefined {
    const ticket = this.store.tickets.get(audit.ticketId);
    const event = audit.events.find((item) => item.type === "Comment");
    if (!ticket || !event || event.type !== "Comment") return undefined;
    const comment: CommentRow | undefined = this.store.findComment(audit.ticketId, event.commentId);
    if (!comment?.public || comment.authorId === ticket.requesterId) return undefined;
    return {
      notificationId: API_NOTIFICATION_BASE + (audit.id - API_AUDIT_BASE),
      ticketId: ticket.id,
      commentId: comment.id,
      auditId: audit.id,
      recipientIds: [ticket.requesterId, ...ticket.emailCcIds.filter((id) => id !== ticket.requesterId)],
      createdAt: audit.createdAt,
    };
  }
}

const states = new WeakMap<Store, RecordsState>();

/** The store's records state, made on first use. */
export function recordsOf(store: Store): RecordsState {
  let state = states.get(store);
  if (!state) {
    state = new RecordsState(store);
    states.set(store, state);
  }
  return state;
}
