/**
 * A table of records keyed by consecutive integer ids whose seeded part is never stored: seeded rows are computed
 * from their id on demand (so 100,000 seeded tickets cost no memory), and only rows created or changed through the
 * API are kept. Seeded rows' `updatedAt` never decreases with the id, which keeps the time-ordered view that the
 * incremental exports need cheap: seeded rows in id order, merged with the changed rows kept sorted by time.
 */

export interface TableRow {
  id: number;
  /** Unix seconds. */
  updatedAt: number;
  /** Deleted rows stay in the table (the incremental exports still report them) but are hidden from the API. */
  deleted?: boolean;
}

/** A position in the (updatedAt, id) order. */
export interface TimeKey {
  time: number;
  id: number;
}

export function compareTimeKey(a: TimeKey, b: TimeKey): number {
  return a.time - b.time || a.id - b.id;
}

export interface TableOptions<Row> {
  /** How many seeded rows (ids 1..seeded). */
  seeded: number;
  /** Builds seeded row `id`; must be a pure function of the id. */
  generate: (id: number) => Row;
  /** The seeded row's `updatedAt`, without building the row; must not decrease as the id grows. */
  seededTime: (id: number) => number;
}

export class RecordTable<Row extends TableRow> {
  readonly seeded: number;
  private readonly generate: (id: number) => Row;
  private readonly seededTime: (id: number) => number;
  /** Rows created or changed through the API, by id. */
  private readonly stored = new Map<number, Row>();
  /** The same rows, sorted by (updatedAt, id). */
  private readonly changed: Row[] = [];
  /** Ids of deleted rows, sorted. */
  private readonly deletedIds: number[] = [];
  private next: number;

  constructor(options: TableOptions<Row>) {
    this.seeded = options.seeded;
    this.generate = options.generate;
    this.seededTime = options.seededTime;
    this.next = options.seeded + 1;
  }

  /** The highest id handed out so far. */
  get maxId(): number {
    return this.next - 1;
  }

  /** Live (not deleted) rows. */
  get size(): number {
    return this.maxId - this.deletedIds.length;
  }

  /** Rows created or changed through the API. */
  get storedCount(): number {
    return this.stored.size;
  }

  /** The next id `insert` will use. */
  peekNextId(): number {
    return this.next;
  }

  /** A live row, or undefined when it does not exist or was deleted. */
  get(id: number): Row | undefined {
    const row = this.getAny(id);
    return row && !row.deleted ? row : undefined;
  }

  /** A row, deleted or not. */
  getAny(id: number): Row | undefined {
    if (!Number.isInteger(id) || id < 1 || id >= this.next) return undefined;
    return this.stored.get(id) ?? (id <= this.seeded ? this.generate(id) : undefined);
  }

  has(id: number): boolean {
    return this.get(id) !== undefined;
  }

  /** Adds a new row, giving it the next id. */
  insert(make: (id: number) => Row): Row {
    const row = make(this.next++);
    this.put(row);
    return row;
  }

  /** Stores a new version of an existing row (a copy: callers must not mutate rows they got from `get`). */
  put(row: Row): void {
    const previous = this.stored.get(row.id);
    if (previous) this.changed.splice(this.indexOfChanged(previous), 1);
    if (row.deleted && !previous?.deleted) insertSorted(this.deletedIds, row.id);
    if (!row.deleted && previous?.deleted) this.deletedIds.splice(lowerBound(this.deletedIds, row.id), 1);
    this.stored.set(row.id, row);
    this.changed.splice(this.insertionPoint(row), 0, row);
  }

  /** Live rows in id order, starting after `afterId` (ascending) or before `beforeId` (descending). */
  *ascending(afterId = 0): Generator<Row> {
    for (let id = afterId + 1; id < this.next; id++) {
      const row = this.get(id);
      if (row) yield row;
    }
  }

  *descending(beforeId = this.next): Generator<Row> {
    for (let id = Math.min(beforeId, this.next) - 1; id >= 1; id--) {
      const row = this.get(id);
      if (row) yield row;
    }
  }

  /** Deleted rows (kept with `deleted: true`), in id order. */
  *deletedRows(): Generator<Row> {
    for (const id of [...this.deletedIds]) {
      const row = this.stored.get(id);
      if (row) yield row;
    }
  }

