// `pnpm size`: the size budget. Bundles fixtures/size-entry.ts (one tickets client, one GET) from the built
// packages (`dist/`, through each package's `exports`, as a user's bundler sees them) with esbuild for the
// browser, minified, with code splitting, and gzips (level 9) the code the page loads at start: the entry
// and every chunk it imports statically, as one file. What sits behind an `import()` (paginate's page
// requests, job polling, the bulk helpers) is loaded on first use and listed apart. Prints the size, what
// each package adds, and the biggest files; exits 1 when the gzipped size is over the budget.
// Usage: tsx test/packaging/size.ts [--budget BYTES] [--json]
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Metafile } from "esbuild";
import { formatBytes, gzipSize, PACKAGES, ROOT } from "./lib.js";

/**
 * 12 KB, minified and gzipped, plus what the tickets client carries at start for features whose code loads on
 * first use: 103 B for non-JSON bodies' hook and `uploadFiles`, 200 B for the hooks of the lifecycle and records
 * helpers (restore, recover, createWithFiles, downloadAttachment…), 400 B for the runtime metadata (paging, bulk,
 * budgets) of the 40 operations they brought, 100 B for writing `name[]` query lists repeated, and 330 B for
 * the limiter's part in pacing by the rate-limit headers (the transport telling the limiter of every answer,
 * endpoint windows that count a request from its answer, and the hook that loads the header pacing), and 40 B
 * for the paging metadata of the tickets list added with the monitored X handles.
 */
export const BUDGET_BYTES = 12 * 1024 + 103 + 200 + 400 + 100 + 330 + 40;
export const ENTRY = path.join(ROOT, "test/packaging/fixtures/size-entry.ts");

export interface SizeReport {
  /** The startup code (entry and its static imports), minified. */
  minified: number;
  /** The same, gzipped as one file: what the budget holds. */
  gzipped: number;
  /** The same files gzipped one by one, as esbuild splits them. */
  gzippedPerFile: { files: number; bytes: number };
  /**
   * Per package: minified bytes in the bundle, the gzipped bytes in proportion, and for a third-party package
   * (a leaf: nothing else comes in through it) how much smaller the gzipped bundle is without it.
   */
  packages: { name: string; minified: number; gzippedEstimate: number; gzippedWithout?: number }[];
  /** The biggest input files, minified bytes in the bundle. */
  files: { file: string; minified: number }[];
  /** Chunks loaded only on first use (behind `import()`): not in `gzipped`, listed for the record. */
  lazy: { gzipped: number; minified: number; files: string[] }[];
}

/** One output file of the bundle. */
interface Chunk {
  file: string;
  code: Uint8Array;
  inputs: Record<string, { bytesInOutput: number }>;
}

/**
 * Bundles `entry` for the browser, minified, with code splitting on, as an app's bundler would: what the
 * entry loads at once (`initial`: its chunk and every chunk it imports statically) and what stays behind
 * an `import()` until first used (`lazy`). `external` packages are left out.
 */
