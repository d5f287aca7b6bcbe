/**
 * The demo app: what a small integration built on zenfetch does, as its user would write it with the three
 * packages. It creates tickets, pages through them, bulk-creates more and waits for the jobs, exports tickets
 * incrementally (stopping, storing the checkpoint, resuming from it), upserts custom object records, looks up
 * the signed-in user by email with their groups, and searches: an organization's open tickets through the search
 * list, every unsolved ticket through the search export (past the list's 1,000-result cap); and sets a ticket's
 * custom field and custom status by name.
 *
 * It talks to whatever `connection` names: the local simulator (`pnpm demo`), or a real account, where it runs
 * read-only (`readOnly`): every write step is skipped, and a guard refuses any request that is not a GET.
 * It returns a summary of what happened; `formatSummary` turns that into the text `pnpm demo` prints.
 */
import { createZendeskClient } from "@zenfetch/core";
import { customObjectsOf } from "@zenfetch/custom-objects";
import { groups } from "@zenfetch/groups";
import { exportTickets, incremental } from "@zenfetch/incremental";
import { search, searchQuery } from "@zenfetch/search";
import { ticketFields } from "@zenfetch/ticket-fields";
import { type FetchLike, type TicketCreateInput, tickets, unwrap, type ZendeskClientOptions } from "@zenfetch/tickets";
import { users } from "@zenfetch/users";
import { type Progress, silentProgress } from "./progress.js";

/** The custom object the write mode upserts into, and its fields (the simulator seeds it). */
export const DEVICE_OBJECT = "sim_device";
interface Device {
  serial_number: string;
  model: string;
  seats: number;
  under_warranty: boolean;
}

/** The bulk item left without a description on purpose, to show a per-item failure. */
export const INVALID_BULK_INDEX = 17;

export interface DemoOptions {
  /** Where and as whom: `baseUrl` or `subdomain`, `auth`, and any other client option (retries…). */
  connection: ZendeskClientOptions;
  /** Only read: the write steps are skipped and any request other than GET is refused before it is sent. */
  readOnly: boolean;
  /** Where the incremental export starts (a Date or Unix seconds). */
  exportStartTime: Date | number;
  /** Pages the first export run reads before it stops and stores its checkpoint. */
  exportPagesBeforeStop: number;
  /** Most pages the resumed export reads (default: to the end of the stream). */
  exportPageLimit?: number;
  /** Tickets per export page (1–1000). */
  exportPerPage: number;
  /** Most tickets to page through (default: all). */
  listLimit?: number;
  /** Tickets to bulk-create (write mode). */
  bulkCount: number;
  /** First wait between job polls, in ms (default: zenfetch's 1 s). */
  jobPollMs?: number;
  /** Counters for the long steps. */
  progress?: Progress;
}

export interface DemoSummary {
  /** What the demo talked to, without credentials. */
  target: string;
  readOnly: boolean;
  created?: { ids: number[] } | "skipped";
  paged?: { tickets: number; pages: number; total: number | undefined; limit: number | undefined };
  bulk?:
    | {
        requested: number;
        created: number;
        jobs: number;
        failed: { index: number; error: string; details: string }[];
      }
    | "skipped";
  export?: {
    first: { tickets: number; pages: number };
    /** The stored checkpoint, as JSON. */
    checkpoint: string;
    resumed: { tickets: number; pages: number; caughtUp: boolean };
    distinct: number;
    repeated: number;
  };
  customObjects?: {
    keys: string[];
    upserted?: { key: string; created: number; updated: number; records: number } | "skipped";
    counted?: { key: string; records: number };
  };
  people?: {
    /** The signed-in user, as `users.me()` gives it, and the same user found again with `findByEmail`. */
    me: { id: number; role: string };
    foundByEmail: number | undefined;
    groups: string[];
  };
  search?: {
    /** The organization of the first organization hit, its open tickets counted and listed. */
    organization?: { id: number; name: string; counted: number; listed: number };
    /** Unsolved tickets: what the count endpoint says, and what the export read (`limit`: stopped there). */
    unsolved: { counted: number; exported: number; pages: number; limit: number | undefined };
  };
  fields?: {
    /** A ticket's custom fields as read by title; in write mode after setting `Plan` and a custom status by name. */
    ticketId: number;
    values: Record<string, unknown>;
    status?: { label: string; status: string; customStatusId: number | null } | "skipped";
  };
  /** Requests the clients retried, by the status that caused it (`error`: no response). */
  retries: Record<string, number>;
  /** Steps that threw, with the error's message (zenfetch's errors hold no credentials). */
  failures: { step: string; message: string }[];
  elapsedMs: number;
}

