/**
 * @zenfetch/custom-objects against the simulator: the records helpers (CRUD, upsert, delete by external id or
 * name, list, search, filtered search, autocomplete, count) typed by a field map, bulk jobs with per-item errors,
 * and an object of our own made with the typed literal-path calls.
 */
import {
  type CustomObjectRecordSearchFilter,
  isBulkJobFailedError,
  isNotFoundError,
  isServerError,
  NotFoundError,
  unwrap,
  type ZendeskError,
} from "@zenfetch/custom-objects";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { closeSimulators, customObjectsClient, duplicates, FAST_WAIT, must, range, startSim } from "./helpers.js";

afterEach(closeSimulators);

interface Device {
  serial_number: string;
  model: string;
  seats: number;
  under_warranty: boolean;
}
type Objects = { sim_device: Device };

const RECORDS = "/api/v2/custom_objects/sim_device/records";

/** The seeded object's records as the simulator holds them. */
const stored = (sim: RunningSimulator) => [...must(sim.state.customObjects.get("sim_device")).records.values()];

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe("records: one at a time", () => {
  it("create, get, update (partial), delete; a deleted record is a NotFoundError", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 5 } });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");

    const created = await devices.create({
      name: "Kestrel 1",
      external_id: "erp-1",
      custom_object_fields: { serial_number: "SN-K1", model: "heron_s", seats: 4, under_warranty: true },
    });
    const id = must(created.id);
    expect(created.custom_object_fields.seats).toBe(4);
    expect((await devices.get(id)).name).toBe("Kestrel 1");

    const updated = await devices.update(id, { custom_object_fields: { seats: 9 } });
    expect(updated.custom_object_fields).toEqual({
      serial_number: "SN-K1",
      model: "heron_s",
      seats: 9,
      under_warranty: true,
    });
    expect(sim.state.customObjects.get("sim_device")?.records.get(id)?.fields.seats).toBe(9);

    await devices.delete(id);
    expect(sim.state.customObjects.get("sim_device")?.records.has(id)).toBe(false);
    await expect(devices.get(id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(devices.delete(id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("upsert by external id and by name: creates, then updates the same record", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 5 } });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");
    const fields = { serial_number: "SN-U", model: "lark_mini", seats: 1, under_warranty: false };

    const first = await devices.upsert({ externalId: "erp-77" }, { name: "Upserted", custom_object_fields: fields });
    const again = await devices.upsert(
      { externalId: "erp-77" },
      { name: "Upserted", custom_object_fields: { ...fields, seats: 2 } },
    );
    expect(again.id).toBe(first.id);
    expect(again.custom_object_fields.seats).toBe(2);
    expect(stored(sim)).toHaveLength(6);
    expect(sim.requests.find("PATCH", RECORDS).map((e) => e.query)).toEqual([
      { external_id: "erp-77" },
      { external_id: "erp-77" },
    ]);

    const second = must(stored(sim).find((r) => r.externalId === "device-2")).name;
    const byName = await devices.upsert({ name: second }, { custom_object_fields: { ...fields, seats: 20 } });
    expect(byName.external_id).toBe("device-2"); // the seeded record of that name, updated
    expect(byName.custom_object_fields.seats).toBe(20);
    expect(stored(sim)).toHaveLength(6);

    // Exactly one of externalId and name, checked before any request.
    const requests = sim.requests.count;
    await expect(devices.upsert({} as never, { custom_object_fields: fields })).rejects.toThrow(TypeError);
    expect(sim.requests.count).toBe(requests);
  });

  it("deleteByExternalId and deleteByName; count follows", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 12 } });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");
    expect((await devices.count()).value).toBe(12);
    await devices.deleteByExternalId("device-3");
    const named = must(stored(sim).find((r) => r.externalId === "device-4")).name;
    await devices.deleteByName(named);
    expect(stored(sim).map((r) => r.externalId)).not.toContain("device-3");
    expect(stored(sim).map((r) => r.externalId)).not.toContain("device-4");
    expect((await devices.count()).value).toBe(10);
    const missing = await devices.deleteByExternalId("device-3").catch((e: unknown) => e);
    expect(isNotFoundError(missing)).toBe(true);
  });
});

