/**
 * Skill-based routing state, as the three routing exports read it: the change log of attributes (skill types) and
 * of attribute values (skills), and the instance values (skills given to agents and tickets). Seeded by
 * seed-routing.ts; tests may record further changes, stamped with the simulator's clock unless told a time.
 */
import type { RoutingAttributeChange, RoutingAttributeValueChange, RoutingInstanceValueRow } from "./models.js";
import { uuidLike } from "./random.js";

/** Salt of the ids the routing state hands out. */
const ROUTING_ID_SALT = 501;

export class RoutingState {
  /** Every change to an attribute, in the order recorded. */
  readonly attributes: RoutingAttributeChange[] = [];
  /** Every change to an attribute value, in the order recorded. */
  readonly attributeValues: RoutingAttributeValueChange[] = [];
  /** Every instance value by id, removed ones included (their removal is a change the export reports). */
  readonly instanceValues = new Map<string, RoutingInstanceValueRow>();
  private seq = 0;
  private idCounter = 0;

  constructor(
    private readonly random: number,
    private readonly now: () => number,
  ) {}

  /** A new UUID-like id, the same for the same seed and call order. */
  nextId(): string {
    return uuidLike(this.random, ++this.idCounter, ROUTING_ID_SALT);
  }

  /** Creates an attribute (skill type). */
  createAttribute(name: string, time = this.now()): RoutingAttributeChange {
    return this.recordAttribute({ id: this.nextId(), name, type: "create" }, time);
  }

  /** Renames (`update`) or deletes an attribute. */
  changeAttribute(id: string, change: { type: "update" | "delete"; name?: string }, time = this.now()) {
    const current = this.currentAttribute(id);
    if (!current || current.type === "delete") throw new Error(`no routing attribute ${id}`);
    return this.recordAttribute({ id, name: change.name ?? current.name, type: change.type }, time);
  }

  /** Creates an attribute value (skill) of an attribute. */
  createAttributeValue(attributeId: string, name: string, time = this.now()): RoutingAttributeValueChange {
    const attribute = this.currentAttribute(attributeId);
    if (!attribute || attribute.type === "delete") throw new Error(`no routing attribute ${attributeId}`);
    return this.recordAttributeValue({ id: this.nextId(), attributeId, name, type: "create" }, time);
  }

  /** Renames (`update`) or deletes an attribute value. */
  changeAttributeValue(id: string, change: { type: "update" | "delete"; name?: string }, time = this.now()) {
    const current = this.currentAttributeValue(id);
    if (!current || current.type === "delete") throw new Error(`no routing attribute value ${id}`);
    const row = { id, attributeId: current.attributeId, name: change.name ?? current.name, type: change.type };
    return this.recordAttributeValue(row, time);
  }

  /** Gives a skill to an agent or a ticket. */
  associate(
    attributeValueId: string,
    instanceType: "agent" | "ticket",
    instanceId: number,
    time = this.now(),
  ): RoutingInstanceValueRow {
    const value = this.currentAttributeValue(attributeValueId);
    if (!value || value.type === "delete") throw new Error(`no routing attribute value ${attributeValueId}`);
    const row: RoutingInstanceValueRow = {
      id: this.nextId(),
      attributeValueId,
      instanceType,
      instanceId,
      associatedAt: time,
      unassociatedAt: null,
    };
    this.instanceValues.set(row.id, row);
    return row;
  }

  /** Takes a skill away again; the export then reports the association next to its removal. */
  unassociate(id: string, time = this.now()): RoutingInstanceValueRow {
    const row = this.instanceValues.get(id);
    if (!row || row.unassociatedAt !== null) throw new Error(`no associated routing instance value ${id}`);
    if (time < row.associatedAt) throw new Error(`instance value ${id} cannot be removed before it was given`);
    row.unassociatedAt = time;
    return row;
  }

  /** The attribute as its latest change left it. */
  currentAttribute(id: string): RoutingAttributeChange | undefined {
    return latest(this.attributes, id);
  }

  /** The attribute value as its latest change left it. */
  currentAttributeValue(id: string): RoutingAttributeValueChange | undefined {
    return latest(this.attributeValues, id);
  }

  private recordAttribute(change: Omit<RoutingAttributeChange, "time" | "seq">, time: number) {
    const row: RoutingAttributeChange = { ...change, time, seq: ++this.seq };
    this.attributes.push(row);
    return row;
  }

  private recordAttributeValue(change: Omit<RoutingAttributeValueChange, "time" | "seq">, time: number) {
    const row: RoutingAttributeValueChange = { ...change, time, seq: ++this.seq };
    this.attributeValues.push(row);
    return row;
  }
}

/** The last change in a log to the record with this id. */
function latest<T extends { id: string }>(log: readonly T[], id: string): T | undefined {
  for (let i = log.length - 1; i >= 0; i--) if ((log[i] as T).id === id) return log[i];
  return undefined;
}
