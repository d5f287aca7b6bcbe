/**
 * Every name core exports, values and types alike, is importable from every domain package, so an app that
 * installed one domain never needs a second import path (and a domain cannot fall behind when core grows).
 * Read with the TypeScript compiler over the workspace's sources.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { describe, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
// Every package but core itself and the command-line tool, which is an app of the clients, not a client.
const domains = readdirSync(path.join(root, "packages")).filter((name) => name !== "core" && name !== "cli");
const entry = (name: string) => path.join(root, "packages", name, "src", "index.ts");

const config = ts.getParsedCommandLineOfConfigFile(
  path.join(root, "tsconfig.json"),
  {},
  {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  },
);
if (!config) throw new Error("cannot read tsconfig.json");
const program = ts.createProgram([entry("core"), ...domains.map(entry)], config.options);
const checker = program.getTypeChecker();

interface Exported {
  /** It has a run-time value (not only a type). */
  value: boolean;
  /** Where it is declared, so that a domain's own `JobStatus` cannot pass for core's. */
  declaredIn: string | undefined;
}

/** The names a module exports. */
function exportsOf(file: string): Map<string, Exported> {
  const source = program.getSourceFile(file);
  const symbol = source && checker.getSymbolAtLocation(source);
  if (!symbol) throw new Error(`no module symbol for ${file}`);
  const out = new Map<string, Exported>();
  for (const exported of checker.getExportsOfModule(symbol)) {
    const target = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = target.declarations?.[0]?.getSourceFile().fileName;
    out.set(exported.name, {
      value: (target.flags & ts.SymbolFlags.Value) !== 0,
      declaredIn: declaration && path.relative(root, declaration),
    });
  }
  return out;
}

const core = exportsOf(entry("core"));

describe("core's names from every domain package", () => {
  test("core exports its runtime (a sanity check of the reading)", () => {
    expect(core.get("createZendeskClient")?.value).toBe(true);
    expect(core.get("ZendeskClientOptions")?.value).toBe(false);
    expect(core.size).toBeGreaterThan(40);
  });

  test.each(domains)("@zenfetch/%s re-exports every value and type of @zenfetch/core", async (name) => {
    const own = exportsOf(entry(name));
    const missing = [...core.keys()].filter((key) => !own.has(key));
    expect(missing, `missing from @zenfetch/${name}`).toEqual([]);
    const shadowed = [...core].filter(([key, { declaredIn }]) => own.get(key)?.declaredIn !== declaredIn);
    expect(
      shadowed.map(([key]) => `${key} (${own.get(key)?.declaredIn})`),
      `declared again in @zenfetch/${name}`,
    ).toEqual([]);
    // The values are core's own objects, not copies.
    const load = (file: string) =>
      import(/* @vite-ignore */ pathToFileURL(file).href) as Promise<Record<string, unknown>>;
    const domainModule = await load(entry(name));
    const coreModule = await load(entry("core"));
    for (const [key, { value }] of core) if (value) expect(domainModule[key], key).toBe(coreModule[key]);
  });
});