describe("records: listing and searching", () => {
  it("list: every record once by cursor pages; ids, externalIds and sort narrow it; an empty list asks nothing", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 25 } });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");
    const all = await collect(devices.list({ pageSize: 10 }));
    expect(all).toHaveLength(25);
    expect(duplicates(all.map((r) => r.id))).toEqual([]);
    expect(sim.requests.find("GET", RECORDS)).toHaveLength(3);
    expect(all.every((r) => typeof r.custom_object_fields.seats === "number")).toBe(true);

    const some = stored(sim).slice(3, 6);
    const byId = await collect(devices.list({ ids: some.map((r) => r.id) }));
    expect(byId.map((r) => r.id).sort()).toEqual(some.map((r) => r.id).sort());
    const byExternal = await collect(devices.list({ externalIds: ["device-1", "device-25", "nope"] }));
    expect(byExternal.map((r) => r.external_id).sort()).toEqual(["device-1", "device-25"]);
    const newest = await collect(devices.list({ sort: "-updated_at", maxItems: 3 }));
    expect(newest.map((r) => r.external_id)).toEqual(["device-25", "device-24", "device-23"]);

    const before = sim.requests.count;
    expect(await collect(devices.list({ ids: [] }))).toEqual([]);
    expect(sim.requests.count).toBe(before);
  });

  it("search, filtered search (the filter re-sent with every page) and autocomplete match what the simulator holds", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 40 } });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");
    const rows = stored(sim);

    const falcons = await collect(devices.search("falcon", { sort: "name", pageSize: 5 }));
    const expectedFalcons = rows.filter((r) => r.name.startsWith("Falcon")).map((r) => r.name);
    expect(expectedFalcons.length).toBeGreaterThan(5);
    expect(falcons.map((r) => r.name).sort()).toEqual(expectedFalcons.sort());

    const filter: CustomObjectRecordSearchFilter = {
      $and: [{ "custom_object_fields.seats": { $gte: 10 } }, { "custom_object_fields.under_warranty": { $eq: true } }],
    };
    const matched = await collect(devices.filteredSearch(filter, { pageSize: 3 }));
    const expected = rows.filter((r) => Number(r.fields.seats) >= 10 && r.fields.under_warranty === true);
    expect(expected.length).toBeGreaterThan(3);
    expect(matched.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
    const posts = sim.requests.find("POST", `${RECORDS}/search`);
    expect(posts).toHaveLength(Math.ceil(expected.length / 3));
    expect(posts.every((p) => JSON.stringify(p.body) === JSON.stringify({ filter }))).toBe(true);

    const herons = await collect(devices.autocomplete("heron", { maxItems: 3 }));
    expect(herons).toHaveLength(3);
    expect(herons.every((r) => r.name?.toLowerCase().includes("heron"))).toBe(true);
    expect(sim.requests.find("GET", `${RECORDS}/autocomplete`)[0]?.query.name).toBe("heron");
  });
});

describe("records: a listing that fails part way", () => {
  it("filteredSearch stops with error.resume after every record already fetched; the resume carries on exactly", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 40 } });
    const devices = customObjectsClient<Objects>(sim, { retry: false }).records("sim_device");
    sim.faults.add({ match: `POST ${RECORDS}/search`, status: 503, skip: 2, times: 1 });
    const filter: CustomObjectRecordSearchFilter = { "custom_object_fields.seats": { $gte: 0 } };
    const ids: string[] = [];
    const error = await (async () => {
      for await (const record of devices.filteredSearch(filter, { pageSize: 7 })) ids.push(must(record.id));
    })().catch((e: unknown) => e);
    expect(isServerError(error)).toBe(true);
    expect(ids).toHaveLength(14);
    const resume = (error as ZendeskError).resume;
    expect(resume?.operation).toBe(`POST /api/v2/custom_objects/{custom_object_key}/records/search`);
    for await (const record of devices.filteredSearch(filter, { pageSize: 7, resume })) ids.push(must(record.id));
    expect(duplicates(ids)).toEqual([]);
    expect(ids.sort()).toEqual(
      stored(sim)
        .map((r) => r.id)
        .sort(),
    );
  });
});

describe("records: bulk jobs", () => {
  it("create 230 records in 3 jobs: results in input order, per-item errors, and the simulator holds exactly the valid ones", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 5 } });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");
    const bad = new Set([5, 150, 229]);
    const items = range(0, 229).map((i) => ({
      name: `Bulk ${i}`,
      external_id: `bulk-${i}`,
      custom_object_fields: {
        serial_number: `SN-B${i}`,
        model: bad.has(i) ? "toaster" : "falcon_2",
        seats: i,
        under_warranty: i % 2 === 0,
      },
    }));

    const results = await devices.bulk("create", items, { wait: FAST_WAIT, concurrency: 2 });

    expect(results.map((r) => r.index)).toEqual(range(0, 229));
    const failures = results.filter((r) => !r.success);
    expect(failures.map((r) => [r.index, r.error, r.details])).toEqual(
      [...bad].map((i) => [i, "RecordInvalid", "Model: is invalid"]),
    );
    const rows = stored(sim);
    expect(rows).toHaveLength(5 + 227);
    for (const result of results) {
      const row = rows.find((r) => r.externalId === `bulk-${result.index}`);
      if (result.success) expect(row?.id).toBe(result.id);
      else expect(row).toBeUndefined();
    }
    expect(new Set(results.map((r) => r.jobId)).size).toBe(3);
  });

  it("update, upsert by external id, delete and delete_by_external_id: each item's outcome, failures included", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 10 } });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");
    const [a, b, c] = stored(sim);
    if (!a || !b || !c) throw new Error("seed too small");

    const updates = await devices.bulk(
      "update",
      [
        { id: a.id, custom_object_fields: { seats: 100 } },
        { id: "01NOSUCHRECORD", custom_object_fields: { seats: 1 } },
        { id: b.id, name: "Renamed" },
      ],
      { wait: FAST_WAIT },
    );
    expect(updates.map((r) => [r.index, r.success])).toEqual([
      [0, true],
      [1, false],
      [2, true],
    ]);
    expect(updates[1]).toMatchObject({ error: "RecordInvalid", details: "Record not found" });
    expect(stored(sim).find((r) => r.id === a.id)?.fields.seats).toBe(100);
    expect(stored(sim).find((r) => r.id === b.id)?.name).toBe("Renamed");

    const upserts = await devices.bulk(
      "create_or_update_by_external_id",
      [
        { external_id: "device-5", name: "Kept id", custom_object_fields: { ...c.fields, seats: 55 } as Device },
        {
          external_id: "device-new",
          name: "Fresh",
          custom_object_fields: { serial_number: "SN-N", model: "osprey_pro", seats: 2, under_warranty: false },
        },
      ],
      { wait: FAST_WAIT },
    );
    expect(upserts.every((r) => r.success)).toBe(true);
    const kept = upserts[0];
    expect(kept?.success && kept.id).toBe(stored(sim).find((r) => r.externalId === "device-5")?.id);
    expect(stored(sim)).toHaveLength(11);

    const deletions = await devices.bulk("delete", [a.id, "01NOSUCHRECORD"], { wait: FAST_WAIT });
    expect(deletions.map((r) => [r.index, r.success, r.success ? r.id : r.error])).toEqual([
      [0, true, a.id],
      [1, false, "RecordInvalid"],
    ]);
    const byExternal = await devices.bulk("delete_by_external_id", ["device-new", "device-404"], {
      wait: FAST_WAIT,
    });
    expect(byExternal.map((r) => r.success)).toEqual([true, false]);
    expect(stored(sim).map((r) => r.externalId)).not.toContain("device-new");
    expect(stored(sim)).toHaveLength(9);
  });
});

