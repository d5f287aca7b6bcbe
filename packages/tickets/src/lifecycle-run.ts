// The lifecycle helpers' code, loaded on the first call of one of them (lifecycle.ts).
import {
  type BulkOptions,
  type BulkResult,
  bulkHelpers,
  type CustomFieldMaps,
  callInit,
  type DomainClient,
  errorFromResponse,
  unwrap,
} from "@zenfetch/core";
import type { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import type {
  LifecycleBatchOptions,
  RecoverSuspendedResult,
  RestoreResult,
  SuspendedTicket,
} from "./lifecycle-types.js";
import type { Ticket } from "./types.js";

type Client = DomainClient<paths, typeof operations>;

/** Zendesk's most ids in one restore_many, recover_many or destroy_many request. */
const MAX_BATCH = 100;

function checkIds(helper: string, ids: readonly number[]): void {
  if (!Array.isArray(ids)) throw new TypeError(`${helper}: \`ids\` must be an array of ids`);
  for (const id of ids) {
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id <= 0) {
      throw new TypeError(
        `${helper}: every id must be a positive whole number; got ${JSON.stringify(id) ?? String(id)}`,
      );
    }
  }
}

function batchesOf(helper: string, ids: readonly number[], options: LifecycleBatchOptions): number[][] {
  checkIds(helper, ids);
  const size = options.batchSize ?? MAX_BATCH;
  if (!Number.isInteger(size) || size < 1 || size > MAX_BATCH) {
    throw new TypeError(`${helper}: \`batchSize\` must be a whole number from 1 to ${MAX_BATCH}; got ${String(size)}`);
  }
  const out: number[][] = [];
  for (let start = 0; start < ids.length; start += size) out.push(ids.slice(start, start + size));
  return out;
}

export async function restore(client: Client, ticketId: number, options: { signal?: AbortSignal } = {}): Promise<void> {
  checkIds("restore", [ticketId]);
  unwrap(
    await client.PUT("/api/v2/deleted_tickets/{ticket_id}/restore", {
      params: { path: { ticket_id: ticketId } },
      ...callInit({ signal: options.signal }),
    }),
  );
}

export async function restoreMany(
  client: Client,
  ids: readonly number[],
  options: LifecycleBatchOptions = {},
): Promise<RestoreResult[]> {
  const results: RestoreResult[] = [];
  for (const batch of batchesOf("restoreMany", ids, options)) {
    options.signal?.throwIfAborted();
    const result = await client.PUT("/api/v2/deleted_tickets/restore_many", {
      params: { query: { ids: batch.join(",") } },
      ...callInit({ signal: options.signal }),
    });
    if (result.response.ok) {
      for (const id of batch) results.push({ id, restored: true });
    } else {
      const error = errorFromResponse(result.response, result.error);
      for (const id of batch) results.push({ id, restored: false, error });
    }
  }
  return results;
}

export async function destroyPermanently(
  client: Client,
  ids: readonly number[],
  options?: BulkOptions<number>,
): Promise<BulkResult<number>[]> {
  checkIds("destroyPermanently", ids);
  // The operation's bulk metadata as the client holds it (a multi-domain client's merged map has it too).
  const key = "DELETE /api/v2/deleted_tickets/destroy_many";
  return bulkHelpers(client, { [key]: client.operations[key] }).destroyPermanently(ids, options);
}

export async function recoverSuspended<F extends CustomFieldMaps>(
  client: Client,
  id: number,
  options: { signal?: AbortSignal } = {},
): Promise<Ticket<F>> {
  checkIds("recoverSuspended", [id]);
  const { ticket } = unwrap(
    await client.PUT("/api/v2/suspended_tickets/{id}/recover", {
      params: { path: { id } },
      ...callInit({ signal: options.signal }),
    }),
  );
  const [made] = ticket;
  if (!made) throw new Error(`recoverSuspended: Zendesk answered without the ticket made from ${id}`);
  return made as unknown as Ticket<F>;
}

/** Zendesk's words for why a message was not recovered. */
function reasonOf(suspended: SuspendedTicket): string {
  const words = (suspended.error_messages ?? []).map((message) => message.description ?? message.error).filter(Boolean);
  return words.length > 0 ? words.join("; ") : `Not recovered (${suspended.cause})`;
}

export async function recoverSuspendedMany<F extends CustomFieldMaps>(
  client: Client,
  ids: readonly number[],
  options: LifecycleBatchOptions = {},
): Promise<RecoverSuspendedResult<F>[]> {
  const results: RecoverSuspendedResult<F>[] = [];
  for (const batch of batchesOf("recoverSuspendedMany", ids, options)) {
    options.signal?.throwIfAborted();
    const result = await client.PUT("/api/v2/suspended_tickets/recover_many", {
      params: { query: { ids: batch.join(",") } },
      ...callInit({ signal: options.signal }),
    });
    if (result.response.ok && result.data) {
      // A ticket does not name the message it came from: they are paired by position, and only when Zendesk
      // returned one ticket per id.
      const tickets = result.data.tickets.length === batch.length ? result.data.tickets : [];
      batch.forEach((id, index) => {
        const ticket = tickets[index];
        results.push(ticket ? { id, recovered: true, ticket: ticket as never } : { id, recovered: true });
      });
      continue;
    }
    const failures = result.response.status === 422 ? failuresOf(result.error) : undefined;
    if (failures) {
      const byId = new Map(failures.map((suspended) => [suspended.id, suspended]));
      for (const id of batch) {
        const suspended = byId.get(id);
        results.push(
          suspended
            ? { id, recovered: false, reason: reasonOf(suspended), suspendedTicket: suspended }
            : { id, recovered: true },
        );
      }
      continue;
    }
    const error = errorFromResponse(result.response, result.error);
    for (const id of batch) {
      results.push({ id, recovered: false, reason: error instanceof Error ? error.message : String(error), error });
    }
  }
  return results;
}

function failuresOf(body: unknown): SuspendedTicket[] | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const list = (body as { suspended_tickets?: unknown }).suspended_tickets;
  return Array.isArray(list) ? (list as SuspendedTicket[]) : undefined;
}

export async function destroySuspendedMany(
  client: Client,
  ids: readonly number[],
  options: LifecycleBatchOptions = {},
): Promise<void> {
  for (const batch of batchesOf("destroySuspendedMany", ids, options)) {
    options.signal?.throwIfAborted();
    unwrap(
      await client.DELETE("/api/v2/suspended_tickets/destroy_many", {
        params: { query: { ids: batch.join(",") } },
        ...callInit({ signal: options.signal }),
      }),
    );
  }
}
