import { describe, expect, test } from "vitest";
import type { Document } from "../src/bundle.js";
import { collectOperations } from "../src/operations.js";
import { generateTypes } from "../src/types.js";

/** A document with one POST per entry: path → its request body's `content`. */
function doc(bodies: Record<string, unknown>): Document {
  const paths: Record<string, unknown> = {};
  for (const [route, content] of Object.entries(bodies)) {
    paths[route] = {
      post: {
        operationId: `Post${Object.keys(paths).length}`,
        requestBody: { required: true, content },
        responses: { "201": { description: "Done." } },
      },
    };
  }
  return { openapi: "3.1.0", info: { title: "t", version: "1" }, paths } as unknown as Document;
}

const binary = { schema: { type: "string", format: "binary" } };

describe("request bodies that are not JSON", () => {
  test("bytes and forms are recorded with their media type; JSON bodies are not", () => {
    const { operations, problems } = collectOperations(
      doc({
        "/uploads": { "*/*": binary },
        "/images": { "image/png": binary },
        "/photo": {
          "multipart/form-data": { schema: { type: "object", properties: { file: binary.schema } } },
        },
        "/tickets": { "application/json": { schema: { type: "object", properties: { a: { type: "string" } } } } },
        "/both": {
          "application/json": { schema: { type: "object", properties: { a: { type: "string" } } } },
          "multipart/form-data": { schema: { type: "object", properties: { file: binary.schema } } },
        },
      }),
      "specs/dist/demo.yaml",
    );
    expect(problems).toEqual([]);
    expect(operations).toEqual({
      "POST /uploads": { body: { media: "*/*", kind: "bytes" } },
      "POST /images": { body: { media: "image/png", kind: "bytes" } },
      "POST /photo": { body: { media: "multipart/form-data", kind: "multipart" } },
    });
  });

  test("a media type the runtime cannot send is a problem at its pointer", () => {
    const { problems } = collectOperations(
      doc({ "/text": { "text/plain": { schema: { type: "string" } } } }),
      "specs/dist/demo.yaml",
    );
    expect(problems).toEqual([
      expect.objectContaining({
        pointer: "#/paths/~1text/post/requestBody/content",
        message: expect.stringMatching(/text\/plain/),
      }),
    ]);
  });

  test("a binary schema is typed as bytes, a form's file field as a Blob", async () => {
    const types = await generateTypes(
      doc({
        "/uploads": { "application/octet-stream": binary },
        "/photo": {
          "multipart/form-data": {
            schema: {
              type: "object",
              required: ["file"],
              properties: { file: binary.schema, note: { type: "string" } },
            },
          },
        },
      }),
      "demo",
    );
    expect(types).toContain(
      '"application/octet-stream": Blob | ArrayBuffer | Uint8Array | ReadableStream<Uint8Array>;',
    );
    expect(types).toMatch(/"multipart\/form-data": \{\s+(?:\/\*\*[^*]*\*\/\s+)?file: Blob;\s+note\?: string;/);
  });
});
