/**
 * Groups and group memberships: the three seeded groups that tickets are assigned to (GROUP_IDS), each agent a
 * member of the first (their default) and of one other, kept per store. The groups routes change them; search
 * and the users routes read them.
 */
import { agentCount, GROUP_IDS } from "./seed.js";
import type { Store } from "./store.js";

export interface GroupRow {
  id: number;
  name: string;
  description: string;
  isPublic: boolean;
  /** The account's default group (the first seeded one). */
  isDefault: boolean;
  deleted: boolean;
  /** Unix seconds, as every row of the store. */
  createdAt: number;
  updatedAt: number;
}

export interface GroupMembershipRow {
  id: number;
  userId: number;
  groupId: number;
  /** The user's default group. */
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

const NAMES = ["Support", "Billing", "Escalations"] as const;

export class GroupsState {
  readonly groups = new Map<number, GroupRow>();
  readonly memberships = new Map<number, GroupMembershipRow>();
  private nextGroupId = Math.max(...GROUP_IDS) + 1;
  private nextMembershipId = 1;

  constructor(private readonly store: Store) {
    const time = store.seed.startTime;
    GROUP_IDS.forEach((id, index) => {
      this.groups.set(id, {
        id,
        name: NAMES[index] ?? `Group ${id}`,
        description: `${NAMES[index] ?? "Group"} team`,
        isPublic: true,
        isDefault: index === 0,
        deleted: false,
        createdAt: time,
        updatedAt: time,
      });
    });
    for (let userId = 1; userId <= agentCount(store.seed); userId++) {
      this.addMembership(userId, GROUP_IDS[0], true, time);
      const other = GROUP_IDS[1 + (userId % (GROUP_IDS.length - 1))];
      if (other !== undefined) this.addMembership(userId, other, false, time);
    }
  }

  /** Groups that are not deleted, by id. */
  list(): GroupRow[] {
    return [...this.groups.values()].filter((group) => !group.deleted).sort((a, b) => a.id - b.id);
  }

  addGroup(fields: Omit<GroupRow, "id" | "createdAt" | "updatedAt" | "deleted" | "isDefault">): GroupRow {
    const now = this.store.clock.nowSeconds();
    const row: GroupRow = {
      ...fields,
      id: this.nextGroupId++,
      isDefault: false,
      deleted: false,
      createdAt: now,
      updatedAt: now,
    };
    this.groups.set(row.id, row);
    return row;
  }

  addMembership(
    userId: number,
    groupId: number,
    isDefault = false,
    at = this.store.clock.nowSeconds(),
  ): GroupMembershipRow {
    const row: GroupMembershipRow = {
      id: this.nextMembershipId++,
      userId,
      groupId,
      isDefault,
      createdAt: at,
      updatedAt: at,
    };
    this.memberships.set(row.id, row);
    return row;
  }

  /** Every group, deleted ones included, by id. */
  all(): GroupRow[] {
    return [...this.groups.values()].sort((a, b) => a.id - b.id);
  }

  /** A group that exists and is not deleted. */
  live(id: number): GroupRow | undefined {
    const group = this.groups.get(id);
    return group && !group.deleted ? group : undefined;
  }

  /** Changes a group's writable fields and bumps `updatedAt`. */
  updateGroup(group: GroupRow, changes: Partial<Pick<GroupRow, "name" | "description" | "isPublic">>): GroupRow {
    Object.assign(group, changes, { updatedAt: this.store.clock.nowSeconds() });
    return group;
  }

  /** Marks a group deleted and takes every agent out of it (their default moves to another of their groups). */
  deleteGroup(group: GroupRow): void {
    group.deleted = true;
    group.updatedAt = this.store.clock.nowSeconds();
    for (const row of this.membershipsOf({ groupId: group.id })) this.removeMembership(row);
  }

  /** The membership of this user in this group, if any. */
  membershipOf(userId: number, groupId: number): GroupMembershipRow | undefined {
    return this.membershipsOf({ userId, groupId })[0];
  }

  /**
   * Puts a user in a group: the first membership of a user is their default, and `isDefault` takes the default
   * from the others. The checks (an agent, a live group, not a member yet) are the caller's.
   */
  join(userId: number, groupId: number, isDefault = false): GroupMembershipRow {
    const first = this.membershipsOf({ userId }).length === 0;
    const row = this.addMembership(userId, groupId, false);
    if (first || isDefault) this.makeDefault(row);
    return row;
  }

  /** Removes a membership; when it was the user's default, their oldest other membership becomes the default. */
  removeMembership(row: GroupMembershipRow): void {
    this.memberships.delete(row.id);
    if (!row.isDefault) return;
    const next = this.membershipsOf({ userId: row.userId }).sort((a, b) => a.id - b.id)[0];
    if (next) this.makeDefault(next);
  }

  /** Makes a membership its user's default and the user's others not. */
  makeDefault(row: GroupMembershipRow): void {
    const now = this.store.clock.nowSeconds();
    for (const other of this.membershipsOf({ userId: row.userId })) {
      const isDefault = other.id === row.id;
      if (other.isDefault !== isDefault) {
        other.isDefault = isDefault;
        other.updatedAt = now;
      }
    }
  }

  /** The user's default group, or null without memberships. */
  defaultGroupId(userId: number): number | null {
    return this.membershipsOf({ userId }).find((row) => row.isDefault)?.groupId ?? null;
  }

  membershipsOf(filter: { userId?: number; groupId?: number }): GroupMembershipRow[] {
    return [...this.memberships.values()].filter(
      (row) =>
        (filter.userId === undefined || row.userId === filter.userId) &&
        (filter.groupId === undefined || row.groupId === filter.groupId),
    );
  }
}

const states = new WeakMap<Store, GroupsState>();

/** The store's groups, made on first use. */
export function groupsOf(store: Store): GroupsState {
  let state = states.get(store);
  if (!state) {
    state = new GroupsState(store);
    states.set(store, state);
  }
  return state;
}
