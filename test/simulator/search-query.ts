/**
 * Zendesk's basic search syntax, as the search routes read it: bare words and quoted phrases (found in a record's
 * text), property terms (`status:open`, `status<solved`, `tags:vip`, `organization:12`, `requester:ada@…`,
 * `created>2024-01-01`), `type:` to choose the kinds of record, a trailing `*` for a prefix and a leading `-` to
 * exclude. Several `:` terms on one property match any of their values; everything else must all match.
 *
 * The records searched are the store's tickets, users and organizations and the groups of groups-state.ts. Kept
 * per store as nothing: the search is computed from the tables on every request.
 */
import { isoSeconds } from "./clock.js";
import { type GroupRow, groupsOf } from "./groups-state.js";
import type { OrganizationRow, TicketRow, UserRow } from "./models.js";
import { organizationJson, ticketJson, userJson } from "./present.js";
import type { Store } from "./store.js";

export const RESULT_TYPES = ["ticket", "user", "organization", "group"] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

export const isResultType = (value: string): value is ResultType => (RESULT_TYPES as readonly string[]).includes(value);

type Operator = ":" | "<" | ">" | "<=" | ">=";

export interface Term {
  negate: boolean;
  /** Lower-cased property name; undefined for a bare word or a quoted phrase. */
  field?: string;
  operator: Operator;
  /** The value without its quotes. */
  value: string;
}

export type Candidate =
  | { kind: "ticket"; row: TicketRow }
  | { kind: "user"; row: UserRow }
  | { kind: "organization"; row: OrganizationRow }
  | { kind: "group"; row: GroupRow };

