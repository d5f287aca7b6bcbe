/**
 * `pnpm demo`: the demo app (app.ts) against the embedded, seeded simulator; or, with ZENDESK_SUBDOMAIN,
 * ZENDESK_EMAIL and ZENDESK_API_TOKEN set, read-only against that account. Progress goes to stderr, the
 * summary to stdout. Credentials are never printed.
 */
import { type DemoOptions, formatSummary, runDemo } from "./app.js";
import { commandLineDemo } from "./command-line.js";
import { createProgress } from "./progress.js";
import { DEMO_503_RATE, DEMO_SEED, LIVE_VARIABLES, liveTarget, simulatorTarget } from "./targets.js";

const print = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const live = liveTarget(process.env);
  if (live && "missing" in live) {
    process.stderr.write(
      `To run against a real account, set all of ${LIVE_VARIABLES.join(", ")}; missing: ${live.missing.join(", ")}.\n` +
        "Unset them all to run against the local simulator.\n",
    );
    return 2;
  }

  let options: DemoOptions;
  let close = async () => {};
  let afterwards = async () => true;
  if (live) {
    options = live.options;
    print(`zenfetch demo: READ-ONLY against https://${live.subdomain}.zendesk.com`);
    print("Nothing will be created, changed or deleted: the write steps are skipped, and any request other than");
    print("a GET is refused before it is sent. It lists tickets, runs a short export from a week ago and lists");
    print("custom objects.\n");
  } else {
    const target = await simulatorTarget();
    options = target.options;
    close = () => target.sim.close();
    afterwards = () => commandLineDemo(target.sim, print);
    print(`zenfetch demo: against the local Zendesk simulator at ${target.sim.baseUrl}`);
    print(
      `Seeded with ${DEMO_SEED.tickets.toLocaleString("en-US")} tickets; it answers ${DEMO_503_RATE * 100} % of ticket list requests with 503, to show retries.`,
    );
    print(`(Set ${LIVE_VARIABLES.join(", ")} to run read-only against a real account.)\n`);
  }

  try {
    const summary = await runDemo({ ...options, progress: createProgress(process.stderr) });
    process.stdout.write(formatSummary(summary));
    const commandLine = await afterwards();
    return summary.failures.length > 0 || !commandLine ? 1 : 0;
  } finally {
    await close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // zenfetch's errors (ZendeskConfigError included) never hold credentials.
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
