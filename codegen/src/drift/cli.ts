import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { PipelineError } from "../errors.js";
import { compareDocuments, type OurBundle } from "./compare.js";
import { DEFAULT_UPSTREAM, DriftError, loadDocument, parseDocument } from "./load.js";
import { changesetStubs, renderJson, renderReport } from "./report.js";

export const usage = `Usage: pnpm spec:drift [--upstream <url or file>] [--changesets] [--uncovered] [--json]
                       [--timeout <seconds>] [--retries <n>] [--config <redocly.yaml>]

Compares Zendesk's published OpenAPI document with our bundles (specs/dist/*.yaml)
and prints, per package, what differs and the semver level each difference implies.
Differences our specs mark with x-zenfetch-deviation are not reported.

  --upstream    Zendesk's document: an http(s) URL or a file path
                (default: ${DEFAULT_UPSTREAM})
  --changesets  write .changeset/drift-<package>.md for each package with drift
  --uncovered   list every operation no package has, not only the counts per tag
  --json        print the report as JSON
  --timeout     seconds to wait for the download, each attempt (default 30)
  --retries     how many times to try a failed download again (default 2)
  --config      the Redocly config naming the bundles (default: ./redocly.yaml)

Exit code: 0 no drift, 1 drift in at least one package, 2 an error (network,
HTTP status, a document that is not OpenAPI 3.x, a bad flag). Operations that
no package covers are listed apart and do not change the exit code.`;

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal: the download progress line is drawn only then. */
  stderrIsTTY: boolean;
  cwd: string;
}

const nodeIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
});

const number = (value: string | undefined, flag: string, min: number): number | undefined => {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed < min) {
    throw new DriftError(`${flag} ${JSON.stringify(value)} is not a number of ${min} or more.`);
  }
  return parsed;
};

/** Reads the bundles the config names, each with its package (`@zenfetch/<folder of its generated types>`). */
export async function loadBundles(configPath: string): Promise<OurBundle[]> {
  const config = await loadConfig(configPath);
  return Promise.all(
    config.apis.map(async (api) => {
      const folder = path.relative(path.join(config.cwd, "packages"), api.types).split(path.sep)[0];
      if (!folder || folder.startsWith("..")) {
        throw new DriftError(`api "${api.name}" does not generate into packages/<name>/, so it has no package.`);
      }
      const relative = path.relative(config.cwd, api.bundle);
      let text: string;
      try {
        text = await readFile(api.bundle, "utf8");
      } catch {
        throw new DriftError(`cannot read ${relative}: run \`pnpm generate\` first.`);
      }
      let document: OurBundle["document"];
      try {
        document = parseDocument(text, relative);
      } catch (error) {
        throw new DriftError((error as Error).message);
      }
      return { api: api.name, package: `@zenfetch/${folder}`, document };
    }),
  );
}

export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  let values: {
    upstream?: string;
    changesets?: boolean;
    uncovered?: boolean;
    json?: boolean;
    timeout?: string;
    retries?: string;
    config?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        upstream: { type: "string" },
        changesets: { type: "boolean" },
        uncovered: { type: "boolean" },
        json: { type: "boolean" },
        timeout: { type: "string" },
        retries: { type: "string" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    io.stderr(`pnpm spec:drift: ${(error as Error).message}\n\n${usage}\n`);
    return 2;
  }
  if (values.help) {
    io.stdout(`${usage}\n`);
    return 0;
  }
  let drawn = false;
  try {
    const timeout = number(values.timeout, "--timeout", 0.001);
    const retries = number(values.retries, "--retries", 0);
    if (retries !== undefined && !Number.isInteger(retries)) {
      throw new DriftError(`--retries ${values.retries} is not a whole number.`);
    }
    const configPath = path.resolve(io.cwd, values.config ?? "redocly.yaml");
    const bundles = await loadBundles(configPath);
    const upstream = values.upstream ?? DEFAULT_UPSTREAM;
    const isUrlLike = /^[a-z][a-z0-9+.-]*:\/\//i.test(upstream);
    const source = isUrlLike ? upstream : path.resolve(io.cwd, upstream);
    const loaded = await loadDocument(source, {
      ...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
      ...(retries === undefined ? {} : { retries }),
      ...(io.stderrIsTTY
        ? {
            progress: (text: string) => {
              drawn = true;
              io.stderr(`\r\x1b[2K${text}`);
            },
          }
        : {}),
    });
    if (drawn) io.stderr("\n");
    drawn = false;
    const label = isUrlLike ? loaded.label : path.relative(io.cwd, source) || source;
    const result = compareDocuments(loaded.document, bundles);
    const options = { source: label, uncovered: values.uncovered === true };
    io.stdout(values.json ? renderJson(result, options) : renderReport(result, options));
    if (values.changesets) {
      const folder = path.join(path.dirname(configPath), ".changeset");
      const stubs = changesetStubs(result, label);
      if (stubs.length > 0) await mkdir(folder, { recursive: true });
      for (const stub of stubs) {
        await writeFile(path.join(folder, stub.file), stub.text);
        io.stderr(`wrote ${path.relative(io.cwd, path.join(folder, stub.file))}\n`);
      }
      if (stubs.length === 0) io.stderr("no drift: no changeset written\n");
    }
    return result.changes.length > 0 ? 1 : 0;
  } catch (error) {
    if (drawn) io.stderr("\n");
    if (error instanceof DriftError || error instanceof PipelineError) {
      io.stderr(`pnpm spec:drift: ${error.message}\n`);
      return 2;
    }
    io.stderr(`pnpm spec:drift: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

// Run when started as a script (`tsx codegen/src/drift/cli.ts`), not when a test imports it.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
