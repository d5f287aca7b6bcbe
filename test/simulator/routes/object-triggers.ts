/** Object triggers: kept in memory per custom object, with Zendesk's list, search and bulk shapes. */
import { detail, hasDetails, notFound, recordInvalid, type ValidationDetails } from "../errors.js";
import type { ObjectTriggerCondition, ObjectTriggerRow } from "../models.js";
import { arraySource, cursorPage, isReply, offsetPage, readPageRequest } from "../pagination.js";
import { triggerJson } from "../present.js";
import { json, noContent, type Reply } from "../reply.js";
import type { Router } from "../router.js";
import type { CustomObjectState } from "../store.js";
import type { RequestContext } from "../types.js";
import { arrayProperty, idsQuery, intParam, missingParameter, objectProperty } from "./common.js";

export function registerObjectTriggerRoutes(router: Router): void {
  const base = "/api/v2/custom_objects/{custom_object_key}/triggers";
  router
    .add("GET", base, (ctx) => listTriggers(ctx, false))
    .add("POST", base, createTrigger)
    .add("GET", `${base}/active`, (ctx) => listTriggers(ctx, true))
    .add("GET", `${base}/definitions`, definitions)
    .add("GET", `${base}/search`, searchTriggers)
    .add("DELETE", `${base}/destroy_many`, destroyMany)
    .add("PUT", `${base}/update_many`, updateMany)
    .add("GET", `${base}/{trigger_id}`, showTrigger)
    .add("PUT", `${base}/{trigger_id}`, updateTrigger)
    .add("DELETE", `${base}/{trigger_id}`, deleteTrigger);
}

function findObject(ctx: RequestContext): CustomObjectState | undefined {
  return ctx.sim.store.customObjects.get(ctx.params.custom_object_key ?? "");
}

function findTrigger(ctx: RequestContext, state: CustomObjectState): ObjectTriggerRow | undefined {
  const id = intParam(ctx, "trigger_id");
  return id === undefined ? undefined : state.triggers.get(id);
}

function sorted(ctx: RequestContext, triggers: ObjectTriggerRow[]): ObjectTriggerRow[] {
  const sortBy = ctx.query.get("sort_by") ?? "position";
  const descending = ctx.query.get("sort_order") === "desc";
  const key = (t: ObjectTriggerRow): string | number =>
    sortBy === "alphabetical"
      ? t.title.toLowerCase()
      : sortBy === "created_at"
        ? t.createdAt
        : sortBy === "updated_at"
          ? t.updatedAt
          : t.position;
  return [...triggers].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const order = ka < kb ? -1 : ka > kb ? 1 : a.id - b.id;
    return descending ? -order : order;
  });
}

/** A page of triggers: by cursor when `page[size]` or a cursor is given (lists only), else by offset. */
function page(ctx: RequestContext, triggers: ObjectTriggerRow[], cursorAllowed = true): Reply {
  const query = cursorAllowed
    ? ctx.query
    : new URLSearchParams([...ctx.query].filter(([name]) => !name.startsWith("page[")));
  const request = readPageRequest(query);
  if (isReply(request)) return request;
  if (request.mode === "cursor") {
    const positions = new Map(triggers.map((trigger, index) => [trigger.id, index]));
    const result = cursorPage(
      ctx,
      request,
      arraySource(triggers, (trigger) => [positions.get(trigger.id) ?? 0, trigger.id]),
    );
    if (isReply(result)) return result;
    return json(200, {
      triggers: result.items.map((trigger) => triggerJson(ctx.origin, trigger)),
      meta: result.meta,
      links: result.links,
    });
  }
  const result = offsetPage(ctx, request, triggers.length, (start, end) => triggers.slice(start, end));
  return json(200, {
    triggers: result.items.map((trigger) => triggerJson(ctx.origin, trigger)),
    next_page: result.next_page,
    previous_page: result.previous_page,
    count: result.count,
  });
}

function listTriggers(ctx: RequestContext, activeOnly: boolean): Reply {
  const state = findObject(ctx);
  if (!state) return notFound();
  const active = ctx.query.get("active");
  let triggers = [...state.triggers.values()];
  if (activeOnly || active === "true") triggers = triggers.filter((trigger) => trigger.active);
  else if (active === "false") triggers = triggers.filter((trigger) => !trigger.active);
  return page(ctx, sorted(ctx, triggers));
}

function searchTriggers(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return notFound();
  const query = (ctx.query.get("query") ?? "").toLowerCase();
  let triggers = [...state.triggers.values()].filter(
    (trigger) => trigger.title.toLowerCase().includes(query) || trigger.description.toLowerCase().includes(query),
  );
  const active = ctx.query.get("active");
  if (active === "true" || active === "false")
    triggers = triggers.filter((trigger) => trigger.active === (active === "true"));
  return page(ctx, sorted(ctx, triggers));
}

function readConditions(value: unknown): ObjectTriggerRow["conditions"] | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const raw = value as Record<string, unknown>;
  const list = (items: unknown): ObjectTriggerCondition[] =>
    Array.isArray(items)
      ? items
          .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
          .map((item) => ({
            field: String(item.field ?? ""),
            operator: String(item.operator ?? "is"),
            value: (item.value ?? "") as ObjectTriggerCondition["value"],
          }))
      : [];
  return { all: list(raw.all), any: list(raw.any) };
}

function readActions(value: unknown): ObjectTriggerRow["actions"] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value
    .filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null)
    .map((item) => ({ field: String(item.field ?? ""), value: (item.value ?? "") as ObjectTriggerCondition["value"] }));
}

