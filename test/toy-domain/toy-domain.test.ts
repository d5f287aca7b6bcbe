/**
 * A new domain by CONTRIBUTING.md's steps, in a temporary folder: its spec (a list that pages, a bulk endpoint),
 * an entry in redocly.yaml, a package of a few hand-written lines, `pnpm generate`; then the package works against
 * the simulator serving its bundle: `paginate` and the bulk helper, alone and on a multi-domain client, with no
 * runtime code written for it.
 */
import { spawnSync } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createZendeskClient } from "@zenfetch/core";
import { tickets } from "@zenfetch/tickets";
import { afterAll, beforeAll, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { cliArgs } from "../../codegen/test/helpers.js";
import { type RunningSimulator, startSimulator } from "../simulator/index.js";
import { TOY_SPEC } from "./toy-spec.js";

const root = path.resolve(import.meta.dirname, "../..");

/** A fenced block of CONTRIBUTING.md's step `step`, for the users domain it shows, made the toy domain's. */
async function fromContributing(step: number, language: string): Promise<string> {
  const text = await readFile(path.join(root, "CONTRIBUTING.md"), "utf8");
  const from = text.indexOf(`\n${step}. **`);
  const to = text.indexOf(`\n${step + 1}. **`, from);
  const block = new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(text.slice(from, to))?.[1];
  if (!block) throw new Error(`CONTRIBUTING.md step ${step} has no ${language} block`);
  const code = block.replace(/^ {3}/gm, "");
  return code.replaceAll("users", "toy").replaceAll("Users", "Toy");
}
let dir: string;
let sim: RunningSimulator;
// biome-ignore lint/suspicious/noExplicitAny: the toy package exists only at run time, so it is not typed here.
let toyPackage: any;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "zenfetch-toy-"));
  // Step 1: the spec, beside the project's shared components.
  await cp(path.join(root, "specs/shared"), path.join(dir, "specs/shared"), { recursive: true });
  await mkdir(path.join(dir, "specs/toy"), { recursive: true });
  await writeFile(path.join(dir, "specs/toy/openapi.yaml"), TOY_SPEC);
  // Step 2: the API entry, under the project's own lint rules.
  const config = parse(await readFile(path.join(root, "redocly.yaml"), "utf8"));
  config.apis = parse(await fromContributing(2, "yaml"));
  expect(config.apis.toy["x-zenfetch-domain"]).toBe("toy");
  await writeFile(path.join(dir, "redocly.yaml"), stringify(config));
  // Step 3: the package.
  await mkdir(path.join(dir, "packages/toy/src"), { recursive: true });
  await writeFile(
    path.join(dir, "packages/toy/package.json"),
    JSON.stringify({ name: "@zenfetch/toy", version: "0.1.0", type: "module" }, null, 2),
  );
  await writeFile(path.join(dir, "packages/toy/src/index.ts"), await fromContributing(3, "ts"));
  // Step 4: pnpm generate (the same CLI, pointed at this folder's config).
  const generate = spawnSync(process.execPath, cliArgs("--config", path.join(dir, "redocly.yaml")), {
    cwd: dir,
    encoding: "utf8",
  });
  if (generate.status !== 0) throw new Error(`generate failed:\n${generate.stdout}\n${generate.stderr}`);
  toyPackage = await import(pathToFileURL(path.join(dir, "packages/toy/src/index.ts")).href);
  // Step 5: the simulator serves the new bundle from its generic store.
  sim = await startSimulator({ bundles: [path.join(dir, "specs/dist/toy.yaml")], jobs: { pollsToComplete: 1 } });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const options = () => ({
  baseUrl: sim.baseUrl,
  auth: { email: sim.credentials.email, apiToken: sim.credentials.token },
});
const wait = { intervalMs: 5, maxIntervalMs: 20, timeoutMs: 10_000 };

test("codegen wrote the package's generated code, the domain descriptor included", async () => {
  const generated = path.join(dir, "packages/toy/src/generated");
  expect(await readFile(path.join(generated, "domain.ts"), "utf8")).toContain('name: "toy"');
  const operations = await readFile(path.join(generated, "operations.ts"), "utf8");
  expect(operations).toContain('"GET /api/v2/widgets": { pagination: { style: "cursor", items: "widgets" } }');
  expect(operations).toContain('helper: "createMany"');
});

test("the package's factory pages with paginate and runs the bulk helper, typed by nothing but the spec", async () => {
  const toy = toyPackage.createToyClient(options());
  const results = await toy.createMany(
    Array.from({ length: 150 }, (_, i) => ({ name: `widget ${i}` })),
    { wait, batchSize: 60 },
  );
  expect(results).toHaveLength(150);
  expect(results.every((result: { success: boolean }) => result.success)).toBe(true);
  expect(results.map((result: { index: number }) => result.index)).toEqual([...Array(150).keys()]);
  // Three jobs of at most 60.
  const jobs = sim.requests.entries.filter((entry) => entry.path === "/api/v2/widgets/create_many");
  expect(jobs).toHaveLength(3);

  const names: string[] = [];
  for await (const widget of toy.paginate("/api/v2/widgets", { pageSize: 40 })) names.push(widget.name);
  expect(names.length).toBeGreaterThan(40); // more than one page, followed by cursor
  expect(new Set(names).size).toBe(names.length);
  expect(sim.requests.entries.filter((entry) => entry.path === "/api/v2/widgets").length).toBeGreaterThan(1);
});

test("the toy domain shares a client with tickets", async () => {
  // The toy package is untyped here (see toyPackage), so the client is read loosely.
  // biome-ignore lint/suspicious/noExplicitAny: see toyPackage.
  const zendesk: any = createZendeskClient({ ...options(), domains: [tickets, toyPackage.toy as typeof tickets] });
  const helpers = zendesk.toy;
  const results = await helpers.createMany([{ name: "shared" }], { wait });
  expect(results[0].success).toBe(true);
  const first = await zendesk.paginate("/api/v2/tickets", { maxItems: 1 })[Symbol.asyncIterator]().next();
  expect(first.done).toBe(false);
});
