// The browser claim, in a real browser: a page using @zenfetch/tickets with OAuth, bundled with esbuild from
// the built packages (dist/, as a user's bundler resolves them), served from a loopback static server, opened
// in headless Chromium (Debian's, driven by playwright-core) against the simulator on another origin with CORS
// on. The page must list the tickets in its DOM. Prints the page's JavaScript size.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { type BrowserContext, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../simulator/index.js";
import { ensureChromium, warnSkipped } from "./chromium.js";
import { gzipSize, ROOT } from "./lib.js";
import { bundle } from "./size.js";

const FIXTURES = path.join(ROOT, "test/packaging/fixtures/browser");
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const executablePath = await ensureChromium();
if (!executablePath) warnSkipped("the browser check (test/packaging/browser.test.ts)");

/** Serves `files` (name → content) on 127.0.0.1. */
async function serve(files: Record<string, { type: string; body: string | Uint8Array }>): Promise<Server> {
  const server = createServer((request, response) => {
    const name = new URL(request.url ?? "/", "http://localhost").pathname.slice(1) || "index.html";
    const file = files[name];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

describe.skipIf(!executablePath)("@zenfetch/tickets in headless Chromium", () => {
  let sim: RunningSimulator;
  let server: Server;
  let context: BrowserContext;
  let userDataDir: string;
  let js: Uint8Array;

  beforeAll(async () => {
    const [built, html, simulator] = await Promise.all([
      bundle(path.join(FIXTURES, "page.ts")),
      readFile(path.join(FIXTURES, "index.html"), "utf8"),
      startSimulator({ cors: true, seed: { tickets: 50 } }),
    ]);
    sim = simulator;
    js = built.code;
    const bundled = Object.keys(Object.values(built.metafile.outputs)[0]?.inputs ?? {});
    expect(bundled.some((file) => file.startsWith("packages/tickets/dist/"))).toBe(true);
    expect(bundled.some((file) => file.startsWith("packages/core/dist/"))).toBe(true);
    server = await serve({
      "index.html": { type: "text/html; charset=utf-8", body: html },
      "page.js": { type: "text/javascript; charset=utf-8", body: js },
    });
    userDataDir = await mkdtemp(path.join(os.tmpdir(), "zenfetch-chromium-"));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: executablePath as string,
      headless: true,
      args: ARGS,
      timeout: 30_000,
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
    await sim?.close();
    if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
  });

  it("lists the tickets with OAuth, across origins", async () => {
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    const pageOrigin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect(pageOrigin).not.toBe(sim.url);
    const query = new URLSearchParams({ api: sim.baseUrl, token: sim.credentials.oauthToken });
    await page.goto(`${pageOrigin}/?${query}`);
    await page.waitForSelector("body[data-state=done], body[data-state=error]", { timeout: 15_000 });

    const state = await page.getAttribute("body", "data-state");
    const statusText = await page.textContent("#status");
    expect({ state, statusText, problems }).toEqual({ state: "done", statusText: "10 tickets", problems: [] });
    const items = await page.$$eval("#tickets li", (lis) =>
      lis.map((li) => ({ id: li.getAttribute("data-id"), text: li.textContent })),
    );
    expect(items.map((item) => item.id)).toEqual(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]);
    const first = sim.state.tickets.get(1) as { subject?: string } | undefined;
    expect(first?.subject).toBeTruthy();
    expect(items[0]?.text).toBe(`#1 ${first?.subject}`);

    // The request went cross-origin with a Bearer token, after a CORS preflight.
    const gets = sim.requests.find("GET", "/api/v2/tickets");
    expect(gets.at(-1)?.headers.authorization).toMatch(/^Bearer\b/);
    expect(gets.at(-1)?.headers.origin).toBe(pageOrigin);
    expect(sim.requests.entries.some((entry) => entry.method === "OPTIONS")).toBe(true);
    await page.close();
  });

  it("prints the page's JavaScript size", () => {
    const gzipped = gzipSize(js);
    console.log(`browser page JS (esbuild --minify, gzip -9): ${js.length} B minified, ${gzipped} B gzipped`);
    expect(gzipped).toBeGreaterThan(0);
  });
});
