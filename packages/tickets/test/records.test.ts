// The records helpers on nock: createWithFiles and commentWithFiles upload, then write with the upload's token;
// a failed write keeps the token; downloadAttachment keeps the account's credentials on the account's host.
import nock from "nock";
import { describe, expect, it } from "vitest";
import {
  isTicketWithFilesError,
  isUploadFilesError,
  isValidationError,
  type TicketWithFilesError,
} from "../src/index.js";
import { BASE, testClient, useNock } from "./helpers.js";

useNock();

const FILES_HOST = "https://files.zdusercontent.test";

function upload(token: string, names: string[]) {
  return {
    upload: {
      token,
      attachments: names.map((name, i) => ({
        id: 100 + i,
        url: `${BASE}/api/v2/attachments/${100 + i}.json`,
        file_name: name,
        content_url: `${BASE}/attachments/token/k${i}/?name=${name}`,
        mapped_content_url: `${BASE}/attachments/token/k${i}/?name=${name}`,
        content_type: "text/plain",
        size: 3,
        width: null,
        height: null,
        inline: false,
        deleted: false,
        thumbnails: [],
      })),
    },
  };
}

const TICKET = { ticket: { id: 42, subject: "With files", status: "new" } };

/** Records the order of requests as `METHOD path`. */
function log(scope: nock.Scope, order: string[]): nock.Scope {
  scope.on("request", (req: { method: string; path: string }) => order.push(`${req.method} ${req.path.split("?")[0]}`));
  return scope;
}

describe("createWithFiles", () => {
  it("uploads every file into one upload, then creates the ticket with the token on its comment", async () => {
    const order: string[] = [];
    let created: unknown;
    log(
      nock(BASE)
        .post("/api/v2/uploads")
        .query({ filename: "a.txt" })
        .reply(201, upload("tok1", ["a.txt"]))
        .post("/api/v2/uploads")
        .query({ filename: "b.txt", token: "tok1" })
        .reply(201, upload("tok1", ["a.txt", "b.txt"]))
        .post("/api/v2/tickets", (body) => {
          created = body;
          return true;
        })
        .reply(201, TICKET),
      order,
    );
    const result = await testClient().createWithFiles({ subject: "With files", comment: { body: "See both." } }, [
      { name: "a.txt", data: new TextEncoder().encode("aaa") },
      { name: "b.txt", data: new TextEncoder().encode("bbb") },
    ]);
    expect(result.ticket.id).toBe(42);
    expect(order).toEqual(["POST /api/v2/uploads", "POST /api/v2/uploads", "POST /api/v2/tickets"]);
    expect(created).toEqual({ ticket: { subject: "With files", comment: { body: "See both.", uploads: ["tok1"] } } });
    expect(nock.isDone()).toBe(true);
  });

  it("keeps uploads already on the comment beside the new token", async () => {
    let created: { ticket: { comment: { uploads: string[] } } } | undefined;
    nock(BASE)
      .post("/api/v2/uploads")
      .query(true)
      .reply(201, upload("tok2", ["a.txt"]))
      .post("/api/v2/tickets", (body) => {
        created = body;
        return true;
      })
      .reply(201, TICKET);
    await testClient().createWithFiles({ comment: { body: "x", uploads: ["earlier"] } }, [
      { name: "a.txt", data: new Uint8Array(1) },
    ]);
    expect(created?.ticket.comment.uploads).toEqual(["earlier", "tok2"]);
  });

  it("a failed create rejects with the upload's token and attachments, and the cause", async () => {
    nock(BASE)
      .post("/api/v2/uploads")
      .query(true)
      .reply(201, upload("tok3", ["a.txt"]))
      .post("/api/v2/tickets")
      .reply(422, { error: "RecordInvalid", description: "Record validation errors", details: { base: [] } });
    const error = await testClient()
      .createWithFiles({ comment: { body: "x" } }, [{ name: "a.txt", data: new Uint8Array(1) }])
      .catch((e: unknown) => e);
    expect(isTicketWithFilesError(error)).toBe(true);
    const failed = error as TicketWithFilesError;
    expect(failed.token).toBe("tok3");
    expect(failed.attachments.map((a) => a.file_name)).toEqual(["a.txt"]);
    expect(failed.message).toContain('uploads: ["tok3"]');
    expect(isValidationError(failed.cause)).toBe(true);
  });

  it("a failed upload creates nothing and says which files went up", async () => {
    nock(BASE)
      .post("/api/v2/uploads")
      .query({ filename: "a.txt" })
      .reply(201, upload("tok4", ["a.txt"]))
      .post("/api/v2/uploads")
      .query(true)
      .reply(422, { error: "RecordInvalid", description: "Too big" });
    const error = await testClient()
      .createWithFiles({ comment: { body: "x" } }, [
        { name: "a.txt", data: new Uint8Array(1) },
        { name: "b.txt", data: new Uint8Array(1) },
      ])
      .catch((e: unknown) => e);
    expect(isUploadFilesError(error)).toBe(true);
    expect(isTicketWithFilesError(error)).toBe(false);
    expect(error).toMatchObject({ token: "tok4", uploaded: ["a.txt"], failed: "b.txt" });
    // No create was attempted: nock would have refused an unexpected POST /api/v2/tickets anyway.
    expect(nock.isDone()).toBe(true);
  });
});

