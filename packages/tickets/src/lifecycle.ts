// The tickets client's helpers for deleted, suspended and problem tickets and the scoped ticket lists. Each loads its code on first use, so that
// an app that does not call it does not carry it.
import type { BulkOptions, BulkResult, CustomFieldMaps, DomainClient } from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type { LifecycleBatchOptions, RecoverSuspendedResult, RestoreResult } from "./lifecycle-types.js";
import type { Ticket } from "./types.js";

/** What the tickets client adds for deleted, suspended and problem tickets and the scoped ticket lists. */
export interface LifecycleHelpers {
  /** Brings back one soft-deleted ticket. Rejects with a `ZendeskError` (404 when it is not a deleted ticket). */
  restore(ticketId: number, options?: { signal?: AbortSignal }): Promise<void>;
  /**
   * Brings back any number of soft-deleted tickets, 100 a request. Resolves to one result per id, in input order:
   * `restored`, or the `error` that refused its request (Zendesk restores a request's tickets all or none).
   */
  restoreMany(ids: readonly number[], options?: LifecycleBatchOptions): Promise<RestoreResult[]>;
  /**
   * Erases soft-deleted tickets for good: one background job per 100 ids, each waited for, and one result per id
   * in input order (`success`, or `error` and `details`). This cannot be undone. Zendesk only erases tickets
   * that are already deleted (Delete Ticket, `destroyMany`): any other ticket is a failed result, not erased.
   */
  destroyPermanently(ids: readonly number[], options?: BulkOptions<number>): Promise<BulkResult<number>[]>;
  /**
   * Makes a ticket of one suspended message and resolves to it; the caller becomes its requester. Rejects with a
   * `ZendeskError` (422 when Zendesk refuses to recover it, 404 when there is no such suspended ticket).
   */
  recoverSuspended<F extends CustomFieldMaps = CustomFieldMaps>(
    id: number,
    options?: { signal?: AbortSignal },
  ): Promise<Ticket<F>>;
  /**
   * Recovers any number of suspended messages, 100 a request, keeping each one's original requester. Resolves to
   * one result per id, in input order: `recovered` (with its `ticket` when Zendesk returned it), or the `reason`.
   */
  recoverSuspendedMany<F extends CustomFieldMaps = CustomFieldMaps>(
    ids: readonly number[],
    options?: LifecycleBatchOptions,
  ): Promise<RecoverSuspendedResult<F>[]>;
  /**
   * Deletes any number of suspended messages for good, 100 a request. Rejects with the first refusal's
   * `ZendeskError`; the batches before it are deleted.
   */
  destroySuspendedMany(ids: readonly number[], options?: LifecycleBatchOptions): Promise<void>;
}

type Run = typeof import("./lifecycle-run.js");
let run: Promise<Run> | undefined;
const load = (): Promise<Run> => {
  run ??= import("./lifecycle-run.js");
  return run;
};

export function lifecycleHelpers(client: DomainClient<paths, typeof operations>): LifecycleHelpers {
  return {
    restore: async (id, options) => (await load()).restore(client, id, options),
    restoreMany: async (ids, options) => (await load()).restoreMany(client, ids, options),
    destroyPermanently: async (ids, options) => (await load()).destroyPermanently(client, ids, options),
    recoverSuspended: async (id, options) => (await load()).recoverSuspended(client, id, options),
    recoverSuspendedMany: async (ids, options) => (await load()).recoverSuspendedMany(client, ids, options),
    destroySuspendedMany: async (ids, options) => (await load()).destroySuspendedMany(client, ids, options),
  };
}
