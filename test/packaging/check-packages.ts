// `pnpm check:packages`: lints each package as npm will publish it. Each package is packed with `pnpm pack`
// (what `pnpm publish` uploads), then the tarball is checked by
//   - publint, strict, at the suggestion level: any message at all fails;
//   - @arethetypeswrong/cli with the esm-only profile (the packages are ESM-only; CommonJS callers use
//     Node's require(esm)): any problem in the node16-from-ESM or bundler resolutions fails;
//   - our own rules: no `workspace:`/`catalog:` range left, internal ranges match the workspace versions,
//     the entry points, LICENSE and package.json are in, no sources, tests or build info are.
// Usage: tsx test/packaging/check-packages.ts [package-dir...] (default: every published package).
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import { PACKAGES, pack, ROOT, run } from "./lib.js";

const require = createRequire(import.meta.url);

function attwBin(): string {
  const manifestPath = require.resolve("@arethetypeswrong/cli/package.json");
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { bin: { attw: string } };
  return path.join(path.dirname(manifestPath), manifest.bin.attw);
}

export interface PackageReport {
  name: string;
  tarball: string;
  problems: string[];
  ms: number;
}

type Manifest = Record<string, unknown> & {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};

/** The versions of the workspace's own packages, for checking internal ranges. */
async function workspaceVersions(): Promise<Map<string, string>> {
  const versions = new Map<string, string>();
  for (const { name, dir } of PACKAGES) {
    const manifest = JSON.parse(await readFile(path.join(ROOT, dir, "package.json"), "utf8")) as Manifest;
    versions.set(name, String(manifest.version));
  }
  return versions;
}

function satisfiesSimple(range: string, version: string): boolean {
  // The ranges pnpm writes for `workspace:^` / `workspace:~` / `workspace:*`: ^V, ~V or V.
  const bare = range.replace(/^[\^~]/, "");
  return bare === version;
}

async function ownRules(
  pkg: Manifest,
  files: string[],
  versions: Map<string, string>,
  expectedDir: string | undefined,
): Promise<string[]> {
  const problems: string[] = [];
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"] as const) {
    for (const [dep, range] of Object.entries(pkg[field] ?? {})) {
      if (/^(workspace|catalog|link|file):/.test(range)) {
        problems.push(`${field}.${dep} is "${range}" in the tarball: a range npm cannot install`);
      }
      const own = versions.get(dep);
      if (own !== undefined && !satisfiesSimple(range, own)) {
        problems.push(`${field}.${dep} is "${range}" but the workspace has ${dep}@${own}`);
      }
    }
  }
  for (const required of ["package.json", "LICENSE", "dist/index.js", "dist/index.d.ts"]) {
    if (!files.includes(required)) problems.push(`${required} is not in the tarball`);
  }
  for (const file of files) {
    if (/^(src|test)\//.test(file) || /\.(test|test-d)\.[cm]?[jt]s$/.test(file) || file.endsWith(".tsbuildinfo")) {
      problems.push(`${file} is in the tarball: publish only dist/, README.md, CHANGELOG.md and LICENSE`);
    }
  }
  if (pkg.license !== "MIT") problems.push(`license is ${JSON.stringify(pkg.license)}, not "MIT"`);
  if (pkg.sideEffects !== false) problems.push("sideEffects is not false");
  if (pkg.type !== "module") problems.push('type is not "module"');
  const engines = pkg.engines as { node?: string } | undefined;
  if (engines?.node !== ">=20.19.0") {
    problems.push(`engines.node is ${JSON.stringify(engines?.node)}: require(esm) needs ">=20.19.0"`);
  }
  const publishConfig = pkg.publishConfig as { access?: string } | undefined;
  if (publishConfig?.access !== "public") problems.push('publishConfig.access is not "public"');
  const repository = pkg.repository as { type?: string; url?: string; directory?: string } | undefined;
  if (expectedDir !== undefined) {
    if (repository?.url !== "git+https://github.com/zenfetch/zenfetch.git" || repository.directory !== expectedDir) {
      problems.push(`repository is ${JSON.stringify(repository)}, expected the monorepo with directory ${expectedDir}`);
    }
  }
  return problems;
}

/** Packs and checks one package directory. `tarballDir` receives the tarball. */
export async function checkPackage(dir: string, tarballDir: string): Promise<PackageReport> {
  const started = Date.now();
  const tarball = await pack(dir, tarballDir);
  const problems: string[] = [];

  const bytes = await readFile(tarball);
  const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const { messages, pkg } = await publint({ pack: { tarball: arrayBuffer }, level: "suggestion", strict: true });
  for (const message of messages) {
    problems.push(`publint ${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false }) ?? ""}`);
  }

  const attw = await run(
    process.execPath,
    [attwBin(), tarball, "--profile", "esm-only", "--format", "ascii", "--no-color", "--no-emoji"],
    { cwd: dir, env: { ...process.env, FORCE_COLOR: "0" }, allowFailure: true },
  );
  if (attw.code !== 0) {
    problems.push(`@arethetypeswrong/cli --profile esm-only exited with ${attw.code}:\n${attw.stdout}${attw.stderr}`);
  }

  const list = await run("tar", ["-tzf", tarball], { cwd: dir, env: process.env });
  const files = list.stdout
    .split("\n")
    .filter(Boolean)
    .map((file) => file.replace(/^package\//, ""));
  const relative = path.relative(ROOT, dir);
  const expectedDir = relative.startsWith("packages/") ? relative : undefined;
  problems.push(...(await ownRules(pkg as Manifest, files, await workspaceVersions(), expectedDir)));

  return { name: String(pkg.name), tarball, problems, ms: Date.now() - started };
}

async function main(argv: string[]): Promise<number> {
  const dirs = argv.length > 0 ? argv.map((dir) => path.resolve(dir)) : PACKAGES.map((p) => path.join(ROOT, p.dir));
  const tarballDir = await mkdtemp(path.join(os.tmpdir(), "zenfetch-check-packages-"));
  try {
    const reports = await Promise.all(dirs.map((dir) => checkPackage(dir, tarballDir)));
    let failed = 0;
    for (const report of reports) {
      if (report.problems.length === 0) {
        console.log(`ok   ${report.name}: publint (strict), attw (esm-only), contents (${report.ms} ms)`);
      } else {
        failed++;
        console.error(`FAIL ${report.name}:`);
        for (const problem of report.problems) console.error(`  - ${problem.replace(/\n/g, "\n    ")}`);
      }
    }
    console.log(failed === 0 ? `${reports.length} packages ready to publish` : `${failed} package(s) not ready`);
    return failed === 0 ? 0 : 1;
  } finally {
    await rm(tarballDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
