/**
 * Ticket fields, ticket forms, custom statuses and ticket form statuses, kept per store. The seeded custom fields
 * are the ones seeded tickets carry in `custom_fields` (TICKET_FIELD_PLAN, a dropdown, and TICKET_FIELD_ORDER, a
 * text field), plus a checkbox, a date and a multi-select field; the seeded system statuses are the ones
 * `present.ts` shows on tickets (8001…8005, one per category). The ticket-fields routes change them; ticket writes
 * read the custom statuses to move a ticket's `status` with its `custom_status_id`.
 */
import { DEFAULT_TICKET_FORM_ID, TICKET_FIELD_ORDER, TICKET_FIELD_PLAN } from "./seed.js";
import type { Store } from "./store.js";

export interface TicketFieldOptionRow {
  id: number;
  name: string;
  value: string;
  position: number;
  isDefault: boolean;
}

export interface TicketFieldRow {
  id: number;
  type: string;
  title: string;
  description: string;
  agentDescription: string | null;
  position: number;
  active: boolean;
  required: boolean;
  visibleInPortal: boolean;
  editableInPortal: boolean;
  requiredInPortal: boolean;
  regexp: string | null;
  tag: string | null;
  removable: boolean;
  options: TicketFieldOptionRow[];
  /** What a lookup field points at (`zen:user`…), set on create. */
  relationshipTargetType?: string;
  createdAt: number;
  updatedAt: number;
}

export type StatusCategory = "new" | "open" | "pending" | "hold" | "solved";

export interface CustomStatusRow {
  id: number;
  category: StatusCategory;
  agentLabel: string;
  endUserLabel: string;
  description: string;
  endUserDescription: string;
  active: boolean;
  isDefault: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface TicketFormRow {
  id: number;
  name: string;
  displayName: string;
  position: number;
  active: boolean;
  endUserVisible: boolean;
  isDefault: boolean;
  inAllBrands: boolean;
  ticketFieldIds: number[];
  createdAt: number;
  updatedAt: number;
}

export interface TicketFormStatusRow {
  id: string;
  ticketFormId: number;
  customStatusId: number;
}

/** Seeded custom field ids beside the two the seeded tickets carry. */
export const TICKET_FIELD_VIP = 5003;
export const TICKET_FIELD_RENEWAL = 5004;
export const TICKET_FIELD_PRODUCTS = 5005;

const SYSTEM_FIELDS: [number, string, string][] = [
  [4001, "subject", "Subject"],
  [4002, "description", "Description"],
  [4003, "status", "Status"],
  [4004, "custom_status", "Ticket status"],
  [4005, "tickettype", "Type"],
  [4006, "priority", "Priority"],
  [4007, "group", "Group"],
  [4008, "assignee", "Assignee"],
];

const SYSTEM_STATUSES: [number, StatusCategory, string][] = [
  [8001, "new", "New"],
  [8002, "open", "Open"],
  [8003, "pending", "Pending"],
  [8004, "hold", "On-hold"],
  [8005, "solved", "Solved"],
];

export class TicketFieldsState {
  readonly fields = new Map<number, TicketFieldRow>();
  readonly statuses = new Map<number, CustomStatusRow>();
  readonly forms = new Map<number, TicketFormRow>();
  readonly formStatuses = new Map<string, TicketFormStatusRow>();
  private nextFieldId = 6001;
  private nextOptionId = 1;
  private nextStatusId = 8101;
  private nextFormId = DEFAULT_TICKET_FORM_ID + 1;
  private nextFormStatusId = 1;

