/**
 * The tickets records part against the simulator over real HTTP: a ticket created with two files in one call, its
 * attachments read back and downloaded byte for byte; satisfaction ratings listed and counted; the account's audits
 * paged through by legacy cursor; a ticket's metrics.
 */
import { isTicketWithFilesError, type TicketWithFilesError, unwrap } from "@zenfetch/tickets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { closeSimulators, must, startSim, ticketsClient } from "./helpers.js";

/** Bytes no text encoding would carry unchanged. */
const IMAGE = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
const NOTES = new TextEncoder().encode("Error at line 12\nError at line 40\n");
const TICKETS = 40;

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSim({ seed: { tickets: TICKETS, users: 12 } });
});
afterAll(closeSimulators);

/** The bytes of a response. */
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

describe("createWithFiles and downloadAttachment", () => {
  it("creates a ticket whose first comment carries two files, and each downloads as it was sent", async () => {
    const zendesk = ticketsClient(sim);
    const { ticket } = await zendesk.createWithFiles(
      { subject: "Printer on fire", requester_id: 5, comment: { body: "Photo and log attached." } },
      [new File([IMAGE], "printer.png", { type: "image/png" }), { name: "log.txt", data: NOTES }],
    );
    // Two uploads into one, then one create naming that upload.
    const uploads = sim.requests.find("POST", "/api/v2/uploads");
    expect(uploads.slice(-2).map((r) => r.query.filename)).toEqual(["printer.png", "log.txt"]);
    const create = must(sim.requests.find("POST", "/api/v2/tickets").at(-1));
    expect(create.body).toMatchObject({ ticket: { comment: { uploads: [uploads.at(-1)?.query.token] } } });

    const { comments } = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}/comments", { params: { path: { ticket_id: ticket.id } } }),
    );
    const attachments = must(comments[0]?.attachments, "the comment's files");
    expect(attachments.map((a) => [a.file_name, a.content_type, a.size])).toEqual([
      ["printer.png", "image/png", IMAGE.length],
      ["log.txt", "text/plain", NOTES.length],
    ]);
    const [image, log] = attachments as [(typeof attachments)[0], (typeof attachments)[0]];
    expect(await bytesOf(await zendesk.downloadAttachment(image))).toEqual(IMAGE);
    // By id: looked up first, then downloaded.
    expect(await bytesOf(await zendesk.downloadAttachment(log.id))).toEqual(NOTES);
  });

  it("sends no credentials for a file on another origin than the client's", async () => {
    // The same simulator under another name: its content_urls (on 127.0.0.1) are another origin to this client.
    const zendesk = ticketsClient(sim, { baseUrl: sim.baseUrl.replace("127.0.0.1", "localhost") });
    const { ticket } = await zendesk.commentWithFiles(3, { body: "One more file." }, [{ name: "a.bin", data: IMAGE }]);
    const { comments } = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}/comments", { params: { path: { ticket_id: ticket.id } } }),
    );
    const file = must(comments.at(-1)?.attachments[0]);
    expect(new URL(file.content_url).hostname).toBe("127.0.0.1");
    expect(await bytesOf(await zendesk.downloadAttachment(file))).toEqual(IMAGE);
    const download = must(sim.requests.entries.filter((r) => r.path.startsWith("/attachments/token/")).at(-1));
    expect(download.headers.authorization).toBeUndefined();
  });

  it("a failed create keeps the upload's token, and a retry with it attaches the files", async () => {
    const zendesk = ticketsClient(sim);
    const fault = sim.faults.add({ match: "POST /api/v2/tickets", forbidden: true, times: 1 });
    const error = await zendesk
      .createWithFiles({ subject: "Retry me", comment: { body: "x" } }, [{ name: "log.txt", data: NOTES }])
      .catch((e: unknown) => e);
    expect(fault.hits).toBe(1);
    expect(isTicketWithFilesError(error)).toBe(true);
    const { token } = error as TicketWithFilesError;
    const { ticket } = unwrap(
      await zendesk.POST("/api/v2/tickets", {
        body: { ticket: { subject: "Retry me", comment: { body: "x", uploads: [token] } } },
      }),
    );
    const { comments } = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}/comments", { params: { path: { ticket_id: ticket.id } } }),
    );
    expect(comments[0]?.attachments.map((a) => a.file_name)).toEqual(["log.txt"]);
  });
});

