// The packages as a user gets them: `pnpm pack` each one (what `pnpm publish` uploads), install the four
// tarballs with plain npm into a fresh app under os.tmpdir() (openapi-fetch comes from the registry),
// type-check a TypeScript program with the catalog's tsc under node16 and under bundler resolution, run it
// compiled, type-check and run a CommonJS .cts (module nodenext), run a CommonJS .cjs that require()s the
// ESM-only packages (Node's require(esm)), each listing the simulator's tickets.
// Fails if any module comes from the workspace instead of the app's node_modules.
import { existsSync, lstatSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../simulator/index.js";
import { catalogVersion, cleanEnv, PACKAGES, packAll, ROOT, run } from "./lib.js";

const FIXTURES = path.join(ROOT, "test/packaging/fixtures/consumer");
const SEEDED_ORGANIZATIONS = 7;
const RESOLVED = [...PACKAGES.map((pkg) => pkg.name), "openapi-fetch"];

interface Output {
  status: number;
  ids: number[];
  resolved: Record<string, string>;
  exports: Record<string, number>;
  isZendeskError: boolean;
}

const timings: Record<string, number> = {};

describe("the packed packages in a fresh npm app", () => {
  let temp: string;
  let app: string;
  let sim: RunningSimulator;
  let env: NodeJS.ProcessEnv;

  const tsc = (project: string) =>
    run(process.execPath, [path.join(app, "node_modules/typescript/bin/tsc"), "-p", project], {
      cwd: app,
      env,
      allowFailure: true,
    });

  /** Every path must be in the app's node_modules, never in the workspace. */
  const expectFromApp = (paths: Record<string, string>) => {
    for (const name of RESOLVED) {
      const where = paths[name];
      expect(where, name).toBeDefined();
      expect(where, name).not.toContain(ROOT);
      expect(where?.startsWith(path.join(app, "node_modules") + path.sep), `${name} resolved to ${where}`).toBe(true);
    }
  };

  beforeAll(async () => {
    const started = Date.now();
    temp = await mkdtemp(path.join(os.tmpdir(), "zenfetch-consumer-"));
    app = path.join(temp, "app");
    await mkdir(path.join(app, "src"), { recursive: true });
    const [packed, simulator] = await Promise.all([
      packAll(path.join(temp, "tarballs")),
      startSimulator({ seed: { tickets: 50, organizations: SEEDED_ORGANIZATIONS } }),
    ]);
    sim = simulator;
    timings.pack = Date.now() - started;
    env = cleanEnv({
      ZENDESK_BASE_URL: sim.baseUrl,
      ZENDESK_EMAIL: sim.credentials.email,
      ZENDESK_API_TOKEN: sim.credentials.token,
      ZENDESK_OAUTH_TOKEN: sim.credentials.oauthToken,
      RESOLVE_LOG: path.join(temp, "resolved.log"),
    });

    await writeFile(
      path.join(app, "package.json"),
      `${JSON.stringify({ name: "zenfetch-consumer", private: true, type: "module" }, null, 2)}\n`,
    );
    const compilerOptions = { strict: true, target: "ES2022", types: ["node"], skipLibCheck: false };
    await writeFile(
      path.join(app, "tsconfig.node16.json"),
      JSON.stringify({
        compilerOptions: {
          ...compilerOptions,
          module: "node16",
          moduleResolution: "node16",
          // A Node program: no DOM library; fetch, Request and Response come from @types/node.
          lib: ["ES2022"],
          rootDir: "src",
          outDir: "dist",
          noEmitOnError: true,
        },
        include: ["src/esm.mts"],
      }),
    );
    await writeFile(
      path.join(app, "tsconfig.bundler.json"),
      JSON.stringify({
        compilerOptions: {
          ...compilerOptions,
          module: "esnext",
          moduleResolution: "bundler",
          lib: ["ES2022", "DOM", "DOM.Iterable"],
          noEmit: true,
        },
        include: ["src/esm.mts"],
      }),
    );
    await writeFile(
      path.join(app, "tsconfig.cts.json"),
      JSON.stringify({
        compilerOptions: {
          ...compilerOptions,
          module: "nodenext",
          moduleResolution: "nodenext",
          lib: ["ES2022"],
          rootDir: "src",
          outDir: "dist",
          noEmitOnError: true,
        },
        include: ["src/cts.cts"],
      }),
    );
    for (const file of ["esm.mts", "cjs.cjs", "cts.cts"])
      await copyFile(path.join(FIXTURES, file), path.join(app, "src", file));
    await copyFile(path.join(FIXTURES, "resolve-log.mjs"), path.join(app, "resolve-log.mjs"));

    const installStarted = Date.now();
    await run(
      "npm",
      [
        "install",
        "--no-audit",
        "--no-fund",
        "--prefer-offline",
        "--loglevel=error",
        ...packed.map((p) => p.tarball),
        `typescript@${catalogVersion("typescript")}`,
        `@types/node@${catalogVersion("@types/node")}`,
      ],
      { cwd: app, env, timeoutMs: 150_000 },
    );
    timings.npmInstall = Date.now() - installStarted;
  }, 180_000);

  afterAll(async () => {
    await sim?.close();
    if (temp) await rm(temp, { recursive: true, force: true });
    console.log(`consumer check timings (ms): ${JSON.stringify(timings)}`);
  });

  it("installed each @zenfetch package from its tarball, with real ranges and no link to the workspace", async () => {
    expect(app.startsWith(ROOT)).toBe(false);
    // Nothing above the app that Node's resolution could fall back to.
    for (let dir = path.dirname(app); dir !== path.dirname(dir); dir = path.dirname(dir)) {
      expect(existsSync(path.join(dir, "node_modules")), `${dir}/node_modules exists`).toBe(false);
    }
    for (const { name } of PACKAGES) {
      const installed = path.join(app, "node_modules", name);
      expect(lstatSync(installed).isSymbolicLink(), `${name} is a symlink`).toBe(false);
      const manifest = JSON.parse(await readFile(path.join(installed, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
      };
      for (const [dep, range] of Object.entries(manifest.dependencies ?? {})) {
        expect(range, `${name} depends on ${dep}@${range}`).not.toMatch(/^(workspace|catalog|link|file):/);
      }
      expect(existsSync(path.join(installed, "src")), `${name} ships src/`).toBe(false);
    }
    const lock = await readFile(path.join(app, "package-lock.json"), "utf8");
    expect(lock).not.toContain(ROOT);
    const lockfile = JSON.parse(lock) as {
      packages: Record<string, { resolved?: string; integrity?: string; link?: boolean }>;
    };
    // openapi-fetch from the registry (npm may leave out `resolved` for the default registry).
    for (const name of ["openapi-fetch"]) {
      const entry = lockfile.packages[`node_modules/${name}`];
      expect(entry?.integrity, name).toMatch(/^sha512-/);
      expect(entry?.link, name).toBeUndefined();
      expect(entry?.resolved ?? "https://", name).toMatch(/^https:\/\//);
    }
    for (const { name } of PACKAGES) {
      expect(lockfile.packages[`node_modules/${name}`]?.resolved, name).toMatch(/^file:\.\.\/tarballs\/.+\.tgz$/);
    }
  });

  it("type-checks under module/moduleResolution node16 (strict, no DOM lib) and compiles", async () => {
    const started = Date.now();
    const result = await tsc("tsconfig.node16.json");
    timings.tscNode16 = Date.now() - started;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(existsSync(path.join(app, "dist/esm.mjs"))).toBe(true);
  });

  it("type-checks under moduleResolution bundler + module esnext (strict)", async () => {
    const started = Date.now();
    const result = await tsc("tsconfig.bundler.json");
    timings.tscBundler = Date.now() - started;
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it("runs the compiled ESM program: lists tickets, every module from the app's node_modules", async () => {
    expect(existsSync(path.join(app, "dist/esm.mjs")), "the node16 compile must have passed").toBe(true);
    const started = Date.now();
    const result = await run(process.execPath, ["--import", "./resolve-log.mjs", "dist/esm.mjs"], { cwd: app, env });
    timings.runEsm = Date.now() - started;
    const output = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as Output & {
      subjects: string[];
      paged: number;
      people: Record<string, number>;
    };
    expect(output.status).toBe(200);
    expect(output.ids).toEqual([1, 2, 3, 4, 5]);
    expect(output.subjects.every((subject) => subject.length > 0)).toBe(true);
    expect(output.paged).toBe(50);
    // me is the simulator's user 1; the search counts the 50 seeded tickets; three groups, the seeded organizations;
    // the ticket fields answer.
    expect(output.people).toEqual({
      me: 1,
      searched: 50,
      groups: 3,
      organizations: SEEDED_ORGANIZATIONS,
      ticketFields: 200,
    });
    expect(output.isZendeskError).toBe(false);
    expect(output.exports.incremental).toBeGreaterThan(0);
    expect(output.exports.customObjects).toBeGreaterThan(0);
    expect(output.exports.limiterRedis).toBe(1);
    expect(output.exports.cli).toBe(1);
    expectFromApp(output.resolved);

    // Every module the ESM loader resolved: node: builtins, and files in the app only.
    const urls = (await readFile(path.join(temp, "resolved.log"), "utf8")).split("\n").filter(Boolean);
    const files = urls.filter((url) => url.startsWith("file:")).map((url) => fileURLToPath(url));
    for (const name of RESOLVED) {
      expect(
        files.some((file) => file.includes(`${path.sep}node_modules${path.sep}${name}${path.sep}`)),
        name,
      ).toBe(true);
    }
    expect(urls.filter((url) => !url.startsWith("file:") && !url.startsWith("node:"))).toEqual([]);
    expect(files.filter((file) => !file.startsWith(app + path.sep))).toEqual([]);
    expect(files.filter((file) => file.includes(ROOT))).toEqual([]);
  });

  it("installs the zenfetch command: npx zenfetch runs from the app's node_modules/.bin", async () => {
    const manifest = JSON.parse(await readFile(path.join(ROOT, "packages/cli/package.json"), "utf8")) as {
      version: string;
    };
    const version = await run("npx", ["--no-install", "zenfetch", "--version"], { cwd: app, env });
    expect(version.stdout.trim()).toBe(manifest.version);
    const bad = await run("npx", ["--no-install", "zenfetch", "export"], { cwd: app, env, allowFailure: true });
    expect(bad.code).toBe(2);
  });

  it("type-checks a CommonJS .cts under module nodenext (strict), compiles it and runs it", async () => {
    const started = Date.now();
    const result = await tsc("tsconfig.cts.json");
    timings.tscCts = Date.now() - started;
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const ran = await run(process.execPath, ["dist/cts.cjs"], { cwd: app, env });
    expect(JSON.parse(ran.stdout.trim())).toEqual({ status: 200, ids: [1, 2, 3] });
  });

  it("runs a CommonJS program: require('@zenfetch/tickets') works through require(esm) and lists tickets", async () => {
    const started = Date.now();
    const result = await run(process.execPath, ["src/cjs.cjs"], { cwd: app, env });
    timings.runCjs = Date.now() - started;
    const output = JSON.parse(result.stdout.trim().split("\n").at(-1) ?? "") as Output & {
      sameCoreErrors: boolean;
      loaded: string[];
      searchQuery: string;
    };
    expect(output.status).toBe(200);
    expect(output.ids).toEqual([1, 2, 3, 4, 5]);
    expect(output.sameCoreErrors).toBe(true);
    expect(output.exports.core).toBeGreaterThan(0);
    expect(output.exports.incremental).toBeGreaterThan(0);
    expect(output.exports.customObjects).toBeGreaterThan(0);
    for (const name of ["users", "organizations", "groups", "search", "ticketFields", "limiterRedis", "cli"])
      expect(output.exports[name], name).toBeGreaterThan(0);
    expect(output.searchQuery).toBe('type:user name:"Ada O\'Brien"');
    expectFromApp(output.resolved);
    expect(output.loaded.filter((file) => !file.startsWith(app + path.sep))).toEqual([]);
    // Node may warn that require(esm) is experimental (22.12 does, on a line of its own after the warning's
    // name); anything else on stderr is a failure.
    const unexpected = result.stderr
      .split("\n")
      .filter(
        (line) =>
          line.trim() &&
          !/ExperimentalWarning|--trace-warnings|Support for loading ES Module in require\(\)/.test(line),
      );
    expect(unexpected).toEqual([]);
  });
});
