import { safeUrl } from "../http/redact.js";
import type { PaginationResume } from "../paging/resume.js";

/** One entry of the `{ errors: [...] }` body that Zendesk's newer APIs send. */
export interface ZendeskErrorItem {
  code?: string;
  title?: string;
  detail?: string;
  status?: string | number;
  source?: { pointer?: string; parameter?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** One field's problem in a 422, from `details` or from the `{ errors: [...] }` body. */
export interface FieldError {
  field: string;
  error?: string;
  description?: string;
}

export interface ZendeskErrorInit {
  status?: number;
  method?: string;
  url?: string;
  /** Zendesk's error code, e.g. `RecordNotFound`, `RecordInvalid`. */
  error?: string;
  description?: string;
  details?: Record<string, unknown>;
  errors?: ZendeskErrorItem[];
  requestId?: string;
  cause?: unknown;
}

/**
 * The base of every error the runtime throws: HTTP errors (with `status`),
 * connection problems, pagination and job failures. Holds no Request or
 * Response, no headers and no credentials, so it can be logged as it is.
 */
export class ZendeskError extends Error {
  override name = "ZendeskError";
  /** The HTTP status, when a response came back. */
  readonly status: number | undefined;
  readonly method: string | undefined;
  /** The request URL, without userinfo. */
  readonly url: string | undefined;
  /** Zendesk's error code from the body (`error`, or the first `errors[].code`). */
  readonly error: string | undefined;
  /** Zendesk's description (`description`, or the first `errors[].detail`). */
  readonly description: string | undefined;
  /** Zendesk's `details` (for a 422: field → list of problems). */
  readonly details: Record<string, unknown> | undefined;
  /** The `errors` array of the newer `{ errors: [{ code, title, detail, status }] }` bodies. */
  readonly errors: ZendeskErrorItem[] | undefined;
  /** The `x-zendesk-request-id` response header: quote it to Zendesk support. */
  readonly requestId: string | undefined;
  /** Set on errors thrown by `paginate`: pass it back as `paginate(path, { ...init, resume })` to carry on. */
  resume?: PaginationResume;

  constructor(message: string, init: ZendeskErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.method = init.method;
    this.url = init.url === undefined ? undefined : safeUrl(init.url);
    this.error = init.error;
    this.description = init.description;
    this.details = init.details;
    this.errors = init.errors;
    this.requestId = init.requestId;
  }

  /**
   * What `JSON.stringify` writes, whatever `details` holds: cycles are cut and nesting is bounded; should
   * anything else inside fail to serialise (a BigInt, a getter that throws), the name and the message still
   * come through.
   */
  toJSON(): Record<string, unknown> {
    const head = { name: this.name, message: this.message };
    // The objects above the value at hand: its holder and the holder's own parents.
    const parents: unknown[] = [];
    try {
      return JSON.parse(
        JSON.stringify({ ...head, ...this }, function (_key, value: unknown) {
          if (typeof value !== "object" || value === null) return value;
          parents.length = parents.indexOf(this) + 1;
          if (parents.includes(value)) return "[Circular]";
          if (parents.length > 10) return "[…]";
          parents.push(value);
          return value;
        }),
      );
    } catch {
      return head;
    }
  }
}
