// The query builder: typed terms in, a correctly quoted Zendesk search query out.

/** One value, or several (which Zendesk reads as "any of them"). */
export type OneOrMany<T> = T | readonly T[];

/** A day as a `Date` (its UTC day is used) or `"YYYY-MM-DD"`; or an exact time as an ISO 8601 string with a zone. */
export type SearchDate = Date | string;

/** `created: day` is that day; `{ after, before }` is strictly after the one day and before the other. */
export type SearchDateTerm = SearchDate | { after?: SearchDate; before?: SearchDate };

/**
 * A property with an order (status, priority): one value or several (any of them), or a comparison:
 * `{ below: "solved" }` is `status<solved`, `{ above: "new" }` is `status>new`.
 */
export type SearchOrderedTerm<T extends string> = OneOrMany<T> | { above?: T; below?: T };

export type SearchTicketStatus = "new" | "open" | "pending" | "hold" | "solved" | "closed";
export type SearchTicketPriority = "low" | "normal" | "high" | "urgent";

/** Terms every kind of record takes. */
export interface SearchCommonTerms {
  /**
   * Free text, as you would type it: words and `"quoted phrases"` (balanced double quotes). A word that
   * would read as a property term (`a:b`) is quoted; a leading `-` excludes a word. As an array, each
   * entry is one word or phrase, quoted when it holds spaces or search syntax.
   */
  text?: string | readonly string[];
  created?: SearchDateTerm;
  updated?: SearchDateTerm;
}

export interface SearchTicketTerms extends SearchCommonTerms {
  status?: SearchOrderedTerm<SearchTicketStatus>;
  priority?: SearchOrderedTerm<SearchTicketPriority>;
  ticket_type?: OneOrMany<"problem" | "incident" | "question" | "task">;
  tags?: OneOrMany<string>;
  /** An organization id, its name, or `"none"`. */
  organization?: OneOrMany<number | string>;
  /** A user id or email. */
  requester?: OneOrMany<number | string>;
  /** A user id or email. */
  submitter?: OneOrMany<number | string>;
  /** A user id or email, or `"none"` for unassigned tickets. */
  assignee?: OneOrMany<number | string>;
  /** A group id or name, or `"none"`. */
  group?: OneOrMany<number | string>;
  subject?: string;
  description?: string;
  external_id?: OneOrMany<string>;
}

export interface SearchUserTerms extends SearchCommonTerms {
  name?: OneOrMany<string>;
  /** An address, or its start followed by `*` (`"ada*"`). */
  email?: OneOrMany<string>;
  role?: OneOrMany<"end-user" | "agent" | "admin">;
  tags?: OneOrMany<string>;
  /** An organization id or name. */
  organization?: OneOrMany<number | string>;
  external_id?: OneOrMany<string>;
}

export interface SearchOrganizationTerms extends SearchCommonTerms {
  name?: OneOrMany<string>;
  tags?: OneOrMany<string>;
  external_id?: OneOrMany<string>;
}

export interface SearchGroupTerms extends SearchCommonTerms {
  name?: OneOrMany<string>;
}

/** The terms each `type` takes. */
export interface SearchTermsByType {
  ticket: SearchTicketTerms;
  user: SearchUserTerms;
  organization: SearchOrganizationTerms;
  group: SearchGroupTerms;
}

/** The terms of one type, plus `not`: terms that must not match (each written with a leading `-`). */
export type SearchTerms<T extends keyof SearchTermsByType> = SearchTermsByType[T] & {
  not?: Omit<SearchTermsByType[T], "text">;
};

/** Terms for a search of any kind of record: only those every kind has. */
export type SearchAnyTerms = SearchCommonTerms & {
  tags?: OneOrMany<string>;
  not?: { tags?: OneOrMany<string>; created?: SearchDateTerm; updated?: SearchDateTerm };
};

/** What `searchQuery` takes: a `type` and its terms, or no type and the terms common to every kind. */
export type SearchQueryInput =
  | ({ type: "ticket" } & SearchTerms<"ticket">)
  | ({ type: "user" } & SearchTerms<"user">)
  | ({ type: "organization" } & SearchTerms<"organization">)
  | ({ type: "group" } & SearchTerms<"group">)
  | ({ type?: undefined } & SearchAnyTerms);

