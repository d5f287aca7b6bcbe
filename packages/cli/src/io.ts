/** What a command reads and writes besides files: the process's streams and environment, replaceable in tests. */
export interface CommandIO {
  env: Record<string, string | undefined>;
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Aborted when the user asks the command to stop (Ctrl-C): the command finishes what is in hand and exits 130. */
  signal: AbortSignal;
}