describe("satisfaction ratings", () => {
  it("lists every rating across pages, newest first, as many as the count says", async () => {
    const zendesk = ticketsClient(sim);
    const ratings = [];
    for await (const rating of zendesk.paginate("/api/v2/satisfaction_ratings", {
      params: { query: { "page[size]": 3 } },
    }))
      ratings.push(rating);
    const { count } = unwrap(await zendesk.GET("/api/v2/satisfaction_ratings/count"));
    expect(ratings.length).toBeGreaterThan(3);
    expect(ratings.length).toBe(count.value);
    expect(new Set(ratings.map((r) => r.id)).size).toBe(ratings.length);
    const times = ratings.map((r) => Date.parse(r.created_at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const bad = unwrap(await zendesk.GET("/api/v2/satisfaction_ratings", { params: { query: { score: "bad" } } }));
    expect(bad.satisfaction_ratings.length).toBe(ratings.filter((r) => r.score === "bad").length);
  });
});

describe("email notifications", () => {
  it("lists the email a new ticket sent its requester, by ticket and by cursor", async () => {
    const zendesk = ticketsClient(sim);
    const { ticket } = unwrap(
      await zendesk.POST("/api/v2/tickets", {
        body: { ticket: { subject: "Your order", requester_id: 6, comment: { body: "It ships today." } } },
      }),
    );
    const { email_notifications } = unwrap(
      await zendesk.GET("/api/v2/email_notifications/show_many", { params: { query: { ticket_ids: [ticket.id] } } }),
    );
    const requester = must(sim.state.users.get(6));
    expect(email_notifications.map((n) => n.recipients.map((r) => r.email_address))).toEqual([[requester.email]]);
    const ids: number[] = [];
    for await (const email of zendesk.paginate("/api/v2/email_notifications", {
      params: { query: { "filter[ticket_id]": ticket.id } },
    }))
      ids.push(email.notification_id);
    expect(ids).toEqual(email_notifications.map((n) => n.notification_id));
  });
});

describe("the account's audits", () => {
  it("pages through every audit by legacy cursor, newest first, none twice", async () => {
    const zendesk = ticketsClient(sim);
    const ids: number[] = [];
    for await (const audit of zendesk.paginate("/api/v2/ticket_audits", { params: { query: { limit: 7 } } }))
      ids.push(audit.id);
    // Two seeded audits per ticket, plus the ones the tests above wrote.
    expect(ids.length).toBe(TICKETS * 2 + sim.state.store.apiAudits.length);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const pages = sim.requests.find("GET", "/api/v2/ticket_audits");
    expect(pages.length).toBe(Math.ceil(ids.length / 7));
  });
});

describe("ticket metrics", () => {
  it("gives a ticket's metric record in the list and by its id", async () => {
    const zendesk = ticketsClient(sim);
    let found: { id: number; ticket_id: number; replies?: number } | undefined;
    for await (const metric of zendesk.paginate("/api/v2/ticket_metrics")) {
      if (metric.ticket_id === 10) found = metric;
    }
    const metric = must(found, "ticket 10's metrics");
    const shown = unwrap(
      await zendesk.GET("/api/v2/ticket_metrics/{ticket_metric_id}", {
        params: { path: { ticket_metric_id: metric.id } },
      }),
    );
    expect(shown.ticket_metric).toEqual(metric);
    // A seeded ticket has the agent's public reply.
    expect(shown.ticket_metric.replies).toBe(1);
  });
});
