#!/usr/bin/env node
// The `zenfetch` command. Ctrl-C once asks the running command to stop cleanly (an export finishes the page in
// hand, saves its checkpoint and exits 130); a second Ctrl-C exits at once.
import { run } from "./program.js";

const controller = new AbortController();
process.on("SIGINT", () => {
  if (controller.signal.aborted) process.exit(130);
  controller.abort();
});

run(process.argv.slice(2), {
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
}).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`zenfetch: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
