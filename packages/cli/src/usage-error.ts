/**
 * A command line the tool cannot act on: a missing or malformed argument, or credentials missing from the
 * environment. The message says what to pass; `zenfetch` prints it and exits with status 2.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
