import { type Change, type DriftResult, highest, LEVELS, type Level, type UncoveredOperation } from "./compare.js";

export interface ReportOptions {
  /** Where Zendesk's document came from, as it may be printed. */
  source: string;
  /** List every uncovered operation, not only the counts per tag. */
  uncovered?: boolean;
}

const byLevel = (a: Change, b: Change) =>
  LEVELS.indexOf(b.level) - LEVELS.indexOf(a.level) ||
  a.operation.localeCompare(b.operation) ||
  a.location.localeCompare(b.location);

/** The changes of each package, in the order the packages were compared. */
export function changesByPackage(result: DriftResult): Map<string, Change[]> {
  const out = new Map<string, Change[]>(result.packages.map((name) => [name, []]));
  for (const change of result.changes) {
    const list = out.get(change.package) ?? [];
    list.push(change);
    out.set(change.package, list);
  }
  for (const list of out.values()) list.sort(byLevel);
  return out;
}

const counts = (changes: Change[]) =>
  LEVELS.slice()
    .reverse()
    .map((level) => [level, changes.filter((change) => change.level === level).length] as const)
    .filter(([, count]) => count > 0)
    .map(([level, count]) => `${count} ${level}`)
    .join(", ");

const line = (change: Change) =>
  `  ${change.level.padEnd(5)}  ${change.operation}${change.location ? `  ${change.location}` : ""}: ${change.message}`;

/** Counts of uncovered operations per Zendesk tag, largest first (an operation with two tags counts in both). */
export function uncoveredByTag(uncovered: UncoveredOperation[]): [string, number][] {
  const tally = new Map<string, number>();
  for (const op of uncovered) {
    for (const tag of op.tags.length > 0 ? op.tags : ["(no tag)"]) tally.set(tag, (tally.get(tag) ?? 0) + 1);
  }
  return [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The plain-text report: one section per package, then what is not covered. */
export function renderReport(result: DriftResult, options: ReportOptions): string {
  const out: string[] = [];
  const grouped = changesByPackage(result);
  const drifting = [...grouped.values()].filter((changes) => changes.length > 0).length;
  out.push(
    `Zendesk's document (${options.source}) against specs/dist: ${result.matched} of our ${result.ours} operations are in it, ` +
      `${result.changes.length} ${result.changes.length === 1 ? "change" : "changes"} in ${drifting} of ${grouped.size} packages.`,
  );
  for (const [name, changes] of grouped) {
    out.push("");
    if (changes.length === 0) {
      out.push(`${name}: no drift`);
      continue;
    }
    out.push(`${name}: ${highest(changes.map((c) => c.level))} (${counts(changes)})`);
    for (const change of changes) out.push(line(change));
  }
  out.push("");
  const tags = uncoveredByTag(result.uncovered);
  if (result.uncovered.length === 0) {
    out.push("Not covered yet (not drift): none; every operation of Zendesk's document is in a package.");
  } else {
    out.push(
      `Not covered yet (not drift; no package has these): ${result.uncovered.length} operations of Zendesk's document, by tag:`,
    );
    for (const [tag, count] of tags) {
      out.push(`  ${String(count).padStart(4)}  ${tag}`);
      if (options.uncovered) {
        for (const op of result.uncovered.filter((u) => (u.tags.length > 0 ? u.tags : ["(no tag)"]).includes(tag))) {
          out.push(`          ${op.operation}${op.operationId ? ` (${op.operationId})` : ""}`);
        }
      }
    }
    if (!options.uncovered) out.push("  (--uncovered lists each operation)");
  }
  return `${out.join("\n")}\n`;
}

/** The machine form of the report (`--json`). */
export function renderJson(result: DriftResult, options: ReportOptions): string {
  const packages = [...changesByPackage(result)].map(([name, changes]) => ({
    name,
    level: highest(changes.map((c) => c.level)) ?? null,
    changes,
  }));
  return `${JSON.stringify(
    {
      source: options.source,
      matched: result.matched,
      ours: result.ours,
      upstream: result.upstream,
      drift: result.changes.length > 0,
      packages,
      uncovered: {
        total: result.uncovered.length,
        byTag: Object.fromEntries(uncoveredByTag(result.uncovered)),
        ...(options.uncovered ? { operations: result.uncovered } : {}),
      },
    },
    null,
    2,
  )}\n`;
}

/** `.changeset/drift-<package>.md` for each package with drift: the file name (without folder) and its text. */
export function changesetStubs(result: DriftResult, source: string): { file: string; text: string }[] {
  const stubs: { file: string; text: string }[] = [];
  for (const [name, changes] of changesByPackage(result)) {
    const level = highest(changes.map((c) => c.level));
    if (!level) continue;
    const short = name.replace(/^@[^/]+\//, "");
    const items = changes.map(
      (change) =>
        `- ${change.level}: \`${change.operation}\`${change.location ? ` \`${change.location}\`` : ""}: ${change.message}`,
    );
    stubs.push({
      file: `drift-${short}.md`,
      text: `---\n"${name}": ${level as Level}\n---\n\n${todo(source)}\n\n${items.join("\n")}\n`,
    });
  }
  return stubs;
}

const todo = (source: string) =>
  `TODO: say what changed for users of this package, in a sentence or two, and trim the list. ` +
  `Drafted by \`pnpm spec:drift\` from ${source}; the level is the highest of the changes below.`;
