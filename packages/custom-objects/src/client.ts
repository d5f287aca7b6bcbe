import { createZendeskClient, type ZendeskClient, type ZendeskClientOptions } from "@zenfetch/core";
import { operations } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { createRecordsClient, type RecordsClient, segment } from "./records.js";
import type { CustomObjectFieldMaps, FieldsOf } from "./types.js";

/** The core client on the custom-objects paths: `GET`, `POST`… on literal paths, `paginate`, `waitForJob`. */
export type BaseClient = ZendeskClient<paths, typeof operations>;

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type CustomObjectsClientOptions = ZendeskClientOptions;

/** Object keys you declared, while any other string is still accepted (and loosely typed). */
type ObjectKey<Objects> = (keyof Objects & string) | (string & Record<never, never>);

/**
 * A custom-objects client: every endpoint as a typed call on its literal path,
 * plus `records(key)`, the record helpers typed by the field map you declared
 * for `key` (loosely typed for a key you did not declare).
 */
export type CustomObjectsClient<Objects extends CustomObjectFieldMaps<Objects> = Record<never, never>> = BaseClient & {
  records<Key extends ObjectKey<Objects>>(key: Key): RecordsClient<FieldsOf<Objects, Key>>;
};

/**
 * ```ts
 * const zendesk = createCustomObjectsClient<{ order: { amount: number; sku: string } }>({
 *   subdomain: "acme",
 *   auth: { email: "agent@acme.com", apiToken: process.env.ZENDESK_API_TOKEN! },
 * });
 * const order = await zendesk.records("order").create({ name: "A-1", custom_object_fields: { amount: 1, sku: "A" } });
 * ```
 *
 * `Objects` maps each object key to its field map (field key → value type); it
 * is trusted, not checked at run time. Options are core's (`ZendeskClientOptions`).
 */
export function createCustomObjectsClient<Objects extends CustomObjectFieldMaps<Objects> = Record<never, never>>(
  options: CustomObjectsClientOptions,
): CustomObjectsClient<Objects> {
  const client = createZendeskClient<paths, typeof operations>({ ...options, operations });
  const records = (key: string) => createRecordsClient(client, segment("records", "key", key));
  return Object.assign(client, { records }) as unknown as CustomObjectsClient<Objects>;
}
