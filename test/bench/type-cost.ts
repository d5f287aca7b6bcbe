/**
 * What the generated types cost an app's type-check: `tsc --noEmit` (the workspace's TypeScript) on small strict
 * consumer apps made from the built packages (see type-apps.ts) — one domain, every domain, and an app that
 * imports nothing as the baseline — each with and without `skipLibCheck`. Every variant runs in its own
 * process, several times, the variants taking turns; one more run of each with `--extendedDiagnostics` gives
 * the counts (files, types, instantiations), which do not vary from run to run.
 */
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, realpath, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ROOT } from "../packaging/lib.js";
import {
  allDomainsSource,
  assertNothingAbove,
  BASELINE_SOURCE,
  CORE,
  DOMAINS,
  makeApp,
  ONE_DOMAIN_SOURCE,
  TICKETS,
} from "./type-apps.js";

const exec = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");

export type AppName = "baseline" | "one domain" | "all domains";

export interface TscRun {
  ms: number;
  peakRssKb: number;
}

/** The figures `--extendedDiagnostics` prints, by their label (`Files`, `Instantiations`, `Check time`…). */
export type Diagnostics = Record<string, number>;

export interface VariantResult {
  app: AppName;
  skipLibCheck: boolean;
  runs: TscRun[];
  /** Each run's time over the baseline's with the same skipLibCheck in the same round. */
  ratios: number[];
  diagnostics: Diagnostics;
}

export interface TypeCostResult {
  typescript: string;
  node: string;
  reps: number;
  date: string;
  domains: string[];
  variants: VariantResult[];
}

/** `Memory used: 98878K` → 98878 (KB); `Check time: 5.60s` → 5600 (ms); `Files: 158` → 158. */
export function parseDiagnostics(output: string): Diagnostics {
  const figures: Diagnostics = {};
  for (const line of output.split("\n")) {
    const match = /^([A-Za-z][A-Za-z /]*?):\s+([\d.]+)(K|s)?\s*$/.exec(line.trim());
    if (!match) continue;
    const [, label, value, unit] = match as unknown as [string, string, string, string | undefined];
    figures[label] = unit === "s" ? Math.round(Number(value) * 1000) : Number(value);
  }
  return figures;
}

