import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parse } from "yaml";
import { checkBundle, type Document, orderComponents, serializeBundle } from "./bundle.js";
import { type ApiTarget, loadConfig, type PipelineConfig } from "./config.js";
import { PipelineError, type Problem } from "./errors.js";
import { collectOperations, renderOperations } from "./operations.js";
import * as redocly from "./redocly.js";
import { generateTypes } from "./types.js";
import { checkUnions, withoutDiscriminators } from "./unions.js";

export interface RunOptions {
  /** Path of redocly.yaml. */
  configPath: string;
  /** Compare with the committed files instead of writing them. */
  check?: boolean;
  /** Only these APIs (names from the config). */
  only?: string[];
  log?: (line: string) => void;
}

export interface RunResult {
  /** Files written (or, with `check`, that would be), relative to the config's folder. */
  changed: string[];
  /** Files in generated folders that no API produces any more. */
  extra: string[];
}

const GENERATED_README = `# Generated code

Everything in this folder is written by \`pnpm generate\` from the specs in
\`specs/\`. Do not edit it: manual changes are overwritten, and \`pnpm test\`
fails when these files differ from what the specs produce.
`;

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)}s`;

async function timed<T>(log: (line: string) => void, label: string, step: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const value = await step();
  log(`  ✓ ${label} (${seconds(start)})`);
  return value;
}

/** Lints, bundles and generates every API of the config; writes or checks the outputs. */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const config = await loadConfig(options.configPath);
  const rel = (file: string) => path.relative(config.cwd, file);
  const apis = options.only?.length ? config.apis.filter((api) => options.only?.includes(api.name)) : config.apis;
  if (options.only?.length && apis.length !== options.only.length) {
    const known = config.apis.map((api) => api.name).join(", ");
    throw new PipelineError(`unknown api in --only: ${options.only.join(", ")} (known: ${known})`);
  }

  const scratch = await mkdtemp(path.join(os.tmpdir(), "zenfetch-codegen-"));
  const outputs = new Map<string, string>();
  try {
    // 1. Lint every root; any error or warning stops the run, all of them reported at once.
    const lintProblems = await timed(log, `lint ${apis.map((api) => api.name).join(", ")}`, async () =>
      (await Promise.all(apis.map((api) => redocly.lint(api.root, config.configPath, config.cwd)))).flat(),
    );
    if (lintProblems.length > 0) {
      const unique = [...new Map(lintProblems.map((p) => [`${p.file}${p.pointer}${p.rule}${p.message}`, p])).values()];
      throw new PipelineError(
        `lint found ${unique.length} problem(s); zero errors and zero warnings are allowed:`,
        unique,
      );
    }

    // 2. Bundle, check and generate, an API at a time in parallel.
    await Promise.all(
      apis.map(async (api) => {
        for (const [file, content] of await buildApi(api, config, scratch, log)) outputs.set(file, content);
      }),
    );
    for (const api of apis) {
      outputs.set(path.join(path.dirname(api.types), "README.md"), GENERATED_README);
      const version = await versionModule(api);
      if (version) outputs.set(path.join(path.dirname(api.types), "version.ts"), version);
      if (api.domain !== undefined) {
        if (!version) {
          throw new PipelineError(
            `api "${api.name}" declares x-zenfetch-domain, but ${rel(path.dirname(api.types))} is not a package's src/generated/ (no package.json two folders up)`,
          );
        }
        outputs.set(path.join(path.dirname(api.types), "domain.ts"), domainModule(api.domain, api.types));
      }
    }

    // 3. Write, or compare with what is committed.
    const changed: string[] = [];
    for (const [file, content] of [...outputs].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const current = await readFile(file, "utf8").catch(() => undefined);
      if (current === content) continue;
      changed.push(rel(file));
      if (!options.check) {
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content);
      }
    }
    const extra = options.only?.length ? [] : await findExtraFiles(config.apis, outputs, rel);
    if (!options.check) {
      for (const file of extra) await rm(path.resolve(config.cwd, file));
    }
    log(`${options.check ? "checked" : "generated"} ${apis.length} api(s) in ${seconds(started)}`);
    return { changed, extra };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function buildApi(
  api: ApiTarget,
  config: PipelineConfig,
  scratch: string,
  log: (line: string) => void,
): Promise<Map<string, string>> {
  const rel = (file: string) => path.relative(config.cwd, file);
  const say = (line: string) => log(line.replace("✓ ", `✓ ${api.name}: `));
  const bundleFile = path.join(scratch, `${api.name}.yaml`);
  await timed(say, "bundle", () => redocly.bundle(api.root, bundleFile, config.configPath, config.cwd));
  const bundled = parse(await readFile(bundleFile, "utf8")) as Document;
  const doc = orderComponents(bundled);

  const problems: Problem[] = [...checkBundle(doc, rel(api.bundle))];
  const { operations, includes, problems: extensionProblems } = collectOperations(doc, rel(api.bundle));
  problems.push(...extensionProblems);
  problems.push(...checkUnions(doc, rel(api.bundle)));
  if (problems.length > 0) {
    throw new PipelineError(`${api.name}: the bundle of ${rel(api.root)} is not usable:`, problems);
  }

  const header = `# Generated by \`pnpm generate\` from ${rel(api.root)} and the specs it refers to. Do not edit.`;
  // The checked unions narrow by their variants' own values; openapi-typescript's discriminator handling would
  // only overwrite them (see unions.ts), so it gets the bundle without the keyword.
  const types = await timed(say, "types", () => generateTypes(withoutDiscriminators(doc), rel(api.bundle)));
  return new Map([
    [api.bundle, serializeBundle(doc, header)],
    [api.types, types],
    [api.operations, renderOperations(operations, rel(api.bundle), includes)],
  ]);
}

