// Shared helpers of the packaging checks: the published packages, packing them as pnpm publishes them,
// running commands with a clean environment, and measuring bundles.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { parse } from "yaml";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(/\/$/, "");

/** Every published package (each folder under packages/), in dependency order: core, then the domains. */
export const PACKAGES: readonly { name: string; dir: string }[] = readdirSync(path.join(ROOT, "packages"))
  .filter((dir) => existsSync(path.join(ROOT, "packages", dir, "package.json")))
  .sort((a, b) => (a === "core" ? -1 : b === "core" ? 1 : a < b ? -1 : 1))
  .map((dir) => ({
    name: (JSON.parse(readFileSync(path.join(ROOT, "packages", dir, "package.json"), "utf8")) as { name: string }).name,
    dir: `packages/${dir}`,
  }));

/** A version range from the `catalog:` of pnpm-workspace.yaml. */
export function catalogVersion(name: string): string {
  const workspace = parse(readFileSync(path.join(ROOT, "pnpm-workspace.yaml"), "utf8")) as {
    catalog?: Record<string, string>;
  };
  const version = workspace.catalog?.[name];
  if (!version) throw new Error(`${name} has no entry in the catalog of pnpm-workspace.yaml`);
  return version;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Resolve with the result instead of throwing when the exit code is not 0. */
  allowFailure?: boolean;
  timeoutMs?: number;
}

/** Runs a command without a shell, capturing its output; throws with both streams when it fails. */
export function run(command: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? cleanEnv(), stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started };
      if (result.code !== 0 && !options.allowFailure) {
        reject(
          new Error(
            `\`${[command, ...args].join(" ")}\` in ${options.cwd} exited with ${signal ?? code}\n` +
              `--- stdout\n${stdout}\n--- stderr\n${stderr}`,
          ),
        );
      } else {
        resolve(result);
      }
    });
  });
}

/**
 * The environment for a child that must behave as on a user's machine: no npm_/pnpm_ settings inherited from
 * the `pnpm test` that started us, no NODE_OPTIONS or NODE_PATH, nothing of the workspace on PATH.
 */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|node_options$|node_path$|vitest|tsx_|init_cwd$)/i.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((entry) => entry && !entry.startsWith(ROOT))
    .join(path.delimiter);
  return { ...env, ...extra };
}

/** How to run pnpm: the one that runs us (`npm_execpath`), else the one on PATH, else the pinned one via npx. */
export function pnpmCommand(): { command: string; args: string[] } {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath)) && existsSync(execPath)) {
    return /\.c?js$/.test(execPath) ? { command: process.execPath, args: [execPath] } : { command: execPath, args: [] };
  }
  const onPath = (process.env.PATH ?? "")
    .split(path.delimiter)
    .some((dir) => dir && existsSync(path.join(dir, "pnpm")));
  if (onPath) return { command: "pnpm", args: [] };
  const { packageManager } = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    packageManager?: string;
  };
  return { command: "npx", args: ["--yes", packageManager ?? "pnpm@10"] };
}

export interface Packed {
  name: string;
  dir: string;
  tarball: string;
}

/**
 * Packs each package with `pnpm pack`, exactly what `pnpm publish` uploads (`workspace:` and `catalog:` ranges
 * rewritten to real ones), into `destination`. Fails when a package has not been built.
 */
export async function packAll(destination: string): Promise<Packed[]> {
  return Promise.all(
    PACKAGES.map(async ({ name, dir }) => {
      const cwd = path.join(ROOT, dir);
      if (!existsSync(path.join(cwd, "dist", "index.js"))) {
        throw new Error(`${name} is not built (${dir}/dist/index.js is missing): run \`pnpm build\` first`);
      }
      return { name, dir: cwd, tarball: await pack(cwd, destination) };
    }),
  );
}

/** `pnpm pack` of one package directory into `destination`; returns the tarball's path. */
export async function pack(dir: string, destination: string): Promise<string> {
  await mkdir(destination, { recursive: true });
  const pnpm = pnpmCommand();
  const result = await run(pnpm.command, [...pnpm.args, "pack", "--pack-destination", destination, "--json"], {
    cwd: dir,
    env: { ...process.env },
  });
  const { filename } = JSON.parse(result.stdout.slice(result.stdout.indexOf("{"))) as { filename: string };
  const tarball = path.isAbsolute(filename) ? filename : path.join(destination, path.basename(filename));
  if (!existsSync(tarball)) throw new Error(`pnpm pack in ${dir} reported ${filename}, which does not exist`);
  return tarball;
}

export function gzipSize(code: string | Uint8Array): number {
  return gzipSync(code, { level: 9 }).length;
}

export function formatBytes(bytes: number): string {
  return bytes < 1000 ? `${bytes} B` : `${(bytes / 1000).toFixed(2)} kB`;
}
