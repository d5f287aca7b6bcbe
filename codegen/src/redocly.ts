import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import type { Problem } from "./errors.js";
import { PipelineError } from "./errors.js";

const require = createRequire(import.meta.url);
const cliPath = path.join(path.dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function runRedocly(args: string[], cwd: string): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      {
        cwd,
        maxBuffer: 64 * 1024 * 1024,
        // No colour codes in what we parse, no telemetry or update checks from CI.
        env: { ...process.env, NO_COLOR: "1", REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

interface JsonProblem {
  ruleId: string;
  severity: "error" | "warn";
  message: string;
  location?: { source?: { ref?: string }; pointer?: string; start?: { line?: number } }[];
}

/** What Redocly says a run did, without its banners. */
function redoclyOutput(result: RunResult): string {
  return result.stderr
    .split("\n")
    .filter((line) => line.trim() !== "" && !/[║╔╚]/.test(line))
    .slice(-20)
    .join("\n");
}

/**
 * Lints one root under the config's rules. Returns every error and warning,
 * each with the file and JSON pointer where Redocly found it.
 */
export async function lint(root: string, configPath: string, cwd: string): Promise<Problem[]> {
  const result = await runRedocly(
    ["lint", path.relative(cwd, root), "--config", configPath, "--format=json", "--max-problems=1000"],
    cwd,
  );
  const start = result.stdout.indexOf("{");
  if (start === -1) {
    throw new PipelineError(`redocly lint gave no report for ${path.relative(cwd, root)}:\n${redoclyOutput(result)}`);
  }
  const report = JSON.parse(result.stdout.slice(start)) as { problems: JsonProblem[] };
  return report.problems.map((problem): Problem => {
    const location = problem.location?.[0];
    const source = location?.source?.ref;
    return {
      message: problem.message,
      rule: problem.ruleId,
      severity: problem.severity === "error" ? "error" : "warning",
      file: source ? path.relative(cwd, path.resolve(cwd, source)) : undefined,
      pointer: location?.pointer,
      line: location?.start?.line,
    };
  });
}

/** Bundles one root into a single self-contained file, dropping unused components. */
export async function bundle(root: string, output: string, configPath: string, cwd: string): Promise<void> {
  const result = await runRedocly(
    ["bundle", path.relative(cwd, root), "--config", configPath, "--remove-unused-components", "-o", output],
    cwd,
  );
  if (result.code !== 0) {
    throw new PipelineError(`redocly bundle failed for ${path.relative(cwd, root)}:\n${redoclyOutput(result)}`);
  }
}
