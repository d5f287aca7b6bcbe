import path from "node:path";
import { parseArgs } from "node:util";
import { PipelineError } from "./errors.js";
import { runPipeline } from "./pipeline.js";

const usage = `Usage: pnpm generate [--check] [--only <api>]... [--config <redocly.yaml>]

Lints each domain spec, bundles it to specs/dist/ and generates the packages'
types and operation metadata into packages/*/src/generated/.

  --check    write nothing; fail, naming the files, if any committed output is stale
  --only     run one api of the config (repeatable)
  --config   the Redocly config to read (default: ./redocly.yaml)`;

async function main(): Promise<number> {
  let values: { check?: boolean; only?: string[]; config?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        check: { type: "boolean" },
        only: { type: "string", multiple: true },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const configPath = path.resolve(values.config ?? "redocly.yaml");
  try {
    const { changed, extra } = await runPipeline({ configPath, check: values.check, only: values.only });
    if (values.check) {
      if (changed.length > 0 || extra.length > 0) {
        console.error("Generated files are stale: run `pnpm generate` and commit the result.");
        for (const file of changed) console.error(`  stale:   ${file}`);
        for (const file of extra) console.error(`  unused:  ${file}`);
        return 1;
      }
      console.log("Generated files are up to date.");
    } else {
      for (const file of changed) console.log(`  wrote   ${file}`);
      for (const file of extra) console.log(`  removed ${file}`);
      if (changed.length === 0 && extra.length === 0) console.log("Nothing changed.");
    }
    return 0;
  } catch (error) {
    if (error instanceof PipelineError) {
      console.error(`pnpm generate: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = await main();
