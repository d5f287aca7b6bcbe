// Operations of the tickets bundle described in specs/tickets/records.yaml: [method, path, operationId].
export const ticketsRecords: [string, string, string][] = [
  ["GET", "/api/v2/attachments/{attachment_id}", "ShowAttachment"],
  ["PUT", "/api/v2/attachments/{attachment_id}", "UpdateAttachment"],
  ["PUT", "/api/v2/chat_file_redactions/{ticket_id}", "RedactChatCommentAttachment"],
  ["PUT", "/api/v2/chat_redactions/{ticket_id}", "RedactChatComment"],
  ["PUT", "/api/v2/comment_redactions/{ticket_comment_id}", "RedactTicketCommentInAgentWorkspace"],
  ["GET", "/api/v2/ticket_audits", "ListTicketAudits"],
  ["GET", "/api/v2/ticket_metrics", "ListTicketMetrics"],
  ["GET", "/api/v2/ticket_metrics/{ticket_metric_id}", "ShowTicketMetrics"],
  ["GET", "/api/v2/email_notifications", "ListEmailNotifications"],
  ["GET", "/api/v2/email_notifications/show_many", "ShowManyEmailNotifications"],
  ["GET", "/api/v2/email_notifications/{notification_id}", "ShowEmailNotification"],
  ["GET", "/api/v2/satisfaction_ratings", "ListSatisfactionRatings"],
  ["GET", "/api/v2/satisfaction_ratings/count", "CountSatisfactionRatings"],
  ["GET", "/api/v2/satisfaction_ratings/{satisfaction_rating_id}", "ShowSatisfactionRating"],
  ["GET", "/api/v2/satisfaction_reasons", "ListSatisfactionRatingReasons"],
  ["GET", "/api/v2/satisfaction_reasons/{satisfaction_reason_id}", "ShowSatisfactionRatings"],
];
