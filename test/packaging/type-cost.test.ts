// An app that uses one domain must not pay for the others: type-checking a strict app on @zenfetch/tickets
// alone loads the same files and makes the same number of type instantiations whether or not the other domain
// packages are installed beside it, and none of their files. Counts, not seconds: they do not vary from run to
// run. Uses the built packages (dist/), building them once if they are missing, copied into apps outside the
// workspace as npm lays them out (test/bench/type-apps.ts), and one TypeScript program per app.
import { existsSync } from "node:fs";
import { appendFile, mkdtemp, realpath, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  assertNothingAbove,
  CORE,
  DOMAINS,
  makeApp,
  ONE_DOMAIN_SOURCE,
  TICKETS,
  type WorkspacePackage,
} from "../bench/type-apps.js";
import { PACKAGES, pnpmCommand, ROOT, run } from "./lib.js";

interface TypeCheck {
  /** Every file the program loaded, relative to the app, with `/` separators. */
  files: string[];
  types: number;
  instantiations: number;
  diagnostics: string[];
}

/** Type-checks an app as `tsc -p <app> --noEmit --skipLibCheck` would, and counts. */
function typeCheck(app: string): TypeCheck {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(app, "tsconfig.json"),
    // What most apps set; the declarations' own checks cost the same with or without other domains installed.
    { skipLibCheck: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  if (!config) throw new Error(`cannot read ${app}/tsconfig.json`);
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map(
      (d) =>
        `${d.file ? `${path.relative(app, d.file.fileName)}: ` : ""}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
    );
  return {
    files: program
      .getSourceFiles()
      .map((file) => path.relative(app, file.fileName).split(path.sep).join("/"))
      // The default library files live in the workspace's TypeScript, not in the app.
      .filter((file) => !file.startsWith("../"))
      .sort(),
    types: program.getTypeCount(),
    instantiations: program.getInstantiationCount(),
    diagnostics,
  };
}

const ALLOWED = [CORE, TICKETS].map((pkg) => `node_modules/${pkg.name}/`);

/** What makes the one-domain app `among` other domains cost more than the same app `alone`; empty if nothing. */
function growth(alone: TypeCheck, among: TypeCheck): string[] {
  const problems: string[] = [];
  for (const [name, result] of Object.entries({ alone, among })) {
    if (result.diagnostics.length) problems.push(`${name}: tsc reports ${result.diagnostics.join("; ")}`);
  }
  const foreign = among.files.filter(
    (f) => f.startsWith("node_modules/@zenfetch/") && !ALLOWED.some((a) => f.startsWith(a)),
  );
  if (foreign.length) problems.push(`it loads files of other domain packages: ${foreign.join(", ")}`);
  const added = among.files.filter((f) => !alone.files.includes(f));
  const missing = alone.files.filter((f) => !among.files.includes(f));
  if (added.length || missing.length) {
    problems.push(`its files differ: ${[...added.map((f) => `+${f}`), ...missing.map((f) => `-${f}`)].join(", ")}`);
  }
  if (among.instantiations !== alone.instantiations) {
    problems.push(`instantiations ${alone.instantiations} alone, ${among.instantiations} among the other domains`);
  }
  if (among.types !== alone.types) problems.push(`types ${alone.types} alone, ${among.types} among the other domains`);
  return problems;
}

const other = DOMAINS.find((pkg) => pkg !== TICKETS) as WorkspacePackage | undefined;
let temp: string;
let alone: TypeCheck;
let among: TypeCheck;

beforeAll(async () => {
  if (PACKAGES.some((pkg) => !existsSync(path.join(ROOT, pkg.dir, "dist", "index.d.ts")))) {
    const pnpm = pnpmCommand();
    await run(pnpm.command, [...pnpm.args, "build"], { cwd: ROOT, env: process.env, timeoutMs: 240_000 });
  }
  temp = await realpath(await mkdtemp(path.join(os.tmpdir(), "zenfetch-type-guard-")));
  assertNothingAbove(temp);
  await Promise.all([
    makeApp(path.join(temp, "alone"), [CORE, TICKETS], ONE_DOMAIN_SOURCE),
    makeApp(path.join(temp, "among"), [CORE, ...DOMAINS], ONE_DOMAIN_SOURCE),
  ]);
  alone = typeCheck(path.join(temp, "alone"));
  among = typeCheck(path.join(temp, "among"));
}, 300_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe("the type-check cost of a one-domain app", () => {
  it("type-checks cleanly, from tickets' and core's declarations in the app's node_modules", () => {
    expect(alone.diagnostics).toEqual([]);
    expect(alone.files).toContain(`node_modules/${TICKETS.name}/dist/index.d.ts`);
    expect(alone.files).toContain(`node_modules/${CORE.name}/dist/index.d.ts`);
    // The calls are really checked against the generated types, not against `any`.
    expect(alone.instantiations).toBeGreaterThan(1000);
  });

  it("does not grow when the other domain packages are installed beside it", () => {
    expect(DOMAINS.length).toBeGreaterThan(1);
    expect(growth(alone, among)).toEqual([]);
    expect(among.instantiations).toBe(alone.instantiations);
    expect(among.files).toEqual(alone.files);
  });

  it.skipIf(!other)("would fail if core reached a domain's types", { timeout: 120_000 }, async () => {
    const leaky = path.join(temp, "leaky");
    await makeApp(leaky, [CORE, ...DOMAINS], ONE_DOMAIN_SOURCE);
    await appendFile(
      path.join(leaky, "node_modules", CORE.name, "dist", "index.d.ts"),
      `export type LeakedPaths = keyof import("${other?.name}").paths;\n`,
    );
    const problems = growth(alone, typeCheck(leaky));
    expect(problems.join("\n")).toContain(`it loads files of other domain packages: node_modules/${other?.name}/`);
  });
});