  /** Live rows by id, in id order. */
  *all(): Generator<Row> {
    yield* this.ascending(0);
  }

  /** The id of the n-th live row in id order (0-based), for offset pagination; undefined past the end. */
  nthLiveId(n: number): number | undefined {
    if (n < 0 || n >= this.size) return undefined;
    // Smallest id such that id - (deleted ids <= id) = n + 1.
    let lo = n + 1;
    let hi = this.maxId;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (mid - upperBound(this.deletedIds, mid) >= n + 1) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /**
   * Every row (deleted ones included) in (updatedAt, id) order whose key is after `after` (exclusive) or, without
   * it, whose time is at least `fromTime`.
   */
  *byTime(fromTime: number, after?: TimeKey): Generator<Row> {
    const start = after ?? { time: fromTime, id: 0 };
    // Seeded rows that were never changed, in id order (which is time order).
    let seededId = this.firstSeededAfter(start, true);
    let changedIndex = lowerBoundBy(this.changed, start, (row, key) => compareTimeKey(toKey(row), key) <= 0);
    let seededRow = this.nextSeeded(seededId);
    while (true) {
      const changedRow = this.changed[changedIndex];
      if (!seededRow && !changedRow) return;
      if (seededRow && (!changedRow || compareTimeKey(toKey(seededRow), toKey(changedRow)) < 0)) {
        yield seededRow;
        seededId = seededRow.id + 1;
        seededRow = this.nextSeeded(seededId);
      } else if (changedRow) {
        yield changedRow;
        changedIndex++;
      }
    }
  }

  /** Every row (deleted ones included) whose key is before `before` (exclusive), newest first. */
  *byTimeDescending(before: TimeKey): Generator<Row> {
    let seededId = this.firstSeededAfter(before, false) - 1;
    let changedIndex = lowerBoundBy(this.changed, before, (row, key) => compareTimeKey(toKey(row), key) < 0) - 1;
    const prevSeeded = (from: number): Row | undefined => {
      for (let id = from; id >= 1; id--) if (!this.stored.has(id)) return this.generate(id);
      return undefined;
    };
    let seededRow = prevSeeded(seededId);
    while (true) {
      const changedRow = changedIndex >= 0 ? this.changed[changedIndex] : undefined;
      if (!seededRow && !changedRow) return;
      if (seededRow && (!changedRow || compareTimeKey(toKey(seededRow), toKey(changedRow)) > 0)) {
        yield seededRow;
        seededId = seededRow.id - 1;
        seededRow = prevSeeded(seededId);
      } else if (changedRow) {
        yield changedRow;
        changedIndex--;
      }
    }
  }

  /** First seeded id whose key is after `key` (strictly, or at or after it). */
  private firstSeededAfter(key: TimeKey, strict: boolean): number {
    let lo = 1;
    let hi = this.seeded + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const order = compareTimeKey({ time: this.seededTime(mid), id: mid }, key);
      if (strict ? order <= 0 : order < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private nextSeeded(from: number): Row | undefined {
    for (let id = from; id <= this.seeded; id++) if (!this.stored.has(id)) return this.generate(id);
    return undefined;
  }

  private insertionPoint(row: Row): number {
    return lowerBoundBy(this.changed, toKey(row), (item, key) => compareTimeKey(toKey(item), key) < 0);
  }

  private indexOfChanged(row: Row): number {
    const index = this.insertionPoint(row);
    if (this.changed[index] !== row) throw new Error(`table index out of sync for id ${row.id}`);
    return index;
  }
}

function toKey(row: TableRow): TimeKey {
  return { time: row.updatedAt, id: row.id };
}

/** First index whose element does not satisfy `before(element, key)`. */
export function lowerBoundBy<T, K>(list: readonly T[], key: K, before: (item: T, key: K) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(list[mid] as T, key)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(list: readonly number[], value: number): number {
  return lowerBoundBy(list, value, (item, v) => item < v);
}

function upperBound(list: readonly number[], value: number): number {
  return lowerBoundBy(list, value, (item, v) => item <= v);
}

function insertSorted(list: number[], value: number): void {
  list.splice(lowerBound(list, value), 0, value);
}