export async function bundle(
  entry: string,
  external: string[] = [],
): Promise<{ initial: Chunk[]; lazy: Chunk[]; metafile: Metafile }> {
  for (const { name, dir } of PACKAGES) {
    if (!existsSync(path.join(ROOT, dir, "dist/index.js"))) {
      throw new Error(`${name} is not built (${dir}/dist/index.js is missing): run \`pnpm build\` first`);
    }
  }
  const result = await build({
    entryPoints: [entry],
    absWorkingDir: ROOT,
    bundle: true,
    splitting: true,
    outdir: "size-out",
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
  const outputs = result.metafile.outputs;
  const chunk = (file: string): Chunk => {
    const output = result.outputFiles.find((o) => path.relative(ROOT, o.path) === file);
    if (!output) throw new Error(`esbuild wrote no ${file}`);
    return { file, code: output.contents, inputs: outputs[file]?.inputs ?? {} };
  };
  // The entry's own output: a chunk loaded with import() has an entryPoint too (its module).
  const entryPoint = path.relative(ROOT, entry).split(path.sep).join("/");
  const entryFile = Object.keys(outputs).find((file) => outputs[file]?.entryPoint === entryPoint);
  if (!entryFile) throw new Error(`esbuild wrote nothing for ${entry}`);
  const initial = new Set<string>();
  const visit = (file: string) => {
    if (initial.has(file)) return;
    initial.add(file);
    for (const { path: imported, kind } of outputs[file]?.imports ?? []) {
      if (kind === "import-statement" && imported in outputs) visit(imported);
    }
  };
  visit(entryFile);
  const lazy = Object.keys(outputs).filter((file) => !initial.has(file) && file.endsWith(".js"));
  return { initial: [...initial].map(chunk), lazy: lazy.map(chunk), metafile: result.metafile };
}

/** The startup code as one file, gzipped: what the budget holds. */
const gzippedTogether = (chunks: Chunk[]) => gzipSize(Buffer.concat(chunks.map((c) => c.code)));
/** The same files gzipped one by one, as a static host serves esbuild's split output: printed for the record. */
const gzippedEach = (chunks: Chunk[]) => chunks.reduce((sum, c) => sum + gzipSize(c.code), 0);

/** The package an input file of the bundle belongs to. */
function owner(input: string): string {
  const fromNodeModules = input.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//);
  if (fromNodeModules?.[1]) return fromNodeModules[1];
  const workspacePackage = PACKAGES.find(({ dir }) => input.startsWith(`${dir}/`));
  return workspacePackage?.name ?? input;
}

const shortName = (file: string) => file.replace(/^node_modules\/\.pnpm\/[^/]+\/node_modules\//, "");

export async function measure(entry = ENTRY): Promise<SizeReport> {
  const { initial, lazy } = await bundle(entry);
  const gzipped = gzippedTogether(initial);
  const inputs = initial.flatMap((c) => Object.entries(c.inputs));
  for (const [file] of [...inputs, ...lazy.flatMap((c) => Object.entries(c.inputs))]) {
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
        return { name, minified, gzippedEstimate, gzippedWithout: gzipped - gzippedTogether(without.initial) };
      }),
  );
  packages.sort((a, b) => b.minified - a.minified);
  const files = inputs
    .map(([file, { bytesInOutput }]) => ({ file: shortName(file), minified: bytesInOutput }))
    .sort((a, b) => b.minified - a.minified)
    .slice(0, 12);
  const deferred = lazy.map((c) => ({
    gzipped: gzipSize(c.code),
    minified: c.code.length,
    files: Object.entries(c.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([file]) => shortName(file)),
  }));
  return {
    minified: initial.reduce((sum, c) => sum + c.code.length, 0),
    gzipped,
    gzippedPerFile: { files: initial.length, bytes: gzippedEach(initial) },
    packages,
    files,
    lazy: deferred,
  };
}

async function main(argv: string[]): Promise<number> {
  const budgetIndex = argv.indexOf("--budget");
  const budget = budgetIndex >= 0 ? Number(argv[budgetIndex + 1]) : BUDGET_BYTES;
  if (!Number.isFinite(budget) || budget <= 0) throw new Error(`--budget needs a number of bytes`);
  const report = await measure();
  if (argv.includes("--json")) {
    console.log(JSON.stringify({ ...report, budget }, null, 2));
  } else {
    console.log(
      `createTicketsClient + one GET (${path.relative(ROOT, ENTRY)}), esbuild --minify --splitting, gzip -9:`,
    );
    console.log(
      `  loaded at once: ${formatBytes(report.minified)} minified, ${report.gzipped} B gzipped (budget ${budget} B)`,
    );
    console.log(
      `  (as esbuild's ${report.gzippedPerFile.files} split files, each gzipped on its own: ${report.gzippedPerFile.bytes} B)`,
    );
    console.log("  by package: minified bytes in the bundle, ~gzipped (pro rata), gzipped saved without it:");
    for (const { name, minified, gzippedEstimate, gzippedWithout } of report.packages) {
      const without = gzippedWithout === undefined ? "" : `  ${String(gzippedWithout).padStart(6)} B`;
      console.log(
        `    ${name.padEnd(26)} ${String(minified).padStart(7)} B  ~${String(gzippedEstimate).padStart(6)} B${without}`,
      );
    }
    console.log("  biggest files (minified in bundle):");
    for (const { file, minified } of report.files) console.log(`    ${String(minified).padStart(7)} B  ${file}`);
    console.log("  loaded on first use only, not counted above (gzipped, minified, what):");
    for (const chunk of report.lazy) {
      console.log(
        `    ${String(chunk.gzipped).padStart(7)} B ${String(chunk.minified).padStart(7)} B  ${chunk.files.join(", ")}`,
      );
    }
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
