import nock from "nock";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { CustomStatusNameError, TicketFieldNameError, TicketFieldValueError } from "../src/errors.js";
import {
  createTicketFieldsClient,
  createZendeskClient,
  fieldsByName,
  formStatuses,
  isCustomStatusNameError,
  isTicketFieldNameError,
  isTicketFieldValueError,
  statusByName,
  ticketFields,
} from "../src/index.js";

const BASE = "https://acme.zendesk.com";
const catching = (run: () => unknown): unknown => {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
};
const auth = { email: "ops@acme.test", apiToken: "tok" };
const retry = { limit: 0 } as const;
const client = () => createTicketFieldsClient({ subdomain: "acme", auth, retry });

beforeEach(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

const time = "2026-01-01T00:00:00Z";
function field(id: number, type: string, title: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    url: `${BASE}/api/v2/ticket_fields/${id}.json`,
    type,
    title,
    raw_title: title,
    description: "",
    raw_description: "",
    agent_description: null,
    position: id,
    active: true,
    required: false,
    collapsed_for_agents: false,
    regexp_for_validation: null,
    title_in_portal: title,
    raw_title_in_portal: title,
    visible_in_portal: true,
    editable_in_portal: true,
    required_in_portal: false,
    tag: null,
    created_at: time,
    updated_at: time,
    removable: type !== "subject",
    ...extra,
  };
}
const option = (id: number, name: string, value: string) => ({ id, name, raw_name: name, value });
const FIELDS = [
  field(1, "subject", "Subject"),
  field(11, "tagger", "Plan", {
    custom_field_options: [option(1, "Gold", "plan_gold"), option(2, "Silver", "plan_silver")],
  }),
  field(12, "text", "Order number"),
  field(13, "checkbox", "VIP", { tag: "vip" }),
  field(14, "date", "Renewal"),
  field(15, "multiselect", "Products", {
    custom_field_options: [option(3, "App", "p_app"), option(4, "API", "p_api")],
  }),
  field(16, "integer", "Seats"),
];

/** Serves the fields list `times` times (one page each) and counts the requests. */
function serveFields(fields: unknown[] = FIELDS, times = 1) {
  const seen = { requests: 0 };
  nock(BASE)
    .get("/api/v2/ticket_fields")
    .query(true)
    .times(times)
    .delay(5)
    .reply(() => {
      seen.requests++;
      return [
        200,
        {
          ticket_fields: fields,
          meta: { has_more: false, after_cursor: null, before_cursor: null },
          links: { next: null, prev: null },
        },
      ];
    });
  return seen;
}

