/** An Error from any realm (an iframe, a vm context, a worker's structured clone). */
export const isErrorObject = (value: unknown): value is Error =>
  value instanceof Error || Object.prototype.toString.call(value) === "[object Error]";

/**
 * A guard that also works across realms and copies of this package: it checks `name`. Each guard is made with a
 * call marked pure, and lives beside its class, so that a bundler leaves out the guards and classes an app never
 * uses.
 */
export const guard =
  <T extends Error>(Class: abstract new (...args: never[]) => T, ...names: string[]) =>
  (value: unknown): value is T =>
    value instanceof Class || (isErrorObject(value) && names.includes(value.name));
