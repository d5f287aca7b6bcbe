import { describe, expect, it } from "vitest";
import { createRng } from "./random.js";
import { RecordTable, type TableRow } from "./table.js";

interface Row extends TableRow {
  version: number;
}

/** A table of `seeded` rows, two sharing each second, checked against a plain array after random changes. */
function setup(seeded: number) {
  const seededTime = (id: number) => 1_000 + Math.floor((id - 1) / 2);
  const table = new RecordTable<Row>({
    seeded,
    seededTime,
    generate: (id) => ({ id, updatedAt: seededTime(id), version: 0 }),
  });
  const model = new Map<number, Row>();
  for (let id = 1; id <= seeded; id++) model.set(id, { id, updatedAt: seededTime(id), version: 0 });
  return { table, model };
}

const byTimeThenId = (a: Row, b: Row) => a.updatedAt - b.updatedAt || a.id - b.id;

describe("record table", () => {
  it("matches a plain model through random creates, updates and deletes, clock jumps included", () => {
    const { table, model } = setup(200);
    const rng = createRng(42);
    let now = 2_000;
    for (let step = 0; step < 600; step++) {
      now += Math.floor(rng() * 5) - 1; // mostly forward, sometimes back a second
      const roll = rng();
      if (roll < 0.2) {
        const row = table.insert((id) => ({ id, updatedAt: now, version: 1 }));
        model.set(row.id, row);
      } else {
        const id = 1 + Math.floor(rng() * table.maxId);
        const current = table.getAny(id);
        if (!current || current.deleted) continue;
        const next = { ...current, updatedAt: now, version: current.version + 1, deleted: roll > 0.85 };
        table.put(next);
        model.set(id, next);
      }
    }
    const live = [...model.values()].filter((row) => !row.deleted).sort((a, b) => a.id - b.id);
    expect([...table.all()]).toEqual(live);
    expect(table.size).toBe(live.length);
    expect([...table.descending()].map((row) => row.id)).toEqual(live.map((row) => row.id).reverse());
    for (const n of [0, 1, 57, live.length - 1]) expect(table.nthLiveId(n)).toBe(live[n]?.id);
    expect(table.nthLiveId(live.length)).toBeUndefined();

    const timeline = [...model.values()].sort(byTimeThenId);
    expect([...table.byTime(0)]).toEqual(timeline);
    expect([...table.byTime(1_050)]).toEqual(timeline.filter((row) => row.updatedAt >= 1_050));
    const middle = timeline[150] as Row;
    const key = { time: middle.updatedAt, id: middle.id };
    expect([...table.byTime(0, key)]).toEqual(timeline.slice(151));
    expect([...table.byTimeDescending(key)]).toEqual(timeline.slice(0, 150).reverse());
  });

  it("computes seeded rows on demand and stores only changed ones", () => {
    const { table } = setup(1_000_000);
    expect(table.size).toBe(1_000_000);
    expect(table.get(999_999)?.updatedAt).toBe(1_000 + 499_999);
    table.put({ id: 5, updatedAt: 9_999_999, version: 1 });
    expect(table.storedCount).toBe(1);
    expect([...table.byTime(1_000 + 499_999)].map((row) => row.id)).toEqual([999_999, 1_000_000, 5]);
  });
});
