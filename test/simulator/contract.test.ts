/**
 * The simulator answers as the project's own specs say Zendesk answers: every route it serves is requested here and
 * each response body is validated against the schema its operation declares in specs/dist/*.yaml. The hand-written
 * routes are walked through a scripted scenario; the generic ones (operations served from the bundles alone) are
 * each requested with a body invented from their request schema. Also checks that every served route has an
 * operation in some bundle, and fails naming any served route that was not requested.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contract as groups } from "./contract/groups.js";
import { contract as organizations } from "./contract/organizations.js";
import { contract as search } from "./contract/search.js";
import type { Step } from "./contract/step.js";
import { contract as ticketFields } from "./contract/ticket-fields.js";
import { contract as ticketsLifecycle } from "./contract/tickets-lifecycle.js";
import { contract as ticketsRecords } from "./contract/tickets-records.js";
import { contract as users } from "./contract/users.js";
import { type RunningSimulator, startSimulator } from "./index.js";
import { BUNDLES, bundlePath, distBundlePaths, missingBundles, SpecValidator } from "./spec-validator.js";
import { api, checkGenericRoutes, concretePath, type Loose } from "./test-helpers.js";

const missing = missingBundles();
const NOW = Date.UTC(2024, 5, 1);
/** Path parameters for routes that need an existing parent. */
const SAMPLES: Record<string, string> = {
  ticket_id: "50",
  view_id: "101",
  custom_object_key: "sim_device",
  incremental_resource: "tickets",
  ...users.samples,
  ...organizations.samples,
  ...groups.samples,
  ...search.samples,
  ...ticketsLifecycle.samples,
  ...ticketsRecords.samples,
  ...ticketFields.samples,
};

/** Required query parameters of list routes, for the paging check. */
const PAGING_QUERIES: Record<string, string> = {
  ...users.pagingQueries,
  ...organizations.pagingQueries,
  ...groups.pagingQueries,
  ...search.pagingQueries,
  ...ticketsLifecycle.pagingQueries,
  ...ticketFields.pagingQueries,
};

// Values captured along the way.
const saved = {
  ticketId: 0,
  auditId: 0,
  jobId: "",
  recordId: "",
  triggerId: 0,
  fieldId: "",
  uploadToken: "",
  cursor: "",
  nextPage: "",
};
let sim: RunningSimulator;

const json = (step: Omit<Step, "method">, method = "GET"): Step => ({ ...step, method });
const bulkTickets = [
  { subject: "Bulk one", comment: { body: "one" } },
  { subject: "", comment: { body: "fails" } },
];

