/**
 * A small hand-written API in openapi-typescript's shape, with an operations
 * map, covering each pagination style, an idempotent create and a rate-limited
 * export. The tests use it instead of the domain packages' generated files.
 */

type JsonContent<T> = { headers: { [name: string]: unknown }; content: { "application/json": T } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };

export interface components {
  schemas: {
    Error: {
      error?: string | { title?: string; message?: string };
      description?: string;
      details?: { [key: string]: { description?: string; error?: string }[] };
    };
    Ticket: { id: number; subject: string | null; status: "new" | "open" | "pending" | "hold" | "solved" | "closed" };
    User: { id: number; name: string; email?: string | null };
    Group: { id: number; name: string };
    CustomObjectRecord: { id: string; name: string; custom_object_fields: { [key: string]: string | number | null } };
    CursorMeta: { has_more: boolean; after_cursor: string | null; before_cursor: string | null };
    CursorLinks: { next: string | null; prev: string | null };
  };
}
type S = components["schemas"];
type Errors = { 401: JsonContent<S["Error"]>; 404: JsonContent<S["Error"]>; 429: JsonContent<S["Error"]> };

export interface paths {
  "/api/v2/tickets": {
    parameters: NoParams;
    get: operations["ListTickets"];
    put?: never;
    post: operations["CreateTicket"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/tickets/{ticket_id}": {
    parameters: NoParams;
    get: operations["ShowTicket"];
    put: operations["UpdateTicket"];
    post?: never;
    delete: operations["DeleteTicket"];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/users": {
    parameters: NoParams;
    get: operations["ListUsers"];
    put?: never;
    post: operations["CreateUser"];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/groups": {
    parameters: NoParams;
    get: operations["ListGroups"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/incremental/tickets": {
    parameters: NoParams;
    get: operations["IncrementalTicketExport"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/incremental/tickets/cursor": {
    parameters: NoParams;
    get: operations["IncrementalTicketExportCursor"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/custom_objects/{custom_object_key}/records": {
    parameters: NoParams;
    get: operations["ListCustomObjectRecords"];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  "/api/v2/custom_objects/{custom_object_key}/records/{custom_object_record_id}": {
    parameters: NoParams;
    get?: never;
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch: operations["UpdateCustomObjectRecord"];
    trace?: never;
  };
}

export interface operations {
  ListTickets: {
    parameters: {
      query?: { "page[size]"?: number; "page[after]"?: string; page?: number; per_page?: number; sort?: string };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: JsonContent<{
        tickets: S["Ticket"][];
        meta?: S["CursorMeta"];
        links?: S["CursorLinks"];
        next_page?: string | null;
        previous_page?: string | null;
        count?: number;
      }>;
    } & Errors;
  };
  CreateTicket: {
    parameters: { query?: never; header?: { "Idempotency-Key"?: string }; path?: never; cookie?: never };
    requestBody: { content: { "application/json": { ticket: { subject: string; comment: { body: string } } } } };
    responses: { 201: JsonContent<{ ticket: S["Ticket"] }>; 422: JsonContent<S["Error"]> } & Errors;
  };
  ShowTicket: {
    parameters: { query?: never; header?: never; path: { ticket_id: number }; cookie?: never };
    requestBody?: never;
    responses: { 200: JsonContent<{ ticket: S["Ticket"] }> } & Errors;
  };
  UpdateTicket: {
    parameters: { query?: never; header?: never; path: { ticket_id: number }; cookie?: never };
    requestBody: { content: { "application/json": { ticket: { subject?: string; status?: S["Ticket"]["status"] } } } };
    responses: { 200: JsonContent<{ ticket: S["Ticket"] }>; 422: JsonContent<S["Error"]> } & Errors;
  };
  DeleteTicket: {
    parameters: { query?: never; header?: never; path: { ticket_id: number }; cookie?: never };
    requestBody?: never;
    responses: { 204: { headers: { [name: string]: unknown }; content?: never } } & Errors;
  };
  ListUsers: {
    parameters: {
      query?: { "page[size]"?: number; "page[after]"?: string; role?: string };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: { 200: JsonContent<{ users: S["User"][]; meta: S["CursorMeta"]; links: S["CursorLinks"] }> } & Errors;
  };
  CreateUser: {
    parameters: NoParams;
    requestBody: { content: { "application/json": { user: { name: string; email: string } } } };
    responses: { 201: JsonContent<{ user: S["User"] }>; 422: JsonContent<S["Error"]> } & Errors;
  };
  ListGroups: {
    parameters: { query?: { page?: number; per_page?: number }; header?: never; path?: never; cookie?: never };
    requestBody?: never;
    responses: {
      200: JsonContent<{ groups: S["Group"][]; next_page: string | null; previous_page: string | null; count: number }>;
    } & Errors;
  };
  IncrementalTicketExport: {
    parameters: {
      query: { start_time: number; per_page?: number; include?: string };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: JsonContent<{
        tickets: S["Ticket"][];
        next_page: string | null;
        end_time: number;
        end_of_stream: boolean;
        count: number;
      }>;
    } & Errors;
  };
  IncrementalTicketExportCursor: {
    parameters: {
      query?: { start_time?: number; cursor?: string; per_page?: number };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: JsonContent<{
        tickets: S["Ticket"][];
        after_cursor: string | null;
        after_url: string | null;
        before_cursor: string | null;
        before_url: string | null;
        end_of_stream: boolean;
      }>;
    } & Errors;
  };
  ListCustomObjectRecords: {
    parameters: {
      query?: { "page[size]"?: number; "page[after]"?: string };
      header?: never;
      path: { custom_object_key: string };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      200: JsonContent<{
        custom_object_records: S["CustomObjectRecord"][];
        meta: S["CursorMeta"];
        links: S["CursorLinks"];
      }>;
    } & Errors;
  };
  UpdateCustomObjectRecord: {
    parameters: {
      query?: never;
      header?: never;
      path: { custom_object_key: string; custom_object_record_id: string };
      cookie?: never;
    };
    requestBody: { content: { "application/json": { custom_object_record: { name?: string } } } };
    responses: { 200: JsonContent<{ custom_object_record: S["CustomObjectRecord"] }> } & Errors;
  };
}

export const operations = {
  "GET /api/v2/tickets": { pagination: { style: "cursor-or-offset", items: "tickets" } },
  "POST /api/v2/tickets": { idempotencyKey: true },
  "GET /api/v2/tickets/{ticket_id}": {},
  "PUT /api/v2/tickets/{ticket_id}": {},
  "DELETE /api/v2/tickets/{ticket_id}": {},
  "GET /api/v2/users": { pagination: { style: "cursor", items: "users" } },
  "POST /api/v2/users": {},
  "GET /api/v2/groups": { pagination: { style: "offset", items: "groups" } },
  "GET /api/v2/incremental/tickets": {
    pagination: { style: "incremental-time", items: "tickets" },
    rateLimit: { limit: 10, windowSeconds: 60 },
  },
  "GET /api/v2/incremental/tickets/cursor": {
    pagination: { style: "incremental-cursor", items: "tickets" },
    rateLimit: { limit: 10, windowSeconds: 60 },
  },
  "GET /api/v2/custom_objects/{custom_object_key}/records": {
    pagination: { style: "cursor", items: "custom_object_records" },
  },
  "PATCH /api/v2/custom_objects/{custom_object_key}/records/{custom_object_record_id}": {},
} as const;

export type Ticket = components["schemas"]["Ticket"];
export type User = components["schemas"]["User"];
export type CustomObjectRecord = components["schemas"]["CustomObjectRecord"];
