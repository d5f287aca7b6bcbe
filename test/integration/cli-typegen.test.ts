/**
 * `zenfetch typegen` against the simulator: fields and an object made through our clients, the module written
 * from them, `--check` passing on an unchanged account and naming each change after an admin edits the fields.
 */
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { run } from "@zenfetch/cli";
import { createZendeskClient, unwrap } from "@zenfetch/core";
import { type CustomObjectFieldType, customObjects } from "@zenfetch/custom-objects";
import { organizations } from "@zenfetch/organizations";
import { ticketFields } from "@zenfetch/ticket-fields";
import { users } from "@zenfetch/users";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { clientOptions, closeSimulators, startSim } from "./helpers.js";

let sim: RunningSimulator;
let dir: string;
let file: string;
let admin: ReturnType<typeof adminClient>;
const ids: Record<string, number> = {};

/** A custom object field as the create call takes it. */
interface NewObjectField {
  key: string;
  type: CustomObjectFieldType;
  title: string;
  custom_field_options?: { name: string; value: string }[];
}

const adminClient = (s: RunningSimulator) =>
  createZendeskClient({ ...clientOptions(s), domains: [ticketFields, users, organizations, customObjects] });

/** Runs `zenfetch …` in-process with the simulator's credentials in the environment; what it printed, and its status. */
async function zenfetch(
  args: string[],
  env: Record<string, string | undefined> = credentials(),
  signal = new AbortController().signal,
) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => {
    out += chunk;
  });
  stderr.on("data", (chunk) => {
    err += chunk;
  });
  const status = await run(args, { env, stdout, stderr, signal });
  return { status, stdout: out, stderr: err };
}

const credentials = () => ({ ZENDESK_EMAIL: sim.credentials.email, ZENDESK_API_TOKEN: sim.credentials.token });
const typegen = (...extra: string[]) => zenfetch(["typegen", "--out", file, "--base-url", sim.baseUrl, ...extra]);

/** Fails when a credential appears in `texts`. */
function expectNoCredentials(...texts: string[]) {
  for (const text of texts) {
    expect(text).not.toContain(sim.credentials.token);
    expect(text).not.toContain(sim.credentials.email);
    expect(text).not.toContain(sim.authorization());
  }
}

beforeAll(async () => {
  // No seeded object and no invented user or organization fields: the account holds the seeded ticket fields
  // and what the test makes.
  sim = await startSim({ seed: { customObjectRecords: 0 }, generic: { records: 0 } });
  admin = adminClient(sim);
  dir = await mkdtemp(join(tmpdir(), "zenfetch-typegen-"));
  file = join(dir, "src", "zendesk-fields.ts");

  const ticketField = async (body: Record<string, unknown>) =>
    unwrap(await admin.POST("/api/v2/ticket_fields", { body: { ticket_field: body as never } })).ticket_field.id;
  ids.seats = await ticketField({ type: "integer", title: "Seats" });
  ids.channel = await ticketField({
    type: "tagger",
    title: "Channel",
    custom_field_options: [
      { name: "Phone", value: "channel_phone" },
      { name: "Chat", value: "channel_chat" },
      { name: "Email", value: "channel_email" },
    ],
  });
  ids.manager = await ticketField({ type: "lookup", title: "Account manager", relationship_target_type: "zen:user" });
  ids.legacy = await ticketField({ type: "decimal", title: "Legacy score", active: false });

  await admin.POST("/api/v2/user_fields", {
    body: {
      user_field: {
        key: "plan",
        type: "dropdown",
        title: "Plan",
        custom_field_options: [
          { name: "Gold", value: "gold" },
          { name: "Silver", value: "silver" },
        ],
      },
    },
  });
  await admin.POST("/api/v2/organization_fields", {
    body: { organization_field: { key: "region_code", type: "text", title: "Region code" } },
  });
  await admin.POST("/api/v2/custom_objects", {
    body: { custom_object: { key: "shipment", title: "Shipment", title_pluralized: "Shipments" } },
  });
  const objectFields: NewObjectField[] = [
    { key: "weight", type: "decimal", title: "Weight" },
    { key: "delivered", type: "checkbox", title: "Delivered" },
    {
      key: "carrier",
      type: "dropdown",
      title: "Carrier",
      custom_field_options: [
        { name: "DHL", value: "dhl" },
        { name: "UPS", value: "ups" },
      ],
    },
  ];
  for (const field of objectFields) {
    await admin.POST("/api/v2/custom_objects/{custom_object_key}/fields", {
      params: { path: { custom_object_key: "shipment" } },
      body: { custom_object_field: field },
    });
  }
});

