// The tickets client's helpers for deleted, suspended and problem tickets and the scoped ticket lists. Each loads its code on first use, so that
// an app that does not call it does not carry it.
import type { DomainClient } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";

/** What the tickets client adds for deleted, suspended and problem tickets and the scoped ticket lists. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the helpers are written
export type LifecycleHelpers = {};

export function lifecycleHelpers(_client: DomainClient<paths, typeof operations>): LifecycleHelpers {
  return {};
}