describe("records: a bulk job that fails", () => {
  it("rejects with BulkJobFailedError: its items JobFailed, the jobs already running kept, nothing sent after it", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 5 } });
    sim.faults.add({
      match: "POST /api/v2/custom_objects/sim_device/jobs",
      skip: 1,
      times: 1,
      job: { outcome: "failed" },
    });
    const devices = customObjectsClient<Objects>(sim).records("sim_device");
    const items = range(1, 350).map((i) => ({
      name: `Batch ${i}`,
      custom_object_fields: { serial_number: `SN-J${i}`, model: "falcon_2", seats: 1, under_warranty: false },
    }));
    const error = await devices.bulk("create", items, { wait: FAST_WAIT, concurrency: 3 }).catch((e: unknown) => e);
    expect(isBulkJobFailedError(error)).toBe(true);
    if (!isBulkJobFailedError(error)) return;
    const { results } = error;
    expect(results.map((r) => r.index)).toEqual(range(0, 349));
    // Three jobs ran at once: the first and third completed, the second failed; the fourth batch was never sent.
    expect(results.slice(0, 100).every((r) => r.success)).toBe(true);
    expect(new Set(results.slice(100, 200).map((r) => r.error))).toEqual(new Set(["JobFailed"]));
    expect(results.slice(200, 300).every((r) => r.success)).toBe(true);
    expect(new Set(results.slice(300).map((r) => r.error))).toEqual(new Set(["NotProcessed"]));
    expect(stored(sim)).toHaveLength(5 + 200);
    expect(sim.requests.find("POST", "/api/v2/custom_objects/sim_device/jobs")).toHaveLength(3);
  });
});

describe("an object of our own, through the typed literal-path calls", () => {
  it("creates an object and a field, then records on it typed by our map", async () => {
    const sim = await startSim({ seed: { customObjectRecords: 0 } });
    const zendesk = customObjectsClient<{ order: { amount: number; sku: string } }>(sim);
    const path = { custom_object_key: "order" };
    unwrap(
      await zendesk.POST("/api/v2/custom_objects", {
        body: { custom_object: { key: "order", title: "Order", title_pluralized: "Orders" } },
      }),
    );
    for (const field of [
      { key: "amount", type: "integer", title: "Amount" },
      { key: "sku", type: "text", title: "SKU" },
    ] as const) {
      unwrap(
        await zendesk.POST("/api/v2/custom_objects/{custom_object_key}/fields", {
          params: { path },
          body: { custom_object_field: field },
        }),
      );
    }
    const fields = unwrap(await zendesk.GET("/api/v2/custom_objects/{custom_object_key}/fields", { params: { path } }));
    expect(fields.custom_object_fields.map((f) => f.key)).toEqual(["amount", "sku"]);

    const orders = zendesk.records("order");
    const order = await orders.create({ name: "A-1001", custom_object_fields: { amount: 120, sku: "KB-1" } });
    expect(order.custom_object_fields.amount).toBe(120);
    expect((await collect(orders.list())).map((r) => r.name)).toEqual(["A-1001"]);
    expect((await orders.count()).value).toBe(1);
    const limit = unwrap(await zendesk.GET("/api/v2/custom_objects/limits/object_limit"));
    expect(limit.count).toBe(1);
  });
});
