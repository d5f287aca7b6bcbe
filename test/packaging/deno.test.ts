// Deno, the one of the root devDependencies (node_modules/.bin/deno), against the simulator on loopback, with
// the network allowed to 127.0.0.1 only and the one environment variable the script reads: the scenario of
// fixtures/runtimes/scenario.ts bundled from the built packages with the `deno` condition, and the same scenario
// run from its sources with Deno resolving the packages in the workspace's node_modules (through its
// package.json).
import { describeRuntime } from "./runtimes.js";

const PERMISSIONS = ["--allow-net=127.0.0.1", "--allow-env=ZENFETCH_SMOKE_TOKEN"];

await describeRuntime({
  name: "deno",
  bundled: ["run", ...PERMISSIONS],
  // The fixtures import each other as `./x.js`, as TypeScript for Node writes it: Deno maps that to the .ts file
  // only with --sloppy-imports.
  unbundled: async () => ["run", "--sloppy-imports", ...PERMISSIONS],
});
