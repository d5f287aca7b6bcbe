// The module `zenfetch typegen` writes: types for the packages' generics, name ↔ id constants, and the model
// itself in a closing comment, which `--check` reads back. Same model, same time: same text.
import {
  type AccountModel,
  byText,
  type CustomObjectModel,
  type FieldModel,
  type KeyedFieldModel,
  normaliseModel,
} from "./model.js";

export interface RenderOptions {
  /** The account, as the header names it: `acme.zendesk.com`, or the base URL's origin. Never a credential. */
  source: string;
  /** When the module was generated; the header says so. */
  generatedAt: Date;
}

/** The first line of the closing comment that holds the model. */
export const MODEL_MARKER = "zenfetch-typegen-model v1";

/** The value types Zendesk's JSON carries for a field of a type typegen does not know. */
const LOOSE = "string | number | boolean | string[]";
const LOOSE_OBJECT_FIELD = "string | number | boolean | (string | number)[]";

interface ValueType {
  type: string;
  /** What the doc comment adds after the field type. */
  notes: string[];
}

/** What a field of `field.type` holds in Zendesk's JSON, as a TypeScript type. */
export function valueType(field: FieldModel, objectField = false): ValueType {
  const union = (field.options ?? []).map((value) => stringLiteral(value)).join(" | ") || "never";
  switch (field.type) {
    case "text":
    case "textarea":
    case "regexp":
    case "partialcreditcard":
      return { type: "string", notes: [] };
    case "integer":
    case "decimal":
      return { type: "number", notes: [] };
    case "checkbox":
      return { type: "boolean", notes: [] };
    case "date":
      return { type: "string", notes: ["YYYY-MM-DD"] };
    case "tagger":
    case "dropdown":
      return { type: union, notes: field.options?.length ? [] : ["no options"] };
    case "multiselect":
      return {
        type: union.includes(" | ") ? `(${union})[]` : `${union}[]`,
        notes: field.options?.length ? [] : ["no options"],
      };
    case "lookup":
      return { type: "string", notes: [field.target ? `the id of a ${field.target} record` : "a record id"] };
    default:
      return {
        type: objectField ? LOOSE_OBJECT_FIELD : LOOSE,
        notes: ["a type zenfetch typegen does not know: typed loosely"],
      };
  }
}

/** Text safe inside a comment: one line, no comment end. */
const commentText = (text: string) => text.replace(/\s+/g, " ").trim().replaceAll("*/", "*\\/");

