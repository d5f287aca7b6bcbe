import type { UploadFilesError } from "./upload-error.js";

/**
 * Whether `value` is the `UploadFilesError` of an `uploadFiles` call that stopped part way. The class itself loads
 * with `uploadFiles`, on first use, so it is told by its name (which also works across realms and copies).
 */
export const isUploadFilesError = (value: unknown): value is UploadFilesError =>
  (value instanceof Error || Object.prototype.toString.call(value) === "[object Error]") &&
  (value as Error).name === "UploadFilesError";
