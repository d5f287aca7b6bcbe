// @zenfetch/cli: the `zenfetch` command, and the same commands as functions for scripts and tests.
export { type Connection, CREDENTIAL_VARIABLES, connectionFromEnv } from "./connection.js";
export type { CommandIO } from "./io.js";
export { EXIT, run } from "./program.js";
export { UsageError } from "./usage-error.js";