describe("fieldsByName", () => {
  test("concurrent first calls share one fetch of the ticket fields, and later calls reuse it", async () => {
    const seen = serveFields();
    const zendesk = client();
    const [a, b] = await Promise.all([zendesk.fieldsByName(), zendesk.fieldsByName()]);
    expect(a).toBe(b);
    expect(await zendesk.fieldsByName()).toBe(a);
    expect(seen.requests).toBe(1);
    expect(a.fields.map((f) => f.id)).toEqual(FIELDS.map((f) => f.id));
  });

  test("a failed first fetch is not kept: the next call fetches again", async () => {
    nock(BASE).get("/api/v2/ticket_fields").query(true).reply(500, { error: "boom" });
    const zendesk = client();
    await expect(zendesk.fieldsByName()).rejects.toThrow();
    serveFields();
    expect((await zendesk.fieldsByName()).fields).toHaveLength(FIELDS.length);
  });

  test("refresh() fetches again and the names follow a renamed field", async () => {
    serveFields();
    const zendesk = client();
    const names = await zendesk.fieldsByName();
    expect(names.write({ "Order number": "A-1" })).toEqual([{ id: 12, value: "A-1" }]);
    const seen = serveFields(FIELDS.map((f) => (f.id === 12 ? { ...f, title: "Order ref" } : f)));
    await Promise.all([names.refresh(), names.refresh()]);
    expect(seen.requests).toBe(1);
    expect(names.write({ "Order ref": "A-1" })).toEqual([{ id: 12, value: "A-1" }]);
    expect(() => names.write({ "Order number": "A-1" })).toThrow(TicketFieldNameError);
  });

  test("an unknown name is a TicketFieldNameError listing the account's titles", async () => {
    serveFields();
    const names = await client().fieldsByName();
    let error: unknown;
    try {
      names.write({ Plann: "plan_gold" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TicketFieldNameError);
    expect(error).toBeInstanceOf(TypeError);
    expect(isTicketFieldNameError(error)).toBe(true);
    expect(isTicketFieldValueError(error)).toBe(false);
    const known = ["Order number", "Plan", "Products", "Renewal", "Seats", "VIP"];
    expect((error as TicketFieldNameError).known).toEqual(known);
    expect((error as Error).message).toContain('"Plann"');
    for (const title of known) expect((error as Error).message).toContain(JSON.stringify(title));
    // System fields are not custom fields: not by name either.
    expect(() => names.get({ custom_fields: [] }, "Subject")).toThrow(/No custom ticket field is titled "Subject"/);
  });

  test("names: the titles given are checked at once", async () => {
    serveFields();
    const zendesk = client();
    await expect(zendesk.fieldsByName({ names: ["Plan", "Plann"] })).rejects.toThrow(
      /No custom ticket field is titled "Plann"/,
    );
    // The fields fetched are kept: a call with good names needs no new request (nock would refuse one).
    const names = await zendesk.fieldsByName({ names: ["Plan", "VIP"] });
    expect(names.write({ VIP: true })).toEqual([{ id: 13, value: true }]);
  });

  test("a title two fields share names their ids, on write and get; read leaves it out", async () => {
    serveFields([...FIELDS, field(21, "text", "Order number")]);
    const names = await client().fieldsByName();
    expect(() => names.write({ "Order number": "x" })).toThrow(
      /2 custom ticket fields are titled "Order number" \(ids 12, 21\)/,
    );
    try {
      names.get({ custom_fields: [] }, "Order number");
    } catch (error) {
      expect((error as TicketFieldNameError).ids).toEqual([12, 21]);
    }
    expect(names.read({ custom_fields: [] })).not.toHaveProperty("Order number");
    expect(names.read({ custom_fields: [] })).toHaveProperty("Plan", null);
  });

  test("each field type's value is read in its own shape", async () => {
    serveFields();
    const names = await client().fieldsByName();
    const ticket = {
      custom_fields: [
        { id: 11, value: "plan_silver" },
        { id: 12, value: "A-7" },
        { id: 13, value: true },
        { id: 14, value: "2026-03-01" },
        { id: 15, value: ["p_app", "p_api"] },
        { id: 16, value: "12" },
      ],
    };
    expect(names.read(ticket)).toEqual({
      Plan: "plan_silver",
      "Order number": "A-7",
      VIP: true,
      Renewal: "2026-03-01",
      Products: ["p_app", "p_api"],
      Seats: 12,
    });
    expect(
      names.read({
        custom_fields: [
          { id: 13, value: null },
          { id: 15, value: null },
        ],
      }),
    ).toEqual({
      Plan: null,
      "Order number": null,
      VIP: false,
      Renewal: null,
      Products: [],
      Seats: null,
    });
    expect(names.read({})).toHaveProperty("Plan", null);
    expect(names.get(ticket, "Seats")).toBe(12);
  });

  test("each field type's value is checked and written as custom_fields", async () => {
    serveFields();
    const names = await client().fieldsByName();
    expect(
      names.write({
        Plan: "plan_gold",
        "Order number": "A-9",
        VIP: false,
        Renewal: "2026-02-28",
        Products: ["p_api"],
        Seats: 3,
        Skipped: undefined,
      }),
    ).toEqual([
      { id: 11, value: "plan_gold" },
      { id: 12, value: "A-9" },
      { id: 13, value: false },
      { id: 14, value: "2026-02-28" },
      { id: 15, value: ["p_api"] },
      { id: 16, value: 3 },
    ]);
    expect(names.write({ Plan: null })).toEqual([{ id: 11, value: null }]);
    const bad: [string, unknown, RegExp][] = [
      ["Plan", "Gold", /an option's value, not its name \(use "plan_gold"\)/],
      ["Plan", "bronze", /one of its option values: "plan_gold", "plan_silver"/],
      ["Products", ["p_web"], /an array of its option values/],
      ["VIP", "yes", /true or false/],
      ["Renewal", "01/03/2026", /YYYY-MM-DD/],
      ["Renewal", "2026-02-30", /a date that exists/],
      ["Seats", 2.5, /a whole number/],
      ["Order number", 7, /a string/],
    ];
    for (const [name, value, message] of bad) {
      expect(() => names.write({ [name]: value as string }), name).toThrow(TicketFieldValueError);
      expect(() => names.write({ [name]: value as string }), name).toThrow(message);
      expect(isTicketFieldValueError(catching(() => names.write({ [name]: value as string })))).toBe(true);
    }
  });

  test("works on a multi-domain client, through the method and the function", async () => {
    const seen = serveFields();
    const zendesk = createZendeskClient({ subdomain: "acme", auth, retry, domains: [ticketFields] });
    const [a, b] = await Promise.all([zendesk.ticketFields.fieldsByName(), fieldsByName(zendesk)]);
    expect(a).toBe(b);
    expect(seen.requests).toBe(1);
  });
});

const status = (id: number, category: string, label: string, active = true) => ({
  id,
  url: `${BASE}/api/v2/custom_statuses/${id}.json`,
  status_category: category,
  agent_label: label,
  raw_agent_label: label,
  end_user_label: label,
  raw_end_user_label: label,
  description: "",
  raw_description: "",
  end_user_description: "",
  raw_end_user_description: "",
  active,
  default: false,
  created_at: time,
  updated_at: time,
});
const STATUSES = [
  status(1, "open", "Open"),
  status(2, "open", "Waiting on engineering"),
  status(3, "solved", "Solved"),
  status(4, "solved", "Old solved", false),
];

function serveStatuses(statuses: unknown[] = STATUSES) {
  const seen = { requests: 0 };
  nock(BASE)
    .get("/api/v2/custom_statuses")
    .delay(5)
    .reply(() => {
      seen.requests++;
      return [200, { custom_statuses: statuses }];
    });
  return seen;
}

describe("custom statuses", () => {
  test("statusByName gives the update fragment, by label (any case) or id, from one fetch", async () => {
    const seen = serveStatuses();
    const zendesk = client();
    const [a, b, c] = await Promise.all([
      zendesk.statusByName("waiting on engineering"),
      statusByName(zendesk, 3),
      zendesk.statusByName(" Open "),
    ]);
    expect([a, b, c]).toEqual([{ custom_status_id: 2 }, { custom_status_id: 3 }, { custom_status_id: 1 }]);
    expect(seen.requests).toBe(1);
  });

  test("an unknown label lists the active ones; an inactive status is refused by name", async () => {
    serveStatuses();
    const zendesk = client();
    await expect(zendesk.statusByName("Waiting")).rejects.toThrow(
      'No custom status labelled "Waiting"; the active ones are: "Open", "Solved", "Waiting on engineering"',
    );
    await expect(zendesk.statusByName("Old solved")).rejects.toThrow(/"Old solved" \(id 4\) is inactive/);
    await expect(zendesk.statusByName("Old solved")).rejects.toBeInstanceOf(CustomStatusNameError);
    expect(isCustomStatusNameError(await zendesk.statusByName("Old solved").catch((error: unknown) => error))).toBe(
      true,
    );
    const lookup = await zendesk.customStatuses();
    expect(lookup.find("old solved").id).toBe(4);
  });

  test("a label two statuses share names both", async () => {
    serveStatuses([...STATUSES, status(5, "pending", "open")]);
    await expect(client().statusByName("Open")).rejects.toThrow(
      /2 custom statuses are labelled "Open": 1 \(open\), 5 \(pending\)/,
    );
  });

  test("formStatuses joins a form's statuses with the cached list, fetching it again for a new status", async () => {
    serveStatuses();
    const zendesk = client();
    await zendesk.customStatuses();
    nock(BASE)
      .get("/api/v2/ticket_forms/7/ticket_form_statuses")
      .reply(200, {
        ticket_form_statuses: [
          { id: "a", ticket_form_id: 7, custom_status_id: 2 },
          { id: "b", ticket_form_id: 7, custom_status_id: 9 },
        ],
      });
    const seen = serveStatuses([...STATUSES, status(9, "hold", "Parts ordered")]);
    const allowed = await formStatuses(zendesk, 7);
    expect(allowed.map((s) => s.agent_label)).toEqual(["Waiting on engineering", "Parts ordered"]);
    expect(seen.requests).toBe(1);
  });
});
