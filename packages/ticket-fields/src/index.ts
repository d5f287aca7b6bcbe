// Everything a user needs is exported from here, core's runtime included, so
// that `@zenfetch/ticket-fields` is the only package to install.

// The runtime, from core: the client factory, errors and their guards, unwrap, paging and job types, the limiter.
export * from "@zenfetch/core";
export {
  createTicketFieldsClient,
  type TicketFieldsClient,
  type TicketFieldsClientOptions,
  ticketFields,
} from "./client.js";
export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
