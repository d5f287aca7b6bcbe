/** A problem the pipeline reports to the user: a message, and where it is. */
export interface Problem {
  message: string;
  /** File, relative to the config's folder. */
  file?: string;
  /** JSON pointer inside that file, e.g. `#/paths/~1api~1v2~1tickets/get`. */
  pointer?: string;
  rule?: string;
  severity?: "error" | "warning";
  line?: number;
}

/** An error that ends the pipeline: its message says what is wrong and where. */
export class PipelineError extends Error {
  override name = "PipelineError";
  readonly problems: Problem[];

  constructor(message: string, problems: Problem[] = []) {
    super(problems.length > 0 ? `${message}\n${problems.map(formatProblem).join("\n")}` : message);
    this.problems = problems;
  }
}

export function formatProblem(problem: Problem): string {
  const where = [problem.file && (problem.line ? `${problem.file}:${problem.line}` : problem.file), problem.pointer]
    .filter(Boolean)
    .join(" ");
  const tag = [problem.severity, problem.rule].filter(Boolean).join(" ");
  return `  ${where || "(no location)"}${tag ? ` [${tag}]` : ""}: ${problem.message}`;
}
