// Finds the Chromium that the browser check drives (Debian's `chromium` package). In CI (CI=true) as root it
// installs it when missing, and never lets the check skip; elsewhere a missing Chromium skips the check loudly.
import { existsSync } from "node:fs";
import { run } from "./lib.js";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const INSTALL_HINT =
  "install it with `sudo apt-get update && sudo apt-get install -y chromium` (Debian/Ubuntu), " +
  "or set CHROMIUM_PATH to a Chromium or Chrome binary";

const inCi = process.env.CI === "true" || process.env.CI === "1";

/** The Chromium executable, or undefined when it is missing outside CI (the caller skips, loudly). */
export async function ensureChromium(): Promise<string | undefined> {
  if (existsSync(CHROMIUM_PATH)) return CHROMIUM_PATH;
  if (!inCi) return undefined;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `CI=true, Chromium is missing at ${CHROMIUM_PATH} and we are not root to install it: ${INSTALL_HINT}`,
    );
  }
  console.log(`Chromium is missing at ${CHROMIUM_PATH}: apt-get install -y chromium (CI=true, root)`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  await run("apt-get", ["update"], { cwd: "/", env, timeoutMs: 300_000 });
  await run("apt-get", ["install", "-y", "chromium"], { cwd: "/", env, timeoutMs: 600_000 });
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`apt-get installed chromium but ${CHROMIUM_PATH} does not exist`);
  return CHROMIUM_PATH;
}

export function warnSkipped(what: string): void {
  const line = "!".repeat(100);
  console.warn(
    `\n${line}\n!! SKIPPED: ${what}\n!! Chromium was not found at ${CHROMIUM_PATH}: ${INSTALL_HINT}.\n` +
      `!! In CI (CI=true) this check installs Chromium or fails; it never skips there.\n${line}\n`,
  );
}
