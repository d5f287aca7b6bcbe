/**
 * The generic routes' records, in memory: one collection per concrete collection path (`/api/v2/widgets`,
 * `/api/v2/widgets/7/parts`), seeded with a few invented records the first time it is read or written.
 */
import { hash32, ulidLike, uuidLike } from "../random.js";
import type { CollectionPlan } from "./plan.js";
import { stringHash } from "./schema.js";

export interface StoredRecord {
  /** Creation order across the whole store: lists and cursors sort by it. */
  seq: number;
  id: number | string;
  /** The record's properties, without `id`. */
  data: Record<string, unknown>;
  /** Unix seconds. */
  createdAt: number;
  updatedAt: number;
}

export interface GenericStoreOptions {
  /** The random seed: invented ids and values come from it. */
  seed: number;
  /** Unix seconds of the first seeded record; the others follow an hour apart. */
  startTime: number;
  /** Records seeded in each collection. */
  records: number;
  /** Invents the properties of the n-th seeded record of a collection. */
  invent: (plan: CollectionPlan, n: number, time: number) => Record<string, unknown>;
}

export class GenericCollection {
  /** In creation order. */
  readonly records: StoredRecord[] = [];
  private readonly byId = new Map<string, StoredRecord>();
  private counter = 0;

  constructor(
    readonly path: string,
    readonly plan: CollectionPlan,
    private readonly store: GenericStore,
  ) {}

  /** The record with this id (as the path spells it), if it is there. */
  get(id: string): StoredRecord | undefined {
    return this.byId.get(id);
  }

  add(data: Record<string, unknown>, time: number): StoredRecord {
    const seq = this.store.nextSeq();
    const record: StoredRecord = { seq, id: this.nextId(seq, time), data, createdAt: time, updatedAt: time };
    this.records.push(record);
    this.byId.set(String(record.id), record);
    return record;
  }

  remove(record: StoredRecord): void {
    this.byId.delete(String(record.id));
    const index = this.records.indexOf(record);
    if (index >= 0) this.records.splice(index, 1);
  }

  private nextId(seq: number, time: number): number | string {
    this.counter++;
    if (this.plan.idType === "integer") return this.counter;
    const salt = stringHash(this.path);
    if (this.plan.idFormat === "uuid") return uuidLike(this.store.seed, seq, salt);
    return ulidLike(time * 1000, seq, hash32(this.store.seed, salt));
  }
}

export class GenericStore {
  readonly seed: number;
  private readonly collections = new Map<string, GenericCollection>();
  private seq = 0;

  constructor(private readonly options: GenericStoreOptions) {
    this.seed = options.seed;
  }

  nextSeq(): number {
    return ++this.seq;
  }

  /** The collection at a concrete path, seeded on first use. */
  collection(path: string, plan: CollectionPlan): GenericCollection {
    let collection = this.collections.get(path);
    if (!collection) {
      collection = new GenericCollection(path, plan, this);
      this.collections.set(path, collection);
      for (let n = 1; n <= this.options.records; n++) {
        const time = this.options.startTime + (n - 1) * 3600;
        collection.add(this.options.invent(plan, n, time), time);
      }
    }
    return collection;
  }

  /** The collection at a concrete path if it has been used. */
  find(path: string): GenericCollection | undefined {
    return this.collections.get(path);
  }

  /** Every collection used so far, by path. */
  paths(): string[] {
    return [...this.collections.keys()];
  }
}
