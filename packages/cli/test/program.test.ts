import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { type CommandIO, EXIT, run } from "../src/index.js";

/** A CommandIO whose streams are collected as text. */
function fakeIO(env: Record<string, string> = {}): CommandIO & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = "";
  let err = "";
  stdout.on("data", (chunk) => {
    out += String(chunk);
  });
  stderr.on("data", (chunk) => {
    err += String(chunk);
  });
  return { env, stdout, stderr, signal: new AbortController().signal, out: () => out, err: () => err };
}

describe("zenfetch", () => {
  it("prints its package's version", async () => {
    const io = fakeIO();
    expect(await run(["--version"], io)).toBe(EXIT.ok);
    const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
    expect(io.out().trim()).toBe(version);
  });

  it("lists both commands in its help, on stdout, with exit 0", async () => {
    const io = fakeIO();
    expect(await run(["--help"], io)).toBe(EXIT.ok);
    expect(io.out()).toMatch(/typegen/);
    expect(io.out()).toMatch(/export \[options\] <stream>/);
  });

  it("answers an unknown command with exit 2 and a pointer to the help", async () => {
    const io = fakeIO();
    expect(await run(["exprot"], io)).toBe(EXIT.usage);
    expect(io.err()).toMatch(/unknown command 'exprot'/);
    expect(io.err()).toMatch(/zenfetch --help/);
    expect(io.out()).toBe("");
  });

  it("answers a missing argument with exit 2, naming it", async () => {
    const io = fakeIO();
    expect(await run(["export"], io)).toBe(EXIT.usage);
    expect(io.err()).toMatch(/missing required argument 'stream'/);
  });

  it("answers an unknown option with exit 2, naming it", async () => {
    const io = fakeIO();
    expect(await run(["typegen", "--chek"], io)).toBe(EXIT.usage);
    expect(io.err()).toMatch(/unknown option '--chek'/);
  });
});
