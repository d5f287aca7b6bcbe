export { operations } from "./generated/operations.js";
export type { components, paths } from "./generated/schema.js";
