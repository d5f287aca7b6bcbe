import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Limiter } from "@zenfetch/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CheckpointFile, readCheckpointFile, writeCheckpointFile } from "../src/export/checkpoint-file.js";
import { parseSince } from "../src/export/command.js";
import { TimedLimiter } from "../src/export/timed-limiter.js";
import { run } from "../src/program.js";
import { UsageError } from "../src/usage-error.js";

const TOKEN = "unit-secret-token-9f3";
/** No request is ever sent there: every case here stops before the first one. */
const NOWHERE = "http://127.0.0.1:9";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "zenfetch-export-unit-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});
const file = (name: string) => path.join(dir, name);

/** Runs `zenfetch` with fake streams and an environment holding an API token. */
async function zenfetch(args: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const status = await run(args, {
    env: { ZENDESK_EMAIL: "admin@example.test", ZENDESK_API_TOKEN: TOKEN, ...env },
    stdout: {
      write: (text: string) => {
        stdout += text;
        return true;
      },
    } as never,
    stderr: {
      write: (text: string) => {
        stderr += text;
        return true;
      },
    } as never,
    signal: new AbortController().signal,
  });
  expect(stdout + stderr).not.toContain(TOKEN);
  return { status, stdout, stderr };
}

const saved = (extra: Partial<CheckpointFile> = {}): CheckpointFile => ({
  version: 1,
  stream: "tickets",
  checkpoint: { type: "cursor", cursor: "abc", export: "tickets" },
  records: 10,
  pages: 1,
  savedAt: "2024-05-01T00:00:00.000Z",
  ...extra,
});

describe("zenfetch export: bad arguments exit 2 with what to pass", () => {
  it.each([
    [
      ["export", "tickts", "--since", "2024-01-01"],
      /Unknown stream "tickts": pass one of tickets, users, organizations, ticket-events/,
    ],
    [
      ["export", "tickets", "--since", "last tuesday"],
      /--since "last tuesday" is not a date: pass a date \(2024-01-01\)/,
    ],
    [
      ["export", "tickets", "--since", "1704067200000"],
      /looks like milliseconds: pass Unix time in seconds \(1704067200\)/,
    ],
    [["export", "tickets", "--since", "2999-01-01"], /not at least a minute ago/],
    [["export", "tickets"], /Pass --since <date> \(where the export starts\), or --checkpoint <file>/],
    [
      ["export", "tickets", "--since", "2024-01-01", "--out", "no/such/folder/t.ndjson"],
      /--out no\/such\/folder\/t.ndjson: the folder .* does not exist/,
    ],
    [
      ["export", "tickets", "--since", "2024-01-01", "--checkpoint", "no/such/folder/c.json"],
      /--checkpoint .* does not exist/,
    ],
    [["export", "ticket-events", "--since", "2024-01-01", "--per-page", "10"], /no page size .* leave out --per-page/],
    [
      ["export", "users", "--since", "2024-01-01", "--per-page", "5000"],
      /--per-page must be a whole number from 1 to 1000/,
    ],
    [["export", "users", "--since", "2024-01-01", "--per-page", "ten"], /--per-page must be a whole number/],
    [
      ["export", "users", "--since", "2024-01-01", "--requests-per-minute", "0"],
      /--requests-per-minute must be a whole number, 1 or more/,
    ],
    [
      ["export", "users", "--since", "2024-01-01", "--out", "same.json", "--checkpoint", "same.json"],
      /name the same file/,
    ],
  ])("%j", async (args, message) => {
    const { status, stderr } = await zenfetch([...args, "--base-url", NOWHERE]);
    expect(stderr).toMatch(message);
    expect(status).toBe(2);
  });

  it("names the variables to set when there are no credentials", async () => {
    const { status, stderr } = await zenfetch(["export", "users", "--since", "2024-01-01", "--base-url", NOWHERE], {
      ZENDESK_API_TOKEN: "",
      ZENDESK_EMAIL: "",
    });
    expect(status).toBe(2);
    expect(stderr).toContain("ZENDESK_OAUTH_TOKEN");
  });

  it("refuses a --base-url the client cannot use", async () => {
    const { status, stderr } = await zenfetch(["export", "users", "--since", "2024-01-01", "--base-url", "ftp://x"]);
    expect(status).toBe(2);
    expect(stderr).toMatch(/baseUrl/);
  });

  it("needs --since when the checkpoint file does not exist yet", async () => {
    const { status, stderr } = await zenfetch([
      "export",
      "users",
      "--checkpoint",
      file("new.json"),
      "--base-url",
      NOWHERE,
    ]);
    expect(status).toBe(2);
    expect(stderr).toContain("does not exist yet: pass --since <date>");
  });
});

