// `pnpm size`: the size budget. Bundles fixtures/size-entry.ts (one tickets client, one GET) from the built
// packages (`dist/`, through each package's `exports`, as a user's bundler sees them) with esbuild for the
// browser, minified, and gzips it (level 9). Prints the size, what each package adds, and the biggest files;
// exits 1 when the gzipped size is over the budget.
// Usage: tsx test/packaging/size.ts [--budget BYTES] [--json]
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { formatBytes, gzipSize, PACKAGES, ROOT } from "./lib.js";

/** 12 KB, minified and gzipped. */
export const BUDGET_BYTES = 12 * 1024;
export const ENTRY = path.join(ROOT, "test/packaging/fixtures/size-entry.ts");

export interface SizeReport {
  minified: number;
  gzipped: number;
  /**
   * Per package: minified bytes in the bundle, the gzipped bytes in proportion, and for a third-party package
   * (a leaf: nothing else comes in through it) how much smaller the gzipped bundle is without it.
   */
  packages: { name: string; minified: number; gzippedEstimate: number; gzippedWithout?: number }[];
  /** The biggest input files, minified bytes in the bundle. */
  files: { file: string; minified: number }[];
}

/** Bundles `entry` for the browser, minified; `external` packages are left out. */
export async function bundle(
  entry: string,
  external: string[] = [],
): Promise<{ code: Uint8Array; metafile: Metafile }> {
  for (const { name, dir } of PACKAGES) {
    if (!existsSync(path.join(ROOT, dir, "dist/index.js"))) {
      throw new Error(`${name} is not built (${dir}/dist/index.js is missing): run \`pnpm build\` first`);
    }
  }
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    metafile: true,
    external,
    logLevel: "silent",
    // Resolve @zenfetch/* through node_modules and their `exports` (dist/), never through the workspace
    // tsconfig's `paths` to the sources.
    tsconfigRaw: "{}",
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild wrote nothing for ${entry}`);
  return { code: output.contents, metafile: result.metafile };
}

/** The package an input file of the bundle belongs to. */
function owner(input: string): string {
  const fromNodeModules = input.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//);
  if (fromNodeModules?.[1]) return fromNodeModules[1];
  const workspacePackage = PACKAGES.find(({ dir }) => input.startsWith(`${dir}/`));
  return workspacePackage?.name ?? input;
}

export async function measure(entry = ENTRY): Promise<SizeReport> {
  const { code, metafile } = await bundle(entry);
  const gzipped = gzipSize(code);
  const inputs = Object.entries(Object.values(metafile.outputs)[0]?.inputs ?? {});
  for (const [file] of inputs) {
    if (/\/src\/[^/]+\.ts$/.test(file) && file.startsWith("packages/")) {
      throw new Error(`${file} was bundled: the budget must measure dist/, not the sources`);
    }
  }
  const perPackage = new Map<string, number>();
  for (const [file, { bytesInOutput }] of inputs) {
    perPackage.set(owner(file), (perPackage.get(owner(file)) ?? 0) + bytesInOutput);
  }
  const inBundle = [...perPackage.values()].reduce((sum, bytes) => sum + bytes, 0);
  const packages = await Promise.all(
    [...perPackage.entries()]
      .filter(([name]) => !name.endsWith(".ts"))
      .map(async ([name, minified]) => {
        const gzippedEstimate = Math.round((gzipped * minified) / inBundle);
        if (name.startsWith("@zenfetch/")) return { name, minified, gzippedEstimate };
        const without = await bundle(entry, [name]);
        return { name, minified, gzippedEstimate, gzippedWithout: gzipped - gzipSize(without.code) };
      }),
  );
  packages.sort((a, b) => b.minified - a.minified);
  const files = inputs
    .map(([file, { bytesInOutput }]) => ({
      file: file.replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, ""),
      minified: bytesInOutput,
    }))
    .sort((a, b) => b.minified - a.minified)
    .slice(0, 12);
  return { minified: code.length, gzipped, packages, files };
}

async function main(argv: string[]): Promise<number> {
  const budgetIndex = argv.indexOf("--budget");
  const budget = budgetIndex >= 0 ? Number(argv[budgetIndex + 1]) : BUDGET_BYTES;
  if (!Number.isFinite(budget) || budget <= 0) throw new Error(`--budget needs a number of bytes`);
  const report = await measure();
  if (argv.includes("--json")) {
    console.log(JSON.stringify({ ...report, budget }, null, 2));
  } else {
    console.log(`createTicketsClient + one GET (${path.relative(ROOT, ENTRY)}), esbuild --minify, gzip -9:`);
    console.log(`  ${formatBytes(report.minified)} minified, ${report.gzipped} B gzipped (budget ${budget} B)`);
    console.log("  by package: minified bytes in the bundle, ~gzipped (pro rata), gzipped saved without it:");
    for (const { name, minified, gzippedEstimate, gzippedWithout } of report.packages) {
      const without = gzippedWithout === undefined ? "" : `  ${String(gzippedWithout).padStart(6)} B`;
      console.log(
        `    ${name.padEnd(26)} ${String(minified).padStart(7)} B  ~${String(gzippedEstimate).padStart(6)} B${without}`,
      );
    }
    console.log("  biggest files (minified in bundle):");
    for (const { file, minified } of report.files) console.log(`    ${String(minified).padStart(7)} B  ${file}`);
  }
  if (report.gzipped > budget) {
    console.error(
      `size: FAIL, ${report.gzipped} B gzipped is over the budget of ${budget} B by ${report.gzipped - budget} B`,
    );
    return 1;
  }
  console.log(`size: ok, ${report.gzipped} B gzipped, within the budget of ${budget} B`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
