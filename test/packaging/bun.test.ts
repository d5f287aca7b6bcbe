// Bun: the scenario of fixtures/runtimes/scenario.ts, bundled from the built packages with the `bun` condition,
// run by the Bun of the root devDependencies (node_modules/.bin/bun) against the simulator on loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanEnv, ROOT, run } from "./lib.js";
import {
  type Bundle,
  bundleFor,
  expectLazyPaging,
  expectScenario,
  findRuntime,
  parseReport,
  requireBuilt,
  type ScenarioSimulator,
  startScenarioSimulator,
} from "./runtimes.js";

requireBuilt();
const bun = await findRuntime("bun");

describe.skipIf(!bun)("the built packages in Bun", () => {
  let sim: ScenarioSimulator;
  let bundle: Bundle;

  beforeAll(async () => {
    [sim, bundle] = await Promise.all([startScenarioSimulator(), bundleFor("smoke.ts", ["bun"])]);
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    await bundle?.dispose();
  });

  it("runs the scenario: auth, a create, paging, typed errors, a retry after 429, an export", async () => {
    expectLazyPaging(bundle);
    const { stdout, stderr } = await run(
      bun as string,
      ["run", `${bundle.dir}/${bundle.entry}`, sim.baseUrl, sim.credentials.email],
      { cwd: ROOT, env: cleanEnv({ ZENFETCH_SMOKE_TOKEN: sim.credentials.token }), timeoutMs: 30_000 },
    );
    const report = parseReport(stdout, stderr);
    expect(report.runtime).toMatch(/^bun \d/);
    expectScenario(report, sim);
    expect(stdout + stderr).not.toContain(sim.credentials.token);
  });
});
