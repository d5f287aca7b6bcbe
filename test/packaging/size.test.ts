// `pnpm size` (test/packaging/size.ts) must measure the built packages and fail over its budget.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, run } from "./lib.js";
import { measure } from "./size.js";

const script = path.join(ROOT, "test/packaging/size.ts");
const size = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env: process.env, allowFailure: true });

describe("pnpm size", () => {
  it("measures core, tickets and openapi-fetch from dist/", async () => {
    const report = await measure();
    expect(report.gzipped).toBeGreaterThan(1000);
    expect(report.gzipped).toBeLessThan(report.minified);
    expect(report.packages.map((p) => p.name).sort()).toEqual(
      ["@zenfetch/core", "@zenfetch/tickets", "openapi-fetch"].sort(),
    );
    expect(report.files.every(({ file }) => !/packages\/[^/]+\/src\//.test(file))).toBe(true);
  });

  it("exits 1 over the budget and 0 within it", async () => {
    const over = await size("--budget", "1000");
    expect(over.code).toBe(1);
    expect(over.stderr).toMatch(/size: FAIL, \d+ B gzipped is over the budget of 1000 B/);
    const within = await size("--budget", "10000000");
    expect(within.code).toBe(0);
    expect(within.stdout).toMatch(/size: ok, \d+ B gzipped, within the budget of 10000000 B/);
  });
});
