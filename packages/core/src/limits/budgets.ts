/**
 * The one place where a request's endpoint budgets are worked out: what the spec declares for the operation
 * (`rateLimit` metadata), the preset the caller picked (`budgetPreset`), and the caller's own overrides
 * (`endpointLimits`), which win over both. The account-wide budget is the `RateLimiter`'s own.
 *
 * This module checks the caller's choices when the client is made; budget-picker.ts, loaded by the first request
 * of an operation that has a budget, applies them.
 */

import { fail } from "../config/fail.js";
import { BUDGET_PRESETS, type BudgetPreset, type EndpointLimit, type OperationMeta } from "../meta/operation-meta.js";

/** The caller's choices, checked. */
export interface BudgetSettings {
  /** Per-operation overrides, or `false` for no endpoint budgets at all. */
  endpointLimits: Readonly<Record<string, EndpointLimit | false>> | false;
  preset: BudgetPreset | undefined;
}

/** The client options read here, unchecked. */
export interface BudgetOptions {
  endpointLimits?: unknown;
  budgetPreset?: unknown;
}

const positiveWhole = (n: unknown): n is number => typeof n === "number" && Number.isInteger(n) && n > 0;

/** Checks `endpointLimits` and `budgetPreset`; a `ZendeskConfigError` says what to change. */
export function resolveBudgetSettings(options: BudgetOptions): BudgetSettings {
  const preset = options.budgetPreset;
  const endpointLimits = options.endpointLimits ?? {};
  if (preset !== undefined && !BUDGET_PRESETS.includes(preset as BudgetPreset)) {
    fail(
      `\`budgetPreset\` must be one of ${BUDGET_PRESETS.map((p) => JSON.stringify(p)).join(", ")} (or left out); got ${JSON.stringify(preset)}`,
    );
  }
  if (endpointLimits === false) return { endpointLimits: false, preset: preset as BudgetPreset | undefined };
  if (typeof endpointLimits !== "object" || endpointLimits === null || Array.isArray(endpointLimits)) {
    return fail(
      `\`endpointLimits\` must be an object keyed "GET /api/v2/…", or false; got ${Array.isArray(endpointLimits) ? "an array" : JSON.stringify(endpointLimits)}`,
    );
  }
  for (const [key, budget] of Object.entries(endpointLimits)) {
    if (!/^[A-Z]+ \/\S*$/.test(key)) {
      fail(
        `\`endpointLimits\` key ${JSON.stringify(key)} must look like "GET /api/v2/…" (the method, a space, the spec path)`,
      );
    }
    if (budget === false) continue;
    const b = budget as Partial<EndpointLimit> | null;
    if (typeof b !== "object" || b === null || !positiveWhole(b.limit) || !positiveWhole(b.windowSeconds)) {
      fail(
        `\`endpointLimits[${JSON.stringify(key)}]\` must be false or { limit, windowSeconds } (positive whole numbers); got ${JSON.stringify(budget)}`,
      );
    }
  }
  return {
    endpointLimits: endpointLimits as Record<string, EndpointLimit | false>,
    preset: preset as BudgetPreset | undefined,
  };
}

/**
 * Whether an operation's requests have any endpoint budget: false for most operations, which then never load
 * the budget picker.
 */
export function hasBudgets(operation: string, meta: OperationMeta | undefined, settings: BudgetSettings): boolean {
  const { endpointLimits } = settings;
  if (endpointLimits === false) return false;
  const override = endpointLimits[operation];
  return override === undefined ? meta?.rateLimit !== undefined : override !== false;
}
