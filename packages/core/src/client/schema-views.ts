// Types only: the response and request views of a package's generated schemas.
import type { Readable, Writable } from "openapi-typescript-helpers";

/** Each schema as a response carries it: read-only properties present, write-only ones absent. */
export type ResponseSchemas<Schemas> = { [K in keyof Schemas]: Readable<Schemas[K]> };

/** Each schema as a request body takes it: read-only properties absent. */
export type RequestSchemas<Schemas> = { [K in keyof Schemas]: Writable<Schemas[K]> };