const steps: Step[] = [
  // Tickets
  json({
    name: "list tickets (cursor)",
    path: "/api/v2/tickets?page[size]=3",
    after: (b) => (saved.cursor = b.meta.after_cursor),
  }),
  json({
    name: "list tickets (next cursor page)",
    path: () => `/api/v2/tickets?page[size]=3&page[after]=${saved.cursor}`,
  }),
  json({ name: "list tickets (offset)", path: "/api/v2/tickets?page=2&per_page=3" }),
  json({ name: "list tickets by external id", path: "/api/v2/tickets?external_id=ext-5" }),
  json({ name: "list tickets: bad page size", path: "/api/v2/tickets?page[size]=500", status: 400 }),
  json({ name: "list tickets: no credentials", path: "/api/v2/tickets", auth: false, status: 401 }),
  json({ name: "count tickets", path: "/api/v2/tickets/count" }),
  json({ name: "show many tickets", path: "/api/v2/tickets/show_many?ids=1,2,3" }),
  json(
    {
      name: "create a ticket",
      path: "/api/v2/tickets",
      status: 201,
      headers: { "Idempotency-Key": "contract-1" },
      body: {
        ticket: {
          subject: "Contract check",
          comment: { body: "Checking the shapes." },
          priority: "normal",
          type: "question",
          tags: ["contract"],
          custom_fields: [{ id: 5001, value: "premium" }],
          requester: { name: "Robin Example", email: "robin@example.com" },
        },
      },
      after: (b) => (saved.ticketId = b.ticket.id),
    },
    "POST",
  ),
  json(
    {
      name: "create a ticket: same idempotency key, other body",
      path: "/api/v2/tickets",
      status: 400,
      headers: { "Idempotency-Key": "contract-1" },
      body: { ticket: { subject: "Other", comment: { body: "x" } } },
    },
    "POST",
  ),
  json(
    {
      name: "create a ticket: invalid",
      path: "/api/v2/tickets",
      status: 422,
      body: { ticket: { subject: "", comment: { body: "x" } } },
    },
    "POST",
  ),
  json({ name: "show a ticket", path: () => `/api/v2/tickets/${saved.ticketId}` }),
  json({ name: "show a ticket: missing", path: "/api/v2/tickets/999999", status: 404 }),
  json(
    {
      name: "update a ticket",
      path: () => `/api/v2/tickets/${saved.ticketId}`,
      body: {
        ticket: {
          status: "pending",
          assignee_id: 2,
          comment: { body: "Waiting for you.", public: true },
          collaborator_ids: [3],
          follower_ids: [2],
          email_cc_ids: [4],
        },
      },
    },
    "PUT",
  ),
  json(
    {
      name: "update a ticket: stale safe update",
      path: () => `/api/v2/tickets/${saved.ticketId}`,
      status: 409,
      body: { ticket: { priority: "low", safe_update: true, updated_stamp: "2001-01-01T00:00:00Z" } },
    },
    "PUT",
  ),
  json(
    { name: "update a ticket: invalid", path: "/api/v2/tickets/2", status: 422, body: { ticket: { status: "gone" } } },
    "PUT",
  ),
  // Uploads: two files in one upload, attached by a comment; another upload deleted.
  json(
    {
      name: "upload a file",
      path: "/api/v2/uploads?filename=notes.txt",
      status: 201,
      raw: "first file",
      headers: { "Content-Type": "text/plain" },
      after: (b) => (saved.uploadToken = b.upload.token),
    },
    "POST",
  ),
  json(
    {
      name: "upload a file: into the same upload",
      path: () => `/api/v2/uploads?filename=more.txt&token=${saved.uploadToken}`,
      status: 201,
      raw: "second file",
      headers: { "Content-Type": "text/plain" },
      after: (b) => expect(b.upload.attachments.map((a: Loose) => a.file_name)).toEqual(["notes.txt", "more.txt"]),
    },
    "POST",
  ),
  json(
    {
      name: "upload a file: no file name",
      path: "/api/v2/uploads",
      status: 400,
      raw: "x",
      headers: { "Content-Type": "text/plain" },
    },
    "POST",
  ),
  json(
    {
      name: "attach the upload with a comment",
      path: () => `/api/v2/tickets/${saved.ticketId}`,
      body: () => ({ ticket: { comment: { body: "Files attached.", uploads: [saved.uploadToken] } } }),
    },
    "PUT",
  ),
  json(
    {
      name: "upload a file to delete",
      path: "/api/v2/uploads?filename=gone.bin",
      status: 201,
      raw: "gone",
      headers: { "Content-Type": "application/octet-stream" },
      after: (b) => (saved.uploadToken = b.upload.token),
    },
    "POST",
  ),
  json({ name: "delete an upload", path: () => `/api/v2/uploads/${saved.uploadToken}`, status: 204 }, "DELETE"),
  json({ name: "delete an upload: gone", path: () => `/api/v2/uploads/${saved.uploadToken}`, status: 404 }, "DELETE"),
  json({
    name: "list comments: with attachments",
    path: () => `/api/v2/tickets/${saved.ticketId}/comments?sort_order=desc&per_page=1`,
    after: (b) => expect(b.comments[0].attachments.map((a: Loose) => a.size)).toEqual([10, 11]),
  }),
  json({ name: "list comments (cursor)", path: () => `/api/v2/tickets/${saved.ticketId}/comments?page[size]=1` }),
  json({ name: "list comments (offset)", path: () => `/api/v2/tickets/${saved.ticketId}/comments?sort_order=desc` }),
  json({ name: "count comments", path: () => `/api/v2/tickets/${saved.ticketId}/comments/count` }),
  json({
    name: "list audits",
    path: () => `/api/v2/tickets/${saved.ticketId}/audits`,
    after: (b) => (saved.auditId = b.audits[0].id),
  }),
  json({ name: "list audits (cursor)", path: "/api/v2/tickets/1/audits?page[size]=1" }),
  json({ name: "show an audit", path: () => `/api/v2/tickets/${saved.ticketId}/audits/${saved.auditId}` }),
  json({ name: "count audits", path: () => `/api/v2/tickets/${saved.ticketId}/audits/count` }),
  json({ name: "list tags", path: () => `/api/v2/tickets/${saved.ticketId}/tags` }),
  json(
    { name: "set tags", path: () => `/api/v2/tickets/${saved.ticketId}/tags`, status: 201, body: { tags: ["a", "b"] } },
    "POST",
  ),
  json({ name: "add tags", path: () => `/api/v2/tickets/${saved.ticketId}/tags`, body: { tags: ["c"] } }, "PUT"),
  json(
    { name: "remove tags", path: () => `/api/v2/tickets/${saved.ticketId}/tags`, status: 204, body: { tags: ["a"] } },
    "DELETE",
  ),
  json({ name: "list incidents", path: "/api/v2/tickets/50/incidents" }),
  json({ name: "list incidents (cursor)", path: "/api/v2/tickets/50/incidents?page[size]=2" }),
  json({ name: "list collaborators", path: () => `/api/v2/tickets/${saved.ticketId}/collaborators` }),
  json({ name: "list followers", path: () => `/api/v2/tickets/${saved.ticketId}/followers` }),
  json({ name: "list email CCs", path: () => `/api/v2/tickets/${saved.ticketId}/email_ccs` }),
  json({ name: "related information", path: "/api/v2/tickets/50/related" }),
  json({ name: "list a view's tickets (cursor)", path: "/api/v2/views/101/tickets?page[size]=5" }),
  json({ name: "list a view's tickets (offset)", path: "/api/v2/views/101/tickets?per_page=5" }),
  json(
    {
      name: "merge tickets",
      path: "/api/v2/tickets/20/merge",
      body: { ids: [21, 22], target_comment: "Merging" },
      after: (b) => (saved.jobId = b.job_status.id),
    },
    "POST",
  ),
  json({ name: "job status: working", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json({ name: "job status: completed", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json(
    {
      name: "create many tickets",
      path: "/api/v2/tickets/create_many",
      body: { tickets: bulkTickets },
      after: (b) => (saved.jobId = b.job_status.id),
    },
    "POST",
  ),
  json({ name: "job statuses: show many", path: () => `/api/v2/job_statuses/show_many?ids=${saved.jobId}` }),
  json({ name: "job status: create many completed", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json(
    {
      name: "create many tickets: too many",
      path: "/api/v2/tickets/create_many",
      status: 400,
      body: { tickets: Array.from({ length: 101 }, () => bulkTickets[0]) },
    },
    "POST",
  ),
  json(
    {
      name: "update many tickets (ids)",
      path: "/api/v2/tickets/update_many?ids=6,7,999999",
      body: { ticket: { priority: "high" } },
      after: (b) => (saved.jobId = b.job_status.id),
    },
    "PUT",
  ),
  json({ name: "job status: update many", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json({ name: "job status: update many completed", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json(
    {
      name: "update many tickets (list)",
      path: "/api/v2/tickets/update_many",
      body: { tickets: [{ id: 8, status: "open" }] },
    },
    "PUT",
  ),
  json(
    {
      name: "destroy many tickets",
      path: "/api/v2/tickets/destroy_many?ids=9,10",
      after: (b) => (saved.jobId = b.job_status.id),
    },
    "DELETE",
  ),
  json({ name: "job status: destroy many", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json({ name: "job status: destroy many completed", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json({ name: "list job statuses", path: "/api/v2/job_statuses?page[size]=2" }),
  json({ name: "job status: missing", path: "/api/v2/job_statuses/0123456789abcdef0123456789abcdef", status: 404 }),
  json({ name: "delete a ticket", path: "/api/v2/tickets/11", status: 204 }, "DELETE"),
  json({
    name: "rate limited",
    path: "/api/v2/tickets/1",
    status: 429,
    before: () => sim.faults.add({ match: "GET /api/v2/tickets/1", status: 429, times: 1 }),
  }),
  json({
    name: "unavailable",
    path: "/api/v2/job_statuses",
    status: 503,
    before: () => sim.faults.add({ match: "GET /api/v2/job_statuses", status: 503, retryAfter: 2, times: 1 }),
  }),
  json({
    name: "forbidden",
    path: "/api/v2/tickets/3",
    status: 403,
    before: () => sim.faults.add({ match: "GET /api/v2/tickets/3", forbidden: true, times: 1 }),
  }),

  // Incremental exports (the clock moves on so the writes above are exportable)
  json({
    name: "ticket export (time)",
    path: "/api/v2/incremental/tickets?start_time=0&per_page=5",
    before: () => sim.clock.advance(120_000),
  }),
  json({
    name: "ticket export (time, recent changes and a deletion)",
    path: `/api/v2/incremental/tickets?start_time=${NOW / 1000 - 3600}`,
  }),
  json({
    name: "ticket export (time): start_time too recent",
    path: () => `/api/v2/incremental/tickets?start_time=${Math.floor(sim.clock.now() / 1000)}`,
    status: 400,
  }),
  json({
    name: "ticket export (cursor)",
    path: "/api/v2/incremental/tickets/cursor?start_time=0&per_page=5",
    after: (b) => (saved.cursor = b.after_cursor),
  }),
  json({
    name: "ticket export (next cursor)",
    path: () => `/api/v2/incremental/tickets/cursor?cursor=${saved.cursor}&per_page=5`,
  }),
  json({ name: "user export (time)", path: "/api/v2/incremental/users?start_time=0&per_page=5" }),
  json({ name: "user export (cursor)", path: "/api/v2/incremental/users/cursor?start_time=0&per_page=5" }),
  json({ name: "organization export", path: "/api/v2/incremental/organizations?start_time=0&per_page=5" }),
  json({ name: "ticket event export", path: "/api/v2/incremental/ticket_events?start_time=0&per_page=5" }),
  json({
    name: "ticket event export (API changes)",
    path: `/api/v2/incremental/ticket_events?start_time=${NOW / 1000 - 3600}`,
  }),
  json({
    name: "ticket metric event export",
    path: "/api/v2/incremental/ticket_metric_events?start_time=0&per_page=5",
  }),
  json({
    name: "routing attribute export (start_time)",
    path: "/api/v2/incremental/routing/attributes?start_time=0",
    after: (b) => (saved.nextPage = b.next_page),
  }),
  json({ name: "routing attribute export (cursor in next_page)", path: () => saved.nextPage }),
  json({
    name: "routing attribute value export (start_time)",
    path: "/api/v2/incremental/routing/attribute_values?start_time=0",
    after: (b) => (saved.nextPage = b.next_page),
  }),
  json({ name: "routing attribute value export (cursor in next_page)", path: () => saved.nextPage }),
  json({
    name: "routing instance value export (start_time)",
    path: "/api/v2/incremental/routing/instance_values?start_time=0",
    after: (b) => (saved.nextPage = b.next_page),
  }),
  json({ name: "routing instance value export (cursor in next_page)", path: () => saved.nextPage }),
  json({
    name: "routing instance value export: nothing new (empty page)",
    path: `/api/v2/incremental/routing/instance_values?start_time=${NOW / 1000 - 3600}`,
    after: (b) => expect(b).toMatchObject({ instance_values: [], count: 0, end_time: NOW / 1000 - 3600 }),
  }),
  json({
    name: "routing export: no start_time or cursor",
    path: "/api/v2/incremental/routing/attributes",
    status: 400,
  }),
  json({
    name: "routing export: broken cursor",
    path: "/api/v2/incremental/routing/attribute_values?cursor=garbage",
    status: 400,
  }),
  json({ name: "sample export: tickets", path: "/api/v2/incremental/tickets/sample?start_time=0" }),
  json({ name: "sample export: users", path: "/api/v2/incremental/users/sample?start_time=0" }),
  json({ name: "sample export: organizations", path: "/api/v2/incremental/organizations/sample?start_time=0" }),
  json({ name: "sample export: ticket events", path: "/api/v2/incremental/ticket_events/sample?start_time=0" }),
  json({
    name: "sample export: unknown resource",
    path: "/api/v2/incremental/widgets/sample?start_time=0",
    status: 404,
  }),
  json({
    name: "export rate limited",
    path: "/api/v2/incremental/tickets?start_time=0",
    status: 429,
    before: () => sim.faults.add({ match: "GET /api/v2/incremental/tickets", status: 429, retryAfter: 30, times: 1 }),
  }),

  // Custom objects
  json({ name: "list custom objects", path: "/api/v2/custom_objects" }),
  json(
    {
      name: "create a custom object",
      path: "/api/v2/custom_objects",
      status: 201,
      body: { custom_object: { key: "contract_box", title: "Box", title_pluralized: "Boxes", description: "A box" } },
    },
    "POST",
  ),
  json(
    {
      name: "create a custom object: invalid",
      path: "/api/v2/custom_objects",
      status: 422,
      body: { custom_object: { key: "Bad Key", title: "x", title_pluralized: "xs" } },
    },
    "POST",
  ),
  json({ name: "show a custom object", path: "/api/v2/custom_objects/contract_box" }),
  json({ name: "show a custom object: missing", path: "/api/v2/custom_objects/nothing_here", status: 404 }),
  json(
    {
      name: "update a custom object",
      path: "/api/v2/custom_objects/contract_box",
      body: { custom_object: { title: "Crate" } },
    },
    "PATCH",
  ),
  json({ name: "object limit", path: "/api/v2/custom_objects/limits/object_limit" }),
  json({ name: "record limit", path: "/api/v2/custom_objects/limits/record_limit" }),
  json(
    {
      name: "create a text field",
      path: "/api/v2/custom_objects/contract_box/fields",
      status: 201,
      body: { custom_object_field: { type: "text", key: "color", title: "Color" } },
      after: (b) => (saved.fieldId = String(b.custom_object_field.id)),
    },
    "POST",
  ),
  json(
    {
      name: "create a dropdown field",
      path: "/api/v2/custom_objects/contract_box/fields",
      status: 201,
      body: {
        custom_object_field: {
          type: "dropdown",
          key: "size",
          title: "Size",
          custom_field_options: [
            { name: "Small", value: "small" },
            { name: "Large", value: "large" },
          ],
        },
      },
    },
    "POST",
  ),
  json(
    {
      name: "create a checkbox field",
      path: "/api/v2/custom_objects/contract_box/fields",
      status: 201,
      body: { custom_object_field: { type: "checkbox", key: "fragile", title: "Fragile", tag: "fragile" } },
    },
    "POST",
  ),
  json(
    {
      name: "create a lookup field",
      path: "/api/v2/custom_objects/contract_box/fields",
      status: 201,
      body: {
        custom_object_field: { type: "lookup", key: "owner", title: "Owner", relationship_target_type: "zen:user" },
      },
    },
    "POST",
  ),
  json({ name: "list fields", path: "/api/v2/custom_objects/contract_box/fields" }),
  json({
    name: "list fields with standard ones",
    path: "/api/v2/custom_objects/contract_box/fields?include_standard_fields=true",
  }),
  json({ name: "show a field", path: "/api/v2/custom_objects/contract_box/fields/color" }),
  json(
    {
      name: "update a field",
      path: () => `/api/v2/custom_objects/contract_box/fields/${saved.fieldId}`,
      body: { custom_object_field: { title: "Colour" } },
    },
    "PATCH",
  ),
  json(
    {
      name: "reorder fields",
      path: "/api/v2/custom_objects/contract_box/fields/reorder",
      body: () => ({ custom_object_field_ids: reorderIds() }),
    },
    "PUT",
  ),
  json({ name: "field limit", path: "/api/v2/custom_objects/contract_box/limits/field_limit" }),
  json(
    {
      name: "create a record",
      path: "/api/v2/custom_objects/contract_box/records",
      status: 201,
      body: {
        custom_object_record: {
          name: "Box 1",
          external_id: "box-1",
          custom_object_fields: { color: "red", size: "small", fragile: true },
        },
      },
      after: (b) => (saved.recordId = b.custom_object_record.id),
    },
    "POST",
  ),
  json(
    {
      name: "create a record: invalid",
      path: "/api/v2/custom_objects/contract_box/records",
      status: 422,
      body: { custom_object_record: { name: "" } },
    },
    "POST",
  ),
  json({ name: "show a record", path: () => `/api/v2/custom_objects/contract_box/records/${saved.recordId}` }),
  json(
    {
      name: "update a record",
      path: () => `/api/v2/custom_objects/contract_box/records/${saved.recordId}`,
      body: { custom_object_record: { custom_object_fields: { color: "blue" } } },
    },
    "PATCH",
  ),
  json(
    {
      name: "upsert a record by external id",
      path: "/api/v2/custom_objects/contract_box/records?external_id=box-2",
      body: { custom_object_record: { name: "Box 2" } },
    },
    "PATCH",
  ),
  json({ name: "list records", path: "/api/v2/custom_objects/sim_device/records?page[size]=5&sort=-updated_at" }),
  json({
    name: "list records by external ids",
    path: "/api/v2/custom_objects/sim_device/records?filter[external_ids]=device-1,device-2",
  }),
  json({ name: "autocomplete records", path: "/api/v2/custom_objects/sim_device/records/autocomplete?name=falcon" }),
  json({ name: "count records", path: "/api/v2/custom_objects/sim_device/records/count" }),
  json({ name: "search records", path: "/api/v2/custom_objects/sim_device/records/search?query=heron&sort=name" }),
  json(
    {
      name: "filtered search",
      path: "/api/v2/custom_objects/sim_device/records/search",
      body: {
        filter: { $and: [{ "custom_object_fields.under_warranty": { $eq: true } }, { name: { $contains: "#" } }] },
      },
    },
    "POST",
  ),
  json(
    {
      name: "record bulk job (create)",
      path: "/api/v2/custom_objects/contract_box/jobs",
      status: 201,
      body: { job: { action: "create", items: [{ name: "Box 3", external_id: "box-3" }, { name: "" }] } },
      after: (b) => (saved.jobId = b.job_status.id),
    },
    "POST",
  ),
  json({ name: "job status: record job", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json({ name: "job status: record job completed", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  json(
    {
      name: "record bulk job (delete by external id)",
      path: "/api/v2/custom_objects/contract_box/jobs",
      status: 201,
      body: { job: { action: "delete_by_external_id", items: ["box-3"] } },
    },
    "POST",
  ),
  json(
    {
      name: "delete a record by external id",
      path: "/api/v2/custom_objects/contract_box/records?external_id=box-2",
      status: 204,
    },
    "DELETE",
  ),
  json(
    {
      name: "delete a record",
      path: () => `/api/v2/custom_objects/contract_box/records/${saved.recordId}`,
      status: 204,
    },
    "DELETE",
  ),
  json({
    name: "show a record: missing",
    path: () => `/api/v2/custom_objects/contract_box/records/${saved.recordId}`,
    status: 404,
  }),
  json({ name: "delete a field", path: "/api/v2/custom_objects/contract_box/fields/fragile", status: 204 }, "DELETE"),

  // Object triggers
  json(
    {
      name: "create a trigger",
      path: "/api/v2/custom_objects/sim_device/triggers",
      status: 201,
      body: {
        trigger: {
          title: "Flag big devices",
          conditions: {
            all: [{ field: "custom_object.sim_device.custom_fields.seats", operator: "greater_than", value: "10" }],
            any: [],
          },
          actions: [{ field: "custom_object.sim_device.custom_fields.under_warranty", value: "true" }],
        },
      },
      after: (b) => (saved.triggerId = b.trigger.id),
    },
    "POST",
  ),
  json(
    {
      name: "create a trigger: invalid",
      path: "/api/v2/custom_objects/sim_device/triggers",
      status: 422,
      body: { trigger: { title: "" } },
    },
    "POST",
  ),
  json({ name: "list triggers", path: "/api/v2/custom_objects/sim_device/triggers" }),
  json({ name: "list active triggers", path: "/api/v2/custom_objects/sim_device/triggers/active" }),
  json({ name: "show a trigger", path: () => `/api/v2/custom_objects/sim_device/triggers/${saved.triggerId}` }),
  json(
    {
      name: "update a trigger",
      path: () => `/api/v2/custom_objects/sim_device/triggers/${saved.triggerId}`,
      body: { trigger: { title: "Flag large devices" } },
    },
    "PUT",
  ),
  json({ name: "search triggers", path: "/api/v2/custom_objects/sim_device/triggers/search?query=large" }),
  json({ name: "trigger definitions", path: "/api/v2/custom_objects/sim_device/triggers/definitions" }),
  json(
    {
      name: "update many triggers",
      path: "/api/v2/custom_objects/sim_device/triggers/update_many",
      body: () => ({ triggers: [{ id: saved.triggerId, position: 3, active: false }] }),
    },
    "PUT",
  ),
  json(
    {
      name: "delete a trigger",
      path: () => `/api/v2/custom_objects/sim_device/triggers/${saved.triggerId}`,
      status: 204,
    },
    "DELETE",
  ),
  json({
    name: "show a trigger: missing",
    path: () => `/api/v2/custom_objects/sim_device/triggers/${saved.triggerId}`,
    status: 404,
  }),
  json(
    {
      name: "create a trigger to delete in bulk",
      path: "/api/v2/custom_objects/sim_device/triggers",
      status: 201,
      body: {
        trigger: {
          title: "Temporary",
          conditions: { all: [{ field: "action", operator: "is", value: "created" }] },
          actions: [{ field: "custom_object.sim_device.custom_fields.seats", value: "1" }],
        },
      },
      after: (b) => (saved.triggerId = b.trigger.id),
    },
    "POST",
  ),
  json(
    {
      name: "delete many triggers",
      path: () => `/api/v2/custom_objects/sim_device/triggers/destroy_many?ids=${saved.triggerId}`,
      status: 204,
    },
    "DELETE",
  ),
  json({ name: "delete a custom object", path: "/api/v2/custom_objects/contract_box", status: 204 }, "DELETE"),
  // The people and search domains, each from its own module.
  ...users.steps,
  ...organizations.steps,
  ...groups.steps,
  ...search.steps,
  ...ticketsLifecycle.steps,
  ...ticketsRecords.steps,
  ...ticketFields.steps,
];

function reorderIds(): string[] {
  const fields = sim.state.customObjects.get("contract_box")?.fields.filter((field) => !field.system) ?? [];
  return fields.map((field) => String(field.id)).reverse();
}

describe("contract with specs/dist", () => {
  it("has every bundle", () => {
    expect(
      missing,
      `missing bundle(s): ${missing.map((name) => bundlePath(name)).join(", ")}; run \`pnpm generate\` to build them`,
    ).toEqual([]);
  });

  // With some bundles missing, the steps they would cover fail (no operation found); with none, nothing can run.
  describe.skipIf(missing.length === BUNDLES.length)("responses", () => {
    let validator: SpecValidator;
    beforeAll(async () => {
      // Every bundle in specs/dist, so a new domain's generic routes are checked without touching this file.
      validator = new SpecValidator(distBundlePaths());
      sim = await startSimulator({
        seed: { tickets: 60, users: 20, organizations: 4, customObjectRecords: 12 },
        now: NOW,
        rateLimits: { incremental: false, sample: false },
        jobs: { pollsToComplete: 2 },
        exports: { routingPageSize: 4 }, // so the routing steps see a next_page with more after it
      });
    });
    afterAll(() => sim?.close());

    for (const step of steps) {
      it(`${step.method} ${typeof step.path === "string" ? step.path.split("?")[0] : "…"}: ${step.name}`, async () => {
        step.before?.();
        const path = typeof step.path === "function" ? step.path() : step.path;
        const body = typeof step.body === "function" ? (step.body as () => unknown)() : step.body;
        const response = await api(sim, step.method, path, {
          body,
          raw: step.raw,
          headers: step.headers,
          auth: step.auth,
        });
        if (step.status !== undefined) expect(response.status, response.text).toBe(step.status);
        else expect(response.status, response.text).toBeLessThan(300);
        const concrete = new URL(path, sim.url).pathname.replace(/\.json$/, "");
        const verdict = validator.check(
          step.method,
          concrete,
          response.status,
          response.text === "" ? undefined : response.body,
          response.headers.get("content-type"),
        );
        expect(
          verdict.problems,
          `${step.method} ${path} -> ${response.status}: ${response.text.slice(0, 400)}`,
        ).toEqual([]);
        step.after?.(response.body);
      });
    }

    it("serves only routes that some bundle describes", () => {
      const undocumented = sim
        .routes()
        .filter((route) => !validator.findTemplate(route.method, route.pattern))
        .map((route) => `${route.method} ${route.pattern}`);
      expect(undocumented).toEqual([]);
    });

    it("pages every list the way its x-zenfetch-pagination says", async () => {
      const problems: string[] = [];
      for (const route of sim.routes().filter((r) => r.method === "GET")) {
        const operation = validator.findTemplate(route.method, route.pattern);
        const style = operation?.pagination?.style;
        if (!operation?.pagination || !style) continue;
        const items = operation.pagination.items;
        const path = concretePath(sim, route.pattern, SAMPLES);
        const queries: Record<string, string[]> = {
          cursor: ["page[size]=1"],
          offset: ["per_page=1"],
          "cursor-or-offset": ["page[size]=1", "per_page=1"],
          "incremental-time": ["start_time=0&per_page=1"],
          "incremental-cursor": ["start_time=0&per_page=1"],
          "legacy-cursor": ["limit=1"],
          "search-export": ["page[size]=1"],
          unpaginated: [""],
        };
        const required = PAGING_QUERIES[route.pattern];
        for (const query of queries[style] ?? []) {
          const response = await api(sim, "GET", `${path}?${required ? `${required}&` : ""}${query}`);
          const body = response.body ?? {};
          const where = `${route.method} ${path}?${query} (${style})`;
          const verdict = validator.check(
            "GET",
            path,
            response.status,
            response.body,
            response.headers.get("content-type"),
          );
          problems.push(...verdict.problems.map((problem) => `${where}: ${problem}`));
          if (response.status !== 200) problems.push(`${where}: status ${response.status}`);
          else if (!Array.isArray(body[items])) problems.push(`${where}: no '${items}' array`);
          else if (query.startsWith("page[size]") && (typeof body.meta?.has_more !== "boolean" || !body.links)) {
            problems.push(`${where}: no meta.has_more / links`);
          } else if (query.startsWith("per_page") && !("next_page" in body && "count" in body)) {
            problems.push(`${where}: no next_page / count`);
          } else if (style === "legacy-cursor") {
            const fields = ["before_cursor", "after_cursor", "before_url", "after_url"];
            const absent = fields.filter((field) => !(field in body));
            if (absent.length > 0) problems.push(`${where}: no ${absent.join(" / ")}`);
          } else if (style.startsWith("incremental-")) {
            // end_of_stream only where the page declares it: the routing feeds have none.
            const declared = validator.declaredProperties(operation, 200);
            const fields = style === "incremental-time" ? ["end_time", "next_page"] : ["after_cursor"];
            if (declared.has("end_of_stream")) fields.push("end_of_stream");
            const absent = fields.filter((field) => !(field in body));
            if (absent.length > 0) problems.push(`${where}: no ${absent.join(" / ")}`);
          }
        }
      }
      expect(problems).toEqual([]);
    });

    it("serves every generic route as its bundle describes", async () => {
      expect(await checkGenericRoutes(sim, { validator, samples: SAMPLES })).toEqual([]);
    });

    it("exercised every route it serves", () => {
      const hit = new Set(sim.requests.byRoute.keys());
      const untested = sim
        .routes()
        .map((route) => `${route.method} ${route.pattern}`)
        .filter((route) => !hit.has(route));
      expect(untested).toEqual([]);
    });
  });
});
