/**
 * `zenfetch export` end to end: the built command (packages/cli/dist/bin.js) run as a child process against the
 * simulator, with credentials in its environment. Build first: `pnpm build` (the command needs the packages'
 * dist folders, and this file does not build them, to stay fast).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pty from "@lydell/node-pty";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningSimulator } from "../simulator/index.js";
import { closeSimulators, duplicates, startSim } from "./helpers.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const CLI = path.join(ROOT, "packages/cli");
const BIN = path.join(CLI, "dist/bin.js");

let sim: RunningSimulator;
let dir: string;
/** Everything every run printed, to check for credentials at the end. */
const printed: string[] = [];

/** The newest modification time of the files under `folder`, in ms. */
function newest(folder: string): number {
  let time = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) time = Math.max(time, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return time;
}

beforeAll(async () => {
  const built = ["cli", "incremental", "core"].every((name) => existsSync(path.join(ROOT, `packages/${name}/dist`)));
  if (!built || newest(path.join(CLI, "src")) > statSync(BIN).mtimeMs) {
    throw new Error("packages/cli/dist is missing or older than its source: run `pnpm build` first");
  }
  // The export endpoints' own limit (10 a minute) is the command's to keep; the simulator does not add its own.
  sim = await startSim({ rateLimits: { incremental: false } });
  dir = mkdtempSync(path.join(tmpdir(), "zenfetch-cli-export-"));
});

afterAll(async () => {
  await closeSimulators();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The child's environment: the simulator's credentials and nothing of ours that could change what it does. */
function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? "",
    ZENDESK_EMAIL: sim.credentials.email,
    ZENDESK_API_TOKEN: sim.credentials.token,
    ...extra,
  };
}

