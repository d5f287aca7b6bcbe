/** Uploads: `POST /api/v2/uploads` (a file's raw bytes) and `DELETE /api/v2/uploads/{token}`. */
import { badRequest, notFound } from "../errors.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import type { RequestContext } from "../types.js";
import { uploadJson } from "../uploads.js";
import { missingParameter } from "./common.js";

export function registerUploadRoutes(router: Router): void {
  router.add("POST", "/api/v2/uploads", uploadFile).add("DELETE", "/api/v2/uploads/{token}", deleteUpload);
}

function uploadFile(ctx: RequestContext): Reply {
  const filename = ctx.query.get("filename");
  if (!filename) return missingParameter("filename");
  const token = ctx.query.get("token") ?? undefined;
  const contentType = String(ctx.headers["content-type"] ?? "application/octet-stream")
    .split(";")[0]
    ?.trim();
  const store = ctx.sim.store;
  const added = store.uploads.add(
    token,
    { name: filename, contentType: contentType || "application/octet-stream", bytes: ctx.bytes, origin: ctx.origin },
    store.now(),
  );
  if (!added) return badRequest("InvalidValue", "Parameter token is not an open upload");
  return json(201, uploadJson(store.uploads, added.upload, added.file));
}

function deleteUpload(ctx: RequestContext): Reply {
  const token = ctx.params.token ?? "";
  return ctx.sim.store.uploads.delete(token, ctx.sim.store.now()) ? noContent() : notFound();
}
