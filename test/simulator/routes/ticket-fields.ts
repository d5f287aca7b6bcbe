/**
 * Ticket fields and their options, ticket forms, custom statuses and ticket form statuses over the store's
 * ticket-fields state (ticket-fields-state.ts). The lookup relationship lists are left to the generic layer.
 */
import { isoSeconds } from "../clock.js";
import { badRequest, detail, hasDetails, notFound, recordInvalid, type ValidationDetails } from "../errors.js";
import { arraySource, cursorPage, isReply, offsetPage, readPageRequest } from "../pagination.js";
import { userJson } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import {
  type CustomStatusRow,
  type StatusCategory,
  type TicketFieldOptionRow,
  type TicketFieldRow,
  type TicketFieldsState,
  type TicketFormRow,
  type TicketFormStatusRow,
  ticketFieldsOf,
} from "../ticket-fields-state.js";
import type { RequestContext } from "../types.js";
import { arrayProperty, intParam, missingParameter, objectProperty } from "./common.js";

export function registerTicketFieldRoutes(router: Router): void {
  router
    .add("GET", "/api/v2/ticket_fields", listFields)
    .add("POST", "/api/v2/ticket_fields", createField)
    .add("GET", "/api/v2/ticket_fields/count", (ctx) =>
      json(200, { count: { value: state(ctx).fields.size, refreshed_at: null } }),
    )
    .add("PUT", "/api/v2/ticket_fields/reorder", reorderFields)
    .add("GET", "/api/v2/ticket_fields/{ticket_field_id}", showField)
    .add("PUT", "/api/v2/ticket_fields/{ticket_field_id}", updateField)
    .add("DELETE", "/api/v2/ticket_fields/{ticket_field_id}", deleteField)
    .add("GET", "/api/v2/ticket_fields/{ticket_field_id}/options", listOptions)
    .add("POST", "/api/v2/ticket_fields/{ticket_field_id}/options", upsertOption)
    .add("GET", "/api/v2/ticket_fields/{ticket_field_id}/options/{ticket_field_option_id}", showOption)
    .add("DELETE", "/api/v2/ticket_fields/{ticket_field_id}/options/{ticket_field_option_id}", deleteOption)
    .add("GET", "/api/v2/ticket_forms", (ctx) => formsReply(ctx, filterForms(ctx, state(ctx).formList())))
    .add("POST", "/api/v2/ticket_forms", createForm)
    .add("PUT", "/api/v2/ticket_forms/reorder", reorderForms)
    .add("GET", "/api/v2/ticket_forms/show_many", showManyForms)
    .add("GET", "/api/v2/ticket_forms/{ticket_form_id}", showForm)
    .add("PUT", "/api/v2/ticket_forms/{ticket_form_id}", updateForm)
    .add("DELETE", "/api/v2/ticket_forms/{ticket_form_id}", deleteForm)
    .add("POST", "/api/v2/ticket_forms/{ticket_form_id}/clone", cloneForm)
    .add("GET", "/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses", listFormStatuses)
    .add("POST", "/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses", addFormStatuses)
    .add("PUT", "/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses", updateFormStatuses)
    .add("DELETE", "/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses", deleteFormStatuses)
    .add("PUT", "/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses/{ticket_form_status_id}", updateFormStatus)
    .add(
      "DELETE",
      "/api/v2/ticket_forms/{ticket_form_id}/ticket_form_statuses/{ticket_form_status_id}",
      deleteFormStatus,
    )
    .add("GET", "/api/v2/ticket_form_statuses", (ctx) => formStatusesReply(ctx, [...state(ctx).formStatuses.values()]))
    .add("GET", "/api/v2/ticket_form_statuses/show_many", showManyFormStatuses)
    .add("GET", "/api/v2/custom_statuses", listStatuses)
    .add("POST", "/api/v2/custom_statuses", createStatus)
    .add("PUT", "/api/v2/custom_status/default", setDefaultStatuses)
    .add("GET", "/api/v2/custom_statuses/{custom_status_id}", showStatus)
    .add("PUT", "/api/v2/custom_statuses/{custom_status_id}", updateStatus)
    .add("POST", "/api/v2/custom_statuses/{custom_status_id}/ticket_form_statuses", addStatusToForms);
}

