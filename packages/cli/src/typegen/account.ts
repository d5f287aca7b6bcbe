// Reads the account model through the domain packages' own clients: one client, one rate limiter.
import { createZendeskClient, unwrap } from "@zenfetch/core";
import { customObjects } from "@zenfetch/custom-objects";
import { organizations } from "@zenfetch/organizations";
import { ticketFields } from "@zenfetch/ticket-fields";
import { users } from "@zenfetch/users";
import type { Connection } from "../connection.js";
import {
  type AccountModel,
  type ApiField,
  type CustomObjectModel,
  keyedFieldModels,
  sortObjects,
  ticketFieldModels,
} from "./model.js";

export interface ReadAccountOptions {
  /** Stops the reads: the returned promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * The account's custom ticket, user and organization fields and its custom objects with their fields, as the
 * model `zenfetch typegen` renders. Lists are paged through with each client's `paginate`.
 */
export async function readAccountModel(
  connection: Connection,
  options: ReadAccountOptions = {},
): Promise<AccountModel> {
  const client = createZendeskClient({
    ...connection,
    domains: [ticketFields, users, organizations, customObjects],
  });
  const init = options.signal ? { signal: options.signal } : {};
  const all = async (items: AsyncIterable<ApiField>) => {
    const list: ApiField[] = [];
    for await (const item of items) list.push(item);
    return list;
  };
  const [ticket, user, organization, objectList] = await Promise.all([
    all(client.paginate("/api/v2/ticket_fields", init)),
    all(client.paginate("/api/v2/user_fields", init)),
    all(client.paginate("/api/v2/organization_fields", init)),
    client.GET("/api/v2/custom_objects", init).then((result) => unwrap(result).custom_objects),
  ]);
  const objects: CustomObjectModel[] = [];
  for (const object of objectList) {
    const { custom_object_fields } = unwrap(
      await client.GET("/api/v2/custom_objects/{custom_object_key}/fields", {
        ...init,
        params: { path: { custom_object_key: object.key } },
      }),
    );
    objects.push({ key: object.key, title: object.title, fields: keyedFieldModels(custom_object_fields) });
  }
  return {
    ticket: ticketFieldModels(ticket),
    user: keyedFieldModels(user),
    organization: keyedFieldModels(organization),
    objects: sortObjects(objects),
  };
}
