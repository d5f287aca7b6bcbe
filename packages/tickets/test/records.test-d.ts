// The records helpers' types: what they take and what they resolve to, and what must not compile.
import {
  createTicketsClient,
  type EmailNotification,
  isTicketWithFilesError,
  type SatisfactionReason,
  type TicketMetric,
  type TicketWithFilesResult,
  unwrap,
} from "@zenfetch/tickets";
import { expectTypeOf, test } from "vitest";

const zendesk = createTicketsClient({ subdomain: "acme", auth: { oauthToken: "token" } });
const file = { name: "a.txt", data: new Uint8Array(1) };

test("createWithFiles and commentWithFiles take a ticket or a comment and files, and resolve to the ticket", async () => {
  const created = await zendesk.createWithFiles({ subject: "s", comment: { body: "b" } }, [file]);
  expectTypeOf(created).toEqualTypeOf<TicketWithFilesResult>();
  expectTypeOf(created.ticket.id).toEqualTypeOf<number>();
  await zendesk.commentWithFiles(1, { body: "b", public: false }, [new File(["x"], "x.txt")]);
  // @ts-expect-error a new ticket needs its first comment
  await zendesk.createWithFiles({ subject: "s" }, [file]);
  // @ts-expect-error files are Files or { name, data }, not strings
  await zendesk.commentWithFiles(1, { body: "b" }, ["a.txt"]);
  // @ts-expect-error the ticket is named by its number
  await zendesk.commentWithFiles("1", { body: "b" }, [file]);
});

test("downloadAttachment takes an attachment or its id and resolves to a Response", async () => {
  expectTypeOf(await zendesk.downloadAttachment(5)).toEqualTypeOf<Response>();
  await zendesk.downloadAttachment({ content_url: "https://acme.zendesk.com/attachments/token/x" });
  // @ts-expect-error a URL string is not an attachment
  await zendesk.downloadAttachment("https://acme.zendesk.com/attachments/token/x");
});

test("the error guard narrows to the token a retry needs", (error: unknown) => {
  if (isTicketWithFilesError(error)) expectTypeOf(error.token).toEqualTypeOf<string>();
});

test("the records endpoints answer with the named types", async () => {
  const { ticket_metric } = unwrap(
    await zendesk.GET("/api/v2/ticket_metrics/{ticket_metric_id}", { params: { path: { ticket_metric_id: 1 } } }),
  );
  expectTypeOf(ticket_metric).toEqualTypeOf<TicketMetric>();
  const { reason } = unwrap(
    await zendesk.GET("/api/v2/satisfaction_reasons/{satisfaction_reason_id}", {
      params: { path: { satisfaction_reason_id: 1 } },
    }),
  );
  expectTypeOf(reason).toEqualTypeOf<SatisfactionReason>();
  const { email_notifications } = unwrap(
    await zendesk.GET("/api/v2/email_notifications/show_many", { params: { query: { ticket_ids: [1, 2] } } }),
  );
  expectTypeOf(email_notifications).toEqualTypeOf<EmailNotification[]>();
  for await (const audit of zendesk.paginate("/api/v2/ticket_audits", { params: { query: { limit: 1000 } } })) {
    expectTypeOf(audit.ticket_id).toEqualTypeOf<number>();
  }
  await zendesk.PUT("/api/v2/chat_redactions/{ticket_id}", {
    params: { path: { ticket_id: 1 } },
    // @ts-expect-error the chat redaction needs the chat's id
    body: { chat_index: 1, text: "x" },
  });
  // @ts-expect-error the satisfaction filter takes only Zendesk's score values
  await zendesk.GET("/api/v2/satisfaction_ratings", { params: { query: { score: "great" } } });
});