/** Runs every step against `options.connection` and says what happened. Never throws for a failed step. */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = Date.now();
  const progress = options.progress ?? silentProgress;
  const retries: Record<string, number> = {};
  const connection: ZendeskClientOptions = {
    ...options.connection,
    onRetry: (event) => {
      const key = event.status === undefined ? "error" : String(event.status);
      retries[key] = (retries[key] ?? 0) + 1;
      options.connection.onRetry?.(event);
    },
    ...(options.readOnly ? { fetch: readOnlyFetch(options.connection.fetch) } : {}),
  };
  // One client for every domain: one set of credentials, one rate limiter for the account.
  const zendesk = createZendeskClient({
    ...connection,
    domains: [
      tickets,
      incremental,
      customObjectsOf<{ [DEVICE_OBJECT]: Device }>(),
      users,
      groups,
      search,
      ticketFields,
    ],
  });
  const summary: DemoSummary = {
    target: zendesk.baseUrl,
    readOnly: options.readOnly,
    retries,
    failures: [],
    elapsedMs: 0,
  };
  const step = async (name: string, run: () => Promise<void>) => {
    try {
      await run();
    } catch (error) {
      summary.failures.push({ step: name, message: error instanceof Error ? error.message : String(error) });
    }
  };

  // 1. Create a few tickets, one call each (every call carries its own Idempotency-Key, so a retry is safe).
  await step("create tickets", async () => {
    if (options.readOnly) {
      summary.created = "skipped";
      return;
    }
    const ids: number[] = [];
    for (const [subject, body] of [
      ["Printer on fire", "The printer on the 3rd floor is on fire."],
      ["Cannot log in", "The password reset link has expired."],
      ["Invoice in the wrong currency", "Invoice 2024-118 shows USD; we pay in EUR."],
    ] as const) {
      const { ticket } = unwrap(
        await zendesk.POST("/api/v2/tickets", { body: { ticket: { subject, comment: { body } } } }),
      );
      if (ticket.id !== undefined) ids.push(ticket.id);
    }
    summary.created = { ids };
  });

  // 2. Page through the tickets (cursor pagination, 100 a page, one page in memory at a time).
  await step("page through tickets", async () => {
    const total = unwrap(await zendesk.GET("/api/v2/tickets/count")).count.value;
    const label = "paging through tickets";
    let count = 0;
    let pages = 0;
    for await (const page of zendesk
      .paginate("/api/v2/tickets", { pageSize: 100, maxItems: options.listLimit })
      .pages()) {
      pages++;
      count += page.tickets.length;
      progress.update(label, count, options.listLimit ?? total);
    }
    progress.finish(label, count, options.listLimit ?? total);
    summary.paged = { tickets: count, pages, total, limit: options.listLimit };
  });

  // 3. Bulk-create tickets: batches of 100, one background job each, waited for; one result per item, in order.
  await step("bulk-create tickets", async () => {
    if (options.readOnly) {
      summary.bulk = "skipped";
      return;
    }
    const input: TicketCreateInput[] = Array.from({ length: options.bulkCount }, (_, i) => ({
      subject: `Demo bulk ticket ${i + 1}`,
      comment: { body: i === INVALID_BULK_INDEX ? "" : `Imported by the zenfetch demo, item ${i + 1}.` },
      tags: ["zenfetch_demo"],
    }));
    const label = "bulk create (tickets in finished jobs)";
    const results = await zendesk.tickets.createMany(input, {
      wait: options.jobPollMs === undefined ? undefined : { intervalMs: options.jobPollMs },
      onProgress: ({ done, total }) => progress.update(label, done, total),
    });
    progress.finish(label, results.length, input.length);
    const jobs = new Set(results.map((r) => r.jobId)).size;
    summary.bulk = {
      requested: input.length,
      created: results.filter((r) => r.success).length,
      jobs,
      failed: results
        .filter((r) => !r.success)
        .map((r) => ({ index: r.index, error: String(r.error ?? "unknown"), details: String(r.details ?? "") })),
    };
  });

  // 4. Export tickets incrementally: stop after a few pages keeping the checkpoint (as JSON, as a process would
  //    store it), then resume from it: nothing lost, nothing repeated.
  await step("incremental export", async () => {
    const seen = new Set<number>();
    let saved = "";
    const first = { tickets: 0, pages: 0 };
    let label = "export, first run (tickets)";
    for await (const page of exportTickets(zendesk, {
      startTime: options.exportStartTime,
      perPage: options.exportPerPage,
    })) {
      for (const ticket of page.items) if (ticket.id !== undefined) seen.add(ticket.id);
      first.tickets += page.items.length;
      first.pages++;
      saved = JSON.stringify(page.checkpoint); // store it once the page's tickets are stored
      progress.update(label, first.tickets);
      if (first.pages >= options.exportPagesBeforeStop || page.endOfStream) break;
    }
    progress.finish(label, first.tickets);

    const resumed = { tickets: 0, pages: 0, caughtUp: false };
    let repeated = 0;
    label = "export, resumed (tickets)";
    for await (const page of exportTickets(zendesk, {
      checkpoint: JSON.parse(saved),
      perPage: options.exportPerPage,
    })) {
      for (const ticket of page.items) {
        if (ticket.id === undefined) continue;
        if (seen.has(ticket.id)) repeated++;
        seen.add(ticket.id);
      }
      resumed.tickets += page.items.length;
      resumed.pages++;
      resumed.caughtUp = page.endOfStream;
      progress.update(label, resumed.tickets);
      if (options.exportPageLimit !== undefined && resumed.pages >= options.exportPageLimit) break;
    }
    progress.finish(label, resumed.tickets);
    summary.export = { first, checkpoint: saved, resumed, distinct: seen.size, repeated };
  });

  // 5. Custom objects: list them; upsert records by external id (write mode) or count one object's records.
  await step("custom objects", async () => {
    const keys = unwrap(await zendesk.GET("/api/v2/custom_objects")).custom_objects.map((o) => o.key);
    const result: NonNullable<DemoSummary["customObjects"]> = { keys };
    summary.customObjects = result;
    if (options.readOnly) {
      result.upserted = "skipped";
      const key = keys[0];
      if (key !== undefined)
        result.counted = { key, records: (await zendesk.customObjects.records(key).count()).value };
      return;
    }
    if (!keys.includes(DEVICE_OBJECT)) throw new Error(`the account has no custom object "${DEVICE_OBJECT}"`);
    const devices = zendesk.customObjects.records(DEVICE_OBJECT);
    const upserts: [string, string, Device][] = [
      [
        "device-1",
        "Falcon 2 (refurbished)",
        { serial_number: "SN-R1", model: "falcon_2", seats: 5, under_warranty: true },
      ],
      [
        "demo-device-1",
        "Heron S for Acme",
        { serial_number: "SN-D1", model: "heron_s", seats: 12, under_warranty: true },
      ],
      [
        "demo-device-2",
        "Lark Mini spare",
        { serial_number: "SN-D2", model: "lark_mini", seats: 1, under_warranty: false },
      ],
    ];
    let created = 0;
    let updated = 0;
    for (const [externalId, name, fields] of upserts) {
      const record = await devices.upsert({ externalId }, { name, custom_object_fields: fields });
      if (record.created_at === record.updated_at) created++;
      else updated++;
    }
    result.upserted = { key: DEVICE_OBJECT, created, updated, records: (await devices.count()).value };
  });

  // 6. People: who the credentials belong to, found again by email (an exact match, not a search's near ones),
  //    and the groups they are in.
  await step("people", async () => {
    const me = await zendesk.users.me();
    const found = me.email ? await zendesk.users.findByEmail(me.email) : undefined;
    const { groups: theirs } = unwrap(
      await zendesk.GET("/api/v2/users/{user_id}/groups", { params: { path: { user_id: me.id } } }),
    );
    summary.people = { me: { id: me.id, role: me.role }, foundByEmail: found?.id, groups: theirs.map((g) => g.name) };
  });

  // 7. Search: an organization's open tickets through the search list (typed per result_type), then every
  //    unsolved ticket through the search export, which has no 1,000-result cap.
  await step("search", async () => {
    let organization: NonNullable<DemoSummary["search"]>["organization"];
    for await (const hit of zendesk.paginate("/api/v2/search", {
      params: { query: { query: searchQuery({ type: "organization" }) } },
      maxItems: 1,
    })) {
      if (hit.result_type === "organization") organization = { id: hit.id, name: hit.name, counted: 0, listed: 0 };
    }
    if (organization) {
      const query = searchQuery({ type: "ticket", status: "open", organization: organization.id });
      organization.counted = await zendesk.search.count(query);
      for await (const hit of zendesk.paginate("/api/v2/search", { params: { query: { query } } })) {
        if (hit.result_type === "ticket" && hit.organization_id === organization.id) organization.listed++;
      }
    }
    const unsolved = { status: { below: "solved" } } as const;
    const limit = options.listLimit;
    const result = {
      counted: await zendesk.search.count(searchQuery({ type: "ticket", ...unsolved })),
      exported: 0,
      pages: 0,
      limit,
    };
    const label = "search export (unsolved tickets)";
    for await (const page of zendesk.search
      .exportSearch({ type: "ticket", query: unsolved, pageSize: Math.min(1_000, limit ?? 1_000) })
      .pages()) {
      result.pages++;
      result.exported += page.results.length;
      progress.update(label, result.exported, limit ?? result.counted);
      if (limit !== undefined && result.exported >= limit) break;
    }
    progress.finish(label, result.exported, limit ?? result.counted);
    summary.search = { ...(organization ? { organization } : {}), unsolved: result };
  });

  // 8. Custom fields and statuses by name: read a ticket's custom fields by title (the account's ticket fields are
  //    fetched once for the client); in write mode, set a field and a custom status by name in one update.
  await step("fields by name", async () => {
    const fields = await zendesk.ticketFields.fieldsByName();
    const created = summary.created;
    let ticketId = typeof created === "object" ? created.ids[0] : undefined;
    if (ticketId === undefined) {
      for await (const ticket of zendesk.paginate("/api/v2/tickets", { maxItems: 1 })) ticketId = ticket.id;
    }
    if (ticketId === undefined) throw new Error("the account has no ticket to read");
    const id = ticketId;
    const show = async () =>
      unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: id } } })).ticket;
    if (options.readOnly) {
      summary.fields = { ticketId: id, values: fields.read(await show()), status: "skipped" };
      return;
    }
    const label = "Waiting on engineering";
    const { custom_status_id } = await zendesk.ticketFields.statusByName(label);
    await zendesk.PUT("/api/v2/tickets/{ticket_id}", {
      params: { path: { ticket_id: id } },
      body: { ticket: { custom_fields: fields.write({ Plan: "premium" }), custom_status_id } },
    });
    const ticket = await show();
    summary.fields = {
      ticketId: id,
      values: fields.read(ticket),
      status: { label, status: ticket.status, customStatusId: ticket.custom_status_id ?? null },
    };
  });

  summary.elapsedMs = Date.now() - started;
  return summary;
}

