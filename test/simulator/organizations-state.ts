/**
 * Organization memberships and organization custom field values, kept per store. A user's row names their default
 * organization (`organizationId`); the memberships are the fuller picture: the default one of every user whose row
 * names an organization (so the seeded end users come with one each), plus those made through the API. `sync` keeps
 * the two in line whatever changed the users table; the write methods here change both together.
 */
import type { OrganizationRow, UserRow } from "./models.js";
import type { Store } from "./store.js";

export interface OrganizationMembershipRow {
  id: number;
  userId: number;
  organizationId: number;
  /** The user's default organization (the one their row names). */
  isDefault: boolean;
  /** Unix seconds, as every row of the store. */
  createdAt: number;
  updatedAt: number;
}

export type MembershipRefusal = "user" | "organization" | "exists";

export class OrganizationsState {
  /** Every membership, by id (in id order). */
  readonly memberships = new Map<number, OrganizationMembershipRow>();
  /** Custom field values set through the API, by organization id (seeded organizations have none). */
  readonly fieldValues = new Map<number, Record<string, unknown>>();
  private nextMembershipId = 1;

  constructor(private readonly store: Store) {}

  /**
   * Brings the memberships in line with the users and organizations tables: a user whose row names an
   * organization has a default membership of it (made when missing), no other membership is a default, and
   * memberships of deleted users or organizations are gone.
   */
  sync(): void {
    const { users, organizations } = this.store;
    for (const row of [...this.memberships.values()]) {
      if (!users.has(row.userId) || !organizations.has(row.organizationId)) this.memberships.delete(row.id);
    }
    const byUser = new Map<number, OrganizationMembershipRow[]>();
    for (const row of this.memberships.values()) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    for (const user of users.all()) {
      const mine = byUser.get(user.id) ?? [];
      const home = user.organizationId;
      if (home !== null && organizations.has(home) && !mine.some((row) => row.organizationId === home)) {
        mine.push(this.insert(user.id, home, user.createdAt));
      }
      for (const row of mine) row.isDefault = row.organizationId === home;
    }
  }

  get(id: number): OrganizationMembershipRow | undefined {
    return this.memberships.get(id);
  }

  /** Memberships in id order, narrowed to a user and/or an organization. */
  list(filter: { userId?: number; organizationId?: number } = {}): OrganizationMembershipRow[] {
    return [...this.memberships.values()].filter(
      (row) =>
        (filter.userId === undefined || row.userId === filter.userId) &&
        (filter.organizationId === undefined || row.organizationId === filter.organizationId),
    );
  }

  find(userId: number, organizationId: number): OrganizationMembershipRow | undefined {
    for (const row of this.memberships.values()) {
      if (row.userId === userId && row.organizationId === organizationId) return row;
    }
    return undefined;
  }

  /** The users with a membership of the organization, in id order. */
  membersOf(organizationId: number): UserRow[] {
    const ids = new Set(this.list({ organizationId }).map((row) => row.userId));
    return [...ids]
      .sort((a, b) => a - b)
      .map((id) => this.store.users.get(id))
      .filter((row): row is UserRow => row !== undefined);
  }

  /** The organizations the user belongs to, in id order. */
  organizationsOf(userId: number): OrganizationRow[] {
    const ids = new Set(this.list({ userId }).map((row) => row.organizationId));
    return [...ids]
      .sort((a, b) => a - b)
      .map((id) => this.store.organizations.get(id))
      .filter((row): row is OrganizationRow => row !== undefined);
  }

  /**
   * Puts a user in an organization. It becomes the user's default when they had none, or when `makeDefault`.
   * Refused (with the reason) for an unknown user or organization, or a membership that exists already.
   */
  add(userId: number, organizationId: number, makeDefault = false): OrganizationMembershipRow | MembershipRefusal {
    const user = this.store.users.get(userId);
    if (!user) return "user";
    if (!this.store.organizations.has(organizationId)) return "organization";
    if (this.find(userId, organizationId)) return "exists";
    const row = this.insert(userId, organizationId, this.store.now());
    if (makeDefault || user.organizationId === null) this.makeDefault(row);
    return row;
  }

  /** Deletes a membership; a user whose default it was is left without a default organization. */
  remove(row: OrganizationMembershipRow): void {
    this.memberships.delete(row.id);
    if (row.isDefault) this.setUserOrganization(row.userId, null);
  }

  /** Makes the membership its user's default, and no other. */
  makeDefault(row: OrganizationMembershipRow): void {
    this.setUserOrganization(row.userId, row.organizationId);
    const now = this.store.now();
    for (const other of this.list({ userId: row.userId })) {
      const isDefault = other.id === row.id;
      if (other.isDefault !== isDefault) other.updatedAt = now;
      other.isDefault = isDefault;
    }
  }

  /** Forgets an organization's memberships (it was deleted); its members whose default it was have none now. */
  dropOrganization(organizationId: number): void {
    for (const row of this.list({ organizationId })) this.remove(row);
    this.fieldValues.delete(organizationId);
  }

  private insert(userId: number, organizationId: number, at: number): OrganizationMembershipRow {
    const row: OrganizationMembershipRow = {
      id: this.nextMembershipId++,
      userId,
      organizationId,
      isDefault: false,
      createdAt: at,
      updatedAt: at,
    };
    this.memberships.set(row.id, row);
    return row;
  }

  private setUserOrganization(userId: number, organizationId: number | null): void {
    const user = this.store.users.get(userId);
    if (!user || user.organizationId === organizationId) return;
    this.store.users.put({ ...user, organizationId, updatedAt: this.store.now() });
  }
}

const states = new WeakMap<Store, OrganizationsState>();

function stateOf(store: Store): OrganizationsState {
  let state = states.get(store);
  if (!state) {
    state = new OrganizationsState(store);
    states.set(store, state);
  }
  return state;
}

/** The store's memberships and field values, made on first use and brought in line with the users table. */
export function organizationsOf(store: Store): OrganizationsState {
  const state = stateOf(store);
  state.sync();
  return state;
}

/** The custom field values set through the API, by organization id (no sync: for presenting organizations). */
export function organizationFieldValues(store: Store): Map<number, Record<string, unknown>> {
  return stateOf(store).fieldValues;
}