/** A string literal quoted as the common formatters quote it: double quotes, unless that needs more escapes. */
export function stringLiteral(text: string): string {
  const json = JSON.stringify(text);
  const doubles = text.split('"').length - 1;
  const singles = text.split("'").length - 1;
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** A property name as written in the module; `__proto__` computed, as a plain one would set the prototype. */
const propertyName = (name: string) =>
  name === "__proto__" ? `[${stringLiteral(name)}]` : IDENTIFIER.test(name) ? name : stringLiteral(name);

function docLine(field: FieldModel, notes: string[], indent: string): string {
  const extra = [field.type, ...notes, ...(field.active ? [] : ["inactive"])];
  return `${indent}/** ${commentText(field.title)} (${extra.map(commentText).join(", ")}) */`;
}

function fieldsType(
  lines: string[],
  entries: { name: string; field: FieldModel; optional: boolean }[],
  objectField: boolean,
  indent: string,
) {
  for (const { name, field, optional } of entries) {
    const { type, notes } = valueType(field, objectField);
    lines.push(docLine(field, notes, indent));
    lines.push(`${indent}${name}${optional ? "?" : ""}: ${optional ? `${type} | null` : type};`);
  }
}

function typeAlias(lines: string[], doc: string[], name: string, body: string[]) {
  lines.push("/**", ...doc.map((line) => ` * ${line}`), " */");
  if (body.length === 0) lines.push(`export type ${name} = Record<never, never>;`, "");
  else lines.push(`export type ${name} = {`, ...body, "};", "");
}

/** Titles several fields share: a title → id/key map cannot hold them. */
function sharedTitles(fields: readonly FieldModel[]): Set<string> {
  const seen = new Set<string>();
  const shared = new Set<string>();
  for (const field of fields) {
    if (seen.has(field.title)) shared.add(field.title);
    seen.add(field.title);
  }
  return shared;
}

function constant(lines: string[], doc: string, name: string, body: string[]) {
  lines.push(`/** ${doc} */`);
  if (body.length === 0) lines.push(`export const ${name} = {} as const;`, "");
  else lines.push(`export const ${name} = {`, ...body, "} as const;", "");
}

/** `title: key` entries sorted by title, shared titles left out with a comment naming their fields. */
function byTitle<F extends FieldModel>(fields: readonly F[], id: (field: F) => string): string[] {
  const shared = sharedTitles(fields);
  const body: string[] = [];
  const sorted = [...fields].sort((a, b) => byText(a.title, b.title) || byText(id(a), id(b)));
  for (const title of [...shared].sort(byText)) {
    const owners = sorted.filter((field) => field.title === title).map(id);
    body.push(`  // ${commentText(JSON.stringify(title))} is the title of ${owners.join(" and ")}: left out.`);
  }
  for (const field of sorted) {
    if (!shared.has(field.title)) body.push(`  ${propertyName(field.title)}: ${id(field)},`);
  }
  return body;
}

/** The model as JSON lines, one per field or object, for the closing comment. */
export function modelLines(model: AccountModel): string[] {
  const line = (value: object) => JSON.stringify(value).replaceAll("*/", "*\\/");
  return [
    ...model.ticket.map((field) => line({ kind: "ticket", ...field })),
    ...model.user.map((field) => line({ kind: "user", ...field })),
    ...model.organization.map((field) => line({ kind: "organization", ...field })),
    ...model.objects.flatMap((object) => [
      line({ kind: "object", key: object.key, title: object.title }),
      ...object.fields.map((field) => line({ kind: "object-field", object: object.key, ...field })),
    ]),
  ];
}

/** The module for `model`, as `zenfetch typegen` writes it. */
export function renderAccountModule(account: AccountModel, options: RenderOptions): string {
  const model = normaliseModel(account);
  const time = options.generatedAt.toISOString().replace(/\.\d{3}Z$/, "Z");
  const lines: string[] = [
    `// Generated by \`zenfetch typegen\` from ${commentText(options.source)} at ${time}. Do not edit by hand:`,
    "// run `zenfetch typegen` again after the account's fields change. `zenfetch typegen --check` compares the",
    "// account with the model at the end of this file and exits 1, naming each difference, when they differ.",
    "",
  ];
  typeAlias(
    lines,
    [
      "The account's custom fields, for the packages' generics: `createTicketsClient<AccountFields>(…)`,",
      "`createUsersClient<AccountFields>(…)`, `createOrganizationsClient<AccountFields>(…)`, and",
      '`createCustomObjectsClient<AccountFields["objects"]>(…)` or `customObjectsOf<AccountFields["objects"]>()`.',
    ],
    "AccountFields",
    [
      "  ticket: TicketFields;",
      "  user: UserFields;",
      "  organization: OrganizationFields;",
      "  objects: CustomObjectFields;",
    ],
  );

  const ticketBody: string[] = [];
  fieldsType(
    ticketBody,
    model.ticket.map((field) => ({ name: String(field.id), field, optional: false })),
    false,
    "  ",
  );
  typeAlias(
    lines,
    ["Custom ticket fields by id: the values of a ticket's `custom_fields`."],
    "TicketFields",
    ticketBody,
  );

  const shared = sharedTitles(model.ticket);
  const titleBody: string[] = [];
  const byTitleFields = [...model.ticket]
    .filter((field) => !shared.has(field.title))
    .sort((a, b) => byText(a.title, b.title));
  fieldsType(
    titleBody,
    byTitleFields.map((field) => ({ name: propertyName(field.title), field, optional: false })),
    false,
    "  ",
  );
  typeAlias(
    lines,
    [
      "Custom ticket fields by title, for `fieldsByName<TicketFieldsByTitle>()` of @zenfetch/ticket-fields. A title",
      "several fields share is left out.",
    ],
    "TicketFieldsByTitle",
    titleBody,
  );

  for (const [name, kind, fields] of [
    ["UserFields", "user", model.user],
    ["OrganizationFields", "organization", model.organization],
  ] as const) {
    const body: string[] = [];
    fieldsType(
      body,
      fields.map((field) => ({ name: propertyName(field.key), field, optional: false })),
      false,
      "  ",
    );
    typeAlias(
      lines,
      [
        `Custom ${kind} fields by key: the values of ${kind === "user" ? "a user's `user_fields`" : "an organization's `organization_fields`"}.`,
      ],
      name,
      body,
    );
  }

  const objectBody: string[] = [];
  for (const object of model.objects) objectType(objectBody, object);
  typeAlias(
    lines,
    [
      "Custom object records' `custom_object_fields`, by object key and field key. Every field is optional and",
      "`null` when empty, as Zendesk requires none of them.",
    ],
    "CustomObjectFields",
    objectBody,
  );

  constant(
    lines,
    "Custom ticket field ids by title.",
    "ticketFieldIds",
    byTitle(model.ticket, (field) => String(field.id)),
  );
  constant(
    lines,
    "Custom ticket field titles by id.",
    "ticketFieldNames",
    model.ticket.map((field) => `  ${field.id}: ${stringLiteral(field.title)},`),
  );
  keyedConstants(lines, "user", model.user);
  keyedConstants(lines, "organization", model.organization);

  lines.push(`/* ${MODEL_MARKER}: what \`zenfetch typegen --check\` compares with the account. Do not edit.`);
  lines.push(...modelLines(model), "*/", "");
  return lines.join("\n");
}

function objectType(lines: string[], object: CustomObjectModel) {
  lines.push(`  /** ${commentText(object.title)} */`);
  if (object.fields.length === 0) {
    lines.push(`  ${propertyName(object.key)}: Record<never, never>;`);
    return;
  }
  lines.push(`  ${propertyName(object.key)}: {`);
  fieldsType(
    lines,
    object.fields.map((field) => ({ name: propertyName(field.key), field, optional: true })),
    true,
    "    ",
  );
  lines.push("  };");
}

function keyedConstants(lines: string[], kind: "user" | "organization", fields: readonly KeyedFieldModel[]) {
  constant(
    lines,
    `Custom ${kind} field keys by title.`,
    `${kind}FieldKeys`,
    byTitle(fields, (field) => stringLiteral(field.key)),
  );
  constant(
    lines,
    `Custom ${kind} field titles by key.`,
    `${kind}FieldTitles`,
    fields.map((field) => `  ${propertyName(field.key)}: ${stringLiteral(field.title)},`),
  );
}
