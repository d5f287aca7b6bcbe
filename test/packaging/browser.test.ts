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
async function serve(
  files: Record<string, { type: string; body: string | Uint8Array }>,
  served: string[],
): Promise<Server> {
  const server = createServer((request, response) => {
    const name = new URL(request.url ?? "/", "http://localhost").pathname.slice(1) || "index.html";
    served.push(name);
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
  let initialJs: Uint8Array[];
  let lazyJs: Uint8Array[];
  const served: string[] = [];

  beforeAll(async () => {
    const [built, html, simulator] = await Promise.all([
      bundle(path.join(FIXTURES, "page.ts")),
      readFile(path.join(FIXTURES, "index.html"), "utf8"),
      startSimulator({ cors: true, seed: { tickets: 50 } }),
    ]);
    sim = simulator;
    initialJs = built.initial.map((chunk) => chunk.code);
    lazyJs = built.lazy.map((chunk) => chunk.code);
    const bundled = Object.keys(built.metafile.inputs);
    expect(bundled.some((file) => file.startsWith("packages/tickets/dist/"))).toBe(true);
    expect(bundled.some((file) => file.startsWith("packages/core/dist/"))).toBe(true);
    server = await serve(
      {
        "index.html": { type: "text/html; charset=utf-8", body: html },
        // Every chunk, by name, as a static host serves a split build.
        ...Object.fromEntries(
          [...built.initial, ...built.lazy].map((chunk) => [
            path.basename(chunk.file),
            { type: "text/javascript; charset=utf-8", body: chunk.code },
          ]),
        ),
      },
      served,
    );
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
    expect({ state, statusText, problems }).toEqual({
      state: "done",
      statusText: "10 tickets, 50 in all",
      problems: [],
    });
    // paginate's page requests came in a chunk of their own, fetched when first needed.
    expect(served.some((name) => name.startsWith("page-stream-"))).toBe(true);
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
    const sizes = (chunks: Uint8Array[]) => ({
      minified: chunks.reduce((sum, c) => sum + c.length, 0),
      gzipped: chunks.reduce((sum, c) => sum + gzipSize(c), 0),
    });
    const [first, later] = [sizes(initialJs), sizes(lazyJs)];
    console.log(
      `browser page JS (esbuild --minify --splitting, gzip -9 per file): ${first.minified} B minified, ${first.gzipped} B gzipped at load; ${later.minified} B minified, ${later.gzipped} B gzipped loaded on first use`,
    );
    expect(first.gzipped).toBeGreaterThan(0);
    expect(later.gzipped).toBeGreaterThan(0);
  });
});