describe("zenfetch export: the checkpoint file", () => {
  it("refuses one that is not JSON, of another version, or of another stream, saying what to do", async () => {
    const cases: [string, string, RegExp][] = [
      ["garbage.json", "{not json", /is not one zenfetch export wrote \(it is not JSON\).*delete this one/],
      ["empty.json", "", /it is not JSON/],
      ["v2.json", JSON.stringify(saved({ version: 2 as 1 })), /version 2; this zenfetch reads version 1/],
      [
        "nocheckpoint.json",
        JSON.stringify({ ...saved(), checkpoint: 5 }),
        /"checkpoint" is not a cursor or time position/,
      ],
      ["users.json", JSON.stringify(saved({ stream: "users" })), /belongs to an export of users, not tickets/],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(file(name), text);
      const { status, stderr } = await zenfetch([
        "export",
        "tickets",
        "--checkpoint",
        file(name),
        "--base-url",
        NOWHERE,
      ]);
      expect(stderr).toMatch(message);
      expect(status).toBe(2);
    }
  });

  it("refuses a position the export cannot take", async () => {
    const organizations = saved({ stream: "organizations", checkpoint: { type: "cursor", cursor: "abc" } });
    writeFileSync(file("orgs.json"), JSON.stringify(organizations));
    const { status, stderr } = await zenfetch([
      "export",
      "organizations",
      "--checkpoint",
      file("orgs.json"),
      "--base-url",
      NOWHERE,
    ]);
    expect(stderr).toMatch(/cannot be resumed from: .*time-based/);
    expect(status).toBe(2);
  });

  it("refuses to resume into an output file shorter than the checkpoint says was written", async () => {
    writeFileSync(file("short.json"), JSON.stringify(saved({ outBytes: 1_000 })));
    writeFileSync(file("short.ndjson"), '{"id":1}\n');
    const args = ["export", "tickets", "--checkpoint", file("short.json"), "--base-url", NOWHERE];
    const { status, stderr } = await zenfetch([...args, "--out", file("short.ndjson")]);
    expect(stderr).toMatch(/holds 9 bytes, fewer than the 1000 the checkpoint file/);
    expect(stderr).not.toContain("esuming");
    expect(status).toBe(2);
    expect(readFileSync(file("short.ndjson"), "utf8")).toBe('{"id":1}\n');

    const missing = await zenfetch([...args, "--out", file("missing.ndjson")]);
    expect(missing.stderr).toContain("holds 0 bytes");
    expect(missing.status).toBe(2);
  });

  it("reads nothing when the file is absent, and reads back what it wrote", async () => {
    expect(await readCheckpointFile(file("absent.json"), "tickets")).toBeUndefined();
    const data = saved({ outBytes: 42 });
    await writeCheckpointFile(file("round.json"), data);
    expect(await readCheckpointFile(file("round.json"), "tickets")).toEqual(data);
  });

  it("replaces the file whole, leaving no temporary file beside it", async () => {
    const folder = mkdtempSync(path.join(dir, "atomic-"));
    const target = path.join(folder, "c.json");
    await writeCheckpointFile(target, saved({ records: 1 }));
    await writeCheckpointFile(target, saved({ records: 2 }));
    expect(readdirSync(folder)).toEqual(["c.json"]);
    expect(JSON.parse(readFileSync(target, "utf8"))).toMatchObject({ records: 2 });
  });

  it("fails with a UsageError, not a crash, when the path is a folder", async () => {
    await expect(readCheckpointFile(dir, "tickets")).rejects.toBeInstanceOf(UsageError);
  });
});

describe("parseSince", () => {
  it.each([
    ["2024-01-01", "2024-01-01T00:00:00.000Z"],
    ["2024-01-01T08:30:00Z", "2024-01-01T08:30:00.000Z"],
    ["2024-01-01T08:30", "2024-01-01T08:30:00.000Z"],
    ["2024-01-01 08:30:15", "2024-01-01T08:30:15.000Z"],
    ["2024-01-01T08:30:00+02:00", "2024-01-01T06:30:00.000Z"],
    ["1704067200", "2024-01-01T00:00:00.000Z"],
    ["0", "1970-01-01T00:00:00.000Z"],
  ])("reads %s as %s (UTC unless an offset is given)", (text, iso) => {
    expect(parseSince(text).toISOString()).toBe(iso);
  });

  it.each(["", "yesterday", "2024-13-45", "01/02/2024", "-5", "1.5"])("refuses %j", (text) => {
    expect(() => parseSince(text)).toThrow(UsageError);
  });
});

describe("TimedLimiter", () => {
  it("counts the time requests wait in acquire, overlapping waits once, and passes the rest through", async () => {
    let now = 0;
    const releases: (() => void)[] = [];
    const calls: string[] = [];
    const inner: Limiter = {
      acquire: () => new Promise<void>((resolve) => releases.push(resolve)),
      tryAcquire: () => false,
      pause: (ms) => calls.push(`pause ${ms}`),
      settle: (outcome) => calls.push(`settle ${outcome.status}`),
    };
    const limiter = new TimedLimiter(inner, () => now);
    expect(limiter.tryAcquire()).toBe(false);

    const first = limiter.acquire();
    now = 100;
    const second = limiter.acquire();
    now = 300;
    expect(limiter.waitedMs).toBe(300);
    releases.shift()?.();
    await first;
    now = 500;
    releases.shift()?.();
    await second;
    expect(limiter.waitedMs).toBe(500);

    now = 2_000;
    limiter.pause(1_000);
    limiter.settle({ status: 429 });
    expect(calls).toEqual(["pause 1000", "settle 429"]);
    expect(limiter.waitedMs).toBe(500);
  });
});