/** The simulator as the command's account, with the export budget raised so that a run takes no minutes. */
const target = () => ["--base-url", sim.baseUrl, "--requests-per-minute", "6000"];
const file = (name: string) => path.join(dir, name);

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command; `onStderr` sees stderr as it comes, with the child (to signal it). */
function zenfetch(
  args: string[],
  options: { env?: Record<string, string>; onStderr?: (text: string, child: ChildProcess) => void } = {},
): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: options.env ?? env() });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => {
      stdout += text;
    });
    child.stderr.setEncoding("utf8").on("data", (text: string) => {
      stderr += text;
      options.onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      printed.push(stdout, stderr);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The records of an NDJSON text: every line must parse. */
function records(text: string): Record<string, unknown>[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const ids = (rows: Record<string, unknown>[]) => rows.map((row) => row.id as number);
const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const checkpointFile = (name: string) => JSON.parse(readFileSync(file(name), "utf8")) as Record<string, unknown>;

/** What the simulator holds for each stream: the ids an export since 1970 must deliver. */
function expected(stream: string): number[] {
  const tickets = [...sim.state.tickets.all()].map((row) => row.id);
  switch (stream) {
    case "tickets":
      return tickets;
    case "users":
      return [...sim.state.users.all()].map((row) => row.id);
    case "organizations":
      return [...sim.state.organizations.all()].map((row) => row.id);
    default:
      return tickets.flatMap((id) => sim.state.store.auditsOf(id).map((audit) => audit.id));
  }
}

/** A plain progress line (stderr is not a terminal). */
const PLAIN = /^zenfetch export [a-z-]+: \d+ pages?, \d+ records?, \d+ records\/s, \d+\.\ds waited on the rate limit/;

describe("zenfetch export", () => {
  it.each(["tickets", "users", "organizations", "ticket-events"])(
    "exports every %s to a file, each once, with a checkpoint and plain progress lines",
    async (stream) => {
      const out = `${stream}.ndjson`;
      const checkpoint = `${stream}.checkpoint.json`;
      const perPage = stream === "ticket-events" ? [] : ["--per-page", "100"];
      const ran = await zenfetch([
        "export",
        stream,
        "--since",
        "0",
        "--out",
        out,
        "--checkpoint",
        checkpoint,
        ...perPage,
        ...target(),
      ]);
      expect(ran.stderr).toContain("caught up");
      expect(ran.code).toBe(0);
      expect(ran.stdout).toBe("");

      const rows = records(readFileSync(file(out), "utf8"));
      expect(duplicates(ids(rows))).toEqual([]);
      expect(sorted(ids(rows))).toEqual(sorted(expected(stream)));

      const saved = checkpointFile(checkpoint);
      expect(saved).toMatchObject({ version: 1, stream, records: rows.length, outBytes: statSync(file(out)).size });
      expect(saved.checkpoint).toMatchObject({ type: expect.stringMatching(/^(cursor|time)$/) });

      // Not a terminal: no redraws, one line a page, then the summary.
      expect(ran.stderr).not.toContain("\r");
      const lines = ran.stderr.trimEnd().split("\n");
      expect(lines.slice(0, -1).every((line) => PLAIN.test(line))).toBe(true);
      expect(lines.length - 1).toBe(saved.pages);
      expect(lines.at(-1)).toMatch(new RegExp(`^zenfetch export ${stream}: caught up: ${rows.length} records`));
    },
  );

  it("writes NDJSON to stdout without --out, the records as Zendesk sends them", async () => {
    const ran = await zenfetch(["export", "users", "--since", "2024-01-01", ...target()]);
    expect(ran.code).toBe(0);
    const rows = records(ran.stdout);
    expect(sorted(ids(rows))).toEqual(sorted(expected("users")));
    const first = sim.state.users.get(rows[0]?.id as number);
    expect(rows[0]).toMatchObject({ id: first?.id, name: first?.name, url: expect.stringContaining(sim.baseUrl) });
  });

  it("stops on Ctrl-C after the page in hand (exit 130) and resumes with every record exactly once", async () => {
    const out = "interrupted.ndjson";
    const checkpoint = "interrupted.checkpoint.json";
    const args = ["export", "tickets", "--since", "0", "--out", out, "--checkpoint", checkpoint, "--per-page", "10"];
    // 25 pages that take a while each, so the run is mid-way when the signal comes.
    const slow = sim.faults.add({ match: "GET /api/v2/incremental/tickets/cursor", delayMs: 100 });
    let signalled = false;
    const first = await zenfetch([...args, ...target()], {
      onStderr: (text, child) => {
        if (!signalled && /: 3 pages,/.test(text)) {
          signalled = true;
          child.kill("SIGINT");
        }
      },
    });
    slow.remove();
    expect(first.stderr).toContain("stopped after");
    expect(first.code).toBe(130);

    const saved = checkpointFile(checkpoint);
    const pages = saved.pages as number;
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(pages).toBeLessThan(25);
    const written = records(readFileSync(file(out), "utf8"));
    expect(written).toHaveLength(saved.records as number);
    expect(written).toHaveLength(pages * 10);
    expect(statSync(file(out)).size).toBe(saved.outBytes);

    // As if the run had died after writing a page's lines but before saving its checkpoint.
    appendFileSync(file(out), '{"id":1,"subject":"written but not checkpointed"}\n{"id":2,"sub');

    const second = await zenfetch([...args, ...target()]);
    expect(second.code).toBe(0);
    expect(second.stderr).toMatch(/resuming from interrupted.checkpoint.json/i);
    expect(second.stderr).toMatch(/Removed the last \d+ bytes/);
    expect(second.stderr).toContain(`(250 records over all runs)`);

    const all = records(readFileSync(file(out), "utf8"));
    expect(duplicates(ids(all))).toEqual([]);
    expect(sorted(ids(all))).toEqual(sorted(expected("tickets")));
    expect(checkpointFile(checkpoint)).toMatchObject({ records: 250, outBytes: statSync(file(out)).size });
  });

  it("exits 1 with the API's message on a 401, the checkpoint as of the last page written, and resumes from it", async () => {
    const out = "failed.ndjson";
    const checkpoint = "failed.checkpoint.json";
    const args = ["export", "users", "--since", "0", "--out", out, "--checkpoint", checkpoint, "--per-page", "10"];
    const fault = sim.faults.add({ match: "GET /api/v2/incremental/users/cursor", status: 401, skip: 2 });
    const first = await zenfetch([...args, ...target()]);
    fault.remove();
    expect(first.code).toBe(1);
    expect(first.stderr).toContain("401");
    expect(first.stderr).toContain(`${checkpoint} holds the checkpoint after the 2 pages written (20 records)`);
    expect(checkpointFile(checkpoint)).toMatchObject({ pages: 2, records: 20 });
    expect(records(readFileSync(file(out), "utf8"))).toHaveLength(20);

    const second = await zenfetch([...args, ...target()]);
    expect(second.code).toBe(0);
    const all = records(readFileSync(file(out), "utf8"));
    expect(duplicates(ids(all))).toEqual([]);
    expect(sorted(ids(all))).toEqual(sorted(expected("users")));
  });

  it("never prints a credential, even the one the server refuses", async () => {
    const secret = "zf-secret-token-4242";
    const ran = await zenfetch(["export", "organizations", "--since", "0", ...target()], {
      env: env({ ZENDESK_API_TOKEN: secret }),
    });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("401");
    expect(ran.stdout + ran.stderr).not.toContain(secret);

    const oauth = await zenfetch(["export", "organizations", "--since", "0", ...target()], {
      env: { PATH: process.env.PATH ?? "", ZENDESK_OAUTH_TOKEN: sim.credentials.oauthToken },
    });
    expect(oauth.code).toBe(0);

    const everything = printed.join("\n");
    const basic = Buffer.from(`${sim.credentials.email}/token:${sim.credentials.token}`).toString("base64");
    for (const credential of [sim.credentials.token, sim.credentials.oauthToken, basic, secret]) {
      expect(everything).not.toContain(credential);
    }
  });

  it("counts the time a 429 made it wait as time waited on the rate limit", async () => {
    const fault = sim.faults.add({
      match: "GET /api/v2/incremental/organizations",
      status: 429,
      retryAfter: 1,
      times: 1,
    });
    const ran = await zenfetch(["export", "organizations", "--since", "0", ...target()]);
    fault.remove();
    expect(ran.code).toBe(0);
    expect(records(ran.stdout)).toHaveLength(expected("organizations").length);
    const waited = /, (\d+\.\d)s waited on the rate limit\.$/m.exec(ran.stderr);
    expect(Number(waited?.[1])).toBeGreaterThanOrEqual(1);
  });

  it("refuses bad arguments with exit 2 and says what to pass", async () => {
    const unknown = await zenfetch(["export", "tickts", "--since", "0", ...target()]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("tickets, users, organizations, ticket-events");

    const other = await zenfetch(["export", "users", "--checkpoint", "tickets.checkpoint.json", ...target()]);
    expect(other.code).toBe(2);
    expect(other.stderr).toContain("belongs to an export of tickets");
  });

  it("draws a progress bar on a terminal: one line redrawn in place, with the counts", async () => {
    const slow = sim.faults.add({ match: "GET /api/v2/incremental/tickets/cursor", delayMs: 60 });
    const args = ["export", "tickets", "--since", "0", "--out", "tty.ndjson", "--per-page", "25", ...target()];
    const screen = await new Promise<{ code: number; output: string }>((resolve) => {
      const terminal = pty.spawn(process.execPath, [BIN, ...args], {
        cwd: dir,
        env: { ...env(), TERM: "xterm-256color" },
        cols: 100,
        rows: 10,
      });
      let output = "";
      terminal.onData((text) => {
        output += text;
      });
      terminal.onExit(({ exitCode }) => resolve({ code: exitCode, output }));
    });
    slow.remove();
    printed.push(screen.output);
    expect(screen.code).toBe(0);

    const redraws = screen.output.split("\r\x1b[2K").slice(1);
    expect(redraws.length).toBeGreaterThanOrEqual(3);
    for (const field of ["records", "pages", "/s", "waited", "through 2024-01-01"]) {
      expect(screen.output).toContain(field);
    }
    // Each redraw fits the terminal's 100 columns; the last shows the whole export.
    for (const line of redraws) expect(line.split(/\r?\n/)[0]?.length).toBeLessThan(100);
    expect(redraws.at(-1)).toMatch(/^✔ zenfetch export tickets {2}250 records {2}10 pages/);
    // No plain progress lines on a terminal, and the summary on a line of its own after the bar.
    expect(screen.output).not.toMatch(/tickets: \d+ pages?, /);
    expect(screen.output).toMatch(/\r?\nzenfetch export tickets: caught up: 250 records in 10 pages/);
  });
});
