// `bulkHelpers`: a client's bulk helpers, built from the `bulk` metadata the spec declares. This part is small
// and loaded with the client; the engine (run.ts) is loaded on the first call of any helper.
import type { ZendeskClient } from "../../client/types.js";
import type { OperationsMeta } from "../../meta/operation-meta.js";
import type { BulkHelpers } from "./helper-types.js";
import type { BulkPlan } from "./run.js";
import type { BulkClient, BulkResult } from "./types.js";

type Engine = typeof import("./run.js");
let engine: Promise<Engine> | undefined;
const load = (): Promise<Engine> => {
  // A chunk that failed to load (a network blip in a browser) is tried again on the next call.
  engine ??= import("./run.js").catch((error: unknown) => {
    engine = undefined;
    throw error;
  });
  return engine;
};

/**
 * One helper per operation that declares `bulk` metadata (`x-zenfetch-bulk` in the spec), bound to `client`:
 * `createMany(items, options?)`, `destroyMany(ids, options?)`, `bulkRecords(action, items, options)`… Each
 * sends any number of items in batches of the endpoint's size, keeps up to `concurrency` jobs in flight (3 by
 * default, never more than Zendesk's 30), waits out `TooManyJobs`, waits for every job and resolves to one
 * `BulkResult` per item in input order; a failed job rejects with `BulkJobFailedError`, anything else after a
 * job was created with `BulkIncompleteError`, both with every item's result.
 *
 * ```ts
 * const client = createZendeskClient<paths, typeof operations>({ ...options, operations });
 * const zendesk = Object.assign(client, bulkHelpers(client, operations));
 * const results = await zendesk.createMany(tickets, { concurrency: 5 });
 * ```
 */
export function bulkHelpers<Paths extends object, Ops extends OperationsMeta>(
  // Typed as a client for `Paths` to be read from it; the engine uses only what `BulkClient` names.
  client: ZendeskClient<Paths>,
  operations: Ops,
): BulkHelpers<Paths, Ops> {
  const forms = new Map<string, BulkPlan[]>();
  for (const [key, meta] of Object.entries(operations)) {
    const space = key.indexOf(" ");
    for (const bulk of meta.bulk ?? []) {
      const plan = { method: key.slice(0, space), path: key.slice(space + 1), meta: bulk };
      forms.set(bulk.helper, [...(forms.get(bulk.helper) ?? []), plan]);
    }
  }
  const helpers: Record<string, (...args: unknown[]) => Promise<BulkResult[]>> = {};
  for (const [name, plans] of forms) {
    helpers[name] = async (...args) => (await load()).runHelper(client as unknown as BulkClient, name, plans, args);
  }
  return helpers as BulkHelpers<Paths, Ops>;
}
