/** The attachments, redactions, account-wide audits, metrics, email notifications and satisfaction routes in the contract scenario: each hand-written route is requested and its answer validated. */
import { expect } from "vitest";
import type { Loose } from "../test-helpers.js";
import { type DomainContract, get, type Step } from "./step.js";

// The contract seeds 60 tickets: 25 and 50 hold a chat transcript; user 5 is an end user.
const CHAT_TICKET = 25;
const saved = {
  token: "",
  attachmentId: 0,
  contentUrl: "",
  ticketId: 0,
  commentId: 0,
  olderAudits: "",
  metricId: 0,
  notificationId: 0,
  ratingId: 0,
  ratedTicket: 0,
  reasonId: 0,
};

const steps: Step[] = [
  // Attachments: a file uploaded, attached to a new ticket's first comment, then read and changed by id.
  get(
    {
      name: "records: upload a file",
      path: "/api/v2/uploads?filename=card.txt",
      status: 201,
      raw: "card 4111 on file",
      headers: { "Content-Type": "text/plain" },
      after: (b) => {
        saved.token = b.upload.token;
        saved.attachmentId = b.upload.attachment.id;
      },
    },
    "POST",
  ),
  get(
    {
      name: "records: create a ticket whose comment carries the file",
      path: "/api/v2/tickets",
      status: 201,
      body: () => ({
        ticket: {
          subject: "Statement attached",
          requester_id: 5,
          comment: { body: "Here is my secret code 1234 and the file.", uploads: [saved.token] },
        },
      }),
      after: (b) => (saved.ticketId = b.ticket.id),
    },
    "POST",
  ),
  get({
    name: "records: the comment with its attachment",
    path: () => `/api/v2/tickets/${saved.ticketId}/comments`,
    after: (b) => {
      const [comment] = b.comments as Loose[];
      saved.commentId = comment?.id;
      saved.contentUrl = comment?.attachments[0].content_url;
      expect(comment?.attachments[0].id).toBe(saved.attachmentId);
    },
  }),
  get({
    name: "show an attachment",
    path: () => `/api/v2/attachments/${saved.attachmentId}`,
    after: (b) => expect(b.attachment.file_name).toBe("card.txt"),
  }),
  get({ name: "show an attachment: missing", path: "/api/v2/attachments/1", status: 404 }),
  get(
    {
      name: "allow a flagged attachment",
      path: () => `/api/v2/attachments/${saved.attachmentId}`,
      body: { attachment: { malware_access_override: true } },
      after: (b) => expect(b.attachment.malware_access_override).toBe(true),
    },
    "PUT",
  ),
  get(
    {
      name: "allow a flagged attachment: not a boolean",
      path: () => `/api/v2/attachments/${saved.attachmentId}`,
      body: { attachment: { malware_access_override: "yes" } },
      status: 422,
    },
    "PUT",
  ),
  get(
    {
      name: "allow a flagged attachment: missing",
      path: "/api/v2/attachments/1",
      body: { attachment: { malware_access_override: true } },
      status: 404,
    },
    "PUT",
  ),
  // Redactions
  get(
    {
      name: "redact a comment's text and file",
      path: () => `/api/v2/comment_redactions/${saved.commentId}`,
      body: () => ({
        ticket_id: saved.ticketId,
        html_body: "<p>Here is my secret code <redact>1234</redact> and the file.</p>",
        external_attachment_urls: [saved.contentUrl],
      }),
      after: (b) => {
        expect(b.comment.body).not.toContain("1234");
        expect(b.comment.attachments[0].file_name).toBe("redacted.txt");
      },
    },
    "PUT",
  ),
  get(
    {
      name: "redact a comment: passage not in it",
      path: () => `/api/v2/comment_redactions/${saved.commentId}`,
      body: () => ({ ticket_id: saved.ticketId, html_body: "<p><redact>not there</redact></p>" }),
      status: 422,
    },
    "PUT",
  ),
  get(
    {
      name: "redact a comment: no ticket_id",
      path: () => `/api/v2/comment_redactions/${saved.commentId}`,
      body: { html_body: "<redact>x</redact>" },
      status: 400,
    },
    "PUT",
  ),
  get(
    {
      name: "redact a comment: missing",
      path: "/api/v2/comment_redactions/1",
      body: () => ({ ticket_id: saved.ticketId, html_body: "<redact>x</redact>" }),
      status: 404,
    },
    "PUT",
  ),
  get(
    {
      name: "redact a chat message",
      path: `/api/v2/chat_redactions/${CHAT_TICKET}`,
      body: { chat_id: `chat-${CHAT_TICKET}`, chat_index: 1, text: "4111 1111 1111 1111" },
      after: (b) => {
        const message = b.chat_event.value.history.find((entry: Loose) => entry.chat_index === 1).message;
        expect(message).not.toContain("4111");
      },
    },
    "PUT",
  ),
  get(
    {
      name: "redact a chat message: not a message",
      path: `/api/v2/chat_redactions/${CHAT_TICKET}`,
      body: { chat_id: `chat-${CHAT_TICKET}`, chat_index: 3, text: "x" },
      status: 422,
    },
    "PUT",
  ),
  get(
    {
      name: "redact a chat message: no chat",
      path: "/api/v2/chat_redactions/2",
      body: { chat_id: "chat-2", chat_index: 1, text: "x" },
      status: 404,
    },
    "PUT",
  ),
  get(
    {
      name: "redact a chat file",
      path: `/api/v2/chat_file_redactions/${CHAT_TICKET}`,
      body: { chat_id: `chat-${CHAT_TICKET}`, chat_indexes: [3] },
      after: (b) => {
        const file = b.chat_event.value.history.find((entry: Loose) => entry.chat_index === 3).attachment;
        expect(file.name).toBe("redacted.txt");
      },
    },
    "PUT",
  ),
  get(
    {
      name: "redact a chat file: not a file",
      path: `/api/v2/chat_file_redactions/${CHAT_TICKET}`,
      body: { chat_id: `chat-${CHAT_TICKET}`, chat_indexes: [1] },
      status: 422,
    },
    "PUT",
  ),
  // The account's audits, newest first, by legacy cursor.
  get({
    name: "list the account's audits",
    path: "/api/v2/ticket_audits?limit=2",
    after: (b) => {
      expect(b.audits).toHaveLength(2);
      expect(b.audits[0].ticket_id).toBe(saved.ticketId);
      expect(b.after_cursor).toBeNull();
      saved.olderAudits = b.before_cursor;
    },
  }),
  get({
    name: "list the account's audits: older page",
    path: () => `/api/v2/ticket_audits?limit=2&cursor=${saved.olderAudits}`,
    after: (b) => expect(b.after_cursor).not.toBeNull(),
  }),
  get({ name: "list the account's audits: limit too big", path: "/api/v2/ticket_audits?limit=5000", status: 400 }),
  get({ name: "list the account's audits: bad cursor", path: "/api/v2/ticket_audits?cursor=nope", status: 400 }),
  // Ticket metrics
  get({
    name: "list ticket metrics (cursor)",
    path: "/api/v2/ticket_metrics?page[size]=2",
    after: (b) => (saved.metricId = b.ticket_metrics[0].id),
  }),
  get({ name: "list ticket metrics (offset)", path: "/api/v2/ticket_metrics?per_page=2&page=2" }),
  get({ name: "show a ticket metric", path: () => `/api/v2/ticket_metrics/${saved.metricId}` }),
  get({ name: "show a ticket metric: missing", path: "/api/v2/ticket_metrics/1", status: 404 }),
  // Email notifications
  get({
    name: "list email notifications",
    path: "/api/v2/email_notifications?page[size]=2&sort=-created_at",
    after: (b) => (saved.notificationId = b.email_notifications[0].notification_id),
  }),
  get({
    name: "list email notifications of a ticket",
    path: "/api/v2/email_notifications?filter[ticket_id]=3",
    after: (b) => expect(b.email_notifications.every((n: Loose) => n.ticket_id === 3)).toBe(true),
  }),
  get({ name: "list email notifications: bad sort", path: "/api/v2/email_notifications?sort=size", status: 400 }),
  get({ name: "show an email notification", path: () => `/api/v2/email_notifications/${saved.notificationId}` }),
  get({ name: "show an email notification: missing", path: "/api/v2/email_notifications/1", status: 404 }),
  get({
    name: "show many email notifications by ticket",
    path: "/api/v2/email_notifications/show_many?ticket_ids=1,2",
    after: (b) => expect(b.email_notifications).toHaveLength(2),
  }),
  get({
    name: "show many email notifications: none asked",
    path: "/api/v2/email_notifications/show_many",
    status: 400,
  }),
  // Satisfaction
  get({
    name: "list satisfaction ratings",
    path: "/api/v2/satisfaction_ratings?page[size]=2",
    after: (b) => {
      saved.ratingId = b.satisfaction_ratings[0].id;
      saved.ratedTicket = b.satisfaction_ratings[0].ticket_id;
    },
  }),
  get({
    name: "list satisfaction ratings (offset, bad only)",
    path: "/api/v2/satisfaction_ratings?per_page=2&score=bad",
  }),
  get({ name: "list satisfaction ratings: bad score", path: "/api/v2/satisfaction_ratings?score=great", status: 400 }),
  get({ name: "count satisfaction ratings", path: "/api/v2/satisfaction_ratings/count" }),
  get({ name: "show a satisfaction rating", path: () => `/api/v2/satisfaction_ratings/${saved.ratingId}` }),
  get({ name: "show a satisfaction rating: missing", path: "/api/v2/satisfaction_ratings/1", status: 404 }),
  get(
    {
      name: "rate a solved ticket again",
      path: () => `/api/v2/tickets/${saved.ratedTicket}/satisfaction_rating`,
      body: { satisfaction_rating: { score: "bad", comment: "Changed my mind", reason_code: 6 } },
      after: (b) => {
        expect(b.satisfaction_rating.id).toBe(saved.ratingId);
        expect(b.satisfaction_rating.score).toBe("bad");
      },
    },
    "POST",
  ),
  get(
    {
      name: "rate a ticket: not solved",
      path: () => `/api/v2/tickets/${saved.ticketId}/satisfaction_rating`,
      body: { satisfaction_rating: { score: "good" } },
      status: 422,
    },
    "POST",
  ),
  get(
    {
      name: "rate a ticket: missing",
      path: "/api/v2/tickets/999999/satisfaction_rating",
      body: { satisfaction_rating: { score: "good" } },
      status: 404,
    },
    "POST",
  ),
  get({
    name: "list satisfaction reasons",
    path: "/api/v2/satisfaction_reasons",
    after: (b) => (saved.reasonId = b.reasons[0].id),
  }),
  get({ name: "show a satisfaction reason", path: () => `/api/v2/satisfaction_reasons/${saved.reasonId}` }),
  get({ name: "show a satisfaction reason: missing", path: "/api/v2/satisfaction_reasons/1", status: 404 }),
];

export const contract: DomainContract = {
  steps,
  samples: {},
};
