/**
 * Small strict consumer apps, laid out as a user's app is after `npm install`: the built @zenfetch packages
 * (their package.json and the files it publishes, `dist/` with the `.d.ts`) and their dependencies copied flat
 * into the app's own node_modules, a tsconfig.json and one source file. Shared by the type-check benchmark
 * (`pnpm bench:types`) and the guard in test/packaging/type-cost.test.ts.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { cp, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { PACKAGES, ROOT } from "../packaging/lib.js";

/** A package of the workspace: its npm name and its folder, relative to the root (`packages/tickets`). */
export interface WorkspacePackage {
  name: string;
  dir: string;
}

export const CORE = PACKAGES.find((pkg) => pkg.name === "@zenfetch/core") as WorkspacePackage;
/** Every package under packages/ but core, the limiter adapters and the command-line tool, in folder order: the domains. */
export const DOMAINS: readonly WorkspacePackage[] = PACKAGES.filter(
  (pkg) => pkg !== CORE && !pkg.name.startsWith("@zenfetch/limiter-") && pkg.name !== "@zenfetch/cli",
);
export const TICKETS = DOMAINS.find((pkg) => pkg.name === "@zenfetch/tickets") as WorkspacePackage;

/**
 * The compiler options of every app: strict, and NodeNext, as tsc recommends for code that Node runs (these
 * packages are for servers, where the credentials are). NodeNext reads the same `types` entries of each
 * package's `exports` as `bundler` does, so the files loaded, and the cost, are the same under either.
 */
export const COMPILER_OPTIONS = {
  strict: true,
  target: "ES2022",
  lib: ["ES2022"],
  types: ["node"],
  module: "NodeNext",
  moduleResolution: "NodeNext",
  noEmit: true,
  skipLibCheck: false,
} as const;

/** Where a package's dependency is installed, as Node would find it from the package's (real) folder. */
function dependencyDir(from: string, name: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return realpathSync(candidate);
    if (dir === path.dirname(dir)) throw new Error(`${name} is not installed where ${from} can see it`);
  }
}

interface Manifest {
  name: string;
  version: string;
  files?: string[];
  dependencies?: Record<string, string>;
}

const readManifest = (dir: string) => JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;

/**
 * Copies into `app/node_modules` the given workspace packages (package.json and what its `files` publishes,
 * so a package that is not built fails here) and, flat, every package they depend on, taken from where the
 * workspace installed it. Returns the names and versions installed.
 */
export async function install(app: string, packages: readonly WorkspacePackage[]): Promise<Record<string, string>> {
  const installed: Record<string, string> = {};
  const queue: { name: string; from: string }[] = [];
  for (const pkg of packages) {
    const dir = path.join(ROOT, pkg.dir);
    if (!existsSync(path.join(dir, "dist", "index.d.ts"))) {
      throw new Error(`${pkg.name} is not built (${pkg.dir}/dist/index.d.ts is missing): run \`pnpm build\` first`);
    }
    const manifest = readManifest(dir);
    const target = path.join(app, "node_modules", pkg.name);
    await mkdir(target, { recursive: true });
    await cp(path.join(dir, "package.json"), path.join(target, "package.json"));
    for (const entry of manifest.files ?? []) {
      if (existsSync(path.join(dir, entry)))
        await cp(path.join(dir, entry), path.join(target, entry), { recursive: true });
    }
    installed[pkg.name] = manifest.version;
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir });
  }
  // Third-party packages, and @types/node for the app itself, as npm would lay them out.
  queue.push({ name: "@types/node", from: ROOT });
  for (let next = queue.shift(); next; next = queue.shift()) {
    if (next.name in installed) continue;
    if (next.name.startsWith("@zenfetch/")) {
      throw new Error(`${next.name} is needed but was not among the packages to install`);
    }
    const dir = dependencyDir(next.from, next.name);
    const manifest = readManifest(dir);
    await cp(dir, path.join(app, "node_modules", next.name), { recursive: true, dereference: true });
    installed[next.name] = manifest.version;
    for (const dep of Object.keys(manifest.dependencies ?? {})) queue.push({ name: dep, from: dir });
  }
  return installed;
}

