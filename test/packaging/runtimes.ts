// Shared by the runtime checks (workerd.test.ts, bun.test.ts, deno.test.ts): one scenario
// (fixtures/runtimes/scenario.ts) bundled with esbuild from the built packages (dist/, through each package's
// `exports`, with the runtime's own conditions, split so that the paging code is a chunk loaded on first use),
// a simulator seeded and faulted for it, the runtimes' binaries (from the npm registry, in node_modules) and the
// expectations every runtime's report must meet.
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Fault, type RunningSimulator, startSimulator } from "../simulator/index.js";
import { FAULTED, type ScenarioReport, SUBJECT } from "./fixtures/runtimes/scenario.js";
import { cleanEnv, PACKAGES, ROOT, run } from "./lib.js";

export const FIXTURES = path.join(ROOT, "test/packaging/fixtures/runtimes");

/** Seeded tickets: three pages of 20 with the one the scenario creates. */
export const SEEDED_TICKETS = 45;

const inCi = process.env.CI === "true" || process.env.CI === "1";

/** A module of a bundle: its file name in the output folder, and its code. */
export interface BundledModule {
  name: string;
  code: string;
}

export interface Bundle {
  /** The folder the modules are written to (removed by `dispose`). */
  dir: string;
  /** The entry's file name in `dir`. */
  entry: string;
  /** Every module, the entry first. */
  modules: BundledModule[];
  /** The input files esbuild read, relative to the repository. */
  inputs: string[];
  dispose(): Promise<void>;
}

/** Fails, naming the command to run, when a package the scenario needs has no dist/. */
export function requireBuilt(): void {
  for (const { name, dir } of PACKAGES) {
    if (name === "@zenfetch/cli") continue;
    if (!existsSync(path.join(ROOT, dir, "dist/index.js"))) {
      throw new Error(`${name} is not built (${dir}/dist/index.js is missing): run \`pnpm build\` first`);
    }
  }
}

/**
 * Bundles `entry` (a file of fixtures/runtimes) from the built packages as a bundler targeting the runtime
 * would: ESM, code splitting, the given export conditions (besides `import` and `default`), nothing minified,
 * written to a new folder under the OS temp directory.
 */
