// Deno, the one of the root devDependencies (node_modules/.bin/deno), against the simulator on loopback, with
// the network allowed to 127.0.0.1 only and the one environment variable the script reads: the scenario of
// fixtures/runtimes/scenario.ts bundled from the built packages with the `deno` condition, and the same scenario
// run from its sources with Deno resolving the packages in the workspace's node_modules (through its
// package.json), as an app without a bundler does. Each run creates a ticket and spends its faults, so each gets
// a simulator of its own.
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
const deno = await findRuntime("deno");
const PERMISSIONS = ["--allow-net=127.0.0.1", "--allow-env=ZENFETCH_SMOKE_TOKEN"];

describe.skipIf(!deno)("the built packages in Deno", () => {
  let bundle: Bundle;

  beforeAll(async () => {
    bundle = await bundleFor("smoke.ts", ["deno"]);
  }, 60_000);

  afterAll(async () => {
    await bundle?.dispose();
  });

  it("runs the scenario bundled: auth, a create, paging, typed errors, a retry after 429, an export", async () => {
    expectLazyPaging(bundle);
    const sim = await startScenarioSimulator();
    try {
      const report = await runSmoke(deno as string, ["run", ...PERMISSIONS], path.join(bundle.dir, bundle.entry), sim);
      expect(report.runtime).toMatch(/^deno \d/);
      expectScenario(report, sim);
    } finally {
      await sim.close();
    }
  }, 30_000);

  it("runs it with the packages resolved by Deno from node_modules (dist/, by their exports)", async () => {
    const sim = await startScenarioSimulator();
    try {
      // The fixtures import each other as `./x.js`, as TypeScript for Node writes it: Deno maps that to the
      // .ts file only with --sloppy-imports.
      const report = await runSmoke(
        deno as string,
        ["run", "--sloppy-imports", ...PERMISSIONS],
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
