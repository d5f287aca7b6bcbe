/**
 * Starts the simulator from the command line and prints its URL and the credentials it accepts:
 *
 *   pnpm sim
 *   pnpm sim --port 4010 --cors --tickets 1000 --bundle path/to/domain.yaml
 *
 * Options: --port N (default 4010; 0 picks a free port), --host ADDRESS, --cors, --seed N, --tickets N, --users N,
 * --organizations N, --records N (custom object records), --rate-limit N (account requests per minute),
 * --polls N (job status polls until a job completes), --bundle FILE (repeatable: another bundle to serve),
 * --quiet (print the URL only). Stops on Ctrl-C.
 */
import { parseArgs } from "node:util";
import { startSimulator } from "./index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    cors: { type: "boolean", default: false },
    seed: { type: "string" },
    tickets: { type: "string" },
    users: { type: "string" },
    organizations: { type: "string" },
    records: { type: "string" },
    "rate-limit": { type: "string" },
    polls: { type: "string" },
    bundle: { type: "string", multiple: true },
    quiet: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(
    "Usage: pnpm sim [--port N] [--host ADDR] [--cors] [--seed N] [--tickets N] [--users N]\n" +
      "                [--organizations N] [--records N] [--rate-limit N] [--polls N] [--bundle FILE]... [--quiet]",
  );
  process.exit(0);
}

const number = (value: string | undefined) => (value === undefined ? undefined : Number(value));

const sim = await startSimulator({
  port: number(values.port),
  host: values.host,
  cors: values.cors,
  seed: {
    random: number(values.seed),
    tickets: number(values.tickets),
    users: number(values.users),
    organizations: number(values.organizations),
    customObjectRecords: number(values.records),
  },
  rateLimits: values["rate-limit"] ? { account: { limit: Number(values["rate-limit"]), windowMs: 60_000 } } : undefined,
  jobs: values.polls ? { pollsToComplete: Number(values.polls) } : undefined,
  bundles: values.bundle,
});

if (values.quiet) {
  console.log(sim.url);
} else {
  const { email, token, oauthToken, password } = sim.credentials;
  const authorization = sim.authorization("api-token");
  const generic = sim.generic.routes().length;
  console.log(`Zendesk simulator on ${sim.url}${values.cors ? " (CORS on)" : ""}`);
  console.log(`  routes:        ${sim.routes().length} (${generic} of them from the bundles alone)`);
  console.log(`  email:         ${email}`);
  console.log(`  API token:     ${token}`);
  console.log(`  Authorization: ${authorization}`);
  console.log(`  (also OAuth bearer ${oauthToken}, or password ${password})`);
  console.log(`  try: curl -g -H "Authorization: ${authorization}" "${sim.url}/api/v2/tickets.json?page[size]=2"`);
  console.log("Ctrl-C stops it.");
}

const stop = () => {
  sim.close().then(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