type Kind = "ordered" | "date" | "value" | "id" | "text";

const COMMON: Record<string, Kind> = { created: "date", updated: "date" };
const TERMS: Record<keyof SearchTermsByType | "any", Record<string, Kind>> = {
  ticket: {
    ...COMMON,
    status: "ordered",
    priority: "ordered",
    ticket_type: "value",
    tags: "value",
    organization: "id",
    requester: "id",
    submitter: "id",
    assignee: "id",
    group: "id",
    subject: "text",
    description: "text",
    external_id: "value",
  },
  user: {
    ...COMMON,
    name: "value",
    email: "value",
    role: "value",
    tags: "value",
    organization: "id",
    external_id: "value",
  },
  organization: { ...COMMON, name: "value", tags: "value", external_id: "value" },
  group: { ...COMMON, name: "value" },
  any: { ...COMMON, tags: "value" },
};

export const SEARCH_RESULT_TYPES = ["ticket", "user", "organization", "group"] as const;

const describe = (value: unknown) => JSON.stringify(value) ?? String(value);

/**
 * One value as Zendesk reads it: bare when it is a plain word, else in double quotes (spaces, quotes,
 * parentheses, or characters that would start another term). Zendesk's syntax has no escape for a double
 * quote inside a value, so such a value is refused rather than sent changed.
 */
export function quoteSearchValue(value: string, label = "searchQuery"): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new TypeError(`${label}: a search value must be a non-empty string; got ${describe(value)}`);
  }
  if (value.includes('"')) {
    throw new TypeError(
      `${label}: ${describe(value)} holds a double quote, which Zendesk's search syntax cannot escape inside a value; leave it out`,
    );
  }
  return /[\s:<>()'\\]|^-/.test(value) ? `"${value}"` : value;
}

const pad = (n: number) => String(n).padStart(2, "0");

function dateValue(value: SearchDate, label: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new TypeError(`${label}: an invalid Date`);
    return `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
  }
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return value;
    if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) return value;
  }
  throw new TypeError(
    `${label}: a date must be a Date, "YYYY-MM-DD" or an ISO 8601 time with a zone; got ${describe(value)}`,
  );
}

const list = <T>(value: OneOrMany<T>): readonly T[] => (Array.isArray(value) ? value : [value as T]);

function idValue(value: unknown, label: string): string {
  if (typeof value === "number") {
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new TypeError(`${label}: an id must be a positive integer; got ${value}`);
    return String(value);
  }
  return quoteSearchValue(value as string, label);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);

/** The terms of one property, `prefix` being `-` for an exclusion. */
function propertyTerms(name: string, kind: Kind, value: unknown, prefix: string, label: string): string[] {
  const where = `${label}: \`${name}\``;
  switch (kind) {
    case "ordered": {
      if (isRecord(value)) {
        const { above, below, ...other } = value;
        if (Object.keys(other).length > 0 || (above === undefined && below === undefined)) {
          throw new TypeError(`${where} takes a value, a list of values, or { above, below }`);
        }
        const out: string[] = [];
        if (above !== undefined) out.push(`${prefix}${name}>${quoteSearchValue(above as string, where)}`);
        if (below !== undefined) out.push(`${prefix}${name}<${quoteSearchValue(below as string, where)}`);
        return out;
      }
      return list(value).map((v) => `${prefix}${name}:${quoteSearchValue(v as string, where)}`);
    }
    case "date": {
      if (isRecord(value)) {
        const { after, before, ...other } = value;
        if (Object.keys(other).length > 0 || (after === undefined && before === undefined)) {
          throw new TypeError(`${where} takes a date or { after, before }`);
        }
        const out: string[] = [];
        if (after !== undefined) out.push(`${prefix}${name}>${dateValue(after as SearchDate, where)}`);
        if (before !== undefined) out.push(`${prefix}${name}<${dateValue(before as SearchDate, where)}`);
        return out;
      }
      return [`${prefix}${name}:${dateValue(value as SearchDate, where)}`];
    }
    case "id":
      return list(value).map((v) => `${prefix}${name}:${idValue(v, where)}`);
    case "value":
    case "text":
      return list(value).map((v) => `${prefix}${name}:${quoteSearchValue(v as string, where)}`);
  }
}

