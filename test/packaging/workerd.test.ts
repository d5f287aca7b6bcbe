// Cloudflare's workerd, through miniflare: the scenario of fixtures/runtimes/scenario.ts, bundled from the built
// packages as a Worker module (fixtures/runtimes/worker.ts) with the conditions a Worker bundler uses (`workerd`,
// `worker`, `browser`), split so the paging code is a module of its own. The test asks the Worker for /scenario;
// the Worker calls the simulator on loopback (its URL and credentials in bindings) straight through workerd's own
// network, with no outbound service in between, and answers with the scenario's report.
import path from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScenarioReport } from "./fixtures/runtimes/scenario.js";
import {
  type Bundle,
  bundleFor,
  expectLazyPaging,
  expectScenario,
  findWorkerd,
  requireBuilt,
  type ScenarioSimulator,
  startScenarioSimulator,
} from "./runtimes.js";

requireBuilt();
const haveWorkerd = await findWorkerd();

describe.skipIf(!haveWorkerd)("the built packages in workerd (miniflare)", () => {
  let sim: ScenarioSimulator;
  let bundle: Bundle;
  let worker: Miniflare;
  const logged: string[] = [];

  beforeAll(async () => {
    [sim, bundle] = await Promise.all([
      startScenarioSimulator(),
      bundleFor("worker.ts", ["workerd", "worker", "browser"]),
    ]);
    worker = new Miniflare({
      modules: bundle.modules.map(({ name, code }) => ({
        type: "ESModule",
        path: path.join(bundle.dir, name),
        contents: code,
      })),
      modulesRoot: bundle.dir,
      compatibilityDate: "2025-09-01",
      bindings: { SIM_URL: sim.baseUrl, SIM_EMAIL: sim.credentials.email, SIM_TOKEN: sim.credentials.token },
      handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
        stdout.on("data", (chunk: Buffer) => logged.push(chunk.toString()));
        stderr.on("data", (chunk: Buffer) => logged.push(chunk.toString()));
      },
    });
    await worker.ready.catch((error: Error) => {
      throw new Error(`workerd did not start: ${error.message}\n--- workerd's output\n${logged.join("")}`);
    });
  }, 60_000);

  afterAll(async () => {
    await worker?.dispose();
    await sim?.close();
    await bundle?.dispose();
  });

  it("runs the scenario: auth, a create, paging, typed errors, a retry after 429, an export", async () => {
    expectLazyPaging(bundle);
    const response = await worker.dispatchFetch("http://worker.test/scenario");
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const report = JSON.parse(text) as ScenarioReport;
    expect(report.runtime).toMatch(/^workerd \(Cloudflare-Workers\)$/);
    expectScenario(report, sim);
    expect(logged.join("")).not.toContain(sim.credentials.token);
  }, 30_000);
});
