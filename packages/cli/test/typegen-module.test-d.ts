// The module typegen writes, used with the packages' generics: typed access, and wrong values refused.
import { createZendeskClient, ticketField, unwrap } from "@zenfetch/core";
import { createCustomObjectsClient, customObjectsOf } from "@zenfetch/custom-objects";
import { createOrganizationsClient } from "@zenfetch/organizations";
import { ticketFields } from "@zenfetch/ticket-fields";
import { type CustomFieldMaps, createTicketsClient, tickets } from "@zenfetch/tickets";
import { createUsersClient } from "@zenfetch/users";
import { expectTypeOf, test } from "vitest";
import {
  type AccountFields,
  organizationFieldKeys,
  type TicketFieldsByTitle,
  ticketFieldIds,
  ticketFieldNames,
  userFieldTitles,
} from "./fixtures/typegen/account-fields.js";

const options = { subdomain: "lumen", auth: { oauthToken: "t" } };

test("AccountFields is a CustomFieldMaps", () => {
  expectTypeOf<AccountFields>().toExtend<CustomFieldMaps>();
});

test("tickets: custom_fields read and written by the generated types", async () => {
  const zendesk = createTicketsClient<AccountFields>(options);
  const { ticket } = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 1 } } }));
  expectTypeOf(ticketField(ticket, ticketFieldIds["Order number"])).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(ticketField(ticket, 7105)).toEqualTypeOf<number | null | undefined>();
  expectTypeOf(ticketField(ticket, 7107)).toEqualTypeOf<boolean | null | undefined>();
  expectTypeOf(ticketField(ticket, ticketFieldIds.Tier)).toEqualTypeOf<
    "tier_gold" | "tier_silver" | null | undefined
  >();
  expectTypeOf(ticketField(ticket, 7110)).toEqualTypeOf<("android" | "ios" | "web")[] | null | undefined>();
  expectTypeOf(ticketFieldNames[7101]).toEqualTypeOf<"Order number">();

  await zendesk.PUT("/api/v2/tickets/{ticket_id}", {
    params: { path: { ticket_id: 1 } },
    body: {
      ticket: {
        custom_fields: [
          { id: ticketFieldIds.Seats, value: 3 },
          { id: ticketFieldIds.Tier, value: "tier_gold" },
          { id: ticketFieldIds.Platforms, value: ["ios", "web"] },
          { id: ticketFieldIds["Due on"], value: "2026-04-01" },
        ],
      },
    },
  });
  await zendesk.PUT("/api/v2/tickets/{ticket_id}", {
    params: { path: { ticket_id: 1 } },
    // @ts-expect-error Seats is an integer field: a number, not text
    body: { ticket: { custom_fields: [{ id: ticketFieldIds.Seats, value: "3" }] } },
  });
  await zendesk.PUT("/api/v2/tickets/{ticket_id}", {
    params: { path: { ticket_id: 1 } },
    // @ts-expect-error "tier_bronze" is not an option of Tier
    body: { ticket: { custom_fields: [{ id: ticketFieldIds.Tier, value: "tier_bronze" }] } },
  });
});

test("users and organizations: fields by key", async () => {
  const users = createUsersClient<AccountFields>(options);
  const me = await users.me();
  expectTypeOf(me.user_fields.plan).toEqualTypeOf<"plan_basic" | "plan_pro" | null | undefined>();
  expectTypeOf(me.user_fields["1st_contact"]).toEqualTypeOf<string | null | undefined>();
  expectTypeOf(userFieldTitles.seats).toEqualTypeOf<"Seats">();
  await users.createMany([{ name: "Ann", user_fields: { plan: "plan_pro", seats: 4 } }]);
  // @ts-expect-error seats is an integer field
  await users.createMany([{ name: "Ann", user_fields: { seats: "4" } }]);

  const organizations = createOrganizationsClient<AccountFields>(options);
  const { data } = await organizations.GET("/api/v2/organizations/{organization_id}", {
    params: { path: { organization_id: 1 } },
  });
  expectTypeOf(data?.organization.organization_fields?.[organizationFieldKeys['Region "main"']]).toEqualTypeOf<
    "eu" | "us" | null | undefined
  >();
  await organizations.PUT("/api/v2/organizations/{organization_id}", {
    params: { path: { organization_id: 1 } },
    // @ts-expect-error "apac" is not an option of region
    body: { organization: { organization_fields: { region: "apac" } } },
  });
});

test("custom objects: records typed by object key", async () => {
  const zendesk = createCustomObjectsClient<AccountFields["objects"]>(options);
  const shipments = zendesk.records("shipment");
  const shipment = await shipments.get("01HQ");
  expectTypeOf(shipment.custom_object_fields.weight).toEqualTypeOf<number | null | undefined>();
  expectTypeOf(shipment.custom_object_fields.carrier).toEqualTypeOf<"dhl" | "ups" | null | undefined>();
  expectTypeOf(shipment.custom_object_fields.labels).toEqualTypeOf<("fragile" | "heavy")[] | null | undefined>();
  await shipments.create({ name: "S-1", custom_object_fields: { carrier: "dhl", delivered: false } });
  // @ts-expect-error weight is a decimal field
  await shipments.create({ name: "S-1", custom_object_fields: { weight: "2.5" } });
  // @ts-expect-error "fedex" is not a carrier option
  await shipments.update("01HQ", { custom_object_fields: { carrier: "fedex" } });

  const shared = createZendeskClient({ ...options, domains: [customObjectsOf<AccountFields["objects"]>()] });
  const record = await shared.customObjects.records("shipment").get("01HQ");
  expectTypeOf(record.custom_object_fields.delivered).toEqualTypeOf<boolean | null | undefined>();
});

test("ticket fields by title, for fieldsByName", async () => {
  const zendesk = createZendeskClient({ ...options, domains: [tickets, ticketFields] });
  const fields = await zendesk.ticketFields.fieldsByName<TicketFieldsByTitle>({ names: ["Tier", "Seats"] });
  fields.write({ Tier: "tier_silver", Seats: 2 });
  // @ts-expect-error a title two fields share is not in the map
  fields.write({ Notes: "x" });
  // @ts-expect-error Seats takes a number
  fields.write({ Seats: "2" });
});
