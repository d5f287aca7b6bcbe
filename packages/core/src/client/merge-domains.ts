import { ZendeskConfigError } from "../errors/config-error.js";
import type { OperationsMeta } from "../meta/operation-meta.js";
import { CLIENT_NAMES } from "./client-names.js";
import type { AnyDomain } from "./types.js";

/** Names a domain may not take: the client's own properties. */
const RESERVED = new Set<string>(CLIENT_NAMES);

const sameMeta = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Checks the domains and merges their operations; a clash is a `ZendeskConfigError` naming both packages. */
export function mergeDomains(domains: unknown): { operations: OperationsMeta; products: string[]; list: AnyDomain[] } {
  const fail = (message: string): never => {
    throw new ZendeskConfigError(`createZendeskClient: ${message}`);
  };
  if (!Array.isArray(domains) || domains.length === 0) {
    fail("`domains` must be a non-empty array of domains, e.g. `domains: [tickets, customObjects]`");
  }
  const operations: Record<string, OperationsMeta[string]> = {};
  const owner: Record<string, string> = {};
  const names = new Map<string, string>();
  const list = domains as AnyDomain[];
  list.forEach((domain, i) => {
    if (domain === null || typeof domain !== "object" || typeof domain.name !== "string" || !domain.operations) {
      fail(
        `\`domains[${i}]\` is not a domain; pass what a domain package exports (\`import { tickets } from "@zenfetch/tickets"\`)`,
      );
    }
    if (RESERVED.has(domain.name)) fail(`domain name ${JSON.stringify(domain.name)} is taken by the client itself`);
    const twice = names.get(domain.name);
    if (twice !== undefined)
      fail(`${domain.package} is given twice (or clashes with ${twice} on the name ${JSON.stringify(domain.name)})`);
    names.set(domain.name, domain.package);
    for (const [key, meta] of Object.entries(domain.operations as OperationsMeta)) {
      const other = owner[key];
      if (other !== undefined && !sameMeta(operations[key], meta)) {
        fail(
          `${domain.package} and ${other} describe ${key} differently; update both packages to releases built from the same specs`,
        );
      }
      operations[key] = meta;
      owner[key] = domain.package;
    }
  });
  // One domain: its own map, as `client.operations`, rather than a copy.
  const only = list.length === 1 ? list[0]?.operations : undefined;
  return { operations: only ?? operations, products: list.map((d) => `${d.name}/${d.version}`), list };
}
