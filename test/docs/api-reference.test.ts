/**
 * `pnpm run docs` builds the API reference of every package with TypeDoc, and a warning fails it: a type that a public
 * signature uses but the package does not export, a broken `{@link}`, an unknown tag. The packages are found from
 * the folders (and each one's entry points from its `exports`), so a new package is held to it from its first
 * commit. (`run` is needed: a bare `pnpm docs` is pnpm's own command, which opens a package's home page.)
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, test } from "vitest";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const typedocBin = join(repoRoot, "node_modules/typedoc/bin/typedoc");
const scratch = mkdtempSync(join(tmpdir(), "zenfetch-api-reference-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Run {
  code: number;
  output: string;
}

/** Runs TypeDoc as `pnpm run docs` does, with `args` added; resolves with its exit code and everything it printed. */
function typedoc(args: string[], cwd = repoRoot): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [typedocBin, ...args],
      { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } },
      (error, stdout, stderr) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: strips terminal colours from TypeDoc's log.
        const output = `${stdout}${stderr}`.replace(/\u001b\[[0-9;]*m/g, "");
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, output });
      },
    );
  });
}

/** The lines of TypeDoc's log that are warnings or errors. */
const problems = (output: string) => output.split("\n").filter((line) => /\[(warning|error)\]/.test(line));

interface PackageEntry {
  /** `@zenfetch/core`, `@zenfetch/core/paging`: what an app imports. */
  importPath: string;
  dir: string;
}

/** Every import path of every package under packages/, from the `exports` of each one's package.json. */
function entryPoints(): PackageEntry[] {
  const dirs = readdirSync(join(repoRoot, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  return dirs.flatMap((dir) => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, "packages", dir, "package.json"), "utf8")) as {
      name: string;
      exports: Record<string, unknown>;
    };
    return Object.keys(manifest.exports)
      .filter((subpath) => subpath !== "./package.json")
      .map((subpath) => ({ importPath: `${manifest.name}${subpath.slice(1)}`, dir }));
  });
}

/** The title of each module page of a built reference: one per package, and one per entry of a package with several. */
function moduleTitles(out: string): Set<string> {
  const modules = join(out, "modules");
  return new Set(
    readdirSync(modules)
      .map((file) => /<title>(.*?) \| /.exec(readFileSync(join(modules, file), "utf8"))?.[1])
      .filter((title): title is string => title !== undefined),
  );
}

/**
 * Builds a one-package workspace whose `src/index.ts` is `lines` with the repository's TypeDoc options, so that a
 * warning is shown to stop the build rather than scroll by.
 */
async function sampleBuild(name: string, lines: string[]): Promise<Run> {
  const root = join(scratch, name);
  const pkg = join(root, "packages", "sample");
  mkdirSync(join(pkg, "src"), { recursive: true });
  writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "sample", version: "1.0.0", type: "module" }));
  writeFileSync(
    join(pkg, "tsconfig.build.json"),
    JSON.stringify({
      compilerOptions: { strict: true, module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022" },
      include: ["src"],
    }),
  );
  writeFileSync(join(pkg, "src", "index.ts"), `${lines.join("\n")}\n`);
  writeFileSync(
    join(root, "typedoc.json"),
    JSON.stringify({ extends: [join(repoRoot, "typedoc.json")], entryPoints: ["packages/*"] }),
  );
  return typedoc(["--options", join(root, "typedoc.json"), "--out", join(root, "api")], root);
}

describe("the API reference (pnpm run docs)", () => {
  test("packages are found (a sanity check of the reading)", () => {
    const paths = entryPoints().map((entry) => entry.importPath);
    expect(paths).toContain("@zenfetch/core");
    expect(paths).toContain("@zenfetch/core/paging");
    expect(paths).toContain("@zenfetch/tickets");
  });

  test("builds with no warning, a page for every package and every entry point", async () => {
    const out = join(scratch, "api");
    const run = await typedoc(["--out", out]);
    expect(
      problems(run.output).join("\n"),
      "a type a public signature uses: export it from the package's entry if an app could need to name it, else " +
        "list it under intentionallyNotExported in the package's typedoc.json; a tag: see blockTags in typedoc.json",
    ).toBe("");
    expect(run.code, run.output).toBe(0);

    const titles = moduleTitles(out);
    const missing = entryPoints().filter((entry) => !titles.has(entry.importPath));
    expect(missing.map((entry) => `${entry.importPath} (packages/${entry.dir}) has no page`)).toEqual([]);

    // A domain package's signatures link to core's pages (core's names resolve to its sources, with or without a
    // build), rather than printing core's types out again on every page.
    const factory = readFileSync(join(out, "functions", "_zenfetch_tickets.createTicketsClient.html"), "utf8");
    expect(factory).toContain('href="../interfaces/_zenfetch_core._zenfetch_core.ZendeskClientOptions.html"');
  }, 600_000);

  test("a type a signature uses but the package does not export fails the build, by name", async () => {
    const run = await sampleBuild("unexported", [
      "interface HiddenShape {",
      "  id: number;",
      "}",
      "/** Makes a shape. */",
      "export function makeShape(): HiddenShape {",
      "  return { id: 1 };",
      "}",
    ]);
    expect(run.code).not.toBe(0);
    expect(problems(run.output).join("\n")).toMatch(/HiddenShape.*is referenced by makeShape/);
  }, 120_000);

  test("a {@link} to nothing fails the build, by name", async () => {
    const run = await sampleBuild("broken-link", [
      "/** Makes a shape, like {@link makeCircle}. */",
      "export function makeShape(): number {",
      "  return 1;",
      "}",
    ]);
    expect(run.code).not.toBe(0);
    expect(problems(run.output).join("\n")).toMatch(/link to "makeCircle" in comment for makeShape/);
  }, 120_000);
});
