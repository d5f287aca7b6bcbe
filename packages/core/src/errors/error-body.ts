import type { FieldError, ZendeskErrorInit, ZendeskErrorItem } from "./zendesk-error.js";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);

/** Reads Zendesk's error body in its shapes: `{ error, description, details }`, `{ error: { title, message } }`, `{ errors: [...] }`, text. */
export function parseErrorBody(body: unknown): Pick<ZendeskErrorInit, "error" | "description" | "details" | "errors"> {
  if (!isRecord(body)) return {};
  const out: Pick<ZendeskErrorInit, "error" | "description" | "details" | "errors"> = {};
  if (typeof body.error === "string") out.error = body.error;
  else if (isRecord(body.error)) {
    out.error = str(body.error.title) ?? str(body.error.code);
    out.description = str(body.error.message) ?? str(body.error.detail);
  }
  out.description = str(body.description) ?? out.description;
  if (isRecord(body.details)) out.details = body.details;
  if (Array.isArray(body.errors)) {
    const errors = body.errors.filter(isRecord) as ZendeskErrorItem[];
    out.errors = errors;
    const first = errors[0];
    if (first) {
      out.error ??= str(first.code) ?? str(first.title);
      out.description ??= str(first.detail) ?? str(first.title);
    }
  }
  if (out.error === undefined && typeof body.message === "string") out.description ??= body.message;
  return out;
}

/** Each field's problem, from `details` or the `{ errors: [...] }` body. */
export function fieldErrors(init: ZendeskErrorInit): FieldError[] {
  const out: FieldError[] = [];
  for (const [field, problems] of Object.entries(init.details ?? {})) {
    for (const problem of Array.isArray(problems) ? problems : [problems]) {
      if (isRecord(problem)) out.push({ field, error: str(problem.error), description: str(problem.description) });
      else if (typeof problem === "string") out.push({ field, description: problem });
    }
  }
  for (const item of init.errors ?? []) {
    const field = str(item.source?.pointer) ?? str(item.source?.parameter) ?? "";
    out.push({ field, error: str(item.code), description: str(item.detail) ?? str(item.title) });
  }
  return out;
}
