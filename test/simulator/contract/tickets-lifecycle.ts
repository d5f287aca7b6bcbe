/** The deleted, suspended and problem tickets, account tags and the scoped ticket lists routes in the contract scenario: each hand-written route is requested and its answer validated. */
import { expect } from "vitest";
import type { Loose } from "../test-helpers.js";
import { type DomainContract, get, type Step } from "./step.js";

// The contract seeds 60 tickets (50 is a problem) and 20 users; the suspended messages are 3001 to 3012, 3006 and
// 3012 from a blocked sender, 3002, 3006 and 3010 with a file.
const saved = { deleted: 0, erased: 0, other: 0, jobId: "" };
const DELETE_ME = [41, 42, 43];

const ids = (b: Loose, property: string): number[] => (b[property] as Loose[]).map((item) => item.id as number);

const steps: Step[] = [
  // Deleted tickets: soft-delete three through the tickets routes, then list, restore and erase them.
  get(
    {
      name: "delete tickets to restore and erase",
      path: `/api/v2/tickets/destroy_many?ids=${DELETE_ME.join(",")}`,
      after: (b) => {
        [saved.deleted, saved.erased, saved.other] = DELETE_ME as [number, number, number];
        saved.jobId = b.job_status.id;
      },
    },
    "DELETE",
  ),
  get({ name: "wait for the deletions", path: () => `/api/v2/job_statuses/${saved.jobId}` }),
  get({
    name: "the deletions are done",
    path: () => `/api/v2/job_statuses/${saved.jobId}`,
    after: (b) => expect(b.job_status.status).toBe("completed"),
  }),
  get({
    name: "list deleted tickets (cursor)",
    path: "/api/v2/deleted_tickets?page[size]=2",
    after: (b) => expect(b.deleted_tickets.length).toBeGreaterThan(0),
  }),
  get({
    name: "list deleted tickets (offset, by subject)",
    path: "/api/v2/deleted_tickets?sort_by=subject&per_page=2",
  }),
  get({
    name: "list deleted tickets (newest deletion first)",
    path: "/api/v2/deleted_tickets?sort_by=deleted_at&sort_order=desc",
  }),
  get({ name: "list deleted tickets: bad sort", path: "/api/v2/deleted_tickets?sort_by=status", status: 400 }),
  get({ name: "list deleted tickets: no credentials", path: "/api/v2/deleted_tickets", auth: false, status: 401 }),
  get({ name: "restore a deleted ticket", path: () => `/api/v2/deleted_tickets/${saved.deleted}/restore` }, "PUT"),
  get({ name: "the restored ticket is back", path: () => `/api/v2/tickets/${saved.deleted}` }),
  get({ name: "restore a ticket that is not deleted", path: "/api/v2/deleted_tickets/5/restore", status: 404 }, "PUT"),
  get(
    {
      name: "restore deleted tickets in bulk: one not deleted",
      path: () => `/api/v2/deleted_tickets/restore_many?ids=${saved.other},6`,
      status: 404,
    },
    "PUT",
  ),
  get({ name: "erase a deleted ticket", path: () => `/api/v2/deleted_tickets/${saved.erased}` }, "DELETE"),
  get({ name: "erase a ticket that is not deleted", path: "/api/v2/deleted_tickets/5", status: 404 }, "DELETE"),
  get(
    {
      name: "erase deleted tickets in bulk",
      path: () => `/api/v2/deleted_tickets/destroy_many?ids=${saved.other},7`,
      after: (b) => expect(b.job_status.total).toBe(2),
    },
    "DELETE",
  ),
  get(
    { name: "erase deleted tickets in bulk: no ids", path: "/api/v2/deleted_tickets/destroy_many", status: 400 },
    "DELETE",
  ),
  get(
    { name: "restore deleted tickets in bulk: no ids", path: "/api/v2/deleted_tickets/restore_many", status: 400 },
    "PUT",
  ),

  // Problems
  get({
    name: "list problems (cursor)",
    path: "/api/v2/problems?page[size]=5",
    after: (b) => expect((b.tickets as Loose[]).every((t) => t.type === "problem")).toBe(true),
  }),
  get({ name: "list problems (offset)", path: "/api/v2/problems?per_page=5" }),
  get(
    {
      name: "autocomplete problems (body)",
      path: "/api/v2/problems/autocomplete",
      body: { text: "e" },
      after: (b) => expect(b.tickets.length).toBeGreaterThan(0),
    },
    "POST",
  ),
  get({ name: "autocomplete problems (query)", path: "/api/v2/problems/autocomplete?text=zzz-none" }, "POST"),
  get({ name: "autocomplete problems: no text", path: "/api/v2/problems/autocomplete", status: 400, body: {} }, "POST"),

  // Suspended tickets
  get({
    name: "list suspended tickets",
    path: "/api/v2/suspended_tickets?page[size]=5",
    after: (b) => expect(b.meta.has_more).toBe(true),
  }),
  get({
    name: "list suspended tickets by cause, descending",
    path: "/api/v2/suspended_tickets?sort_by=cause&sort_order=desc",
  }),
  get({ name: "list suspended tickets: bad sort", path: "/api/v2/suspended_tickets?sort_by=size", status: 400 }),
  get({
    name: "show a suspended ticket with a file",
    path: "/api/v2/suspended_tickets/3002",
    after: (b) => expect(b.suspended_ticket.attachments).toHaveLength(1),
  }),
  get({ name: "show a suspended ticket: missing", path: "/api/v2/suspended_tickets/99", status: 404 }),
  get(
    {
      name: "copy a suspended ticket's files",
      path: "/api/v2/suspended_tickets/attachments?id=3002",
      after: (b) => expect(b.upload.attachments).toHaveLength(1),
    },
    "POST",
  ),
  get(
    {
      name: "copy a suspended ticket's files: missing",
      path: "/api/v2/suspended_tickets/attachments?id=1",
      status: 404,
    },
    "POST",
  ),
  get(
    { name: "copy a suspended ticket's files: no id", path: "/api/v2/suspended_tickets/attachments", status: 400 },
    "POST",
  ),
  get(
    {
      name: "recover a suspended ticket",
      path: "/api/v2/suspended_tickets/3002/recover",
      after: (b) => expect(b.ticket[0].description).toContain("Message 2"),
    },
    "PUT",
  ),
  get({ name: "recover a suspended ticket: gone", path: "/api/v2/suspended_tickets/3002/recover", status: 404 }, "PUT"),
  get(
    { name: "recover a suspended ticket: blocked sender", path: "/api/v2/suspended_tickets/3006/recover", status: 422 },
    "PUT",
  ),
  get(
    {
      name: "recover suspended tickets",
      path: "/api/v2/suspended_tickets/recover_many?ids=3003,3004",
      after: (b) => expect(b.tickets).toHaveLength(2),
    },
    "PUT",
  ),
  get(
    {
      name: "recover suspended tickets: one blocked",
      path: "/api/v2/suspended_tickets/recover_many?ids=3005,3012",
      status: 422,
      after: (b) => expect(ids(b, "suspended_tickets")).toEqual([3012]),
    },
    "PUT",
  ),
  get({ name: "delete a suspended ticket", path: "/api/v2/suspended_tickets/3007", status: 204 }, "DELETE"),
  get({ name: "delete a suspended ticket: gone", path: "/api/v2/suspended_tickets/3007", status: 404 }, "DELETE"),
  get(
    { name: "delete suspended tickets", path: "/api/v2/suspended_tickets/destroy_many?ids=3008,3009", status: 204 },
    "DELETE",
  ),
  get({ name: "export suspended tickets", path: "/api/v2/suspended_tickets/export" }, "POST"),

  // Tags
  get({ name: "list tags (cursor)", path: "/api/v2/tags?page[size]=2" }),
  get({ name: "list tags (offset)", path: "/api/v2/tags?per_page=2" }),
  get({ name: "count tags", path: "/api/v2/tags/count", after: (b) => expect(b.count.value).toBeGreaterThan(0) }),
  get({
    name: "autocomplete tags",
    path: "/api/v2/autocomplete/tags?name=bi",
    after: (b) => expect(b.tags).toContain("billing"),
  }),
  get({ name: "autocomplete tags: too short", path: "/api/v2/autocomplete/tags?name=b", status: 400 }),

  // Scoped lists
  get({ name: "list a user's requested tickets", path: "/api/v2/users/3/tickets/requested?page[size]=5" }),
  get({
    name: "list a user's requested tickets: missing user",
    path: "/api/v2/users/9999/tickets/requested",
    status: 404,
  }),
  get({ name: "list a user's CC'd tickets", path: "/api/v2/users/4/tickets/ccd" }),
  get({ name: "list a user's followed tickets", path: "/api/v2/users/2/tickets/followed" }),
  get({ name: "list a user's assigned tickets", path: "/api/v2/users/2/tickets/assigned?per_page=5" }),
  get({ name: "list an organization's tickets", path: "/api/v2/organizations/1/tickets?page[size]=5" }),
  get({ name: "list an organization's tickets: missing", path: "/api/v2/organizations/999/tickets", status: 404 }),
  get({ name: "list recent tickets", path: "/api/v2/tickets/recent" }),
];

export const contract: DomainContract = {
  steps,
  samples: {},
  pagingQueries: { "/api/v2/autocomplete/tags": "name=bi" },
};