/** In read-only mode every request goes through this: anything but GET is refused before it leaves. */
export function readOnlyFetch(inner: FetchLike | undefined): FetchLike {
  return (request, init) => {
    if (request.method !== "GET" && request.method !== "HEAD") {
      return Promise.reject(
        new Error(`read-only demo: refused to send ${request.method} ${new URL(request.url).pathname}`),
      );
    }
    return (inner ?? globalThis.fetch)(request, init);
  };
}

const n = (value: number) => value.toLocaleString("en-US");
const plural = (count: number, one: string, many = `${one}s`) => `${n(count)} ${count === 1 ? one : many}`;

/** The summary as the lines `pnpm demo` prints. */
export function formatSummary(summary: DemoSummary): string {
  const out: string[] = [];
  const { created, paged, bulk, export: ex, customObjects, people, search: searched, fields } = summary;
  out.push(
    `Summary (${(summary.elapsedMs / 1000).toFixed(1)} s, ${summary.target}${summary.readOnly ? ", read-only" : ""})`,
  );

  if (created === "skipped") out.push("  1. Create tickets: skipped (read-only)");
  else if (created) out.push(`  1. Created ${plural(created.ids.length, "ticket")}: #${created.ids.join(", #")}`);

  if (paged) {
    const limited = paged.limit !== undefined && paged.tickets >= paged.limit ? ` (stopped at ${n(paged.limit)})` : "";
    const of = paged.total === undefined ? "" : ` of ${n(paged.total)}`;
    out.push(
      `  2. Paged through ${n(paged.tickets)}${of} tickets in ${plural(paged.pages, "page")}, 100 a page${limited}`,
    );
  }

  if (bulk === "skipped") out.push("  3. Bulk-create tickets: skipped (read-only)");
  else if (bulk) {
    out.push(
      `  3. Bulk-created ${n(bulk.requested)} tickets in ${plural(bulk.jobs, "job")}: ${n(bulk.created)} created, ${n(bulk.failed.length)} failed`,
    );
    for (const failure of bulk.failed) {
      const note = failure.index === INVALID_BULK_INDEX ? " (left without a description on purpose)" : "";
      out.push(`       item ${failure.index}: ${failure.error}: ${failure.details}${note}`);
    }
  }

  if (ex) {
    out.push(
      `  4. Exported ${n(ex.first.tickets)} tickets in ${plural(ex.first.pages, "page")}, then stopped and stored the checkpoint:`,
    );
    out.push(`       ${ex.checkpoint}`);
    out.push(
      `     Resumed from it: ${n(ex.resumed.tickets)} more in ${plural(ex.resumed.pages, "page")}${ex.resumed.caughtUp ? ", caught up" : ", stopped at the page limit"}; ${n(ex.distinct)} distinct tickets, ${plural(ex.repeated, "repeat")}`,
    );
  }

  if (customObjects) {
    const keys = customObjects.keys.length > 0 ? customObjects.keys.join(", ") : "none";
    out.push(`  5. Custom objects: ${plural(customObjects.keys.length, "object")} (${keys})`);
    const { upserted, counted } = customObjects;
    if (upserted === "skipped") out.push("     Upsert records: skipped (read-only)");
    else if (upserted) {
      out.push(
        `     Upserted 3 ${upserted.key} records by external id: ${n(upserted.created)} created, ${n(upserted.updated)} updated; ${n(upserted.records)} records now`,
      );
    }
    if (counted) out.push(`     ${counted.key}: ${plural(counted.records, "record")}`);
  }

  if (people) {
    const found =
      people.foundByEmail === people.me.id ? `found again by email: #${people.foundByEmail}` : "not found by email";
    const inGroups = people.groups.length > 0 ? `in ${people.groups.join(", ")}` : "in no group";
    out.push(`  6. Signed in as user #${people.me.id} (${people.me.role}), ${found}; ${inGroups}`);
  }

  if (searched) {
    const { organization: org, unsolved } = searched;
    if (org) {
      out.push(
        `  7. Searched open tickets of organization #${org.id} (${org.name}): ${plural(org.counted, "match", "matches")}, ${n(org.listed)} listed`,
      );
    } else out.push("  7. Searched for an organization: none found");
    const limited =
      unsolved.limit !== undefined && unsolved.exported >= unsolved.limit ? ` (stopped at ${n(unsolved.limit)})` : "";
    out.push(
      `     Exported ${n(unsolved.exported)} of ${n(unsolved.counted)} unsolved tickets through the search export in ${plural(unsolved.pages, "page")}${limited}`,
    );
  }

  if (fields) {
    const shown = Object.entries(fields.values)
      .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0) && value !== false)
      .map(([title, value]) => `${title} = ${JSON.stringify(value)}`);
    const what = shown.length > 0 ? shown.join(", ") : "no custom field set";
    if (fields.status === "skipped") {
      out.push(`  8. Ticket #${fields.ticketId}'s custom fields by title: ${what}; set by name: skipped (read-only)`);
    } else if (fields.status) {
      out.push(`  8. Set Plan and the custom status "${fields.status.label}" by name on ticket #${fields.ticketId}:`);
      out.push(`       ${what}; status ${fields.status.status} (custom status #${fields.status.customStatusId})`);
    }
  }

  const retried = Object.entries(summary.retries);
  const why = (status: string) => (status === "error" ? "a network error" : `a ${status}`);
  out.push(
    retried.length === 0
      ? "  Retries: none were needed"
      : `  Retried: ${retried.map(([status, count]) => `${plural(count, "request")} after ${why(status)}`).join(", ")} (same request again, nothing lost or doubled)`,
  );
  if (summary.failures.length > 0) {
    out.push("  FAILED:");
    for (const failure of summary.failures) out.push(`     ${failure.step}: ${failure.message}`);
  }
  return `${out.join("\n")}\n`;
}