/** Writes an app: package.json, tsconfig.json (see COMPILER_OPTIONS), src/app.ts, and its node_modules. */
export async function makeApp(app: string, packages: readonly WorkspacePackage[], source: string): Promise<void> {
  await mkdir(path.join(app, "src"), { recursive: true });
  const installed = await install(app, packages);
  const dependencies = Object.fromEntries(packages.map((pkg) => [pkg.name, installed[pkg.name]]));
  await writeFile(
    path.join(app, "package.json"),
    `${JSON.stringify({ name: path.basename(app), private: true, type: "module", dependencies }, null, 2)}\n`,
  );
  await writeFile(
    path.join(app, "tsconfig.json"),
    `${JSON.stringify({ compilerOptions: COMPILER_OPTIONS, files: ["src/app.ts"] }, null, 2)}\n`,
  );
  await writeFile(path.join(app, "src", "app.ts"), source);
}

/** Fails when a folder above `dir` has a node_modules, which module resolution could fall back to. */
export function assertNothingAbove(dir: string): void {
  for (let above = path.dirname(dir); above !== path.dirname(above); above = path.dirname(above)) {
    if (existsSync(path.join(above, "node_modules"))) {
      throw new Error(`${above}/node_modules exists, and the apps under ${dir} could resolve packages from it`);
    }
  }
}

const clientOptions = `{
  subdomain: process.env.ZENDESK_SUBDOMAIN ?? "acme",
  auth: { email: "ops@acme.test", apiToken: process.env.ZENDESK_TOKEN ?? "" },
}`;

/** The typed calls both apps make: a GET with a path parameter, a POST body, paginate, a bulk helper. */
const calls = (bulk: string) => `
const { ticket } = unwrap(await zendesk.GET("/api/v2/tickets/{ticket_id}", { params: { path: { ticket_id: 42 } } }));
console.log(ticket.id, ticket.subject, ticket.status);

const created = unwrap(
  await zendesk.POST("/api/v2/tickets", {
    body: { ticket: { subject: "The printer is on fire", comment: { body: "Smoke since noon." }, priority: "urgent" } },
  }),
);
console.log(created.ticket.id);

for await (const listed of zendesk.paginate("/api/v2/tickets", { params: { query: { "page[size]": 100 } } })) {
  console.log(listed.id, listed.updated_at);
}

const drafts: TicketCreateInput[] = [{ subject: "First", comment: { body: "One" } }, { comment: { body: "Two" } }];
for (const result of await ${bulk}(drafts)) console.log(result.index, result.success ? result.id : result.error);
`;

/** An app that imports nothing: what tsc costs for a strict Node app of this shape on its own. */
export const BASELINE_SOURCE = `// Imports nothing: the fixed cost of type-checking a strict Node app.
const subdomain: string = process.env.ZENDESK_SUBDOMAIN ?? "acme";
console.log(\`https://\${subdomain}.zendesk.com\`);

export {};
`;

/** App (a): one domain, @zenfetch/tickets, through its own factory. */
export const ONE_DOMAIN_SOURCE = `import { createTicketsClient, type TicketCreateInput, unwrap } from "@zenfetch/tickets";

const zendesk = createTicketsClient(${clientOptions});
${calls("zendesk.createMany")}`;

/** The JavaScript name of a domain package's descriptor: `@zenfetch/custom-objects` → `customObjects`. */
export const domainExport = (pkg: WorkspacePackage) =>
  pkg.name.replace(/^@zenfetch\//, "").replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/**
 * App (b): every domain package on one `createZendeskClient({ domains })`, the same calls (the bulk helper
 * under `zendesk.tickets`), and each domain's helpers read by name. Each package exports its descriptor under
 * its camel-cased package name, which is also the name its helpers are kept under; a package that does not
 * makes this app fail to compile, naming the missing export.
 */
export function allDomainsSource(domains: readonly WorkspacePackage[] = DOMAINS): string {
  const names = domains.map(domainExport);
  const imports = domains.map((pkg, i) =>
    pkg === TICKETS
      ? `import { type TicketCreateInput, tickets } from "${pkg.name}";`
      : `import { ${names[i]} } from "${pkg.name}";`,
  );
  return `import { createZendeskClient, unwrap } from "@zenfetch/core";
${imports.join("\n")}

const zendesk = createZendeskClient({ ...${clientOptions}, domains: [${names.join(", ")}] });
${calls("zendesk.tickets.createMany")}
${names.map((name) => `console.log("${name}", Object.keys(zendesk.${name}));`).join("\n")}
`;
}
