// Deno: the scenario of fixtures/runtimes/scenario.ts, bundled from the built packages with the `deno` condition,
// run by the Deno of the root devDependencies (node_modules/.bin/deno) against the simulator on loopback, with
// the network allowed to 127.0.0.1 only and the one environment variable the script reads.
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
const deno = await findRuntime("deno");

describe.skipIf(!deno)("the built packages in Deno", () => {
  let sim: ScenarioSimulator;
  let bundle: Bundle;

  beforeAll(async () => {
    [sim, bundle] = await Promise.all([startScenarioSimulator(), bundleFor("smoke.ts", ["deno"])]);
  }, 60_000);

  afterAll(async () => {
    await sim?.close();
    await bundle?.dispose();
  });

  it("runs the scenario: auth, a create, paging, typed errors, a retry after 429, an export", async () => {
    expectLazyPaging(bundle);
    const { stdout, stderr } = await run(
      deno as string,
      [
        "run",
        "--allow-net=127.0.0.1",
        "--allow-env=ZENFETCH_SMOKE_TOKEN",
        `${bundle.dir}/${bundle.entry}`,
        sim.baseUrl,
        sim.credentials.email,
      ],
      { cwd: ROOT, env: cleanEnv({ ZENFETCH_SMOKE_TOKEN: sim.credentials.token }), timeoutMs: 30_000 },
    );
    const report = parseReport(stdout, stderr);
    expect(report.runtime).toMatch(/^deno \d/);
    expectScenario(report, sim);
    expect(stdout + stderr).not.toContain(sim.credentials.token);
  });
});
