/**
 * `pnpm lint` refuses an import cycle, type-only imports included: two modules that import each other, written
 * into the workspace for the test (Biome lints only files under the project), fail the project's Biome config.
 */
import { spawnSync } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { afterEach, expect, test } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const biome = path.join(
  path.dirname(createRequire(import.meta.url).resolve("@biomejs/biome/package.json")),
  "bin/biome",
);
const dir = path.join(root, "test", `lint-cycle-${process.pid}`);

afterEach(() => rm(dir, { recursive: true, force: true }));

const lint = () => spawnSync(process.execPath, [biome, "lint", dir], { cwd: root, encoding: "utf8" });

test("a value import cycle fails lint, naming the rule", async () => {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "a.ts"), 'import { b } from "./b.js";\nexport const a = () => b();\n');
  await writeFile(path.join(dir, "b.ts"), 'import { a } from "./a.js";\nexport const b = () => a;\n');
  const result = lint();
  expect(result.status).not.toBe(0);
  expect(`${result.stdout}${result.stderr}`).toContain("lint/suspicious/noImportCycles");
});

test("a cycle through type-only imports fails too; the same modules without the cycle pass", async () => {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, "a.ts"), 'import type { B } from "./b.js";\nexport interface A { b?: B }\n');
  await writeFile(path.join(dir, "b.ts"), 'import type { A } from "./a.js";\nexport interface B { a?: A }\n');
  expect(lint().status).not.toBe(0);
  await writeFile(path.join(dir, "b.ts"), "export interface B { name?: string }\n");
  expect(lint().status).toBe(0);
});
