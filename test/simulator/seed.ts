/**
 * Deterministic seeded data. Every seeded ticket, user and organization is a pure function of (random seed, id), so
 * nothing is generated until it is read. Names and addresses are invented; every email is at example.com.
 */
import type {
  CommentRow,
  CustomFieldValue,
  OrganizationRow,
  TicketPriority,
  TicketRow,
  TicketStatus,
  TicketType,
  UserRow,
} from "./models.js";
import { hash32, pick } from "./random.js";

export interface SeedOptions {
  /** The random seed (default 1): the same seed gives the same data. */
  random?: number;
  /** Seeded tickets (default 250). */
  tickets?: number;
  /** Seeded users, the authenticated agent (id 1) included (default 50, at least 1). */
  users?: number;
  /** Seeded organizations (default 10). */
  organizations?: number;
  /** Records of the seeded `sim_device` custom object (default 25; 0 seeds no custom object at all). */
  customObjectRecords?: number;
  /**
   * Seeded tickets given routing skills (instance values), spread evenly over the ticket ids (default 24; capped at
   * `tickets`). The routing attributes, their values and the agents' skills are always seeded.
   */
  routingTickets?: number;
  /** When the first seeded record was last updated, unix seconds or a Date (default 2024-01-01T00:00:00Z). */
  startTime?: number | Date;
  /** Seconds between consecutive seeded `updated_at` values (default 60). */
  interval?: number;
  /**
   * How many consecutive seeded records share one `updated_at` (default 1). Above 1000 it reproduces the stall of
   * Zendesk's time-based exports.
   */
  perTimestamp?: number;
}

export interface ResolvedSeed {
  random: number;
  tickets: number;
  users: number;
  organizations: number;
  customObjectRecords: number;
  routingTickets: number;
  startTime: number;
  interval: number;
  perTimestamp: number;
}

export function resolveSeed(seed: number | SeedOptions | undefined): ResolvedSeed {
  const options: SeedOptions = typeof seed === "number" ? { random: seed } : (seed ?? {});
  const start = options.startTime ?? 1_704_067_200;
  return {
    random: options.random ?? 1,
    tickets: Math.max(0, Math.floor(options.tickets ?? 250)),
    users: Math.max(1, Math.floor(options.users ?? 50)),
    organizations: Math.max(0, Math.floor(options.organizations ?? 10)),
    customObjectRecords: Math.max(0, Math.floor(options.customObjectRecords ?? 25)),
    routingTickets: Math.max(0, Math.floor(options.routingTickets ?? 24)),
    startTime: start instanceof Date ? Math.floor(start.getTime() / 1000) : Math.floor(start),
    interval: Math.max(0, options.interval ?? 60),
    perTimestamp: Math.max(1, Math.floor(options.perTimestamp ?? 1)),
  };
}

/** `updated_at` of seeded record `id` on the seeded timeline: never decreases as the id grows. */
export function seededTime(seed: ResolvedSeed, id: number): number {
  return seed.startTime + Math.floor((id - 1) / seed.perTimestamp) * seed.interval;
}

/** Seeded tickets were created this long before their last update. */
export const SEEDED_TICKET_AGE = 2 * 3600;

/** The number of agents among the seeded users (ids 1..agents); the rest are end users. */
export function agentCount(seed: ResolvedSeed): number {
  return Math.min(seed.users, Math.max(1, Math.min(5, Math.floor(seed.users / 10))));
}

export const GROUP_IDS = [9001, 9002, 9003] as const;
export const BRAND_ID = 7001;
export const DEFAULT_TICKET_FORM_ID = 7501;
export const TICKET_FIELD_PLAN = 5001;
export const TICKET_FIELD_ORDER = 5002;

