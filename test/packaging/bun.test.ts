// Bun, the one of the root devDependencies (node_modules/.bin/bun), against the simulator on loopback: the
// scenario of fixtures/runtimes/scenario.ts bundled from the built packages with the `bun` condition, and the
// same scenario run from its sources with Bun resolving the packages in node_modules itself.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describeRuntime } from "./runtimes.js";

await describeRuntime({
  name: "bun",
  bundled: ["run"],
  unbundled: async (dir) => {
    // Bun follows the nearest tsconfig's `paths`, which point the workspace at the sources: an empty one
    // instead, so that the packages resolve as in an app that installed them.
    const tsconfig = path.join(dir, "tsconfig.json");
    await writeFile(tsconfig, "{}\n");
    return ["run", `--tsconfig-override=${tsconfig}`];
  },
});
