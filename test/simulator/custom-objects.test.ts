import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "./index.js";
import { api, type Loose, pollJob } from "./test-helpers.js";

const base = "/api/v2/custom_objects";

describe("custom objects", () => {
  let sim: RunningSimulator;
  beforeEach(async () => {
    sim = await startSimulator({ seed: { tickets: 1, customObjectRecords: 30 }, jobs: { pollsToComplete: 1 } });
  });
  afterEach(() => sim.close());

  it("lists, creates, updates and deletes objects, with the errors list for failures", async () => {
    expect((await api(sim, "GET", base)).body.custom_objects.map((o: { key: string }) => o.key)).toEqual([
      "sim_device",
    ]);
    const created = await api(sim, "POST", base, {
      body: { custom_object: { key: "car", title: "Car", title_pluralized: "Cars" } },
    });
    expect(created.status).toBe(201);
    expect(created.body.custom_object).toMatchObject({ key: "car", title: "Car", url: `${sim.url}${base}/car.json` });
    const duplicate = await api(sim, "POST", base, {
      body: { custom_object: { key: "car", title: "Car", title_pluralized: "Cars" } },
    });
    expect(duplicate.status).toBe(422);
    expect(duplicate.body.errors[0]).toMatchObject({
      code: "RecordInvalid",
      status: "422",
      title: "Unprocessable Entity",
    });
    expect(
      (await api(sim, "PATCH", `${base}/car`, { body: { custom_object: { title: "Auto" } } })).body.custom_object.title,
    ).toBe("Auto");
    expect((await api(sim, "GET", `${base}/limits/object_limit`)).body).toEqual({ count: 2, limit: 50 });
    expect((await api(sim, "DELETE", `${base}/car`)).status).toBe(204);
    const missing = await api(sim, "GET", `${base}/car`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      errors: [{ code: "RecordNotFound", detail: "Custom object not found", status: "404", title: "Not Found" }],
    });
  });

  it("manages fields: create, show by key or id, update, reorder, delete; standard fields on request", async () => {
    const fields = await api(sim, "GET", `${base}/sim_device/fields`);
    expect(fields.body.custom_object_fields.map((f: { key: string }) => f.key)).toEqual([
      "serial_number",
      "model",
      "seats",
      "under_warranty",
    ]);
    const all = await api(sim, "GET", `${base}/sim_device/fields?include_standard_fields=true`);
    expect(all.body.custom_object_fields[0].key).toBe("standard::name");
    const created = await api(sim, "POST", `${base}/sim_device/fields`, {
      body: { custom_object_field: { type: "integer", key: "floor", title: "Floor" } },
    });
    expect(created.status).toBe(201);
    const id = created.body.custom_object_field.id;
    expect((await api(sim, "GET", `${base}/sim_device/fields/${id}`)).body.custom_object_field.key).toBe("floor");
    expect(
      (
        await api(sim, "PATCH", `${base}/sim_device/fields/floor`, {
          body: { custom_object_field: { title: "Level" } },
        })
      ).body.custom_object_field.title,
    ).toBe("Level");
    const ids = fields.body.custom_object_fields.map((f: { id: number }) => String(f.id));
    const reorder = await api(sim, "PUT", `${base}/sim_device/fields/reorder`, {
      body: { custom_object_field_ids: [String(id), ...ids.reverse()] },
    });
    expect(reorder.status).toBe(200);
    expect((await api(sim, "GET", `${base}/sim_device/fields`)).body.custom_object_fields[0].key).toBe("floor");
    expect((await api(sim, "DELETE", `${base}/sim_device/fields/floor`)).status).toBe(204);
    expect((await api(sim, "DELETE", `${base}/sim_device/fields/standard::name`)).status).toBe(422);
    expect((await api(sim, "GET", `${base}/sim_device/limits/field_limit`)).body).toEqual({ count: 4, limit: 400 });
  });

  it("pages records by cursor, filters by ids and external ids, and sorts", async () => {
    const ids: string[] = [];
    let url: string | null = `${base}/sim_device/records?page[size]=7`;
    while (url) {
      const page: Loose = (await api(sim, "GET", url)).body;
      ids.push(...page.custom_object_records.map((r: { id: string }) => r.id));
      expect(page.count).toBe(30);
      url = page.meta.has_more ? page.links.next : null;
    }
    expect(ids).toHaveLength(30);
    expect([...ids].sort()).toEqual(ids);
    const filtered = await api(sim, "GET", `${base}/sim_device/records?filter[external_ids]=device-3,device-9`);
    expect(filtered.body.custom_object_records.map((r: { external_id: string }) => r.external_id)).toEqual([
      "device-3",
      "device-9",
    ]);
    const byId = await api(sim, "GET", `${base}/sim_device/records?filter[ids]=${ids[4]}`);
    expect(byId.body.custom_object_records).toHaveLength(1);
    const newest = await api(sim, "GET", `${base}/sim_device/records?sort=-updated_at&page[size]=1`);
    expect(newest.body.custom_object_records[0].external_id).toBe("device-30");
    expect((await api(sim, "GET", `${base}/sim_device/records?sort=color`)).status).toBe(400);
  });

  it("creates, shows, updates and deletes records, checking field values", async () => {
    const created = await api(sim, "POST", `${base}/sim_device/records`, {
      body: {
        custom_object_record: {
          name: "Kestrel #1",
          external_id: "k-1",
          custom_object_fields: { model: "heron_s", seats: 4 },
        },
      },
    });
    expect(created.status).toBe(201);
    const record = created.body.custom_object_record;
    expect(record).toMatchObject({
      name: "Kestrel #1",
      custom_object_key: "sim_device",
      custom_object_fields: { model: "heron_s", seats: 4 },
    });
    expect(record.id).toMatch(/^[0-9A-Z]{26}$/);
    expect((await api(sim, "GET", `${base}/sim_device/records/${record.id}`)).body.custom_object_record.id).toBe(
      record.id,
    );
    const updated = await api(sim, "PATCH", `${base}/sim_device/records/${record.id}`, {
      body: { custom_object_record: { custom_object_fields: { seats: 5 } } },
    });
    expect(updated.body.custom_object_record.custom_object_fields).toMatchObject({ model: "heron_s", seats: 5 });
    const badValue = await api(sim, "POST", `${base}/sim_device/records`, {
      body: { custom_object_record: { name: "x", custom_object_fields: { model: "tractor" } } },
    });
    expect(badValue.status).toBe(422);
    const taken = await api(sim, "POST", `${base}/sim_device/records`, {
      body: { custom_object_record: { name: "y", external_id: "k-1" } },
    });
    expect(taken.body.errors[0].detail).toBe("External id has already been taken");
    expect((await api(sim, "DELETE", `${base}/sim_device/records/${record.id}`)).status).toBe(204);
    expect((await api(sim, "GET", `${base}/sim_device/records/${record.id}`)).status).toBe(404);
  });

  it("upserts and deletes by external id or name", async () => {
    const createdByUpsert = await api(sim, "PATCH", `${base}/sim_device/records?external_id=new-1`, {
      body: { custom_object_record: { name: "Fresh" } },
    });
    expect(createdByUpsert.status).toBe(200);
    const id = createdByUpsert.body.custom_object_record.id;
    const updatedByUpsert = await api(sim, "PATCH", `${base}/sim_device/records?external_id=new-1`, {
      body: { custom_object_record: { name: "Fresher" } },
    });
    expect(updatedByUpsert.body.custom_object_record).toMatchObject({ id, name: "Fresher" });
    const byName = await api(sim, "PATCH", `${base}/sim_device/records?name=Fresher`, {
      body: { custom_object_record: { custom_object_fields: { seats: 9 } } },
    });
    expect(byName.body.custom_object_record.id).toBe(id);
    expect(
      (
        await api(sim, "PATCH", `${base}/sim_device/records?name=a&external_id=b`, {
          body: { custom_object_record: {} },
        })
      ).status,
    ).toBe(400);
    expect((await api(sim, "DELETE", `${base}/sim_device/records?external_id=new-1`)).status).toBe(204);
    expect((await api(sim, "DELETE", `${base}/sim_device/records?external_id=new-1`)).status).toBe(404);
    expect((await api(sim, "GET", `${base}/sim_device/records/count`)).body.count.value).toBe(30);
  });

  it("searches, filters, autocompletes and counts", async () => {
    const search = await api(sim, "GET", `${base}/sim_device/records/search?query=falcon`);
    expect(search.body.custom_object_records.length).toBeGreaterThan(0);
    expect(search.body.custom_object_records.every((r: { name: string }) => r.name.startsWith("Falcon"))).toBe(true);
    const filtered = await api(sim, "POST", `${base}/sim_device/records/search`, {
      body: {
        filter: {
          $or: [{ external_id: { $eq: "device-2" } }, { "custom_object_fields.serial_number": { $contains: "2O" } }],
        },
      },
    });
    expect(filtered.body.custom_object_records.map((r: { external_id: string }) => r.external_id)).toContain(
      "device-2",
    );
    const warranty = await api(sim, "POST", `${base}/sim_device/records/search?sort=-name`, {
      body: { filter: { "custom_object_fields.under_warranty": { $eq: true } } },
    });
    expect(
      warranty.body.custom_object_records.every(
        (r: { custom_object_fields: { under_warranty: boolean } }) => r.custom_object_fields.under_warranty,
      ),
    ).toBe(true);
    expect(
      (await api(sim, "POST", `${base}/sim_device/records/search`, { body: { filter: { name: { $regex: "x" } } } }))
        .status,
    ).toBe(400);
    const auto = await api(sim, "GET", `${base}/sim_device/records/autocomplete?name=lark`);
    expect(auto.body.custom_object_records.every((r: { name: string }) => r.name.toLowerCase().includes("lark"))).toBe(
      true,
    );
    expect((await api(sim, "GET", `${base}/limits/record_limit`)).body).toEqual({ count: 30, limit: 1_000_000 });
  });

  it("runs record bulk jobs with per-item results", async () => {
    const create = await api(sim, "POST", `${base}/sim_device/jobs`, {
      body: {
        job: {
          action: "create",
          items: [{ name: "Bulk A", external_id: "bulk-a" }, { name: "" }, { name: "Bulk C", external_id: "device-1" }],
        },
      },
    });
    expect(create.status).toBe(201);
    expect(create.body.job_status.status).toBe("queued");
    const results = (await pollJob(sim, create.body.job_status.id)).at(-1).results;
    expect(results.map((r: { success: boolean; status: string }) => [r.success, r.status])).toEqual([
      [true, "Created"],
      [false, "Failed"],
      [false, "Failed"],
    ]);
    expect(results[1]).toMatchObject({ index: 1, error: "RecordInvalid", details: "Name can't be blank" });

    const upsert = await api(sim, "POST", `${base}/sim_device/jobs`, {
      body: {
        job: {
          action: "create_or_update_by_external_id",
          items: [
            { external_id: "bulk-a", name: "Bulk A2" },
            { external_id: "bulk-b", name: "Bulk B" },
          ],
        },
      },
    });
    const upserted = (await pollJob(sim, upsert.body.job_status.id)).at(-1).results;
    expect(upserted.map((r: { status: string }) => r.status)).toEqual(["Updated", "Created"]);

    const remove = await api(sim, "POST", `${base}/sim_device/jobs`, {
      body: { job: { action: "delete_by_external_id", items: ["bulk-a", "nope"] } },
    });
    const removed = (await pollJob(sim, remove.body.job_status.id)).at(-1).results;
    expect(removed.map((r: { success: boolean }) => r.success)).toEqual([true, false]);
    const tooMany = Array.from({ length: 101 }, (_, i) => ({ name: `n${i}` }));
    expect(
      (await api(sim, "POST", `${base}/sim_device/jobs`, { body: { job: { action: "create", items: tooMany } } }))
        .status,
    ).toBe(400);
    expect(
      (await api(sim, "POST", `${base}/sim_device/jobs`, { body: { job: { action: "explode", items: [1] } } })).status,
    ).toBe(400);
  });

  it("keeps object triggers in memory", async () => {
    const trigger = {
      title: "Notify on big orders",
      conditions: {
        all: [{ field: "custom_object.sim_device.custom_fields.seats", operator: "greater_than", value: "10" }],
      },
      actions: [{ field: "custom_object.sim_device.custom_fields.under_warranty", value: "true" }],
    };
    const created = await api(sim, "POST", `${base}/sim_device/triggers`, { body: { trigger } });
    expect(created.status).toBe(201);
    const id = created.body.trigger.id;
    await api(sim, "POST", `${base}/sim_device/triggers`, {
      body: { trigger: { ...trigger, title: "Second", active: false } },
    });
    expect((await api(sim, "GET", `${base}/sim_device/triggers`)).body.count).toBe(2);
    expect(
      (await api(sim, "GET", `${base}/sim_device/triggers/active`)).body.triggers.map((t: { id: number }) => t.id),
    ).toEqual([id]);
    expect((await api(sim, "GET", `${base}/sim_device/triggers/search?query=second`)).body.count).toBe(1);
    expect(
      (await api(sim, "PUT", `${base}/sim_device/triggers/${id}`, { body: { trigger: { title: "Renamed" } } })).body
        .trigger.title,
    ).toBe("Renamed");
    const many = await api(sim, "PUT", `${base}/sim_device/triggers/update_many`, {
      body: { triggers: [{ id, active: false, position: 9 }] },
    });
    expect(many.body.triggers[0]).toMatchObject({ id, active: false, position: 9 });
    expect(
      (await api(sim, "GET", `${base}/sim_device/triggers/definitions`)).body.definitions.actions.length,
    ).toBeGreaterThan(0);
    expect(
      (await api(sim, "POST", `${base}/sim_device/triggers`, { body: { trigger: { title: "No conditions" } } })).status,
    ).toBe(422);
    expect((await api(sim, "DELETE", `${base}/sim_device/triggers/destroy_many?ids=${id}`)).status).toBe(204);
    expect((await api(sim, "GET", `${base}/sim_device/triggers/${id}`)).status).toBe(404);
  });
});