afterAll(async () => {
  await closeSimulators();
  await rm(dir, { recursive: true, force: true });
});

describe("zenfetch typegen", () => {
  it("writes a module typing the account's custom fields and objects", async () => {
    const result = await typegen();
    expect(result).toMatchObject({ status: 0, stdout: "" });
    expect(result.stderr).toBe(
      `zenfetch typegen: wrote ${file} (9 ticket fields, 1 user field, 1 organization field, 1 custom object).\n`,
    );
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^\/\/ Generated by `zenfetch typegen` from http:\/\/127\.0\.0\.1:\d+ at \S+Z\. /);
    // The seeded fields (system fields such as Subject and Status are not custom fields: left out).
    expect(text).toContain('  5001: "basic" | "premium";');
    expect(text).toContain('  5005: ("product_api" | "product_mobile" | "product_web")[];');
    expect(text).not.toMatch(/^ {2}400\d:/m);
    // The fields made above.
    expect(text).toContain(`  /** Seats (integer) */\n  ${ids.seats}: number;`);
    expect(text).toContain(`  ${ids.channel}: "channel_chat" | "channel_email" | "channel_phone";`);
    expect(text).toContain(`  /** Account manager (lookup, the id of a zen:user record) */\n  ${ids.manager}: string;`);
    expect(text).toContain(`  /** Legacy score (decimal, inactive) */\n  ${ids.legacy}: number;`);
    expect(text).toContain('  plan: "gold" | "silver";');
    expect(text).toContain("  region_code: string;");
    expect(text).toContain(
      [
        "  shipment: {",
        "    /** Carrier (dropdown) */",
        '    carrier?: "dhl" | "ups" | null;',
        "    /** Delivered (checkbox) */",
        "    delivered?: boolean | null;",
        "    /** Weight (decimal) */",
        "    weight?: number | null;",
        "  };",
      ].join("\n"),
    );
    expect(text).toContain(`  Channel: ${ids.channel},`);
    expect(text).toContain(`  ${ids.channel}: "Channel",`);
    expect(text).toContain('  "Region code": "region_code",');
    expectNoCredentials(text, result.stderr);
  });

  it("--check exits 0 while the account matches, and a second run leaves the file as it is", async () => {
    const check = await typegen("--check");
    expect(check.status).toBe(0);
    expect(check.stderr).toBe(
      `zenfetch typegen: ${file} matches the account (9 ticket fields, 1 user field, 1 organization field, 1 custom object).\n`,
    );
    const before = await stat(file);
    const again = await typegen();
    expect(again.status).toBe(0);
    expect(again.stderr).toContain("is up to date");
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
  });

  it("--check exits 1 naming each change an admin made, and writes nothing", async () => {
    const before = await readFile(file, "utf8");
    const added = unwrap(
      await admin.POST("/api/v2/ticket_fields", { body: { ticket_field: { type: "checkbox", title: "Urgent" } } }),
    ).ticket_field.id;
    await admin.PUT("/api/v2/ticket_fields/{ticket_field_id}", {
      params: { path: { ticket_field_id: 5002 } },
      body: { ticket_field: { title: "Order reference" } },
    });
    await admin.PUT("/api/v2/ticket_fields/{ticket_field_id}", {
      params: { path: { ticket_field_id: ids.channel as number } },
      body: {
        ticket_field: {
          custom_field_options: [
            { name: "Phone", value: "channel_phone" },
            { name: "Email", value: "channel_email" },
          ],
        },
      },
    });
    await admin.POST("/api/v2/custom_objects/{custom_object_key}/fields", {
      params: { path: { custom_object_key: "shipment" } },
      body: { custom_object_field: { key: "shipped_on", type: "date", title: "Shipped on" } },
    });

    const check = await typegen("--check");
    expect(check.status).toBe(1);
    expect(check.stdout).toBe("");
    expect(check.stderr).toBe(
      [
        `zenfetch typegen: ${file} no longer matches the account (4 differences):`,
        '  ticket field 5002 "Order number": renamed from "Order number" to "Order reference"',
        `  ticket field ${ids.channel} "Channel": option "channel_chat" removed`,
        `  ticket field ${added} "Urgent": added (checkbox)`,
        '  custom object "shipment" field "shipped_on" ("Shipped on"): added (date)',
        `Run \`zenfetch typegen --out ${file}\` to write it again.`,
        "",
      ].join("\n"),
    );
    expect(await readFile(file, "utf8")).toBe(before);
    expectNoCredentials(check.stderr);

    expect((await typegen()).status).toBe(0);
    const text = await readFile(file, "utf8");
    expect(text).toContain(`  ${ids.channel}: "channel_email" | "channel_phone";`);
    expect(text).toContain('  "Order reference": 5002,');
    expect(text).toContain("    shipped_on?: string | null;");
    expect((await typegen("--check")).status).toBe(0);
  });

  it("--check passes on a module a formatter has rewritten", async () => {
    const { writeFile } = await import("node:fs/promises");
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replaceAll("  ", "    ").replace(/\n\n/g, "\n\n\n"));
    expect((await typegen("--check")).status).toBe(0);
  });

  it("pages through a list longer than one page", async () => {
    for (let n = 1; n <= 120; n++) {
      const key = `tier_${String(n).padStart(3, "0")}`;
      await admin.POST("/api/v2/organization_fields", {
        body: { organization_field: { key, type: "integer", title: `Tier ${n}` } },
      });
    }
    const check = await typegen("--check");
    expect(check.status).toBe(1);
    expect(check.stderr).toContain("(120 differences)");
    expect(check.stderr).toContain('  organization field "tier_120" ("Tier 120"): added (integer)');
    const write = await typegen();
    expect(write.stderr).toContain("121 organization fields");
    const text = await readFile(file, "utf8");
    expect(text.match(/^ {2}tier_\d{3}: number;$/gm)).toHaveLength(120);
    // The second page was asked for: by cursor (page[after]) or by offset (page=2).
    const pages = sim.requests.entries.filter(
      (entry) => entry.method === "GET" && entry.path === "/api/v2/organization_fields",
    );
    expect(pages.some((entry) => entry.query["page[after]"] !== undefined || entry.query.page === "2")).toBe(true);
  });

  it("exits 1 when the API refuses, saying so without a credential", async () => {
    const fault = sim.faults.add({ match: "GET /api/v2/user_fields", forbidden: true, times: 1 });
    const result = await typegen("--check");
    fault.remove();
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^zenfetch typegen: could not read the account's fields: .*403/);
    expectNoCredentials(result.stderr);
  });

  it("exits 130 and writes nothing when stopped", async () => {
    await admin.POST("/api/v2/user_fields", {
      body: { user_field: { key: "nickname", type: "text", title: "Nickname" } },
    });
    const before = await readFile(file, "utf8");
    const stop = new AbortController();
    stop.abort();
    const result = await zenfetch(["typegen", "--out", file, "--base-url", sim.baseUrl], credentials(), stop.signal);
    expect(result.status).toBe(130);
    expect(await readFile(file, "utf8")).toBe(before);
  });

  it("exits 2 without credentials, and for --check on a file that is not there", async () => {
    const missing = await zenfetch(["typegen", "--out", file, "--base-url", sim.baseUrl], {});
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("No Zendesk credentials given.");

    const absent = join(dir, "absent.ts");
    const check = await zenfetch(["typegen", "--check", "--out", absent, "--base-url", sim.baseUrl]);
    expect(check.status).toBe(2);
    expect(check.stderr).toBe(
      `zenfetch: ${absent} does not exist: run \`zenfetch typegen --out ${absent}\` to write it, then commit it.\n`,
    );
    expectNoCredentials(missing.stderr, check.stderr);
  });
});
