/**
 * The simulator's state: seeded tables (tickets, users, organizations) that are computed on demand, plus everything
 * created or changed through the API. Routes read and write it; tests may inspect it through `sim.state`. The custom
 * object and routing seeders fill it after construction (see simulator.ts), as they build on the store's counters.
 */
import type { SimClock } from "./clock.js";
import type {
  AuditRow,
  CommentRow,
  CustomObjectFieldRow,
  CustomObjectRecordRow,
  CustomObjectRow,
  ObjectTriggerRow,
  OrganizationRow,
  TicketMetricEventRow,
  TicketRow,
  UserRow,
  ViewRow,
} from "./models.js";
import { ulidLike } from "./random.js";
import { RoutingState } from "./routing.js";
import {
  API_AUDIT_BASE,
  API_COMMENT_BASE,
  API_EVENT_BASE,
  API_METRIC_EVENT_BASE,
  INCIDENTS_PER_PROBLEM,
  PROBLEM_EVERY,
  type ResolvedSeed,
  seededAuditId,
  seededComments,
  seededOrganization,
  seededTicket,
  seededTime,
  seededUser,
} from "./seed.js";
import { compareTimeKey, lowerBoundBy, RecordTable } from "./table.js";
import { UploadState } from "./uploads.js";

export interface CustomObjectState {
  object: CustomObjectRow;
  /** Standard fields first, then custom fields, each list in position order. */
  fields: CustomObjectFieldRow[];
  records: Map<string, CustomObjectRecordRow>;
  triggers: Map<number, ObjectTriggerRow>;
}

export class Store {
  readonly tickets: RecordTable<TicketRow>;
  readonly users: RecordTable<UserRow>;
  readonly organizations: RecordTable<OrganizationRow>;
  readonly views: ViewRow[] = [
    { id: 101, title: "Unsolved tickets", statuses: ["new", "open", "pending", "hold"] },
    { id: 102, title: "New tickets", statuses: ["new"] },
    { id: 103, title: "All tickets", statuses: ["new", "open", "pending", "hold", "solved", "closed"] },
  ];
  readonly customObjects = new Map<string, CustomObjectState>();
  /** Skill-based routing: attributes, attribute values and instance values, for the routing exports. */
  readonly routing: RoutingState;
  /** Files uploaded and not yet attached, and every attachment's bytes. */
  readonly uploads = new UploadState();
  /** Audits written through the API, in (created_at, id) order: the ticket-event export reads them. */
  readonly apiAudits: AuditRow[] = [];
  /** Metric events of tickets created through the API, in time order. */
  readonly apiMetricEvents: TicketMetricEventRow[] = [];

  /** Comments and audits of tickets touched through the API (seeded tickets' history is computed otherwise). */
  private readonly comments = new Map<number, CommentRow[]>();
  private readonly audits = new Map<number, AuditRow[]>();
  /** Problem id -> ids of stored tickets that point at it. */
  private readonly incidentIndex = new Map<number, Set<number>>();
  private commentCounter = 0;
  private auditCounter = 0;
  private eventCounter = 0;
  private metricEventCounter = 0;
  private fieldCounter = 0;
  private recordCounter = 0;
  private triggerCounter = 0;

  constructor(
    readonly seed: ResolvedSeed,
    readonly clock: SimClock,
    readonly agentEmail: string,
  ) {
    const time = (id: number) => seededTime(seed, id);
    this.tickets = new RecordTable({
      seeded: seed.tickets,
      generate: (id) => seededTicket(seed, id),
      seededTime: time,
    });
    this.users = new RecordTable({
      seeded: seed.users,
      generate: (id) => seededUser(seed, id, agentEmail),
      seededTime: time,
    });
    this.organizations = new RecordTable({
      seeded: seed.organizations,
      generate: (id) => seededOrganization(seed, id),
      seededTime: time,
    });
    this.routing = new RoutingState(seed.random, () => this.now());
  }

  now(): number {
    return this.clock.nowSeconds();
  }

  /** The authenticated user (every accepted credential acts as user 1, an admin). */
  get currentUserId(): number {
    return 1;
  }

  // Tickets -----------------------------------------------------------------------------------------------------

  /** Stores a new version of a ticket and keeps the problem -> incidents index current. */
  putTicket(row: TicketRow): void {
    const previous = this.tickets.getAny(row.id);
    if (previous?.problemId) this.incidentIndex.get(previous.problemId)?.delete(row.id);
    if (row.problemId) {
      const set = this.incidentIndex.get(row.problemId) ?? new Set<number>();
      set.add(row.id);
      this.incidentIndex.set(row.problemId, set);
    }
    this.tickets.put(row);
  }

  /** Live incidents linked to a problem, in id order. */
  incidentsOf(problemId: number): TicketRow[] {
    const ids = new Set(this.incidentIndex.get(problemId));
    if (problemId % PROBLEM_EVERY === 0 && problemId <= this.seed.tickets) {
      for (let id = problemId - INCIDENTS_PER_PROBLEM; id < problemId; id++) if (id >= 1) ids.add(id);
    }
    return [...ids]
      .sort((a, b) => a - b)
      .map((id) => this.tickets.get(id))
      .filter((row): row is TicketRow => row?.problemId === problemId);
  }

