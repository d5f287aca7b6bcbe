/**
 * The one place where a request's endpoint budgets are worked out: what the spec declares for the operation
 * (`rateLimit` metadata), the preset the caller picked (`budgetPreset`), and the caller's own overrides
 * (`endpointLimits`), which win over both. The account-wide budget is the `RateLimiter`'s own.
 */

import { fail } from "../config/fail.js";
import {
  BUDGET_PRESETS,
  type BudgetPreset,
  type EndpointLimit,
  type OperationMeta,
  type RateLimitRule,
} from "../meta/operation-meta.js";
import type { LimiterBudget } from "./rate-limiter.js";

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

/** A rule with its numbers settled (preset applied), ready to pick a window for each request. */
export type ResolvedRule = Omit<RateLimitRule, "presets">;

/**
 * The budgets an operation's requests count against, before looking at any request: an override replaces
 * everything the spec declares for the operation with one budget for all its requests; otherwise each declared
 * rule, with the preset's numbers where the rule names that preset.
 */
export function resolveRules(
  operation: string,
  meta: OperationMeta | undefined,
  settings: BudgetSettings,
): readonly ResolvedRule[] {
  const { endpointLimits, preset } = settings;
  if (endpointLimits === false) return [];
  const override = endpointLimits[operation];
  if (override === false) return [];
  if (override) return [{ limit: override.limit, windowSeconds: override.windowSeconds }];
  const declared = ([] as readonly RateLimitRule[]).concat(meta?.rateLimit ?? []);
  return declared.map(({ presets, ...rule }) => ({ ...rule, ...(preset && presets?.[preset]) }));
}

/** The windows one request counts against, from the operation and the request's own URL. */
export type BudgetsOf = (operation: string, meta: OperationMeta | undefined, url: string) => readonly LimiterBudget[];

interface Plan {
  rules: readonly ResolvedRule[];
  /** The budgets when no rule looks at the request (the common case), worked out once. */
  fixed?: readonly LimiterBudget[];
  /** Matches the end of a request path (a `baseUrl` may put a path before the API's), one group per parameter. */
  path?: RegExp;
  names: readonly string[];
}

/** A client's budget picker: each operation's rules are resolved on its first request and kept. */
export function createBudgets(settings: BudgetSettings): BudgetsOf {
  const plans = new Map<string, Plan>();
  return (operation, meta, url) => {
    let plan = plans.get(operation);
    if (!plan) {
      const rules = resolveRules(operation, meta, settings);
      // Spec paths hold letters, digits, `_`, `/` and `{name}`: nothing a pattern would misread.
      const template = operation.slice(operation.indexOf(" ") + 1);
      const names = Array.from(template.matchAll(/\{([^}]+)\}/g), (m) => m[1] as string);
      plan = rules.some((rule) => rule.per || rule.when)
        ? { rules, names, path: new RegExp(`${template.replace(/\{[^}]+\}/g, "([^/]+)")}$`) }
        : { rules, names, fixed: rules.map(({ limit, windowSeconds }) => ({ key: operation, limit, windowSeconds })) };
      plans.set(operation, plan);
    }
    if (plan.fixed) return plan.fixed;
    const { pathname, searchParams } = new URL(url);
    const match = plan.path?.exec(pathname);
    const budgets: LimiterBudget[] = [];
    for (const { limit, windowSeconds, per, when } of plan.rules) {
      let scope: string | undefined;
      if (when) {
        const value = searchParams.get(when.query);
        if (!value || !(Number(value) > when.above)) continue;
        scope = `${when.query}>${when.above}`;
      }
      // The value as sent, still encoded: it only has to tell one value's window from another's.
      if (per) scope = `${scope ? `${scope} ` : ""}${per}=${match?.[plan.names.indexOf(per) + 1] ?? "?"}`;
      budgets.push({ key: operation, limit, windowSeconds, ...(scope && { scope }) });
    }
    return budgets;
  };
}