/**
 * The package's name and version as a module, for the User-Agent, when the generated folder is a package's
 * `src/generated/`. `changeset version` bumps package.json; `pnpm generate` then brings this file in line, and
 * `pnpm generate --check` fails while it is not.
 */
export async function versionModule(api: Pick<ApiTarget, "types">): Promise<string | undefined> {
  const manifest = path.resolve(path.dirname(api.types), "..", "..", "package.json");
  const text = await readFile(manifest, "utf8").catch(() => undefined);
  if (text === undefined) return undefined;
  const { name, version } = JSON.parse(text) as { name?: unknown; version?: unknown };
  if (typeof name !== "string" || typeof version !== "string") {
    throw new PipelineError(`${manifest}: package.json needs a string \`name\` and \`version\``);
  }
  return `// Generated by \`pnpm generate\` from package.json. Do not edit: \`pnpm version-packages\` bumps the version and regenerates.

/** This package's name, as published. */
export const PACKAGE_NAME = ${JSON.stringify(name)};
/** This package's version, sent in the User-Agent. */
export const VERSION = ${JSON.stringify(version)};
`;
}

/** The package's domain descriptor: what `createZendeskClient({ domains: [...] })` and the package's factory take. */
function domainModule(name: string, types: string): string {
  const schema = `./${path.basename(types).replace(/\.ts$/, ".js")}`;
  return `// Generated by \`pnpm generate\` from redocly.yaml (x-zenfetch-domain) and the spec. Do not edit.
import { defineDomain } from "@zenfetch/core";
import { type includes, operations } from "./operations.js";
import type { paths } from "${schema}";
import { PACKAGE_NAME, VERSION } from "./version.js";

/**
 * This package's operations, paths, include map and release as one value: pass it to core's
 * \`createZendeskClient({ domains: [...] })\` to share one client with other domains.
 */
export const domain = defineDomain<paths, typeof includes>()({
  name: ${JSON.stringify(name)},
  package: PACKAGE_NAME,
  version: VERSION,
  operations,
});
`;
}

/** Files left in the generated folders (and beside the bundles) that no API writes any more. */
async function findExtraFiles(
  apis: ApiTarget[],
  outputs: Map<string, string>,
  rel: (file: string) => string,
): Promise<string[]> {
  const folders = new Set(apis.flatMap((api) => [path.dirname(api.types), path.dirname(api.bundle)]));
  const extra: string[] = [];
  for (const folder of folders) {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(folder, name);
      if (!outputs.has(file)) extra.push(rel(file));
    }
  }
  return extra.sort();
}