/** Free text: words kept as typed (quoted when they would read as a term), phrases in balanced quotes kept. */
function textTerms(text: string | readonly string[], label: string): string[] {
  if (Array.isArray(text)) return text.map((entry) => quoteSearchValue(entry as string, `${label}: \`text\``));
  if (typeof text !== "string") throw new TypeError(`${label}: \`text\` must be a string or a list of strings`);
  if ((text.match(/"/g) ?? []).length % 2 !== 0) {
    throw new TypeError(`${label}: \`text\` has an unclosed double quote: ${describe(text)}`);
  }
  const out: string[] = [];
  for (const match of text.matchAll(/-?"[^"]*"|[^\s"]+/g)) {
    const word = match[0];
    if (word.includes('"')) {
      if (word.replace(/^-?"|"$/g, "").trim() !== "") out.push(word);
    } else {
      out.push(/[:<>()\\]/.test(word) ? `"${word}"` : word);
    }
  }
  return out;
}

/** The query for `terms` of `type` (undefined: any kind), without a `type:` term. */
export function buildTerms(
  type: keyof SearchTermsByType | undefined,
  terms: Record<string, unknown>,
  label = "searchQuery",
): string[] {
  if (!isRecord(terms)) throw new TypeError(`${label}: the terms must be an object`);
  const allowed = TERMS[type ?? "any"];
  const out: string[] = [];
  const add = (source: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(source)) {
      if (value === undefined || name === "type" || (prefix === "" && (name === "text" || name === "not"))) continue;
      const kind = allowed[name];
      if (kind === undefined) {
        throw new TypeError(
          `${label}: \`${name}\` is not a search term for ${type ? `type ${describe(type)}` : "a search of every type"}; use one of ${Object.keys(allowed).join(", ")}${prefix === "" ? ", text, not" : ""}`,
        );
      }
      out.push(...propertyTerms(name, kind, value, prefix, label));
    }
  };
  add(terms, "");
  if (terms.not !== undefined) {
    if (!isRecord(terms.not)) throw new TypeError(`${label}: \`not\` must be an object of terms`);
    if ("text" in terms.not)
      throw new TypeError(`${label}: exclude words with a leading - in \`text\`, not in \`not\``);
    add(terms.not, "-");
  }
  if (terms.text !== undefined) out.push(...textTerms(terms.text as string | string[], label));
  return out;
}

/**
 * A Zendesk search query from typed terms, every value quoted as the syntax needs.
 *
 * ```ts
 * searchQuery({ type: "ticket", status: ["open", "pending"], tags: "vip", organization: 12, created: { after: new Date("2024-03-01") }, text: 'printer "on fire"' });
 * // type:ticket status:open status:pending tags:vip organization:12 created>2024-03-01 printer "on fire"
 * ```
 *
 * Several values of one property match any of them (Zendesk's rule); different properties must all match.
 * Throws a `TypeError` for a term the type does not take, an empty value, a value holding a double quote,
 * or a date it cannot read.
 */
export function searchQuery(input: SearchQueryInput): string {
  if (!isRecord(input)) throw new TypeError("searchQuery: pass an object of terms");
  const type = (input as { type?: unknown }).type as keyof SearchTermsByType | undefined;
  if (type !== undefined && !(SEARCH_RESULT_TYPES as readonly string[]).includes(type)) {
    throw new TypeError(
      `searchQuery: \`type\` must be one of ${SEARCH_RESULT_TYPES.join(", ")}; got ${describe(type)}`,
    );
  }
  const terms = buildTerms(type, input as Record<string, unknown>);
  const query = [...(type ? [`type:${type}`] : []), ...terms].join(" ");
  if (query === "") throw new TypeError("searchQuery: give at least one term");
  return query;
}

/**
 * The first `type:` term of a query (`type:ticket`, `-type:user`), outside quoted phrases; undefined when it has
 * none. The search export refuses a query that has one.
 */
export function typeTermOf(query: string): string | undefined {
  for (const match of query.matchAll(/(?:[^\s"]+|"[^"]*"?)+/g)) {
    if (/^-?type:/i.test(match[0])) return match[0];
  }
  return undefined;
}
