// Picks the windows each request counts against, from the settings budgets.ts checked. Loaded by the first
// request of an operation that has a budget, so that an app whose calls have none does not carry it.
import type { OperationMeta, RateLimitRule } from "../meta/operation-meta.js";
import type { BudgetSettings } from "./budgets.js";
import type { LimiterBudget } from "./rate-limiter.js";

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
