import { BUDGET_PRESETS, type BudgetPreset } from "../../packages/core/src/meta/operation-meta.js";
import { isObject, type Json } from "./json.js";

/**
 * `x-zenfetch-rate-limit`: an operation's own budgets, checked against the operation they sit on and turned
 * into the `rateLimit` metadata the runtime reads (see specs/README.md for the shape).
 */

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
  per?: string;
  when?: { query: string; above: number };
  presets?: { [P in BudgetPreset]?: { limit: number; windowSeconds: number } };
}

/** A parameter of the operation (its own and its path item's), resolved. */
export interface ParameterInfo {
  name: string;
  in: string;
  schema: Json | undefined;
}

export interface RateLimitContext {
  /** The spec path, `/api/v2/views/{view_id}/tickets`. */
  route: string;
  parameters: readonly ParameterInfo[];
  /** Records a problem at `x-zenfetch-rate-limit` followed by `at` (`""`, `/0/per`). */
  problem: (message: string, at: string) => void;
}

const RULE_FIELDS = ["limit", "windowSeconds", "per", "when", "presets"];

const positiveWhole = (value: Json | undefined): value is number =>
  typeof value === "number" && Number.isInteger(value) && value > 0;
const list = (names: string[]) => (names.length === 0 ? "it has none" : `it has ${names.join(", ")}`);

/** The rule or rules of an `x-zenfetch-rate-limit` value; undefined (with problems recorded) when any is wrong. */
export function readRateLimit(value: Json, context: RateLimitContext): RateLimitRule | RateLimitRule[] | undefined {
  if (!Array.isArray(value)) return readRule(value, "", context);
  if (value.length === 0) {
    context.problem("an empty list declares no budget; give at least one or remove the extension", "");
    return undefined;
  }
  const rules = value.map((rule, index) => readRule(rule, `/${index}`, context));
  if (rules.some((rule) => rule === undefined)) return undefined;
  const seen = new Map<string, number>();
  rules.forEach((rule, index) => {
    const { presets: _, ...counted } = rule as RateLimitRule;
    const id = JSON.stringify(counted);
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    else context.problem(`the same budget as rule ${first}: it would count every request twice`, `/${index}`);
  });
  return seen.size === rules.length ? (rules as RateLimitRule[]) : undefined;
}

function readRule(rule: Json, at: string, context: RateLimitContext): RateLimitRule | undefined {
  const { problem } = context;
  if (!isObject(rule)) {
    problem("must be { limit, windowSeconds } (with optional per, when, presets), or a list of them", at);
    return undefined;
  }
  let ok = true;
  const wrong = (message: string, where: string) => {
    problem(message, `${at}${where}`);
    ok = false;
  };
  for (const key of Object.keys(rule)) {
    if (!RULE_FIELDS.includes(key)) wrong(`unknown field "${key}"; a budget has ${RULE_FIELDS.join(", ")}`, "");
  }
  const { limit, windowSeconds, per, when, presets } = rule;
  if (!positiveWhole(limit) || !positiveWhole(windowSeconds)) {
    wrong("needs positive whole numbers `limit` and `windowSeconds`", "");
  }
  const out: RateLimitRule = { limit: limit as number, windowSeconds: windowSeconds as number };

  if (per !== undefined) {
    const pathNames = context.parameters.filter((p) => p.in === "path").map((p) => p.name);
    if (typeof per !== "string") wrong("must name a path parameter of the operation", "/per");
    else if (!pathNames.includes(per) || !context.route.includes(`{${per}}`)) {
      wrong(`"${per}" is not a path parameter of this operation (${list(pathNames)})`, "/per");
    } else out.per = per;
  }

  if (when !== undefined) {
    const queryNames = context.parameters.filter((p) => p.in === "query").map((p) => p.name);
    if (!isObject(when) || Object.keys(when).some((key) => key !== "query" && key !== "above")) {
      wrong("must be { query, above }: the rule applies when that query parameter is a number above `above`", "/when");
    } else if (typeof when.query !== "string" || !queryNames.includes(when.query)) {
      wrong(
        `${JSON.stringify(when.query)} is not a query parameter of this operation (${list(queryNames)})`,
        "/when/query",
      );
    } else if (!isNumeric(context.parameters.find((p) => p.in === "query" && p.name === when.query)?.schema)) {
      wrong(
        `the query parameter "${when.query}" is not a number, so it cannot be compared with \`above\``,
        "/when/query",
      );
    } else if (!(typeof when.above === "number" && Number.isInteger(when.above) && when.above >= 0)) {
      wrong("`above` must be a whole number ≥ 0", "/when/above");
    } else out.when = { query: when.query, above: when.above };
  }

  if (presets !== undefined) {
    if (!isObject(presets))
      wrong(`must map a preset (${BUDGET_PRESETS.join(", ")}) to { limit, windowSeconds }`, "/presets");
    else {
      const resolved: NonNullable<RateLimitRule["presets"]> = {};
      for (const [name, budget] of Object.entries(presets)) {
        const where = `/presets/${name}`;
        if (!BUDGET_PRESETS.includes(name as BudgetPreset)) {
          wrong(`unknown preset "${name}"; the runtime knows ${BUDGET_PRESETS.join(", ")}`, where);
        } else if (
          !isObject(budget) ||
          Object.keys(budget).length === 0 ||
          Object.keys(budget).some((key) => key !== "limit" && key !== "windowSeconds") ||
          (budget.limit !== undefined && !positiveWhole(budget.limit)) ||
          (budget.windowSeconds !== undefined && !positiveWhole(budget.windowSeconds))
        ) {
          wrong("must be { limit, windowSeconds } (positive whole numbers; either may be left to the rule's)", where);
        } else {
          resolved[name as BudgetPreset] = {
            limit: (budget.limit as number | undefined) ?? out.limit,
            windowSeconds: (budget.windowSeconds as number | undefined) ?? out.windowSeconds,
          };
        }
      }
      out.presets = resolved;
    }
  }
  return ok ? out : undefined;
}

function isNumeric(schema: Json | undefined): boolean {
  if (!isObject(schema)) return false;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return types.some((type) => type === "integer" || type === "number");
}