const FIRST_NAMES = ["Ada", "Bram", "Cleo", "Dario", "Edda", "Fynn", "Gita", "Hugo", "Ines", "Jonas", "Kaia", "Lio"];
const LAST_NAMES = ["Abbot", "Birch", "Cole", "Dunmore", "Ember", "Frost", "Grove", "Hale", "Ivers", "Juno"];
const ORG_WORDS = ["Acorn", "Beacon", "Cobalt", "Delta", "Fable", "Granite", "Harbor", "Juniper", "Kestrel", "Lumen"];
const SUBJECTS = [
  "Cannot sign in after password reset",
  "Invoice shows the wrong amount",
  "Export to CSV times out",
  "Request to change billing address",
  "Mobile app crashes on start",
  "Question about the annual plan",
  "Shipment arrived damaged",
  "Webhook deliveries are delayed",
  "Two-factor code never arrives",
  "Please close my account",
];
const BODIES = [
  "Hello, this started this morning and blocks our team. Could you take a look?",
  "We noticed this after the last update. Steps to reproduce are attached.",
  "Not urgent, but we would like an answer before the end of the month.",
  "Thanks for the quick help last time; this is a related issue.",
];
const REPLIES = [
  "Thanks for reaching out. We are looking into it and will update you shortly.",
  "Could you send us a screenshot of the error?",
  "This should be fixed now. Let us know if it happens again.",
];
const TAG_SETS: readonly (readonly string[])[] = [
  [],
  ["billing"],
  ["login", "priority_customer"],
  ["mobile"],
  ["export", "api"],
  ["vip"],
];
const STATUSES: readonly TicketStatus[] = [
  "new",
  "open",
  "open",
  "open",
  "pending",
  "hold",
  "solved",
  "solved",
  "closed",
];
const PRIORITIES: readonly (TicketPriority | null)[] = [null, "low", "normal", "normal", "high", "urgent"];
const TYPES: readonly (TicketType | null)[] = [null, "question", "question", "task"];
const CHANNELS = ["web", "email", "api"] as const;
const TIME_ZONES: readonly [string, string][] = [
  ["Amsterdam", "Europe/Amsterdam"],
  ["Eastern Time (US & Canada)", "America/New_York"],
  ["Tokyo", "Asia/Tokyo"],
  ["UTC", "Etc/UTC"],
];

/** Problems are every 50th seeded ticket; the three tickets before each are its incidents. */
export const PROBLEM_EVERY = 50;
export const INCIDENTS_PER_PROBLEM = 3;

export function seededOrganization(seed: ResolvedSeed, id: number): OrganizationRow {
  const h = hash32(seed.random, id, 301);
  const word = pick(ORG_WORDS, h);
  const updatedAt = seededTime(seed, id);
  return {
    id,
    name: `${word} ${id}`,
    externalId: h % 3 === 0 ? `org-${id}` : null,
    details: null,
    notes: null,
    domainNames: [`${word.toLowerCase()}${id}.example.com`],
    groupId: h % 4 === 0 ? pick(GROUP_IDS, h >>> 3) : null,
    sharedTickets: h % 5 === 0,
    sharedComments: false,
    tags: h % 2 === 0 ? ["customer"] : [],
    createdAt: updatedAt - 86_400,
    updatedAt,
  };
}

export function seededUser(seed: ResolvedSeed, id: number, agentEmail: string): UserRow {
  const h = hash32(seed.random, id, 202);
  const first = pick(FIRST_NAMES, h);
  const last = pick(LAST_NAMES, h >>> 5);
  const agents = agentCount(seed);
  const role = id === 1 ? "admin" : id <= agents ? "agent" : "end-user";
  const [timeZone, ianaTimeZone] = pick(TIME_ZONES, h >>> 9);
  const updatedAt = seededTime(seed, id);
  return {
    id,
    name: id === 1 ? "Sam Simulator" : `${first} ${last}`,
    email: id === 1 ? agentEmail : `${first.toLowerCase()}.${last.toLowerCase()}.${id}@example.com`,
    role,
    organizationId: role === "end-user" && seed.organizations > 0 ? 1 + (h % seed.organizations) : null,
    externalId: h % 4 === 0 ? `user-${id}` : null,
    phone: null,
    timeZone,
    ianaTimeZone,
    locale: "en-US",
    tags: [],
    verified: true,
    suspended: false,
    lastLoginAt: role === "end-user" ? null : updatedAt,
    createdAt: updatedAt - 86_400,
    updatedAt,
  };
}