async function tsc(app: string, skipLibCheck: boolean, extra: string[] = []): Promise<TscRun & { output: string }> {
  const args = [path.join(here, "workers", "tsc.mjs"), TSC, "-p", app, "--noEmit", "--skipLibCheck", `${skipLibCheck}`];
  const started = performance.now();
  const { stdout, stderr } = await exec(process.execPath, [...args, ...extra], {
    cwd: app,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    throw new Error(`tsc failed on ${app}:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  });
  const ms = performance.now() - started;
  const line = stderr.split("\n").find((l) => l.startsWith("tsc-worker "));
  const { code, peakRssKb } = JSON.parse(line?.slice("tsc-worker ".length) ?? "{}") as {
    code?: number;
    peakRssKb?: number;
  };
  if (code !== 0 || peakRssKb === undefined) throw new Error(`tsc on ${app} exited with ${code}:\n${stdout}${stderr}`);
  return { ms, peakRssKb, output: stdout };
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export interface MeasureOptions {
  reps?: number;
  log?: (line: string) => void;
}

/** Makes the apps in a temporary folder, type-checks each variant `reps` times, and removes the folder. */
export async function measureTypeCost({ reps = 5, log = () => {} }: MeasureOptions = {}): Promise<TypeCostResult> {
  const temp = await realpath(await mkdtemp(path.join(os.tmpdir(), "zenfetch-type-cost-")));
  try {
    assertNothingAbove(temp);
    const apps: Record<AppName, string> = {
      baseline: path.join(temp, "baseline"),
      "one domain": path.join(temp, "one-domain"),
      "all domains": path.join(temp, "all-domains"),
    };
    await makeApp(apps.baseline, [], BASELINE_SOURCE);
    await makeApp(apps["one domain"], [CORE, TICKETS], ONE_DOMAIN_SOURCE);
    await makeApp(apps["all domains"], [CORE, ...DOMAINS], allDomainsSource());

    const variants: VariantResult[] = [];
    for (const app of Object.keys(apps) as AppName[]) {
      for (const skipLibCheck of [false, true]) {
        log(`tsc --extendedDiagnostics: ${app}, skipLibCheck ${skipLibCheck}`);
        // The first run also warms the file cache and proves the app compiles; its time is not kept.
        const { output } = await tsc(apps[app], skipLibCheck, ["--extendedDiagnostics"]);
        variants.push({ app, skipLibCheck, runs: [], ratios: [], diagnostics: parseDiagnostics(output) });
      }
    }
    for (let round = 0; round < reps; round++) {
      log(`tsc --noEmit, every variant: round ${round + 1}/${reps}`);
      // Each round starts at a different variant, so that none always runs first or last.
      const order = variants.map((_, i) => variants[(i + round) % variants.length] as VariantResult);
      const times = new Map<VariantResult, TscRun>();
      for (const variant of order) {
        const { ms, peakRssKb } = await tsc(apps[variant.app], variant.skipLibCheck);
        times.set(variant, { ms, peakRssKb });
        variant.runs.push({ ms, peakRssKb });
      }
      for (const variant of variants) {
        const base = variants.find((v) => v.app === "baseline" && v.skipLibCheck === variant.skipLibCheck);
        const baseMs = base && times.get(base)?.ms;
        variant.ratios.push((times.get(variant)?.ms ?? Number.NaN) / (baseMs ?? Number.NaN));
      }
    }
    const typescript = (await exec(process.execPath, [TSC, "--version"])).stdout.trim().replace(/^Version /, "");
    return {
      typescript,
      node: process.version,
      reps,
      date: new Date().toISOString(),
      domains: DOMAINS.map((pkg) => pkg.name),
      variants,
    };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}

const thousands = (n: number | undefined) => (n === undefined ? "?" : Math.round(n).toLocaleString("en-US"));

/** The result as a Markdown table and a note under it. */
export function typeCostMarkdown(result: TypeCostResult): string {
  const rows = result.variants.map((v) => {
    const ms = v.runs.map((r) => r.ms);
    const base = result.variants.find((b) => b.app === "baseline" && b.skipLibCheck === v.skipLibCheck);
    const added = median(ms) - median(base?.runs.map((r) => r.ms) ?? []);
    const d = v.diagnostics;
    return [
      v.app,
      v.skipLibCheck ? "true" : "false",
      `${thousands(median(ms))} ms`,
      `${thousands(Math.min(...ms))}–${thousands(Math.max(...ms))} ms`,
      v.app === "baseline" ? "1.00×" : `${median(v.ratios).toFixed(2)}×`,
      v.app === "baseline" ? "—" : `${added >= 0 ? "+" : ""}${thousands(added)} ms`,
      thousands(d.Files),
      thousands(d.Types),
      thousands(d.Instantiations),
      `${thousands(d["Check time"])} ms`,
      `${(median(v.runs.map((r) => r.peakRssKb)) / 1024).toFixed(0)} MB`,
    ];
  });
  const header = [
    "app",
    "skipLibCheck",
    "median",
    "spread (min–max)",
    "× baseline",
    "added",
    "files",
    "types",
    "instantiations",
    "check time",
    "peak RSS",
  ];
  const table = [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");
  const note =
    `\`tsc --noEmit\` (TypeScript ${result.typescript}, Node ${result.node}), ${result.reps} run${result.reps === 1 ? "" : "s"} of each variant; ` +
    `domains: ${result.domains.join(", ")}; ${result.date.slice(0, 10)}; made by \`pnpm bench:types\` (also a part of \`pnpm bench\`). ` +
    "Files, types and instantiations are exact; check time is that of the one `--extendedDiagnostics` run.";
  return `${table}\n\n${note}\n`;
}

/** Writes results/types.md and results/types.json. */
export async function saveTypeCost(result: TypeCostResult): Promise<void> {
  await mkdir(path.join(here, "results"), { recursive: true });
  await writeFile(path.join(here, "results", "types.md"), typeCostMarkdown(result));
  await writeFile(path.join(here, "results", "types.json"), `${JSON.stringify(result, null, 2)}\n`);
}
