// A binary request body takes bytes, never an object that would go out as JSON.
import { createTicketsClient, type UploadFile } from "@zenfetch/tickets";
import { expectTypeOf, test } from "vitest";

const zendesk = createTicketsClient({ subdomain: "acme", auth: { oauthToken: "token" } });
const query = { params: { query: { filename: "a.png" } } };

test("POST /api/v2/uploads takes a Blob, a Uint8Array, an ArrayBuffer or a stream", () => {
  void zendesk.POST("/api/v2/uploads", { ...query, body: new Blob(["x"], { type: "image/png" }) });
  void zendesk.POST("/api/v2/uploads", { ...query, body: new Uint8Array(4) });
  void zendesk.POST("/api/v2/uploads", { ...query, body: new ArrayBuffer(4) });
  void zendesk.POST("/api/v2/uploads", { ...query, body: new ReadableStream<Uint8Array>() });
});

test("and refuses a plain object, a string, or no file name", () => {
  // @ts-expect-error an object is not a file's bytes
  void zendesk.POST("/api/v2/uploads", { ...query, body: { data: "x" } });
  // @ts-expect-error a string is not a file's bytes
  void zendesk.POST("/api/v2/uploads", { ...query, body: "x" });
  // @ts-expect-error filename is required
  void zendesk.POST("/api/v2/uploads", { params: { query: {} }, body: new Uint8Array(4) });
});

test("uploadFiles takes Files or named bytes, and resolves to a token for a comment's uploads", async () => {
  const files: UploadFile[] = [
    new File(["x"], "a.txt"),
    { name: "b.png", data: new Uint8Array(1), contentType: "image/png" },
  ];
  const { token, attachments } = await zendesk.uploadFiles(files);
  expectTypeOf(token).toEqualTypeOf<string>();
  expectTypeOf(attachments[0]?.content_url).toEqualTypeOf<string | undefined>();
  void zendesk.POST("/api/v2/tickets", { body: { ticket: { comment: { body: "x", uploads: [token] } } } });
  // @ts-expect-error a file needs a name
  void zendesk.uploadFiles([{ data: new Uint8Array(1) }]);
});
