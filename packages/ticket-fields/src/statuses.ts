// Custom statuses by name and a form's allowed statuses: loaded on the first call of one of these helpers.
import { unwrap } from "@zenfetch/core";
import { cached, type HelperCache } from "./cache.js";
import { CustomStatusNameError } from "./errors.js";
import type { CustomStatus, CustomStatusLookup, CustomStatusUpdate, TicketFieldsBase } from "./types.js";

async function fetchStatuses(client: TicketFieldsBase): Promise<CustomStatus[]> {
  return unwrap(await client.GET("/api/v2/custom_statuses")).custom_statuses;
}

const normalize = (label: string) => label.trim().toLowerCase();

function makeLookup(client: TicketFieldsBase, first: CustomStatus[]): CustomStatusLookup {
  let statuses = first;
  let refreshing: Promise<void> | undefined;
  const known = () =>
    statuses
      .filter((status) => status.active)
      .map((status) => status.agent_label)
      .sort();
  const lookup: CustomStatusLookup = {
    get statuses() {
      return statuses;
    },
    find(name) {
      const found =
        typeof name === "number"
          ? statuses.filter((status) => status.id === name)
          : statuses.filter((status) => normalize(status.agent_label) === normalize(name));
      const list = known()
        .map((label) => JSON.stringify(label))
        .join(", ");
      if (found.length === 0) {
        const what = typeof name === "number" ? `with id ${name}` : `labelled ${JSON.stringify(name)}`;
        throw new CustomStatusNameError(`No custom status ${what}; the active ones are: ${list}`, name, known());
      }
      if (found.length > 1) {
        const ids = found.map((status) => `${status.id} (${status.status_category})`).join(", ");
        throw new CustomStatusNameError(
          `${found.length} custom statuses are labelled ${JSON.stringify(name)}: ${ids}; pass the id instead`,
          name,
          known(),
        );
      }
      return found[0] as CustomStatus;
    },
    update(name): CustomStatusUpdate {
      const status = lookup.find(name);
      if (!status.active) {
        throw new CustomStatusNameError(
          `Custom status ${JSON.stringify(status.agent_label)} (id ${status.id}) is inactive: Zendesk refuses it on a ticket. Activate it first or use one of: ${known()
            .map((label) => JSON.stringify(label))
            .join(", ")}`,
          name,
          known(),
        );
      }
      return { custom_status_id: status.id };
    },
    refresh() {
      refreshing ??= fetchStatuses(client)
        .then((fresh) => {
          statuses = fresh;
        })
        .finally(() => {
          refreshing = undefined;
        });
      return refreshing;
    },
  };
  return lookup;
}

/** The client's custom status lookup, built on the first call from one fetch of the account's statuses. */
export function customStatuses(client: TicketFieldsBase, cache: HelperCache): Promise<CustomStatusLookup> {
  return cached(cache, "statuses", async () => makeLookup(client, await fetchStatuses(client)));
}

export async function statusByName(
  client: TicketFieldsBase,
  cache: HelperCache,
  name: string | number,
): Promise<CustomStatusUpdate> {
  return (await customStatuses(client, cache)).update(name);
}

/** The custom statuses a form allows, in the order Zendesk lists them. */
export async function formStatuses(
  client: TicketFieldsBase,
  cache: HelperCache,
  ticketFormId: number,
): Promise<CustomStatus[]> {
  const [response, lookup] = await Promise.all([
    client.GET("/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses", {
      params: { path: { ticket_form_id: ticketFormId } },
    }),
    customStatuses(client, cache),
  ]);
  const ids = unwrap(response).ticket_form_statuses.map((row) => row.custom_status_id);
  // A status made since the statuses were fetched: fetch them again once.
  if (ids.some((id) => !lookup.statuses.some((status) => status.id === id))) await lookup.refresh();
  return ids.flatMap((id) => lookup.statuses.filter((status) => status.id === id));
}
