/**
 * The demo's last part, against the simulator only: the `zenfetch` command run in-process, as `npx zenfetch`
 * would run it. `typegen` writes the account's fields as a module and `--check` compares it; `export` writes the
 * users to an NDJSON file with a checkpoint. Everything goes to a temporary folder, removed afterwards.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { run } from "@zenfetch/cli";
import type { RunningSimulator } from "../simulator/index.js";

export async function commandLineDemo(sim: RunningSimulator, print: (line: string) => void): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "zenfetch-demo-cli-"));
  const env = { ZENDESK_EMAIL: sim.credentials.email, ZENDESK_API_TOKEN: sim.credentials.token };
  const zenfetch = async (args: string[]) => {
    const stderr = new PassThrough();
    let messages = "";
    stderr.on("data", (chunk) => {
      messages += String(chunk);
    });
    const status = await run([...args, "--base-url", sim.baseUrl], {
      env,
      stdout: new PassThrough(),
      stderr,
      signal: new AbortController().signal,
    });
    return { status, messages: messages.trim() };
  };
  try {
    print("\nThe zenfetch command (@zenfetch/cli), with the simulator's credentials in the environment:");
    const module = path.join(dir, "zendesk-fields.ts");
    const typegen = await zenfetch(["typegen", "--out", module]);
    const exported = (await readFile(module, "utf8").catch(() => "")).match(/^export /gm)?.length ?? 0;
    print(`  zenfetch typegen --out zendesk-fields.ts          exit ${typegen.status}, ${exported} exports written`);
    const check = await zenfetch(["typegen", "--out", module, "--check"]);
    print(`  zenfetch typegen --out zendesk-fields.ts --check  exit ${check.status} (the account still matches)`);
    const out = path.join(dir, "users.ndjson");
    const since = "2020-01-01";
    const exportRun = await zenfetch([
      "export",
      "users",
      "--since",
      since,
      "--checkpoint",
      path.join(dir, "users.checkpoint.json"),
      "--out",
      out,
    ]);
    const lines = (await readFile(out, "utf8").catch(() => "")).split("\n").filter(Boolean).length;
    print(
      `  zenfetch export users --since ${since} --out users.ndjson  exit ${exportRun.status}, ${lines} users written`,
    );
    const ok = typegen.status === 0 && check.status === 0 && exportRun.status === 0 && lines > 0;
    if (!ok)
      print(
        `  ${[typegen, check, exportRun]
          .map((r) => r.messages)
          .filter(Boolean)
          .join("\n  ")}`,
      );
    return ok;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
