import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { onTestFinished } from "vitest";
import { parse, stringify } from "yaml";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");

export interface Fixture {
  dir: string;
  config: string;
  file: (rel: string) => string;
}

/**
 * Copies a fixture (`good` unless named) into a fresh folder with a redocly.yaml
 * that carries the project's own lint rules, so that the fixtures are held to
 * the same standard as the real specs. Removed when the test finishes.
 */
export async function makeFixture(name = "good"): Promise<Fixture> {
  const fixture = await copyFixture(name);
  onTestFinished(() => rm(fixture.dir, { recursive: true, force: true }));
  return fixture;
}

/** The copy of {@link makeFixture}, for a `beforeAll`: the caller removes `dir`. */
export async function copyFixture(name: string): Promise<Fixture> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "zenfetch-fixture-"));
  await cp(path.join(here, "fixtures", name, "specs"), path.join(dir, "specs"), { recursive: true });
  const projectConfig = parse(await readFile(path.join(repoRoot, "redocly.yaml"), "utf8"));
  projectConfig.apis = {
    demo: {
      root: "specs/demo/openapi.yaml",
      output: "specs/dist/demo.yaml",
      "x-openapi-ts": { output: "packages/demo/src/generated/schema.ts" },
    },
  };
  const config = path.join(dir, "redocly.yaml");
  await writeFile(config, stringify(projectConfig));
  return { dir, config, file: (rel) => path.join(dir, rel) };
}

export async function edit(file: string, change: (text: string) => string): Promise<void> {
  const before = await readFile(file, "utf8");
  const after = change(before);
  if (after === before)
    throw new Error(`edit of ${file} changed nothing: the fixture no longer has what the test replaces`);
  await writeFile(file, after);
}

export const cliPath = path.join(repoRoot, "codegen/src/cli.ts");
/** Runs the CLI the way `pnpm generate` does, from any folder. */
export const cliArgs = (...args: string[]) => [
  "--import",
  pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href,
  cliPath,
  ...args,
];
