/**
 * File uploads against the simulator: `uploadFiles` puts several files in one upload, a ticket's comment takes the
 * token, the comment lists them as attachments, and a file downloaded from its content_url is the bytes sent.
 */
import { createZendeskClient } from "@zenfetch/core";
import { isUploadFilesError, isValidationError, tickets, type UploadFilesError, unwrap } from "@zenfetch/tickets";
import { afterEach, describe, expect, it } from "vitest";
import { clientOptions, closeSimulators, must, startSim, ticketsClient } from "./helpers.js";

afterEach(closeSimulators);

/** Bytes no text encoding would carry unchanged: every value from 0 to 255, and again backwards. */
const PNG = Uint8Array.from({ length: 512 }, (_, i) => (i < 256 ? i : 511 - i));
const NOTES = new TextEncoder().encode("Steps to reproduce:\n1. Turn it on\n2. Smoke\n");

describe("uploadFiles", () => {
  it("uploads two files into one upload, attaches them with a comment, and each downloads byte for byte", async () => {
    const sim = await startSim({ seed: { tickets: 5 } });
    const zendesk = ticketsClient(sim);

    const { token, attachments } = await zendesk.uploadFiles([
      new File([PNG], "screenshot.png", { type: "image/png" }),
      { name: "notes.txt", data: NOTES },
    ]);
    expect(attachments.map((a) => [a.file_name, a.content_type, a.size])).toEqual([
      ["screenshot.png", "image/png", PNG.length],
      ["notes.txt", "text/plain", NOTES.length],
    ]);
    // One upload: the second request carried the token the first one got.
    const uploads = sim.requests.find("POST", "/api/v2/uploads");
    expect(uploads.map((r) => r.query.token)).toEqual([undefined, token]);

    const created = unwrap(
      await zendesk.POST("/api/v2/tickets", {
        body: { ticket: { subject: "Smoke", comment: { body: "See the files.", uploads: [token] } } },
      }),
    );
    const ticketId = must(created.ticket.id);
    const { comments } = unwrap(
      await zendesk.GET("/api/v2/tickets/{ticket_id}/comments", { params: { path: { ticket_id: ticketId } } }),
    );
    const attached = must(comments[0]?.attachments, "the comment's attachments");
    expect(attached.map((a) => [a.file_name, a.content_type, a.size])).toEqual([
      ["screenshot.png", "image/png", PNG.length],
      ["notes.txt", "text/plain", NOTES.length],
    ]);

    // content_url needs no credentials (nor should it get them: it may be on another host).
    const download = await fetch(must(attached[0]?.content_url));
    expect(download.status).toBe(200);
    expect(download.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(PNG);
  });

  it("is on a multi-domain client under tickets, and adds to an upload given by token", async () => {
    const sim = await startSim({ seed: { tickets: 1 } });
    const zendesk = createZendeskClient({ ...clientOptions(sim), domains: [tickets] });
    const first = await zendesk.tickets.uploadFiles([{ name: "a.csv", data: new Blob(["a,b\n1,2\n"]) }]);
    const second = await zendesk.tickets.uploadFiles([{ name: "b.bin", data: PNG, contentType: "image/x-raw" }], {
      token: first.token,
    });
    expect(second.token).toBe(first.token);
    expect(second.attachments.map((a) => [a.file_name, a.content_type])).toEqual([
      ["a.csv", "text/csv"],
      ["b.bin", "image/x-raw"],
    ]);
  });

  it("a 503 on one file is retried with the whole file", async () => {
    const sim = await startSim({ seed: { tickets: 1 } });
    const zendesk = ticketsClient(sim);
    sim.faults.add({ match: "POST /api/v2/uploads", status: 503, retryAfter: 0, skip: 1, times: 1 });
    const { attachments } = await zendesk.uploadFiles([
      { name: "one.png", data: PNG },
      { name: "two.png", data: PNG },
    ]);
    expect(attachments.map((a) => a.size)).toEqual([PNG.length, PNG.length]);
    expect(sim.requests.find("POST", "/api/v2/uploads")).toHaveLength(3);
    const url = must(attachments[1]?.content_url);
    expect(new Uint8Array(await (await fetch(url)).arrayBuffer())).toEqual(PNG);
  });

  it("a failure part way says which files are in the upload, and its token", async () => {
    const sim = await startSim({ seed: { tickets: 1 } });
    const zendesk = ticketsClient(sim);
    sim.faults.add({ match: "POST /api/v2/uploads", status: 422, skip: 1, times: 1 });
    const failure = await zendesk
      .uploadFiles([
        { name: "one.txt", data: NOTES },
        { name: "two.txt", data: NOTES },
        { name: "three.txt", data: NOTES },
      ])
      .catch((error: unknown) => error);
    expect(isUploadFilesError(failure)).toBe(true);
    expect(isUploadFilesError(new Error("other"))).toBe(false);
    const error = failure as UploadFilesError;
    expect(error.uploaded).toEqual(["one.txt"]);
    expect(error.failed).toBe("two.txt");
    expect(error.notUploaded).toEqual(["two.txt", "three.txt"]);
    expect(error.attachments.map((a) => a.file_name)).toEqual(["one.txt"]);
    expect(isValidationError(error.cause)).toBe(true);
    // The rest can go into the same upload.
    const rest = await zendesk.uploadFiles(
      [
        { name: "two.txt", data: NOTES },
        { name: "three.txt", data: NOTES },
      ],
      { token: must(error.token) },
    );
    expect(rest.attachments.map((a) => a.file_name)).toEqual(["one.txt", "two.txt", "three.txt"]);
  });

  it("DELETE /api/v2/uploads/{token} removes an upload", async () => {
    const sim = await startSim({ seed: { tickets: 1 } });
    const zendesk = ticketsClient(sim);
    const { token } = await zendesk.uploadFiles([{ name: "x.txt", data: NOTES }]);
    const deleted = await zendesk.DELETE("/api/v2/uploads/{token}", { params: { path: { token } } });
    expect(deleted.response.status).toBe(204);
    const again = await zendesk.DELETE("/api/v2/uploads/{token}", { params: { path: { token } } });
    expect(again.response.status).toBe(404);
  });
});
