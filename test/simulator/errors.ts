/** Zendesk's error bodies: the classic `{error, description, details}` and the newer `{errors: [...]}` list. */
import { json, type Reply } from "./reply.js";

export interface ValidationDetail {
  description: string;
  error: string;
}

export type ValidationDetails = Record<string, ValidationDetail[]>;

export const unauthorized = (): Reply =>
  json(401, { error: "Couldn't authenticate you" }, { "WWW-Authenticate": 'Basic realm="Web Password"' });

export const forbidden = (): Reply =>
  json(403, { error: "Forbidden", description: "You are not allowed to do this with these credentials" });

export const notFound = (): Reply => json(404, { error: "RecordNotFound", description: "Not found" });

export const invalidEndpoint = (): Reply => json(404, { error: "InvalidEndpoint", description: "Not found" });

export const badRequest = (error: string, description: string): Reply => json(400, { error, description });

export const recordInvalid = (details: ValidationDetails): Reply =>
  json(422, { error: "RecordInvalid", description: "Record validation errors", details });

export const conflict = (error: string, description: string): Reply => json(409, { error, description });

/** One validation detail: `field("subject", "BlankValue", "Subject: cannot be blank")`. */
export function detail(details: ValidationDetails, field: string, error: string, description: string): void {
  const list = details[field] ?? [];
  list.push({ description, error });
  details[field] = list;
}

export function hasDetails(details: ValidationDetails): boolean {
  return Object.keys(details).length > 0;
}

/** The custom objects API's error list. */
export function errorList(status: number, code: string, title: string, detail: string): Reply {
  return json(status, { errors: [{ code, detail, status: String(status), title }] });
}

export const customObjectNotFound = (what: string): Reply =>
  errorList(404, "RecordNotFound", "Not Found", `${what} not found`);

export const customObjectInvalid = (detail: string): Reply =>
  errorList(422, "RecordInvalid", "Unprocessable Entity", detail);

export const customObjectBadRequest = (detail: string): Reply =>
  errorList(400, "InvalidParameter", "Bad Request", detail);

/** Bodies used when a fault or a limit answers instead of a route, by status. */
export function statusBody(status: number): unknown {
  switch (status) {
    case 400:
      return { error: "BadRequest", description: "The request could not be understood" };
    case 401:
      return { error: "Couldn't authenticate you" };
    case 403:
      return { error: "Forbidden", description: "You are not allowed to do this with these credentials" };
    case 404:
      return { error: "RecordNotFound", description: "Not found" };
    case 409:
      return { error: "Conflict", description: "The record changed while the request was processed" };
    case 422:
      return { error: "RecordInvalid", description: "Record validation errors" };
    case 429:
      return { error: "APIRateLimitExceeded", description: "Too many requests; wait for Retry-After seconds" };
    case 500:
      return { error: "InternalServerError", description: "Something went wrong on our side" };
    case 502:
      return { error: "BadGateway", description: "An upstream server did not answer properly" };
    case 503:
      return { error: "ServiceUnavailable", description: "The service is temporarily unavailable; try again later" };
    case 504:
      return { error: "GatewayTimeout", description: "An upstream server took too long to answer" };
    default:
      return { error: "Error", description: `HTTP ${status}` };
  }
}

const REASONS: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Temporarily Unavailable",
  504: "Gateway Time-out",
};

/** The bare HTML page a reverse proxy sends when the application behind it is unwell. */
export function nginxPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? "Error"}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}
