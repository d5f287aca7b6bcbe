/**
 * What the users routes keep beside the store's `users` table, per store: each user's identities (its email is
 * its primary email identity, made on first use), the profile properties the table has no column for (alias,
 * notes, user_fields…), users permanently deleted, passwords set, and indexes of email addresses and external ids
 * (built on first use and brought up to date with rows other routes insert).
 */
import type { UserRow } from "./models.js";
import type { Store } from "./store.js";

export type IdentityType =
  | "email"
  | "twitter"
  | "facebook"
  | "google"
  | "phone_number"
  | "agent_forwarding"
  | "any_channel"
  | "foreign"
  | "sdk";

export interface IdentityRow {
  id: number;
  userId: number;
  type: IdentityType;
  value: string;
  verified: boolean;
  primary: boolean;
  createdAt: number;
  updatedAt: number;
}

/** Ids of the identities made from a user's email on first use: a fixed base plus the user id. */
const PRIMARY_IDENTITY_BASE = 30_000_000;
/** Ids of identities added through the API. */
const API_IDENTITY_BASE = 31_000_000;

export class UsersState {
  /** Profile properties the table has no column for, in Zendesk's names, laid over `userJson`. */
  readonly extras = new Map<number, Record<string, unknown>>();
  /** Passwords set through the API, by user id. */
  readonly passwords = new Map<number, string>();
  /** Deleted users that were then permanently deleted: no longer in the deleted users list. */
  readonly erased = new Set<number>();
  private readonly identities = new Map<number, IdentityRow[]>();
  private readonly emails = new Map<string, number>();
  private readonly externalIds = new Map<string, number>();
  /** The highest user id the indexes have seen. */
  private indexed = 0;
  private identityCounter = 0;

  constructor(private readonly store: Store) {}

  /** The user's identities, the primary email first (made from the row's email on first use). */
  identitiesOf(userId: number): IdentityRow[] {
    let list = this.identities.get(userId);
    if (!list) {
      const row = this.store.users.getAny(userId);
      list = [];
      if (row?.email) {
        list.push({
          id: PRIMARY_IDENTITY_BASE + userId,
          userId,
          type: "email",
          value: row.email,
          verified: row.verified,
          primary: true,
          createdAt: row.createdAt,
          updatedAt: row.createdAt,
        });
      }
      this.identities.set(userId, list);
    }
    return list;
  }

  addIdentity(userId: number, fields: Pick<IdentityRow, "type" | "value" | "verified" | "primary">): IdentityRow {
    const now = this.store.now();
    const row: IdentityRow = {
      ...fields,
      id: API_IDENTITY_BASE + ++this.identityCounter,
      userId,
      createdAt: now,
      updatedAt: now,
    };
    const list = this.identitiesOf(userId);
    list.push(row);
    if (row.type === "email") this.emails.set(row.value.toLowerCase(), userId);
    if (row.primary) this.makePrimary(userId, row.id);
    return row;
  }

  removeIdentity(userId: number, identityId: number): void {
    const list = this.identitiesOf(userId);
    const index = list.findIndex((identity) => identity.id === identityId);
    const [removed] = index >= 0 ? list.splice(index, 1) : [];
    if (removed?.type === "email") this.emails.delete(removed.value.toLowerCase());
  }

  /** Makes the identity the primary one of its type; for an email, the user's `email` becomes its value. */
  makePrimary(userId: number, identityId: number): void {
    const list = this.identitiesOf(userId);
    const chosen = list.find((identity) => identity.id === identityId);
    if (!chosen) return;
    const now = this.store.now();
    for (const identity of list) {
      if (identity.type === chosen.type && identity.primary !== (identity === chosen)) {
        identity.primary = identity === chosen;
        identity.updatedAt = now;
      }
    }
    // The primary of each type first, as Zendesk lists them.
    list.sort((a, b) => Number(b.primary) - Number(a.primary));
    if (chosen.type === "email") {
      const row = this.store.users.get(userId);
      if (row && row.email !== chosen.value) this.store.users.put({ ...row, email: chosen.value, updatedAt: now });
    }
  }

  /** Moves every identity of `fromId` to `toId` as secondary identities (a merge). */
  moveIdentities(fromId: number, toId: number): void {
    const moved = this.identitiesOf(fromId).splice(0);
    const target = this.identitiesOf(toId);
    for (const identity of moved) {
      const kept = { ...identity, userId: toId, primary: false, updatedAt: this.store.now() };
      target.push(kept);
      if (kept.type === "email") this.emails.set(kept.value.toLowerCase(), toId);
    }
  }

  /** The live user holding this email address (primary or not), if any. */
  userByEmail(email: string): UserRow | undefined {
    this.catchUp();
    const id = this.emails.get(email.toLowerCase());
    const row = id === undefined ? undefined : this.store.users.get(id);
    if (!row) return undefined;
    const held =
      row.email?.toLowerCase() === email.toLowerCase() ||
      (this.identities.get(row.id) ?? []).some(
        (i) => i.type === "email" && i.value.toLowerCase() === email.toLowerCase(),
      );
    return held ? row : undefined;
  }

  /** The live user with this external id (without regard to case), if any. */
  userByExternalId(externalId: string): UserRow | undefined {
    this.catchUp();
    const id = this.externalIds.get(externalId.toLowerCase());
    const row = id === undefined ? undefined : this.store.users.get(id);
    return row?.externalId?.toLowerCase() === externalId.toLowerCase() ? row : undefined;
  }

  /** Records a row's email and external id in the indexes (after a write). */
  index(row: UserRow): void {
    this.catchUp();
    if (row.email) this.emails.set(row.email.toLowerCase(), row.id);
    if (row.externalId) this.externalIds.set(row.externalId.toLowerCase(), row.id);
  }

  /** Every email address the user holds. */
  emailsOf(row: UserRow): string[] {
    const list = this.identities.get(row.id);
    if (!list) return row.email ? [row.email] : [];
    return list.filter((identity) => identity.type === "email").map((identity) => identity.value);
  }

  private catchUp(): void {
    const max = this.store.users.maxId;
    for (let id = this.indexed + 1; id <= max; id++) {
      const row = this.store.users.get(id);
      if (!row) continue;
      if (row.email) this.emails.set(row.email.toLowerCase(), id);
      if (row.externalId) this.externalIds.set(row.externalId.toLowerCase(), id);
    }
    this.indexed = Math.max(this.indexed, max);
  }
}

const states = new WeakMap<Store, UsersState>();

/** The store's users state, made on first use. */
export function usersOf(store: Store): UsersState {
  let state = states.get(store);
  if (!state) {
    state = new UsersState(store);
    states.set(store, state);
  }
  return state;
}