export function seededTicket(seed: ResolvedSeed, id: number): TicketRow {
  const h = hash32(seed.random, id, 101);
  const h2 = hash32(seed.random, id, 102);
  const agents = agentCount(seed);
  const endUsers = seed.users - agents;
  const requesterId = endUsers > 0 ? agents + 1 + (h % endUsers) : 1;
  const status = pick(STATUSES, h >>> 4);
  const isProblem = id % PROBLEM_EVERY === 0;
  const problemId = id + (PROBLEM_EVERY - (id % PROBLEM_EVERY));
  const isIncident =
    !isProblem && PROBLEM_EVERY - (id % PROBLEM_EVERY) <= INCIDENTS_PER_PROBLEM && problemId <= seed.tickets;
  const requesterOrg =
    endUsers > 0 && seed.organizations > 0 ? 1 + (hash32(seed.random, requesterId, 202) % seed.organizations) : null;
  const updatedAt = seededTime(seed, id);
  const customFields: CustomFieldValue[] = [
    { id: TICKET_FIELD_PLAN, value: pick(["basic", "premium", null], h2) },
    { id: TICKET_FIELD_ORDER, value: h2 % 3 === 0 ? `ORD-${10_000 + id}` : null },
  ];
  return {
    id,
    subject: pick(SUBJECTS, h >>> 8),
    description: pick(BODIES, h >>> 12),
    status,
    priority: pick(PRIORITIES, h >>> 16),
    type: isProblem ? "problem" : isIncident ? "incident" : pick(TYPES, h >>> 20),
    requesterId,
    submitterId: requesterId,
    assigneeId: status === "new" ? null : 1 + (h2 % agents),
    organizationId: requesterOrg,
    groupId: status === "new" ? null : pick(GROUP_IDS, h2 >>> 4),
    brandId: BRAND_ID,
    externalId: h2 % 5 === 0 ? `ext-${id}` : null,
    problemId: isIncident ? problemId : null,
    tags: pick(TAG_SETS, h2 >>> 8),
    collaboratorIds: [],
    followerIds: [],
    emailCcIds: [],
    followupIds: [],
    customFields,
    dueAt: null,
    channel: pick(CHANNELS, h2 >>> 12),
    isPublic: true,
    createdAt: updatedAt - SEEDED_TICKET_AGE,
    updatedAt,
  };
}

/** Comment ids: seeded ones live in their own block so they never collide with ids the API hands out. */
const SEEDED_COMMENT_BASE = 1_000_000_000;
const SEEDED_AUDIT_BASE = 2_000_000_000;
export const API_COMMENT_BASE = 5_000_000_000;
export const API_AUDIT_BASE = 6_000_000_000;
export const API_EVENT_BASE = 6_500_000_000;
export const SEEDED_METRIC_EVENT_BASE = 3_000_000_000;
export const API_METRIC_EVENT_BASE = 7_000_000_000;

export function seededAuditId(ticketId: number, index: 0 | 1): number {
  return SEEDED_AUDIT_BASE + ticketId * 2 + index;
}

/** A seeded ticket's two comments: the requester's first message, then an agent's public reply. */
export function seededComments(seed: ResolvedSeed, ticket: TicketRow): CommentRow[] {
  const h = hash32(seed.random, ticket.id, 103);
  const first: CommentRow = {
    id: SEEDED_COMMENT_BASE + ticket.id * 2,
    ticketId: ticket.id,
    auditId: seededAuditId(ticket.id, 0),
    authorId: ticket.requesterId,
    body: ticket.description,
    public: true,
    channel: ticket.channel,
    createdAt: ticket.createdAt,
  };
  const reply: CommentRow = {
    id: SEEDED_COMMENT_BASE + ticket.id * 2 + 1,
    ticketId: ticket.id,
    auditId: seededAuditId(ticket.id, 1),
    authorId: ticket.assigneeId ?? 1,
    body: pick(REPLIES, h),
    public: true,
    channel: "web",
    createdAt: ticket.updatedAt,
  };
  return [first, reply];
}
