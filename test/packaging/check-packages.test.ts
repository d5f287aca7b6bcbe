// The package checks must fail on a badly packaged package: each of publint, attw and our own rules is shown
// to catch a problem in a fixture package (the real packages are checked by `pnpm check:packages`).
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkPackage, type PackageReport } from "./check-packages.js";

describe("check:packages on a badly packaged fixture", () => {
  let temp: string;
  let report: PackageReport;

  beforeAll(async () => {
    temp = await mkdtemp(path.join(os.tmpdir(), "zenfetch-broken-package-"));
    const dir = path.join(temp, "broken");
    await mkdir(path.join(dir, "dist"), { recursive: true });
    await writeFile(
      path.join(dir, "package.json"),
      JSON.stringify({
        name: "broken-fixture",
        version: "1.0.0",
        type: "module",
        // `types` after `default` (never reached) and pointing at a file that is not built.
        exports: { ".": { default: "./dist/index.js", types: "./dist/index.d.ts" } },
        files: ["dist", "src"],
      }),
    );
    await writeFile(path.join(dir, "dist", "index.js"), "export const answer = 42;\n");
    await mkdir(path.join(dir, "src"));
    await writeFile(path.join(dir, "src", "index.ts"), "export const answer = 42;\n");
    report = await checkPackage(dir, path.join(temp, "tarballs"));
  }, 60_000);

  afterAll(async () => {
    await rm(temp, { recursive: true, force: true });
  });

  it("publint reports the exports problems", () => {
    expect(report.problems.some((p) => p.includes("EXPORTS_TYPES_SHOULD_BE_FIRST"))).toBe(true);
    expect(report.problems.some((p) => p.includes("FILE_DOES_NOT_EXIST"))).toBe(true);
  });

  it("attw (esm-only) fails", () => {
    expect(report.problems.some((p) => p.startsWith("@arethetypeswrong/cli --profile esm-only exited with"))).toBe(
      true,
    );
  });

  it("our own rules catch a missing LICENSE, published sources and missing package fields", () => {
    expect(report.problems).toContain("LICENSE is not in the tarball");
    expect(report.problems).toContain("dist/index.d.ts is not in the tarball");
    expect(report.problems.some((p) => p.startsWith("src/index.ts is in the tarball"))).toBe(true);
    expect(report.problems).toContain("sideEffects is not false");
  });
});