const state = (ctx: RequestContext): TicketFieldsState => ticketFieldsOf(ctx.sim.store);
const CATEGORIES: readonly StatusCategory[] = ["new", "open", "pending", "hold", "solved"];
const SYSTEM_OPTIONS: Record<string, [string, string][]> = {
  status: [
    ["New", "new"],
    ["Open", "open"],
    ["Pending", "pending"],
    ["On-hold", "hold"],
    ["Solved", "solved"],
  ],
  priority: [
    ["Low", "low"],
    ["Normal", "normal"],
    ["High", "high"],
    ["Urgent", "urgent"],
  ],
  tickettype: [
    ["Question", "question"],
    ["Incident", "incident"],
    ["Problem", "problem"],
    ["Task", "task"],
  ],
};
const WITH_OPTIONS = new Set(["tagger", "multiselect"]);

// --- JSON ------------------------------------------------------------------------------------------------------

function optionJson(ctx: RequestContext, field: TicketFieldRow, option: TicketFieldOptionRow) {
  return {
    id: option.id,
    url: `${ctx.origin}/api/v2/ticket_fields/${field.id}/options/${option.id}.json`,
    name: option.name,
    raw_name: option.name,
    value: option.value,
    position: option.position,
    default: option.isDefault,
  };
}

function statusJson(ctx: RequestContext, row: CustomStatusRow) {
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/custom_statuses/${row.id}.json`,
    status_category: row.category,
    agent_label: row.agentLabel,
    raw_agent_label: row.agentLabel,
    end_user_label: row.endUserLabel,
    raw_end_user_label: row.endUserLabel,
    description: row.description,
    raw_description: row.description,
    end_user_description: row.endUserDescription,
    raw_end_user_description: row.endUserDescription,
    active: row.active,
    default: row.isDefault,
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
  };
}

function fieldJson(ctx: RequestContext, row: TicketFieldRow) {
  const body: Record<string, unknown> = {
    id: row.id,
    url: `${ctx.origin}/api/v2/ticket_fields/${row.id}.json`,
    type: row.type,
    title: row.title,
    raw_title: row.title,
    description: row.description,
    raw_description: row.description,
    agent_description: row.agentDescription,
    position: row.position,
    active: row.active,
    required: row.required,
    collapsed_for_agents: false,
    regexp_for_validation: row.regexp,
    title_in_portal: row.title,
    raw_title_in_portal: row.title,
    visible_in_portal: row.visibleInPortal,
    editable_in_portal: row.editableInPortal,
    required_in_portal: row.requiredInPortal,
    agent_can_edit: true,
    tag: row.tag,
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
    removable: row.removable,
  };
  if (row.relationshipTargetType) body.relationship_target_type = row.relationshipTargetType;
  if (WITH_OPTIONS.has(row.type)) body.custom_field_options = row.options.map((o) => optionJson(ctx, row, o));
  const system = SYSTEM_OPTIONS[row.type];
  if (system) {
    body.sub_type_id = 0;
    body.system_field_options = system.map(([name, value]) => ({ name, value }));
  }
  if (row.type === "custom_status") {
    body.custom_statuses = [...state(ctx).statuses.values()].map((s) => statusJson(ctx, s));
  }
  if (ctx.query.get("creator") === "true") {
    body.creator_user_id = ctx.sim.store.currentUserId;
    body.creator_app_name = null;
  }
  return body;
}

function formJson(ctx: RequestContext, row: TicketFormRow) {
  return {
    id: row.id,
    url: `${ctx.origin}/api/v2/ticket_forms/${row.id}.json`,
    name: row.name,
    raw_name: row.name,
    display_name: row.displayName,
    raw_display_name: row.displayName,
    position: row.position,
    active: row.active,
    end_user_visible: row.endUserVisible,
    default: row.isDefault,
    in_all_brands: row.inAllBrands,
    restricted_brand_ids: [],
    ticket_field_ids: row.ticketFieldIds,
    agent_conditions: [],
    end_user_conditions: [],
    created_at: isoSeconds(row.createdAt),
    updated_at: isoSeconds(row.updatedAt),
  };
}

const formStatusJson = (row: TicketFormStatusRow) => ({
  id: row.id,
  ticket_form_id: row.ticketFormId,
  custom_status_id: row.customStatusId,
});

// --- Ticket fields ---------------------------------------------------------------------------------------------

function listFields(ctx: RequestContext): Reply {
  const include = (ctx.query.get("include") ?? "").split(",");
  const users = include.includes("users")
    ? {
        users: [ctx.sim.store.users.get(ctx.sim.store.currentUserId)].flatMap((u) =>
          u ? [userJson(ctx.origin, u)] : [],
        ),
      }
    : {};
  const paged = ["page[size]", "page[after]", "page[before]"].some((name) => ctx.query.has(name));
  if (!paged) {
    const fields = state(ctx).fieldList();
    return json(200, {
      ticket_fields: fields.map((f) => fieldJson(ctx, f)),
      ...users,
      next_page: null,
      previous_page: null,
      count: fields.length,
    });
  }
  // By cursor the fields come in id order.
  const rows = [...state(ctx).fields.values()].sort((a, b) => a.id - b.id);
  const request = readPageRequest(ctx.query, { cursorOnly: true });
  if (isReply(request) || request.mode !== "cursor") return isReply(request) ? request : badRequest("Invalid", "");
  const page = cursorPage(
    ctx,
    request,
    arraySource(rows, (row) => [row.id]),
  );
  if (isReply(page)) return page;
  return json(200, {
    ticket_fields: page.items.map((f) => fieldJson(ctx, f)),
    ...users,
    meta: page.meta,
    links: page.links,
  });
}

function findField(ctx: RequestContext): TicketFieldRow | undefined {
  const id = intParam(ctx, "ticket_field_id");
  return id === undefined ? undefined : state(ctx).fields.get(id);
}

function showField(ctx: RequestContext): Reply {
  const field = findField(ctx);
  return field ? json(200, { ticket_field: fieldJson(ctx, field) }) : notFound();
}

/** Applies a ticket field body to `row` (a new row on create), collecting what is wrong. */
function applyField(
  ctx: RequestContext,
  row: TicketFieldRow,
  input: Record<string, unknown>,
  details: ValidationDetails,
  creating: boolean,
): void {
  if (input.title !== undefined || creating) {
    if (typeof input.title !== "string" || input.title.trim() === "") {
      detail(details, "title", "BlankValue", "Title: cannot be blank");
    } else row.title = input.title;
  }
  if (input.type !== undefined && !creating && input.type !== row.type) {
    detail(details, "type", "InvalidValue", "Type: cannot be changed");
  }
  for (const [key, prop] of [
    ["active", "active"],
    ["required", "required"],
    ["visible_in_portal", "visibleInPortal"],
    ["editable_in_portal", "editableInPortal"],
    ["required_in_portal", "requiredInPortal"],
  ] as const) {
    if (typeof input[key] === "boolean") row[prop] = input[key];
  }
  if (typeof input.description === "string") row.description = input.description;
  if (typeof input.agent_description === "string") row.agentDescription = input.agent_description;
  if (typeof input.position === "number") row.position = input.position;
  if (typeof input.tag === "string" || input.tag === null) row.tag = input.tag;
  if (typeof input.regexp_for_validation === "string" || input.regexp_for_validation === null) {
    row.regexp = input.regexp_for_validation;
  }
  const options = input.custom_field_options;
  if (options !== undefined) {
    if (!WITH_OPTIONS.has(row.type) || !Array.isArray(options)) {
      detail(
        details,
        "custom_field_options",
        "InvalidValue",
        "Options: only dropdown and multi-select fields have them",
      );
    } else {
      const next: TicketFieldOptionRow[] = [];
      options.forEach((item, position) => {
        const option = item as Record<string, unknown>;
        if (typeof option.name !== "string" || typeof option.value !== "string" || option.value === "") {
          detail(details, "custom_field_options", "BlankValue", "Options: each needs a name and a value");
          return;
        }
        const existing = row.options.find((o) => o.id === option.id || o.value === option.value);
        next.push(
          existing
            ? { ...existing, name: option.name, value: option.value, position }
            : state(ctx).optionRow(option.name, option.value, position),
        );
      });
      if (new Set(next.map((o) => o.value)).size !== next.length) {
        detail(details, "custom_field_options", "DuplicateValue", "Options: values must be unique");
      }
      row.options = next;
    }
  } else if (creating && WITH_OPTIONS.has(row.type)) {
    detail(details, "custom_field_options", "BlankValue", "Options: a dropdown needs at least one");
  }
}

function createField(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "ticket_field");
  if (!input) return missingParameter("ticket_field");
  const details: ValidationDetails = {};
  const CUSTOM_TYPES = ["text", "textarea", "checkbox", "date", "integer", "decimal", "regexp", "partialcreditcard"];
  const type = typeof input.type === "string" ? input.type : "";
  if (!CUSTOM_TYPES.includes(type) && !WITH_OPTIONS.has(type) && type !== "lookup") {
    detail(details, "type", "InvalidValue", "Type: is not a custom field type");
  }
  const now = ctx.sim.store.now();
  const id = state(ctx).newFieldId();
  const row: TicketFieldRow = {
    id,
    type,
    title: "",
    description: "",
    agentDescription: null,
    position: 9999,
    active: true,
    required: false,
    visibleInPortal: false,
    editableInPortal: false,
    requiredInPortal: false,
    regexp: null,
    tag: null,
    removable: true,
    options: [],
    createdAt: now,
    updatedAt: now,
  };
  applyField(ctx, row, input, details, true);
  if (type === "lookup" && typeof input.relationship_target_type === "string") {
    row.relationshipTargetType = input.relationship_target_type;
  }
  if (hasDetails(details)) return recordInvalid(details);
  state(ctx).fields.set(id, row);
  for (const form of state(ctx).forms.values()) if (form.isDefault) form.ticketFieldIds.push(id);
  return json(201, { ticket_field: fieldJson(ctx, row) });
}

function updateField(ctx: RequestContext): Reply {
  const field = findField(ctx);
  if (!field) return notFound();
  const input = objectProperty(ctx.body, "ticket_field");
  if (!input) return missingParameter("ticket_field");
  const details: ValidationDetails = {};
  const row = { ...field, options: [...field.options] };
  applyField(ctx, row, input, details, false);
  if (hasDetails(details)) return recordInvalid(details);
  row.updatedAt = ctx.sim.store.now();
  state(ctx).fields.set(row.id, row);
  return json(200, { ticket_field: fieldJson(ctx, row) });
}

function deleteField(ctx: RequestContext): Reply {
  const field = findField(ctx);
  if (!field) return notFound();
  if (!field.removable) {
    return recordInvalid({ base: [{ error: "InvalidValue", description: "System fields cannot be deleted" }] });
  }
  state(ctx).fields.delete(field.id);
  for (const form of state(ctx).forms.values()) {
    form.ticketFieldIds = form.ticketFieldIds.filter((id) => id !== field.id);
  }
  return noContent();
}

function reorderFields(ctx: RequestContext): Reply {
  const ids = arrayProperty(ctx.body, "ticket_field_ids");
  if (!ids) return missingParameter("ticket_field_ids");
  const fields = state(ctx).fields;
  if (ids.some((id) => typeof id !== "number" || !fields.has(id))) {
    return recordInvalid({ ticket_field_ids: [{ error: "InvalidValue", description: "Unknown ticket field id" }] });
  }
  const order = [
    ...(ids as number[]),
    ...state(ctx)
      .fieldList()
      .map((f) => f.id)
      .filter((id) => !ids.includes(id)),
  ];
  order.forEach((id, index) => {
    const field = fields.get(id);
    if (field) field.position = index + 1;
  });
  return { status: 200 };
}

function listOptions(ctx: RequestContext): Reply {
  const field = findField(ctx);
  if (!field) return notFound();
  const rows = [...field.options].sort((a, b) => a.position - b.position || a.id - b.id);
  const request = readPageRequest(ctx.query);
  if (isReply(request)) return request;
  const present = (o: TicketFieldOptionRow) => optionJson(ctx, field, o);
  if (request.mode === "cursor") {
    const page = cursorPage(
      ctx,
      request,
      arraySource(rows, (row) => [row.position, row.id]),
    );
    if (isReply(page)) return page;
    return json(200, { custom_field_options: page.items.map(present), meta: page.meta, links: page.links });
  }
  const page = offsetPage(ctx, request, rows.length, (start, end) => rows.slice(start, end));
  return json(200, {
    custom_field_options: page.items.map(present),
    next_page: page.next_page,
    previous_page: page.previous_page,
    count: page.count,
  });
}

function upsertOption(ctx: RequestContext): Reply {
  const field = findField(ctx);
  if (!field) return notFound();
  const input = objectProperty(ctx.body, "custom_field_option");
  if (!input) return missingParameter("custom_field_option");
  if (!WITH_OPTIONS.has(field.type)) {
    return recordInvalid({ base: [{ error: "InvalidValue", description: "The field has no options" }] });
  }
  if (typeof input.name !== "string" || typeof input.value !== "string" || input.value === "") {
    return recordInvalid({ value: [{ error: "BlankValue", description: "Name and value: cannot be blank" }] });
  }
  const existing = input.id === undefined ? undefined : field.options.find((o) => o.id === input.id);
  if (input.id !== undefined && !existing) return notFound();
  if (field.options.some((o) => o.value === input.value && o !== existing)) {
    return recordInvalid({ value: [{ error: "DuplicateValue", description: "Value: is already used" }] });
  }
  const position = typeof input.position === "number" ? input.position : (existing?.position ?? field.options.length);
  if (existing) {
    Object.assign(existing, { name: input.name, value: input.value, position });
    return json(200, { custom_field_option: optionJson(ctx, field, existing) });
  }
  const option = state(ctx).optionRow(input.name, input.value, position);
  field.options.push(option);
  return json(201, { custom_field_option: optionJson(ctx, field, option) });
}

function findOption(ctx: RequestContext): [TicketFieldRow, TicketFieldOptionRow] | undefined {
  const field = findField(ctx);
  const id = intParam(ctx, "ticket_field_option_id");
  const option = field?.options.find((o) => o.id === id);
  return field && option ? [field, option] : undefined;
}

function showOption(ctx: RequestContext): Reply {
  const found = findOption(ctx);
  return found ? json(200, { custom_field_option: optionJson(ctx, ...found) }) : notFound();
}

function deleteOption(ctx: RequestContext): Reply {
  const found = findOption(ctx);
  if (!found) return notFound();
  const [field, option] = found;
  field.options = field.options.filter((o) => o !== option);
  return noContent();
}

// --- Ticket forms ----------------------------------------------------------------------------------------------

function formsReply(ctx: RequestContext, rows: TicketFormRow[]): Reply {
  return json(200, { ticket_forms: rows.map((row) => formJson(ctx, row)) });
}

function filterForms(ctx: RequestContext, rows: TicketFormRow[]): TicketFormRow[] {
  const flag = (name: string) => (ctx.query.has(name) ? ctx.query.get(name) === "true" : undefined);
  const active = flag("active");
  const visible = flag("end_user_visible");
  const found = rows.filter(
    (row) =>
      (active === undefined || row.active === active) && (visible === undefined || row.endUserVisible === visible),
  );
  if (found.length === 0 && flag("fallback_to_default")) return rows.filter((row) => row.isDefault);
  return found;
}

function showManyForms(ctx: RequestContext): Reply {
  const raw = ctx.query.get("ids");
  if (raw === null || !/^\d+(,\d+)*$/.test(raw)) return badRequest("InvalidValue", "Parameter ids must list form ids");
  const ids = raw.split(",").map(Number);
  const rows = ids.flatMap((id) => {
    const row = state(ctx).forms.get(id);
    return row ? [row] : [];
  });
  return formsReply(ctx, filterForms(ctx, rows));
}

function findForm(ctx: RequestContext): TicketFormRow | undefined {
  const id = intParam(ctx, "ticket_form_id");
  return id === undefined ? undefined : state(ctx).forms.get(id);
}

function showForm(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  return form ? json(200, { ticket_form: formJson(ctx, form) }) : notFound();
}

function applyForm(
  ctx: RequestContext,
  row: TicketFormRow,
  input: Record<string, unknown>,
  creating: boolean,
): Reply | undefined {
  const details: ValidationDetails = {};
  if (input.name !== undefined || creating) {
    if (typeof input.name !== "string" || input.name.trim() === "")
      detail(details, "name", "BlankValue", "Name: cannot be blank");
    else row.name = input.name;
  }
  if (typeof input.display_name === "string") row.displayName = input.display_name;
  else if (creating) row.displayName = row.name;
  for (const [key, prop] of [
    ["active", "active"],
    ["end_user_visible", "endUserVisible"],
    ["in_all_brands", "inAllBrands"],
  ] as const) {
    if (typeof input[key] === "boolean") row[prop] = input[key];
  }
  if (typeof input.position === "number") row.position = input.position;
  if (input.ticket_field_ids !== undefined) {
    const ids = input.ticket_field_ids;
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== "number" || !state(ctx).fields.has(id))) {
      detail(details, "ticket_field_ids", "InvalidValue", "Ticket fields: unknown field id");
    } else row.ticketFieldIds = [...(ids as number[])];
  }
  if (hasDetails(details)) return recordInvalid(details);
  if (input.default === true) {
    for (const form of state(ctx).forms.values()) form.isDefault = false;
    row.isDefault = true;
  }
  return undefined;
}

function createForm(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "ticket_form");
  if (!input) return missingParameter("ticket_form");
  const now = ctx.sim.store.now();
  const row: TicketFormRow = {
    id: 0,
    name: "",
    displayName: "",
    position: state(ctx).forms.size + 1,
    active: true,
    endUserVisible: false,
    isDefault: false,
    inAllBrands: true,
    ticketFieldIds: [],
    createdAt: now,
    updatedAt: now,
  };
  const problem = applyForm(ctx, row, input, true);
  if (problem) return problem;
  row.id = state(ctx).newFormId();
  state(ctx).forms.set(row.id, row);
  return json(201, { ticket_form: formJson(ctx, row) });
}

function updateForm(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  if (!form) return notFound();
  const input = objectProperty(ctx.body, "ticket_form");
  if (!input) return missingParameter("ticket_form");
  const row = { ...form, ticketFieldIds: [...form.ticketFieldIds] };
  const problem = applyForm(ctx, row, input, false);
  if (problem) return problem;
  row.updatedAt = ctx.sim.store.now();
  state(ctx).forms.set(row.id, row);
  return json(200, { ticket_form: formJson(ctx, row) });
}

function deleteForm(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  if (!form) return notFound();
  if (form.isDefault) {
    return recordInvalid({ base: [{ error: "InvalidValue", description: "The default form cannot be deleted" }] });
  }
  state(ctx).forms.delete(form.id);
  for (const row of [...state(ctx).formStatuses.values()]) {
    if (row.ticketFormId === form.id) state(ctx).formStatuses.delete(row.id);
  }
  return noContent();
}

function cloneForm(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  if (!form) return notFound();
  const prepend = objectProperty({ b: ctx.body }, "b")?.prepend_clone_title === true;
  const now = ctx.sim.store.now();
  const id = state(ctx).newFormId();
  const name = prepend ? `Clone of ${form.name}` : form.name;
  const row: TicketFormRow = {
    ...form,
    id,
    name,
    displayName: prepend ? `Clone of ${form.displayName}` : form.displayName,
    active: false,
    isDefault: false,
    position: state(ctx).forms.size + 1,
    ticketFieldIds: [...form.ticketFieldIds],
    createdAt: now,
    updatedAt: now,
  };
  state(ctx).forms.set(id, row);
  for (const status of [...state(ctx).formStatuses.values()]) {
    if (status.ticketFormId === form.id) state(ctx).addFormStatus(id, status.customStatusId);
  }
  return json(200, { ticket_form: formJson(ctx, row) });
}

function reorderForms(ctx: RequestContext): Reply {
  const ids = arrayProperty(ctx.body, "ticket_form_ids");
  if (!ids) return missingParameter("ticket_form_ids");
  const forms = state(ctx).forms;
  if (ids.some((id) => typeof id !== "number" || !forms.has(id))) {
    return recordInvalid({ ticket_form_ids: [{ error: "InvalidValue", description: "Unknown ticket form id" }] });
  }
  const order = [
    ...(ids as number[]),
    ...state(ctx)
      .formList()
      .map((f) => f.id)
      .filter((id) => !ids.includes(id)),
  ];
  order.forEach((id, index) => {
    const form = forms.get(id);
    if (form) form.position = index + 1;
  });
  return formsReply(ctx, state(ctx).formList());
}

// --- Ticket form statuses --------------------------------------------------------------------------------------

function formStatusesReply(_ctx: RequestContext, rows: TicketFormStatusRow[]): Reply {
  return json(200, { ticket_form_statuses: rows.map(formStatusJson) });
}

const statusesOfForm = (ctx: RequestContext, formId: number) =>
  [...state(ctx).formStatuses.values()].filter((row) => row.ticketFormId === formId);

function listFormStatuses(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  return form ? formStatusesReply(ctx, statusesOfForm(ctx, form.id)) : notFound();
}

function showManyFormStatuses(ctx: RequestContext): Reply {
  const raw = ctx.query.get("ids");
  if (raw === null || raw.trim() === "") return missingParameter("ids");
  const rows = raw.split(",").flatMap((id) => {
    const row = state(ctx).formStatuses.get(id.trim());
    return row ? [row] : [];
  });
  return formStatusesReply(ctx, rows);
}

/** The custom status ids of a `ticket_form_status` list, or a 422 naming the first bad one. */
function readStatusIds(ctx: RequestContext, items: unknown[]): number[] | Reply {
  const ids: number[] = [];
  for (const item of items) {
    const id = (item as Record<string, unknown> | null)?.custom_status_id;
    if (typeof id !== "number" || !state(ctx).statuses.has(id)) {
      return recordInvalid({
        custom_status_id: [{ error: "InvalidValue", description: "Custom status: is not valid" }],
      });
    }
    ids.push(id);
  }
  return ids;
}

function addFormStatuses(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  if (!form) return notFound();
  const items = arrayProperty(ctx.body, "ticket_form_status");
  if (!items) return missingParameter("ticket_form_status");
  const ids = readStatusIds(ctx, items);
  if (isReply(ids)) return ids;
  const current = new Set(statusesOfForm(ctx, form.id).map((row) => row.customStatusId));
  const added = ids.filter((id) => !current.has(id)).map((id) => state(ctx).addFormStatus(form.id, id));
  return formStatusesReply(ctx, added);
}

function updateFormStatuses(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  if (!form) return notFound();
  const items = arrayProperty(ctx.body, "ticket_form_status");
  if (!items) return missingParameter("ticket_form_status");
  const rows = state(ctx).formStatuses;
  for (const raw of items) {
    const item = (raw ?? {}) as Record<string, unknown>;
    const existing = typeof item.id === "string" ? rows.get(item.id) : undefined;
    if (item.id !== undefined && (!existing || existing.ticketFormId !== form.id)) return notFound();
    if (existing && item._destroy === "1") {
      rows.delete(existing.id);
      continue;
    }
    const ids = readStatusIds(ctx, [item]);
    if (isReply(ids)) return ids;
    const [statusId] = ids;
    if (statusId === undefined) continue;
    if (existing) existing.customStatusId = statusId;
    else state(ctx).addFormStatus(form.id, statusId);
  }
  return formStatusesReply(ctx, statusesOfForm(ctx, form.id));
}

function deleteFormStatuses(ctx: RequestContext): Reply {
  const form = findForm(ctx);
  if (!form) return notFound();
  const ids = arrayProperty(ctx.body, "id");
  if (!ids) return missingParameter("id");
  for (const id of ids) {
    const row = typeof id === "string" ? state(ctx).formStatuses.get(id) : undefined;
    if (row?.ticketFormId === form.id) state(ctx).formStatuses.delete(row.id);
  }
  return noContent();
}

function findFormStatus(ctx: RequestContext): TicketFormStatusRow | undefined {
  const form = findForm(ctx);
  const row = state(ctx).formStatuses.get(ctx.params.ticket_form_status_id ?? "");
  return form && row?.ticketFormId === form.id ? row : undefined;
}

function updateFormStatus(ctx: RequestContext): Reply {
  const row = findFormStatus(ctx);
  if (!row) return notFound();
  const input = objectProperty(ctx.body, "ticket_form_status");
  if (!input) return missingParameter("ticket_form_status");
  const ids = readStatusIds(ctx, [input]);
  if (isReply(ids)) return ids;
  row.customStatusId = ids[0] ?? row.customStatusId;
  return formStatusesReply(ctx, [row]);
}

function deleteFormStatus(ctx: RequestContext): Reply {
  const row = findFormStatus(ctx);
  if (!row) return notFound();
  state(ctx).formStatuses.delete(row.id);
  return noContent();
}

// --- Custom statuses -------------------------------------------------------------------------------------------

function listStatuses(ctx: RequestContext): Reply {
  const categories = ctx.query.get("status_categories")?.split(",");
  if (categories?.some((c) => !CATEGORIES.includes(c as StatusCategory))) {
    return badRequest("InvalidValue", "status_categories lists an unknown category");
  }
  const flag = (name: string) => (ctx.query.has(name) ? ctx.query.get(name) === "true" : undefined);
  const active = flag("active");
  const isDefault = flag("default");
  const rows = [...state(ctx).statuses.values()].filter(
    (row) =>
      (!categories || categories.includes(row.category)) &&
      (active === undefined || row.active === active) &&
      (isDefault === undefined || row.isDefault === isDefault),
  );
  return json(200, { custom_statuses: rows.map((row) => statusJson(ctx, row)) });
}

function findStatus(ctx: RequestContext): CustomStatusRow | undefined {
  const id = intParam(ctx, "custom_status_id");
  return id === undefined ? undefined : state(ctx).statuses.get(id);
}

function showStatus(ctx: RequestContext): Reply {
  const row = findStatus(ctx);
  return row ? json(200, { custom_status: statusJson(ctx, row) }) : notFound();
}

/** Applies the writable properties; answers a 422 when one is wrong. */
function applyStatus(row: CustomStatusRow, input: Record<string, unknown>, creating: boolean): Reply | undefined {
  const details: ValidationDetails = {};
  if (input.agent_label !== undefined || creating) {
    if (typeof input.agent_label !== "string" || input.agent_label.trim() === "" || input.agent_label.length > 48) {
      detail(details, "agent_label", "InvalidValue", "Agent label: must be 1 to 48 characters");
    } else row.agentLabel = input.agent_label;
  }
  if (typeof input.end_user_label === "string") row.endUserLabel = input.end_user_label;
  else if (creating) row.endUserLabel = row.agentLabel;
  if (typeof input.description === "string") row.description = input.description;
  if (typeof input.end_user_description === "string") row.endUserDescription = input.end_user_description;
  if (typeof input.active === "boolean") {
    if (!input.active && row.isDefault) {
      detail(details, "active", "InvalidValue", "Active: a default status cannot be inactive");
    } else row.active = input.active;
  }
  return hasDetails(details) ? recordInvalid(details) : undefined;
}

function createStatus(ctx: RequestContext): Reply {
  const input = objectProperty(ctx.body, "custom_status");
  if (!input) return missingParameter("custom_status");
  const category = input.status_category;
  if (typeof category !== "string" || !CATEGORIES.includes(category as StatusCategory)) {
    return recordInvalid({
      status_category: [{ error: "InvalidValue", description: "Status category: is not valid" }],
    });
  }
  const draft: CustomStatusRow = {
    id: 0,
    category: category as StatusCategory,
    agentLabel: "",
    endUserLabel: "",
    description: "",
    endUserDescription: "",
    active: true,
    isDefault: false,
    createdAt: 0,
    updatedAt: 0,
  };
  const problem = applyStatus(draft, input, true);
  if (problem) return problem;
  const row = state(ctx).newStatus(draft.category, draft.agentLabel);
  Object.assign(row, { ...draft, id: row.id, createdAt: row.createdAt, updatedAt: row.updatedAt });
  return json(201, { custom_status: statusJson(ctx, row) });
}

function updateStatus(ctx: RequestContext): Reply {
  const current = findStatus(ctx);
  if (!current) return notFound();
  const input = objectProperty(ctx.body, "custom_status");
  if (!input) return missingParameter("custom_status");
  const row = { ...current };
  const problem = applyStatus(row, input, false);
  if (problem) return problem;
  row.updatedAt = ctx.sim.store.now();
  state(ctx).statuses.set(row.id, row);
  return json(200, { custom_status: statusJson(ctx, row) });
}

function addStatusToForms(ctx: RequestContext): Reply {
  const status = findStatus(ctx);
  if (!status) return notFound();
  const items = arrayProperty(ctx.body, "ticket_form_status");
  if (!items) return missingParameter("ticket_form_status");
  const formIds: number[] = [];
  for (const item of items) {
    const id = (item as Record<string, unknown> | null)?.ticket_form_id;
    if (typeof id !== "number" || !state(ctx).forms.has(id)) {
      return recordInvalid({ ticket_form_id: [{ error: "InvalidValue", description: "Ticket form: is not valid" }] });
    }
    formIds.push(id);
  }
  const added = formIds
    .filter((formId) => !statusesOfForm(ctx, formId).some((row) => row.customStatusId === status.id))
    .map((formId) => state(ctx).addFormStatus(formId, status.id));
  return formStatusesReply(ctx, added);
}

function setDefaultStatuses(ctx: RequestContext): Reply {
  const raw = objectProperty({ b: ctx.body }, "b")?.ids;
  if (typeof raw !== "string" || !/^\d+(,\d+)*$/.test(raw)) return missingParameter("ids");
  const rows = raw.split(",").map((id) => state(ctx).statuses.get(Number(id)));
  if (rows.some((row) => !row?.active)) {
    return recordInvalid({
      ids: [{ error: "InvalidValue", description: "Ids: each must be an active custom status" }],
    });
  }
  for (const row of rows as CustomStatusRow[]) {
    for (const other of state(ctx).statuses.values()) {
      if (other.category === row.category) other.isDefault = other === row;
    }
  }
  return json(200, {});
}