export async function bundleFor(entry: string, conditions: string[]): Promise<Bundle> {
  requireBuilt();
  const dir = await mkdtemp(path.join(os.tmpdir(), "zenfetch-runtime-"));
  try {
    const result = await build({
      entryPoints: [path.join(FIXTURES, entry)],
      absWorkingDir: ROOT,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "neutral",
      mainFields: ["module", "main"],
      conditions,
      target: "es2022",
      outdir: dir,
      metafile: true,
      logLevel: "silent",
      // Resolve @zenfetch/* through node_modules and their `exports` (dist/), never through the workspace
      // tsconfig's `paths` to the sources.
      tsconfigRaw: "{}",
    });
    const inputs = Object.keys(result.metafile.inputs);
    // The client packages promise to run without Node's modules: one left external would fail to load here.
    const nodeImports = Object.values(result.metafile.outputs).flatMap((output) =>
      output.imports.filter((imported) => imported.external).map((imported) => imported.path),
    );
    if (nodeImports.length > 0)
      throw new Error(`the bundle imports modules it cannot carry: ${nodeImports.join(", ")}`);
    const sources = inputs.filter((file) => /^packages\/[^/]+\/src\//.test(file));
    if (sources.length > 0) throw new Error(`the bundle took sources instead of dist/: ${sources.join(", ")}`);
    const entryName = `${path.basename(entry, path.extname(entry))}.js`;
    const names = (await readdir(dir)).filter((name) => name.endsWith(".js"));
    names.sort((a, b) => (a === entryName ? -1 : b === entryName ? 1 : a < b ? -1 : 1));
    const modules = await Promise.all(
      names.map(async (name) => ({ name, code: await readFile(path.join(dir, name), "utf8") })),
    );
    return { dir, entry: entryName, modules, inputs, dispose: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The simulator the scenario runs against: the seeded tickets, and the faults the scenario meets once each
 * (a 429 with Retry-After 1 s, two answers 2 s late, far past what the scenario waits for).
 */
export async function startScenarioSimulator(): Promise<ScenarioSimulator> {
  const sim = await startSimulator({ seed: { tickets: SEEDED_TICKETS } });
  const ticket = (id: number) => (request: { method: string; path: string }) =>
    request.method === "GET" && new RegExp(`^/api/v2/tickets/${id}(?:\\.json)?$`).test(request.path);
  return Object.assign(sim, {
    faulted: {
      rateLimited: sim.faults.add({ match: ticket(FAULTED.rateLimited), status: 429, retryAfter: 1, times: 1 }),
      slowForTimeout: sim.faults.add({ match: ticket(FAULTED.slowForTimeout), delayMs: 2_000, times: 1 }),
      slowForAbort: sim.faults.add({ match: ticket(FAULTED.slowForAbort), delayMs: 2_000, times: 1 }),
    },
  });
}

export type ScenarioSimulator = RunningSimulator & { faulted: Record<keyof typeof FAULTED, Fault> };

/** What every runtime's report must say, checked against the simulator's state and request log. */
export function expectScenario(report: ScenarioReport, sim: ScenarioSimulator): void {
  expect(report.error).toBeUndefined();
  const { token } = sim.credentials;
  expect(JSON.stringify(report)).not.toContain(token);

  const first = sim.state.tickets.get(1) as { subject?: string } | undefined;
  expect(report.read).toEqual({ id: 1, subject: first?.subject });

  // The create reached the simulator, and its subject came back intact through the client's decoding.
  expect(report.created.subject).toBe(SUBJECT);
  const stored = sim.state.tickets.get(report.created.id ?? -1) as { subject?: string } | undefined;
  expect(stored?.subject).toBe(SUBJECT);
  expect(sim.requests.find("POST", "/api/v2/tickets")).toHaveLength(1);

  // Every ticket once, across several pages.
  expect(report.paged).toEqual({
    count: SEEDED_TICKETS + 1,
    distinct: SEEDED_TICKETS + 1,
    first: 1,
    last: report.created.id,
  });
  const lists = sim.requests.find("GET", "/api/v2/tickets");
  expect(lists.length).toBeGreaterThanOrEqual(3);

  expect(report.notFound).toMatchObject({ guard: true, name: "NotFoundError", status: 404 });
  expect(report.badAuth).toMatchObject({ guard: true, name: "AuthenticationError", status: 401 });
  expect(report.badAuth.message).not.toContain("not-the-token");

  // One retry, after the 429, and the ticket in the end.
  expect(report.retried).toEqual({ id: FAULTED.rateLimited, retries: [{ status: 429, attempt: 1 }] });
  expect(sim.faulted.rateLimited.hits).toBe(1);
  expect(sim.requests.find("GET", `/api/v2/tickets/${FAULTED.rateLimited}`)).toHaveLength(2);

  expect(report.timedOut).toMatchObject({ guard: true, name: "RequestTimeoutError" });
  expect(sim.faulted.slowForTimeout.hits).toBe(1);
  expect(report.aborted).toEqual({ name: "Error", message: "stopped by the caller", isReason: true });
  expect(sim.faulted.slowForAbort.hits).toBe(1);

  // The loopback URL was taken for loopback (every call above went through); another host on http is refused.
  expect(report.insecure).toMatchObject({ guard: true, name: "ZendeskConfigError" });
  expect(report.insecure.message).toContain("http only on loopback");

  // Two pages of five from the cursor-based export, oldest change first, and a checkpoint to resume from.
  expect(report.exported.pages).toEqual([5, 5]);
  expect(report.exported.ids).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect(JSON.parse(report.exported.checkpoint)).toMatchObject({ cursor: expect.any(String) });

  // Every request carried the API token as Basic auth (the log keeps the scheme only).
  const schemes = new Set(sim.requests.entries.map((entry) => String(entry.headers.authorization).split(" ")[0]));
  expect(schemes).toEqual(new Set(["Basic"]));
  // …and named the client in its User-Agent, which these runtimes (unlike browsers) let a request set.
  const agents = new Set(sim.requests.entries.map((entry) => entry.headers["user-agent"]));
  expect(
    [...agents].every((agent) => /(?:^| )zenfetch\/\d/.test(String(agent))),
    [...agents].join("; "),
  ).toBe(true);
}

/** The bundle came from dist/, and the paging code is a chunk of its own, loaded with `import()` on first use. */
export function expectLazyPaging(bundle: Bundle): void {
  const [entry, ...chunks] = bundle.modules;
  expect(entry?.name).toBe(bundle.entry);
  expect(bundle.inputs.some((file) => file.startsWith("packages/core/dist/"))).toBe(true);
  expect(bundle.inputs.some((file) => file.startsWith("packages/incremental/dist/"))).toBe(true);
  expect(chunks.some((chunk) => chunk.name.startsWith("page-stream-"))).toBe(true);
}

/** What smoke.ts prints: the scenario's report and where the runtime found @zenfetch/core, if it looked. */
export type SmokeReport = ScenarioReport & { resolvedCore?: string };

/**
 * Runs smoke.ts (bundled, or from the fixtures) with `command` and `args` against `sim`, the API token in the
 * environment only, and returns the report it printed. Fails when the token shows up in anything it printed.
 */
export async function runSmoke(
  command: string,
  args: string[],
  script: string,
  sim: ScenarioSimulator,
): Promise<SmokeReport> {
  const { stdout, stderr } = await run(command, [...args, script, sim.baseUrl, sim.credentials.email], {
    cwd: ROOT,
    env: cleanEnv({ ZENFETCH_SMOKE_TOKEN: sim.credentials.token }),
    timeoutMs: 25_000,
  });
  expect(stdout + stderr).not.toContain(sim.credentials.token);
  const line = stdout.trim().split("\n").at(-1) ?? "";
  try {
    return JSON.parse(line) as SmokeReport;
  } catch {
    throw new Error(`the smoke run printed no JSON report\n--- stdout\n${stdout}\n--- stderr\n${stderr}`);
  }
}

/**
 * A runtime's binary from node_modules/.bin (its npm package), when it runs; undefined outside CI when it does
 * not (the check then skips, loudly); in CI a missing or broken binary fails the check.
 */
export async function findRuntime(name: "bun" | "deno"): Promise<string | undefined> {
  const binary = path.join(ROOT, "node_modules/.bin", name);
  const why = await run(binary, ["--version"], { cwd: ROOT, env: cleanEnv(), allowFailure: true, timeoutMs: 30_000 })
    .then((result) => (result.code === 0 ? undefined : `\`${name} --version\` exited with ${result.code}`))
    .catch((error: Error) => error.message);
  if (why === undefined) return binary;
  const message =
    `${name} does not run from ${path.relative(ROOT, binary)} (${why}): it comes from the \`${name}\` package ` +
    "of the root devDependencies, whose platform package and install script put the binary in place; reinstall with scripts on " +
    "(`pnpm install --frozen-lockfile`, without --ignore-scripts)";
  if (inCi) throw new Error(`CI=true: ${message}`);
  warnRuntimeSkipped(`the ${name} check (test/packaging/${name}.test.ts)`, message);
  return undefined;
}

/** workerd's binary, as miniflare finds it (the `workerd` package, a dependency of miniflare). */
export async function findWorkerd(): Promise<boolean> {
  let why: string | undefined;
  try {
    const fromMiniflare = createRequire(createRequire(import.meta.url).resolve("miniflare"));
    const { default: binary } = (await import(fromMiniflare.resolve("workerd"))) as { default: string };
    if (!existsSync(binary)) why = `${binary} is missing`;
  } catch (error) {
    why = (error as Error).message;
  }
  if (why === undefined) return true;
  const message =
    `workerd's binary cannot be found (${why}): it comes with miniflare's \`workerd\` dependency; ` +
    "reinstall with `pnpm install --frozen-lockfile`";
  if (inCi) throw new Error(`CI=true: ${message}`);
  warnRuntimeSkipped("the workerd check (test/packaging/workerd.test.ts)", message);
  return false;
}

function warnRuntimeSkipped(what: string, why: string): void {
  const line = "!".repeat(100);
  console.warn(
    `\n${line}\n!! SKIPPED: ${what}\n!! ${why}.\n` +
      `!! In CI (CI=true) this check fails instead; it never skips there.\n${line}\n`,
  );
}

/** How one command-line runtime (Bun, Deno) runs the scenario, for `describeRuntime`. */
export interface RuntimeRuns {
  name: "bun" | "deno";
  /** The runtime's words before the script, for the bundled scenario. */
  bundled: string[];
  /** The same for the scenario run from its sources, given the bundle's folder for any file it needs there. */
  unbundled: (dir: string) => Promise<string[]>;
}

/**
 * The two checks of a command-line runtime: the scenario bundled from the built packages with the runtime's own
 * export condition, and the same scenario from its sources with the runtime resolving the packages in
 * node_modules itself, as an app without a bundler does. Each run creates a ticket and spends its faults, so
 * each gets a simulator of its own. Skipped (loudly, outside CI) when the runtime's binary is missing.
 */
export async function describeRuntime({ name, bundled, unbundled }: RuntimeRuns): Promise<void> {
  requireBuilt();
  const binary = await findRuntime(name);
  const label = name === "bun" ? "Bun" : "Deno";

  describe.skipIf(!binary)(`the built packages in ${label}`, () => {
    let bundle: Bundle;

    beforeAll(async () => {
      bundle = await bundleFor("smoke.ts", [name]);
    }, 60_000);

    afterAll(async () => {
      await bundle?.dispose();
    });

    const scenario = async (args: string[], script: string): Promise<SmokeReport> => {
      const sim = await startScenarioSimulator();
      try {
        const report = await runSmoke(binary as string, args, script, sim);
        expect(report.runtime).toMatch(new RegExp(`^${name} \\d`));
        expectScenario(report, sim);
        return report;
      } finally {
        await sim.close();
      }
    };

    it("runs the scenario bundled: auth, a create, paging, typed errors, a retry after 429, an export", async () => {
      expectLazyPaging(bundle);
      await scenario(bundled, path.join(bundle.dir, bundle.entry));
    }, 30_000);

    it(`runs it with the packages resolved by ${label} from node_modules (dist/, by their exports)`, async () => {
      const report = await scenario(await unbundled(bundle.dir), path.join(FIXTURES, "smoke.ts"));
      expect(report.resolvedCore).toBe(pathToFileURL(path.join(ROOT, "packages/core/dist/index.js")).href);
    }, 30_000);
  });
}