/** Splits a query into tokens at white space outside double quotes (an unclosed quote runs to the end). */
export function tokenize(query: string): string[] {
  const tokens: string[] = [];
  let current = "";
  let quoted = false;
  for (const char of query) {
    if (char === '"') quoted = !quoted;
    if (!quoted && /\s/.test(char)) {
      if (current !== "") tokens.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  if (current !== "") tokens.push(current);
  return tokens;
}

const unquote = (value: string) => value.replace(/^"/, "").replace(/"$/, "");

export function parseQuery(query: string): Term[] {
  const terms: Term[] = [];
  for (const token of tokenize(query)) {
    let rest = token;
    let negate = false;
    if (rest.length > 1 && rest.startsWith("-")) {
      negate = true;
      rest = rest.slice(1);
    }
    const property = /^([A-Za-z_]+)(<=|>=|:|<|>)(.*)$/.exec(rest);
    if (property && !rest.startsWith('"')) {
      const [, field = "", operator = ":", value = ""] = property;
      terms.push({ negate, field: field.toLowerCase(), operator: operator as Operator, value: unquote(value) });
    } else {
      const value = unquote(rest);
      if (value !== "") terms.push({ negate, operator: ":", value });
    }
  }
  return terms;
}

/** Whether the query names a type (`type:ticket`, or `-type:user`): the export refuses such a query. */
export const namesType = (terms: readonly Term[]) => terms.some((term) => term.field === "type");

/** The kinds a query asks for through its `type:` terms (every kind when it has none). */
export function kindsOf(terms: readonly Term[]): ResultType[] {
  const wanted = terms.filter((t) => t.field === "type" && !t.negate).map((t) => t.value.toLowerCase());
  const unwanted = new Set(terms.filter((t) => t.field === "type" && t.negate).map((t) => t.value.toLowerCase()));
  return RESULT_TYPES.filter((kind) => (wanted.length === 0 || wanted.includes(kind)) && !unwanted.has(kind));
}

// --- Comparing values -------------------------------------------------------------------------

const STATUS_ORDER = ["new", "open", "pending", "hold", "solved", "closed"];
const PRIORITY_ORDER = ["low", "normal", "high", "urgent"];

function compareOrdered(order: readonly string[], actual: string | null, term: Term): boolean {
  const wanted = order.indexOf(term.value.toLowerCase());
  if (actual === null || wanted < 0) return false;
  const have = order.indexOf(actual);
  switch (term.operator) {
    case ":":
      return have === wanted;
    case "<":
      return have < wanted;
    case ">":
      return have > wanted;
    case "<=":
      return have <= wanted;
    case ">=":
      return have >= wanted;
  }
}

/** A text value: `:` is a case-insensitive match of the whole value, or of its start with a trailing `*`. */
function sameText(actual: string | null | undefined, term: Term): boolean {
  if (term.operator !== ":" || actual === null || actual === undefined) return false;
  const value = term.value.toLowerCase();
  const have = actual.toLowerCase();
  return value.endsWith("*") ? have.startsWith(value.slice(0, -1)) : have === value;
}

/** Words inside a longer text (a name, a subject): a case-insensitive substring, `*` read as nothing. */
function containsText(actual: string | null | undefined, term: Term): boolean {
  if (term.operator !== ":" || actual === null || actual === undefined) return false;
  return actual.toLowerCase().includes(term.value.toLowerCase().replace(/\*$/, ""));
}

function sameNumber(actual: number | null, term: Term): boolean {
  if (term.operator !== ":") return false;
  if (term.value.toLowerCase() === "none") return actual === null;
  return actual !== null && /^\d+$/.test(term.value) && Number(term.value) === actual;
}

const DAY = 86_400;

/** `created>2024-01-01` and friends: a day (`YYYY-MM-DD`, UTC) or an exact ISO time. */
function compareTime(actual: number, term: Term): boolean {
  const value = term.value;
  const dayOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dayOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return false;
  const start = Math.floor(ms / 1000);
  const end = dayOnly ? start + DAY : start + 1;
  switch (term.operator) {
    case ":":
      return actual >= start && actual < end;
    case "<":
      return actual < start;
    case ">":
      return actual >= end;
    case "<=":
      return actual < end;
    case ">=":
      return actual >= start;
  }
}

const hasTag = (tags: readonly string[], term: Term) => tags.some((tag) => sameText(tag, term));

// --- Matching records -------------------------------------------------------------------------

/** A user by id or email, for `requester:`, `assignee:`, `submitter:`. */
function samePerson(store: Store, userId: number | null, term: Term): boolean {
  if (term.operator !== ":") return false;
  if (/^\d+$/.test(term.value) || term.value.toLowerCase() === "none") return sameNumber(userId, term);
  if (userId === null) return false;
  return sameText(store.users.get(userId)?.email, term);
}

function sameOrganization(store: Store, organizationId: number | null, term: Term): boolean {
  if (/^\d+$/.test(term.value) || term.value.toLowerCase() === "none") return sameNumber(organizationId, term);
  if (organizationId === null) return false;
  return sameText(store.organizations.get(organizationId)?.name, term);
}

function sameGroup(store: Store, groupId: number | null, term: Term): boolean {
  if (/^\d+$/.test(term.value) || term.value.toLowerCase() === "none") return sameNumber(groupId, term);
  if (groupId === null) return false;
  return sameText(groupsOf(store).groups.get(groupId)?.name, term);
}

/** Whether one term holds for a record; undefined when the property means nothing for its kind. */
function termHolds(store: Store, candidate: Candidate, term: Term): boolean | undefined {
  const { field } = term;
  switch (candidate.kind) {
    case "ticket": {
      const t = candidate.row;
      switch (field) {
        case undefined:
          return containsText(t.subject, term) || containsText(t.description, term);
        case "status":
          return compareOrdered(STATUS_ORDER, t.status, term);
        case "priority":
          return compareOrdered(PRIORITY_ORDER, t.priority, term);
        case "ticket_type":
          return sameText(t.type, term);
        case "tags":
        case "tag":
          return hasTag(t.tags, term);
        case "organization":
        case "organization_id":
          return sameOrganization(store, t.organizationId, term);
        case "requester":
        case "requester_id":
          return samePerson(store, t.requesterId, term);
        case "submitter":
          return samePerson(store, t.submitterId, term);
        case "assignee":
        case "assignee_id":
          return samePerson(store, t.assigneeId, term);
        case "group":
        case "group_id":
          return sameGroup(store, t.groupId, term);
        case "subject":
          return containsText(t.subject, term);
        case "description":
          return containsText(t.description, term);
        case "external_id":
          return sameText(t.externalId, term);
        case "created":
          return compareTime(t.createdAt, term);
        case "updated":
          return compareTime(t.updatedAt, term);
        default:
          return undefined;
      }
    }
    case "user": {
      const u = candidate.row;
      switch (field) {
        case undefined:
          return containsText(u.name, term) || containsText(u.email, term);
        case "name":
          return containsText(u.name, term);
        case "email":
          return sameText(u.email, term);
        case "role":
          return sameText(u.role, term);
        case "organization":
        case "organization_id":
          return sameOrganization(store, u.organizationId, term);
        case "tags":
        case "tag":
          return hasTag(u.tags, term);
        case "external_id":
          return sameText(u.externalId, term);
        case "created":
          return compareTime(u.createdAt, term);
        case "updated":
          return compareTime(u.updatedAt, term);
        default:
          return undefined;
      }
    }
    case "organization": {
      const o = candidate.row;
      switch (field) {
        case undefined:
          return containsText(o.name, term) || o.domainNames.some((domain) => containsText(domain, term));
        case "name":
          return containsText(o.name, term);
        case "tags":
        case "tag":
          return hasTag(o.tags, term);
        case "external_id":
          return sameText(o.externalId, term);
        case "created":
          return compareTime(o.createdAt, term);
        case "updated":
          return compareTime(o.updatedAt, term);
        default:
          return undefined;
      }
    }
    case "group": {
      const g = candidate.row;
      switch (field) {
        case undefined:
          return containsText(g.name, term) || containsText(g.description, term);
        case "name":
          return containsText(g.name, term);
        case "created":
          return compareTime(g.createdAt, term);
        case "updated":
          return compareTime(g.updatedAt, term);
        default:
          return undefined;
      }
    }
  }
}

/**
 * A predicate for the query's terms other than `type:`: `:` terms on one property are alternatives, every other
 * term (a comparison, a word, a phrase, an exclusion) must hold. A property that means nothing for a kind of record
 * rules the record out (an excluded one lets it through).
 */
export function compileMatcher(store: Store, terms: readonly Term[]): (candidate: Candidate) => boolean {
  const alternatives = new Map<string, Term[]>();
  const required: Term[] = [];
  for (const term of terms) {
    if (term.field === "type") continue;
    if (term.field !== undefined && term.operator === ":" && !term.negate) {
      alternatives.set(term.field, [...(alternatives.get(term.field) ?? []), term]);
    } else {
      required.push(term);
    }
  }
  const groups = [...alternatives.values()];
  return (candidate) => {
    for (const term of required) {
      const holds = termHolds(store, candidate, term) ?? false;
      if (holds === term.negate) return false;
    }
    return groups.every((group) => group.some((term) => termHolds(store, candidate, term) === true));
  };
}

// --- The records searched --------------------------------------------------------------------------

/** Every live record of the given kinds, kind by kind, each in id order. */
export function* candidates(store: Store, kinds: readonly ResultType[]): Generator<Candidate> {
  if (kinds.includes("ticket")) for (const row of store.tickets.all()) yield { kind: "ticket", row };
  if (kinds.includes("user")) for (const row of store.users.all()) yield { kind: "user", row };
  if (kinds.includes("organization")) for (const row of store.organizations.all()) yield { kind: "organization", row };
  if (kinds.includes("group")) for (const row of groupsOf(store).list()) yield { kind: "group", row };
}

/** The records matching `terms`, of the kinds they allow (or of `only`). */
export function search(store: Store, terms: readonly Term[], only?: ResultType): Candidate[] {
  const kinds = only ? [only] : kindsOf(terms);
  const matches = compileMatcher(store, terms);
  const found: Candidate[] = [];
  for (const candidate of candidates(store, kinds)) if (matches(candidate)) found.push(candidate);
  return found;
}

export const kindRank = (kind: ResultType) => RESULT_TYPES.indexOf(kind);

export function createdAt(candidate: Candidate): number {
  return candidate.row.createdAt;
}

// --- Presenting -----------------------------------------------------------------------------------

/** A group as the shared `Group` schema has it. */
export function groupJson(origin: string, g: GroupRow) {
  return {
    id: g.id,
    url: `${origin}/api/v2/groups/${g.id}.json`,
    name: g.name,
    description: g.description,
    default: g.isDefault,
    deleted: g.deleted,
    is_public: g.isPublic,
    created_at: isoSeconds(g.createdAt),
    updated_at: isoSeconds(g.updatedAt),
  };
}

/** One result: the record's JSON with its `result_type`. */
export function resultJson(store: Store, origin: string, candidate: Candidate): Record<string, unknown> {
  switch (candidate.kind) {
    case "ticket":
      return { ...ticketJson(store, origin, candidate.row), result_type: "ticket" };
    case "user":
      return { ...userJson(origin, candidate.row), result_type: "user" };
    case "organization":
      return { ...organizationJson(origin, candidate.row), result_type: "organization" };
    case "group":
      return { ...groupJson(origin, candidate.row), result_type: "group" };
  }
}