function applyTrigger(
  ctx: RequestContext,
  state: CustomObjectState,
  input: Record<string, unknown>,
  existing?: ObjectTriggerRow,
): { trigger: ObjectTriggerRow } | { details: ValidationDetails } {
  const details: ValidationDetails = {};
  const title = input.title === undefined ? existing?.title : input.title;
  if (typeof title !== "string" || title.trim() === "")
    detail(details, "title", "BlankValue", "Title: cannot be blank");
  const conditions = input.conditions === undefined ? existing?.conditions : readConditions(input.conditions);
  if (!conditions || conditions.all.length + conditions.any.length === 0) {
    detail(details, "conditions", "BlankValue", "Conditions: at least one condition is required");
  }
  const actions = input.actions === undefined ? existing?.actions : readActions(input.actions);
  if (!actions || actions.length === 0)
    detail(details, "actions", "BlankValue", "Actions: at least one action is required");
  if (hasDetails(details) || typeof title !== "string" || !conditions || !actions) return { details };
  const now = ctx.sim.store.now();
  const trigger: ObjectTriggerRow = {
    id: existing?.id ?? ctx.sim.store.nextTriggerId(),
    objectKey: state.object.key,
    title,
    description: typeof input.description === "string" ? input.description : (existing?.description ?? ""),
    active: typeof input.active === "boolean" ? input.active : (existing?.active ?? true),
    position: typeof input.position === "number" ? input.position : (existing?.position ?? state.triggers.size + 1),
    conditions,
    actions,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  return { trigger };
}

function createTrigger(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return notFound();
  const input = objectProperty(ctx.body, "trigger");
  if (!input) return missingParameter("trigger");
  const result = applyTrigger(ctx, state, input);
  if ("details" in result) return recordInvalid(result.details);
  state.triggers.set(result.trigger.id, result.trigger);
  return json(201, { trigger: triggerJson(ctx.origin, result.trigger) });
}

function showTrigger(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  const trigger = state && findTrigger(ctx, state);
  return trigger ? json(200, { trigger: triggerJson(ctx.origin, trigger) }) : notFound();
}

function updateTrigger(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  const existing = state && findTrigger(ctx, state);
  if (!state || !existing) return notFound();
  const input = objectProperty(ctx.body, "trigger");
  if (!input) return missingParameter("trigger");
  const result = applyTrigger(ctx, state, input, existing);
  if ("details" in result) return recordInvalid(result.details);
  state.triggers.set(existing.id, result.trigger);
  return json(200, { trigger: triggerJson(ctx.origin, result.trigger) });
}

function deleteTrigger(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  const trigger = state && findTrigger(ctx, state);
  if (!state || !trigger) return notFound();
  state.triggers.delete(trigger.id);
  return noContent();
}

function destroyMany(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return notFound();
  const ids = idsQuery(ctx);
  if (isReply(ids)) return ids;
  if (ids.some((id) => !state.triggers.has(id))) return notFound();
  for (const id of ids) state.triggers.delete(id);
  return noContent();
}

function updateMany(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return notFound();
  const items = arrayProperty(ctx.body, "triggers");
  if (!items) return missingParameter("triggers");
  const updates: { trigger: ObjectTriggerRow; item: Record<string, unknown> }[] = [];
  for (const item of items) {
    const record = (typeof item === "object" && item !== null ? item : {}) as Record<string, unknown>;
    const trigger = state.triggers.get(Number(record.id));
    if (!trigger) return notFound();
    updates.push({ trigger, item: record });
  }
  const now = ctx.sim.store.now();
  const changed = updates.map(({ trigger, item }) => {
    const next: ObjectTriggerRow = {
      ...trigger,
      position: typeof item.position === "number" ? item.position : trigger.position,
      active: typeof item.active === "boolean" ? item.active : trigger.active,
      updatedAt: now,
    };
    state.triggers.set(next.id, next);
    return next;
  });
  return json(200, { triggers: changed.map((trigger) => triggerJson(ctx.origin, trigger)) });
}

function definitions(ctx: RequestContext): Reply {
  const state = findObject(ctx);
  if (!state) return notFound();
  const fields = state.fields.filter((field) => !field.system);
  const operators = [
    { value: "is", title: "Is", terminal: false },
    { value: "is_not", title: "Is not", terminal: false },
    { value: "present", title: "Present", terminal: true },
    { value: "not_present", title: "Not present", terminal: true },
  ];
  const conditions = [
    {
      subject: "action",
      title: "Record is",
      type: "list",
      group: "record",
      nullable: false,
      repeatable: false,
      operators: [operators[0]],
      values: [
        { value: "created", title: "Created", enabled: true },
        { value: "updated", title: "Updated", enabled: true },
      ],
    },
    ...fields.map((field) => ({
      subject: `custom_object.${state.object.key}.custom_fields.${field.key}`,
      title: field.title,
      type: field.type === "checkbox" ? "checkbox" : field.type === "dropdown" ? "list" : "text",
      group: "custom_fields",
      nullable: true,
      repeatable: false,
      operators,
      values: field.options.map((option) => ({ value: option.value, title: option.name, enabled: true })),
    })),
  ];
  const actions = fields.map((field) => ({
    subject: `custom_object.${state.object.key}.custom_fields.${field.key}`,
    title: `Set ${field.title}`,
    type: field.type === "dropdown" ? "list" : "text",
    group: "custom_fields",
    nullable: true,
    repeatable: false,
    values: field.options.map((option) => ({ value: option.value, title: option.name, enabled: true })),
  }));
  return json(200, { definitions: { actions, conditions_all: conditions, conditions_any: conditions } });
}
