// Bun, the one of the root devDependencies (node_modules/.bin/bun), against the simulator on loopback: the scenario
// of fixtures/runtimes/scenario.ts bundled from the built packages with the `bun` condition, and the same
// scenario run from its sources with Bun resolving the packages in node_modules itself, as an app without a
// bundler does. Each run creates a ticket and spends its faults, so each gets a simulator of its own.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./lib.js";
import {
  type Bundle,
  bundleFor,
  expectLazyPaging,
  expectScenario,
  FIXTURES,
  findRuntime,
  requireBuilt,
  runSmoke,
  startScenarioSimulator,
} from "./runtimes.js";

requireBuilt();
const bun = await findRuntime("bun");

describe.skipIf(!bun)("the built packages in Bun", () => {
  let bundle: Bundle;

  beforeAll(async () => {
    bundle = await bundleFor("smoke.ts", ["bun"]);
  }, 60_000);

  afterAll(async () => {
    await bundle?.dispose();
  });

  it("runs the scenario bundled: auth, a create, paging, typed errors, a retry after 429, an export", async () => {
    expectLazyPaging(bundle);
    const sim = await startScenarioSimulator();
    try {
      const report = await runSmoke(bun as string, ["run"], path.join(bundle.dir, bundle.entry), sim);
      expect(report.runtime).toMatch(/^bun \d/);
      expectScenario(report, sim);
    } finally {
      await sim.close();
    }
  }, 30_000);

  it("runs it with the packages resolved by Bun from node_modules (dist/, by their exports)", async () => {
    // Bun follows the nearest tsconfig's `paths`, which point the workspace at the sources: an empty one
    // instead, so that the packages resolve as in an app that installed them.
    const tsconfig = path.join(bundle.dir, "tsconfig.json");
    await writeFile(tsconfig, "{}\n");
    const sim = await startScenarioSimulator();
    try {
      const report = await runSmoke(
        bun as string,
        ["run", `--tsconfig-override=${tsconfig}`],
        path.join(FIXTURES, "smoke.ts"),
        sim,
      );
      expect(report.resolvedCore).toBe(pathToFileURL(path.join(ROOT, "packages/core/dist/index.js")).href);
      expectScenario(report, sim);
    } finally {
      await sim.close();
    }
  }, 30_000);
});