  constructor(private readonly store: Store) {
    const time = store.seed.startTime;
    SYSTEM_FIELDS.forEach(([id, type, title], index) => {
      this.fields.set(id, this.fieldRow(id, type, title, index + 1, time, { removable: false, required: false }));
    });
    const custom: [number, string, string, [string, string][]][] = [
      [
        TICKET_FIELD_PLAN,
        "tagger",
        "Plan",
        [
          ["Basic", "basic"],
          ["Premium", "premium"],
        ],
      ],
      [TICKET_FIELD_ORDER, "text", "Order number", []],
      [TICKET_FIELD_VIP, "checkbox", "VIP", []],
      [TICKET_FIELD_RENEWAL, "date", "Renewal date", []],
      [
        TICKET_FIELD_PRODUCTS,
        "multiselect",
        "Products",
        [
          ["Mobile app", "product_mobile"],
          ["Web app", "product_web"],
          ["API", "product_api"],
        ],
      ],
    ];
    custom.forEach(([id, type, title, options], index) => {
      const row = this.fieldRow(id, type, title, 100 + index, time, {});
      if (type === "checkbox") row.tag = "vip";
      row.options = options.map(([name, value], position) => this.optionRow(name, value, position));
      this.fields.set(id, row);
    });
    for (const [id, category, label] of SYSTEM_STATUSES) {
      this.statuses.set(id, this.statusRow(id, category, label, true, time));
    }
    for (const [category, label, active] of [
      ["open", "Waiting on engineering", true],
      ["pending", "Awaiting customer reply", true],
      ["solved", "Resolved by automation", false],
    ] as const) {
      const id = this.nextStatusId++;
      this.statuses.set(id, { ...this.statusRow(id, category, label, false, time), active });
    }
    this.forms.set(DEFAULT_TICKET_FORM_ID, {
      id: DEFAULT_TICKET_FORM_ID,
      name: "Default ticket form",
      displayName: "Default ticket form",
      position: 1,
      active: true,
      endUserVisible: true,
      isDefault: true,
      inAllBrands: true,
      ticketFieldIds: [...this.fields.keys()],
      createdAt: time,
      updatedAt: time,
    });
    for (const status of this.statuses.values()) {
      if (status.active) this.addFormStatus(DEFAULT_TICKET_FORM_ID, status.id);
    }
  }

  private fieldRow(
    id: number,
    type: string,
    title: string,
    position: number,
    time: number,
    overrides: Partial<TicketFieldRow>,
  ): TicketFieldRow {
    return {
      id,
      type,
      title,
      description: `${title} of the ticket`,
      agentDescription: null,
      position,
      active: true,
      required: false,
      visibleInPortal: true,
      editableInPortal: true,
      requiredInPortal: false,
      regexp: null,
      tag: null,
      removable: true,
      options: [],
      createdAt: time,
      updatedAt: time,
      ...overrides,
    };
  }

  optionRow(name: string, value: string, position: number): TicketFieldOptionRow {
    return { id: this.nextOptionId++, name, value, position, isDefault: false };
  }

  private statusRow(
    id: number,
    category: StatusCategory,
    label: string,
    isDefault: boolean,
    time: number,
  ): CustomStatusRow {
    return {
      id,
      category,
      agentLabel: label,
      endUserLabel: label,
      description: `${label} tickets`,
      endUserDescription: "",
      active: true,
      isDefault,
      createdAt: time,
      updatedAt: time,
    };
  }

  newFieldId(): number {
    return this.nextFieldId++;
  }

  newStatus(category: StatusCategory, label: string): CustomStatusRow {
    const id = this.nextStatusId++;
    const row = this.statusRow(id, category, label, false, this.store.now());
    this.statuses.set(id, row);
    return row;
  }

  newFormId(): number {
    return this.nextFormId++;
  }

  addFormStatus(ticketFormId: number, customStatusId: number): TicketFormStatusRow {
    const id = `01TFS${String(this.nextFormStatusId++).padStart(8, "0")}`;
    const row = { id, ticketFormId, customStatusId };
    this.formStatuses.set(id, row);
    return row;
  }

  /** Fields in position order, ties by id. */
  fieldList(): TicketFieldRow[] {
    return [...this.fields.values()].sort((a, b) => a.position - b.position || a.id - b.id);
  }

  formList(): TicketFormRow[] {
    return [...this.forms.values()].sort((a, b) => a.position - b.position || a.id - b.id);
  }
}

const states = new WeakMap<Store, TicketFieldsState>();

/** The store's ticket fields, forms and statuses, made on first use. */
export function ticketFieldsOf(store: Store): TicketFieldsState {
  let state = states.get(store);
  if (!state) {
    state = new TicketFieldsState(store);
    states.set(store, state);
  }
  return state;
}

/** A custom status by id, for ticket writes (undefined when there is none). */
export function customStatusOf(store: Store, id: number): CustomStatusRow | undefined {
  return ticketFieldsOf(store).statuses.get(id);
}