  hasIncidents(problemId: number): boolean {
    return this.incidentsOf(problemId).length > 0;
  }

  commentsOf(ticketId: number): readonly CommentRow[] {
    return this.comments.get(ticketId) ?? this.seededHistory(ticketId).comments;
  }

  auditsOf(ticketId: number): readonly AuditRow[] {
    return this.audits.get(ticketId) ?? this.seededHistory(ticketId).audits;
  }

  nextCommentId(): number {
    return API_COMMENT_BASE + ++this.commentCounter;
  }

  nextEventId(): number {
    return API_EVENT_BASE + ++this.eventCounter;
  }

  /** Records an audit (and the comment in it, if any) for a ticket changed through the API. */
  addAudit(audit: Omit<AuditRow, "id">, comment?: Omit<CommentRow, "id" | "auditId">): AuditRow {
    const row: AuditRow = { ...audit, id: API_AUDIT_BASE + ++this.auditCounter };
    const history = this.materialize(audit.ticketId);
    if (comment) {
      const commentRow: CommentRow = { ...comment, id: this.nextCommentId(), auditId: row.id };
      history.comments.push(commentRow);
      row.events.unshift({ id: this.nextEventId(), type: "Comment", commentId: commentRow.id });
    }
    history.audits.push(row);
    const index = lowerBoundBy(
      this.apiAudits,
      { time: row.createdAt, id: row.id },
      (item, key) => compareTimeKey({ time: item.createdAt, id: item.id }, key) < 0,
    );
    this.apiAudits.splice(index, 0, row);
    return row;
  }

  addMetricEvent(event: Omit<TicketMetricEventRow, "id">): void {
    this.apiMetricEvents.push({ ...event, id: API_METRIC_EVENT_BASE + ++this.metricEventCounter });
  }

  /** Finds a comment by id on a ticket (for make_private, redact). */
  findComment(ticketId: number, commentId: number): CommentRow | undefined {
    return this.commentsOf(ticketId).find((comment) => comment.id === commentId);
  }

  /** Replaces a comment of a ticket (the ticket's history is copied into the store first). */
  replaceComment(ticketId: number, comment: CommentRow): void {
    const history = this.materialize(ticketId);
    const index = history.comments.findIndex((item) => item.id === comment.id);
    if (index >= 0) history.comments[index] = comment;
  }

  private materialize(ticketId: number): { comments: CommentRow[]; audits: AuditRow[] } {
    let comments = this.comments.get(ticketId);
    let audits = this.audits.get(ticketId);
    if (!comments || !audits) {
      const seeded = this.seededHistory(ticketId);
      comments = [...seeded.comments];
      audits = [...seeded.audits];
      this.comments.set(ticketId, comments);
      this.audits.set(ticketId, audits);
    }
    return { comments, audits };
  }

  /** A seeded ticket's original history: a creation audit with the first comment, then an agent's reply. */
  seededHistory(ticketId: number): { comments: CommentRow[]; audits: AuditRow[] } {
    if (ticketId > this.seed.tickets) return { comments: [], audits: [] };
    const ticket = seededTicket(this.seed, ticketId);
    const comments = seededComments(this.seed, ticket);
    const [first, reply] = comments as [CommentRow, CommentRow];
    const base = seededAuditId(ticketId, 0) * 4;
    const audits: AuditRow[] = [
      {
        id: seededAuditId(ticketId, 0),
        ticketId,
        authorId: first.authorId,
        channel: ticket.channel,
        createdAt: ticket.createdAt,
        events: [
          { id: base, type: "Comment", commentId: first.id },
          { id: base + 1, type: "Create", fieldName: "subject", value: ticket.subject },
          { id: base + 2, type: "Create", fieldName: "status", value: "new" },
          { id: base + 3, type: "Create", fieldName: "requester_id", value: String(ticket.requesterId) },
        ],
      },
      {
        id: seededAuditId(ticketId, 1),
        ticketId,
        authorId: reply.authorId,
        channel: "web",
        createdAt: ticket.updatedAt,
        events: [
          { id: base + 4, type: "Comment", commentId: reply.id },
          { id: base + 5, type: "Change", fieldName: "status", value: ticket.status, previousValue: "new" },
        ],
      },
    ];
    return { comments, audits };
  }

  // Custom objects ----------------------------------------------------------------------------------------------

  nextFieldId(): number {
    return 4_100_000 + ++this.fieldCounter;
  }

  /** A ULID-like record id; seeded records pass their own time so that seeding does not depend on the clock. */
  nextRecordId(timeSeconds = this.now()): string {
    return ulidLike(timeSeconds * 1000, ++this.recordCounter, this.seed.random);
  }

  nextTriggerId(): number {
    return 6_100 + ++this.triggerCounter;
  }
}