describe("commentWithFiles", () => {
  it("updates the ticket with a comment carrying the token", async () => {
    let sent: unknown;
    nock(BASE)
      .post("/api/v2/uploads")
      .query(true)
      .reply(201, upload("tok5", ["log.txt"]))
      .put("/api/v2/tickets/7", (body) => {
        sent = body;
        return true;
      })
      .reply(200, { ticket: { id: 7, subject: "s", status: "open" } });
    const result = await testClient().commentWithFiles(7, { body: "Logs attached.", public: false }, [
      { name: "log.txt", data: new Uint8Array(2) },
    ]);
    expect(result.ticket.id).toBe(7);
    expect(sent).toEqual({ ticket: { comment: { body: "Logs attached.", public: false, uploads: ["tok5"] } } });
  });

  it("a failed update keeps the token", async () => {
    nock(BASE)
      .post("/api/v2/uploads")
      .query(true)
      .reply(201, upload("tok6", ["log.txt"]))
      .put("/api/v2/tickets/7")
      .reply(404, { error: "RecordNotFound", description: "Not found" });
    const error = await testClient()
      .commentWithFiles(7, { body: "x" }, [{ name: "log.txt", data: new Uint8Array(2) }])
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "TicketWithFilesError", token: "tok6" });
  });
});

describe("downloadAttachment", () => {
  it("sends the credentials to the account's host, and none to the file host it redirects to", async () => {
    const seen: Record<string, string | undefined> = {};
    nock(BASE)
      .get("/attachments/token/k0/")
      .query({ name: "a.txt" })
      .reply(function () {
        seen.account = this.req.headers.authorization as string | undefined;
        return [302, "", { Location: `${FILES_HOST}/blob/k0?sig=abc` }];
      });
    nock(FILES_HOST)
      .get("/blob/k0")
      .query({ sig: "abc" })
      .reply(function () {
        seen.files = (this.req.headers.authorization as string | undefined) ?? "none";
        return [200, "aaa", { "Content-Type": "text/plain" }];
      });
    const response = await testClient().downloadAttachment({ content_url: `${BASE}/attachments/token/k0/?name=a.txt` });
    expect(await response.text()).toBe("aaa");
    expect(seen.account).toMatch(/^Basic /);
    expect(seen.files).toBe("none");
  });

  it("fetches a content_url on another origin without credentials", async () => {
    let authorization: string | undefined = "not called";
    nock(FILES_HOST)
      .get("/direct/1")
      .reply(function () {
        authorization = this.req.headers.authorization as string | undefined;
        return [200, Buffer.from([1, 2, 3])];
      });
    const response = await testClient().downloadAttachment({ content_url: `${FILES_HOST}/direct/1` });
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect(authorization).toBeUndefined();
  });

  it("looks an attachment up by id first, and rejects a failed download", async () => {
    nock(BASE)
      .get("/api/v2/attachments/100")
      .reply(200, { attachment: upload("t", ["a.txt"]).upload.attachments[0] })
      .get("/attachments/token/k0/")
      .query(true)
      .reply(404, { error: "InvalidEndpoint", description: "Not found" });
    const error = await testClient()
      .downloadAttachment(100)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "NotFoundError", status: 404 });
  });
});

describe("redactAttachment", () => {
  it("calls the comment attachment redaction and resolves to the attachment", async () => {
    const attachment = { ...upload("t", ["redacted.txt"]).upload.attachments[0], id: 9 };
    nock(BASE).put("/api/v2/tickets/1/comments/2/attachments/9/redact").reply(200, { attachment });
    const result = await testClient().redactAttachment(1, 2, 9);
    expect(result.file_name).toBe("redacted.txt");
  });
});
