// The tickets client's helpers for attachments, redactions, metrics, email notifications and satisfaction. Each loads its code on first use, so that
// an app that does not call it does not carry it.
import type { DomainClient } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** What the tickets client adds for attachments, redactions, metrics, email notifications and satisfaction. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the helpers are written
export type RecordsHelpers = {};

export function recordsHelpers(_client: DomainClient<paths, typeof operations>): RecordsHelpers {
  return {};
}
