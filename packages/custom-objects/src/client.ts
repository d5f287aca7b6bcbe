import { bulkHelpers, createDomainClient, withHelpers, type ZendeskClientOptions } from "@zenfetch/core";
import { domain } from "./generated/domain.js";
import { createRecordsClient, type RecordsClient, segment } from "./records.js";
import type { BaseClient, CustomObjectFieldMaps, CustomObjectsBulk, FieldsOf } from "./types.js";

/** Core's options: `subdomain` or `baseUrl`, `auth`, `retry`, `timeoutMs`, `fetch`, `limiter`… */
export type CustomObjectsClientOptions = ZendeskClientOptions;

/** Object keys you declared, while any other string is still accepted (and loosely typed). */
type ObjectKey<Objects> = (keyof Objects & string) | (string & Record<never, never>);

/**
 * A custom-objects client: every endpoint as a typed call on its literal path,
 * plus `records(key)`, the record helpers typed by the field map you declared
 * for `key` (loosely typed for a key you did not declare).
 */
export type CustomObjectsClient<Objects extends CustomObjectFieldMaps<Objects> = Record<never, never>> = BaseClient &
  CustomObjectsBulk &
  CustomObjectsHelpers<Objects>;

/**
 * What the custom-objects package adds to a client (under `client.customObjects` on a multi-domain client,
 * beside the spec's bulk helper `bulkRecords`): `records(key)`.
 */
export interface CustomObjectsHelpers<Objects extends CustomObjectFieldMaps<Objects> = Record<never, never>> {
  records<Key extends ObjectKey<Objects>>(key: Key): RecordsClient<FieldsOf<Objects, Key>>;
}

function helpers<Objects extends CustomObjectFieldMaps<Objects>>(client: BaseClient): CustomObjectsHelpers<Objects> {
  // The same helper core puts on the client, made here for records(key).bulk: on a multi-domain client the
  // client given here is the shared one, without the domain's helpers on it.
  const { bulkRecords } = bulkHelpers(client, domain.operations);
  const records = (key: string) => createRecordsClient(client, bulkRecords, segment("records", "key", key));
  return { records } as unknown as CustomObjectsHelpers<Objects>;
}

/**
 * The custom-objects domain typed by your field maps, for a client shared with other domains:
 * `createZendeskClient({ subdomain, auth, domains: [tickets, customObjectsOf<{ order: { amount: number } }>()] })`,
 * then `client.customObjects.records("order")`.
 */
export const customObjectsOf = <Objects extends CustomObjectFieldMaps<Objects> = Record<never, never>>() =>
  withHelpers(domain, helpers<Objects>);

/** The custom-objects domain with records loosely typed; `customObjectsOf<YourMaps>()` types them. */
export const customObjects = customObjectsOf();

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
  return createDomainClient(customObjectsOf<Objects>(), options);
}
