/** The ticket fields, forms, custom statuses, form statuses and lookup relationships routes in the contract scenario: each hand-written route is requested and its answer validated. */
import { expect } from "vitest";
import { type DomainContract, get, type Step } from "./step.js";

// Seeded: system fields 4001…4008, custom fields 5001 (Plan, a dropdown), 5002 (Order number), 5003 (VIP, a
// checkbox), 5004 (Renewal date), 5005 (Products, a multi-select); form 7501 (the default); statuses 8001…8005
// (one per category, the defaults), 8101 and 8102 (active) and 8103 (inactive).
const saved = { fieldId: 0, optionId: 0, formId: 0, cloneId: 0, statusId: 0, formStatusId: "", otherFormStatusId: "" };

const steps: Step[] = [
  // Ticket fields
  get({
    name: "list ticket fields (whole list)",
    path: "/api/v2/ticket_fields?include=users&creator=true",
    after: (b) => {
      expect(b.ticket_fields.some((f: { id: number }) => f.id === 5001)).toBe(true);
      expect(b.users).toHaveLength(1);
    },
  }),
  get({ name: "list ticket fields (cursor)", path: "/api/v2/ticket_fields?page[size]=3" }),
  get({ name: "list ticket fields: bad page size", path: "/api/v2/ticket_fields?page[size]=500", status: 400 }),
  get({ name: "list ticket fields: no credentials", path: "/api/v2/ticket_fields", auth: false, status: 401 }),
  get({ name: "count ticket fields", path: "/api/v2/ticket_fields/count" }),
  get(
    {
      name: "create a dropdown field",
      path: "/api/v2/ticket_fields",
      status: 201,
      body: {
        ticket_field: {
          type: "tagger",
          title: "Region",
          custom_field_options: [
            { name: "Europe", value: "region_eu" },
            { name: "Americas", value: "region_am" },
          ],
        },
      },
      after: (b) => (saved.fieldId = b.ticket_field.id),
    },
    "POST",
  ),
  get(
    {
      name: "create a field: dropdown without options",
      path: "/api/v2/ticket_fields",
      status: 422,
      body: { ticket_field: { type: "tagger", title: "Empty" } },
    },
    "POST",
  ),
  get({ name: "create a field: no body", path: "/api/v2/ticket_fields", status: 400, body: {} }, "POST"),
  get({ name: "show a ticket field", path: () => `/api/v2/ticket_fields/${saved.fieldId}?creator=true` }),
  get({ name: "show a ticket field: missing", path: "/api/v2/ticket_fields/999999", status: 404 }),
  get(
    {
      name: "update a ticket field",
      path: () => `/api/v2/ticket_fields/${saved.fieldId}`,
      body: { ticket_field: { title: "Sales region", required: true } },
      after: (b) => expect(b.ticket_field.title).toBe("Sales region"),
    },
    "PUT",
  ),
  get(
    {
      name: "update a ticket field: change the type",
      path: () => `/api/v2/ticket_fields/${saved.fieldId}`,
      status: 422,
      body: { ticket_field: { type: "text" } },
    },
    "PUT",
  ),
  get(
    {
      name: "reorder ticket fields",
      path: "/api/v2/ticket_fields/reorder",
      body: () => ({ ticket_field_ids: [saved.fieldId, 5001] }),
    },
    "PUT",
  ),
  get({ name: "list a field's options (offset)", path: () => `/api/v2/ticket_fields/${saved.fieldId}/options` }),
  get({ name: "list a field's options (cursor)", path: "/api/v2/ticket_fields/5005/options?page[size]=2" }),
  get(
    {
      name: "add a field option",
      path: () => `/api/v2/ticket_fields/${saved.fieldId}/options`,
      status: 201,
      body: { custom_field_option: { name: "Asia", value: "region_as" } },
      after: (b) => (saved.optionId = b.custom_field_option.id),
    },
    "POST",
  ),
  get(
    {
      name: "rename a field option",
      path: () => `/api/v2/ticket_fields/${saved.fieldId}/options`,
      status: 200,
      body: () => ({ custom_field_option: { id: saved.optionId, name: "Asia Pacific", value: "region_apac" } }),
    },
    "POST",
  ),
  get(
    {
      name: "add a field option: value taken",
      path: () => `/api/v2/ticket_fields/${saved.fieldId}/options`,
      status: 422,
      body: { custom_field_option: { name: "Again", value: "region_eu" } },
    },
    "POST",
  ),
  get({
    name: "show a field option",
    path: () => `/api/v2/ticket_fields/${saved.fieldId}/options/${saved.optionId}`,
    after: (b) => expect(b.custom_field_option.value).toBe("region_apac"),
  }),
  get({ name: "show a field option: missing", path: "/api/v2/ticket_fields/5001/options/999999", status: 404 }),
  get(
    {
      name: "delete a field option",
      path: () => `/api/v2/ticket_fields/${saved.fieldId}/options/${saved.optionId}`,
      status: 204,
    },
    "DELETE",
  ),

  // Ticket forms
  get({ name: "list ticket forms", path: "/api/v2/ticket_forms?active=true" }),
  get(
    {
      name: "create a ticket form",
      path: "/api/v2/ticket_forms",
      status: 201,
      body: () => ({ ticket_form: { name: "Returns", end_user_visible: true, ticket_field_ids: [4001, 4002, 5001] } }),
      after: (b) => (saved.formId = b.ticket_form.id),
    },
    "POST",
  ),
  get(
    {
      name: "create a ticket form: unknown field",
      path: "/api/v2/ticket_forms",
      status: 422,
      body: { ticket_form: { name: "Broken", ticket_field_ids: [999999] } },
    },
    "POST",
  ),
  get({ name: "show a ticket form", path: () => `/api/v2/ticket_forms/${saved.formId}` }),
  get({ name: "show a ticket form: missing", path: "/api/v2/ticket_forms/999999", status: 404 }),
  get({
    name: "show many ticket forms",
    path: () => `/api/v2/ticket_forms/show_many?ids=7501,${saved.formId}`,
    after: (b) => expect(b.ticket_forms).toHaveLength(2),
  }),
  get(
    {
      name: "update a ticket form",
      path: () => `/api/v2/ticket_forms/${saved.formId}`,
      body: { ticket_form: { display_name: "Send something back" } },
    },
    "PUT",
  ),
  get(
    {
      name: "clone a ticket form",
      path: () => `/api/v2/ticket_forms/${saved.formId}/clone`,
      body: { prepend_clone_title: true },
      after: (b) => {
        saved.cloneId = b.ticket_form.id;
        expect(b.ticket_form.name).toBe("Clone of Returns");
      },
    },
    "POST",
  ),
  get(
    {
      name: "reorder ticket forms",
      path: "/api/v2/ticket_forms/reorder",
      body: () => ({ ticket_form_ids: [saved.formId, 7501] }),
    },
    "PUT",
  ),
  get({ name: "delete the default form", path: "/api/v2/ticket_forms/7501", status: 422 }, "DELETE"),
  get({ name: "delete a ticket form", path: () => `/api/v2/ticket_forms/${saved.cloneId}`, status: 204 }, "DELETE"),

  // Custom statuses
  get({ name: "list custom statuses", path: "/api/v2/custom_statuses?status_categories=open,pending&active=true" }),
  get({
    name: "list custom statuses: bad category",
    path: "/api/v2/custom_statuses?status_categories=lost",
    status: 400,
  }),
  get(
    {
      name: "create a custom status",
      path: "/api/v2/custom_statuses",
      status: 201,
      body: { custom_status: { status_category: "hold", agent_label: "Waiting on a part" } },
      after: (b) => (saved.statusId = b.custom_status.id),
    },
    "POST",
  ),
  get(
    {
      name: "create a custom status: no label",
      path: "/api/v2/custom_statuses",
      status: 422,
      body: { custom_status: { status_category: "hold" } },
    },
    "POST",
  ),
  get({ name: "show a custom status", path: () => `/api/v2/custom_statuses/${saved.statusId}` }),
  get({ name: "show a custom status: missing", path: "/api/v2/custom_statuses/999999", status: 404 }),
  get(
    {
      name: "update a custom status",
      path: () => `/api/v2/custom_statuses/${saved.statusId}`,
      body: { custom_status: { end_user_label: "On its way" } },
    },
    "PUT",
  ),
  get(
    {
      name: "update a custom status: deactivate a default",
      path: "/api/v2/custom_statuses/8002",
      status: 422,
      body: { custom_status: { active: false } },
    },
    "PUT",
  ),
  get(
    { name: "set default statuses", path: "/api/v2/custom_status/default", body: () => ({ ids: `${saved.statusId}` }) },
    "PUT",
  ),
  get(
    {
      name: "set default statuses: inactive one",
      path: "/api/v2/custom_status/default",
      status: 422,
      body: { ids: "8103" },
    },
    "PUT",
  ),

  // Ticket form statuses
  get({
    name: "list a form's statuses",
    path: "/api/v2/ticket_forms/7501/ticket_form_statuses",
    after: (b) => expect(b.ticket_form_statuses.length).toBeGreaterThan(4),
  }),
  get(
    {
      name: "allow statuses on a form",
      path: () => `/api/v2/ticket_forms/${saved.formId}/ticket_form_statuses`,
      body: { ticket_form_status: [{ custom_status_id: 8001 }, { custom_status_id: 8002 }] },
      after: (b) => {
        saved.formStatusId = b.ticket_form_statuses[0].id;
        saved.otherFormStatusId = b.ticket_form_statuses[1].id;
      },
    },
    "POST",
  ),
  get(
    {
      name: "allow statuses on a form: unknown status",
      path: () => `/api/v2/ticket_forms/${saved.formId}/ticket_form_statuses`,
      status: 422,
      body: { ticket_form_status: [{ custom_status_id: 999999 }] },
    },
    "POST",
  ),
  get(
    {
      name: "allow a status on forms",
      path: () => `/api/v2/custom_statuses/${saved.statusId}/ticket_form_statuses`,
      body: () => ({ ticket_form_status: [{ ticket_form_id: saved.formId }] }),
    },
    "POST",
  ),
  get(
    {
      name: "change a form's statuses",
      path: () => `/api/v2/ticket_forms/${saved.formId}/ticket_form_statuses`,
      body: () => ({
        ticket_form_status: [{ id: saved.otherFormStatusId, custom_status_id: 8101 }, { custom_status_id: 8003 }],
      }),
    },
    "PUT",
  ),
  get(
    {
      name: "change one form status",
      path: () => `/api/v2/ticket_forms/${saved.formId}/ticket_form_statuses/${saved.formStatusId}`,
      body: { ticket_form_status: { custom_status_id: 8102 } },
    },
    "PUT",
  ),
  get({ name: "list ticket form statuses", path: "/api/v2/ticket_form_statuses" }),
  get({
    name: "show many ticket form statuses",
    path: () => `/api/v2/ticket_form_statuses/show_many?ids=${saved.formStatusId},${saved.otherFormStatusId}`,
    after: (b) => expect(b.ticket_form_statuses).toHaveLength(2),
  }),
  get(
    {
      name: "remove one form status",
      path: () => `/api/v2/ticket_forms/${saved.formId}/ticket_form_statuses/${saved.formStatusId}`,
      status: 204,
    },
    "DELETE",
  ),
  get(
    {
      name: "remove form statuses",
      path: () => `/api/v2/ticket_forms/${saved.formId}/ticket_form_statuses`,
      status: 204,
      body: () => ({ id: [saved.otherFormStatusId] }),
    },
    "DELETE",
  ),
  get(
    {
      name: "remove one form status: missing",
      path: "/api/v2/ticket_forms/7501/ticket_form_statuses/nope",
      status: 404,
    },
    "DELETE",
  ),

  // A ticket moved by custom status
  get(
    {
      name: "set a ticket's custom status",
      path: "/api/v2/tickets/3",
      body: { ticket: { custom_status_id: 8101 } },
      after: (b) => {
        expect(b.ticket.custom_status_id).toBe(8101);
        expect(b.ticket.status).toBe("open");
      },
    },
    "PUT",
  ),
  get(
    {
      name: "set a ticket's custom status: inactive",
      path: "/api/v2/tickets/3",
      status: 422,
      body: { ticket: { custom_status_id: 8103 } },
    },
    "PUT",
  ),

  // Cleanup
  get({ name: "delete a system field", path: "/api/v2/ticket_fields/4001", status: 422 }, "DELETE"),
  get({ name: "delete a ticket field", path: () => `/api/v2/ticket_fields/${saved.fieldId}`, status: 204 }, "DELETE"),
];

export const contract: DomainContract = {
  steps,
  samples: {
    ticket_field_id: "5005",
    ticket_field_option_id: "1",
    ticket_form_id: "7501",
    custom_status_id: "8101",
    ticket_form_status_id: "01TFS00000001",
  },
  pagingQueries: {
    "/api/v2/ticket_forms/show_many": "ids=7501",
    "/api/v2/ticket_form_statuses/show_many": "ids=01TFS00000001",
  },
};
