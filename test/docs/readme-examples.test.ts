/**
 * Every ```ts block of the root README and of each package's README compiles as written: strict, under the
 * repository's tsconfig, `@zenfetch/*` resolving to the packages' sources. Packages are found from the folders, so
 * a new package's README is checked from its first commit. A block that is deliberately not a complete program
 * says so on its fence line (```ts fragment).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { type CodeBlock, checkBlocks, describeProblems, extractTsBlocks } from "./markdown-examples.js";

const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
const tsconfig = join(repoRoot, "tsconfig.json");
// Where the blocks pretend to live: inside the repository, so modules resolve as for its own files. Never written.
const virtualDir = join(repoRoot, "test/docs/.readme-blocks");

function readmes(): string[] {
  const packages = readdirSync(join(repoRoot, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/README.md`)
    .sort();
  return ["README.md", ...packages].filter((file) => existsSync(join(repoRoot, file)));
}

const blocksOf = (file: string): CodeBlock[] => extractTsBlocks(file, readFileSync(join(repoRoot, file), "utf8"));

describe("README examples", () => {
  test("the root README and every package's are read", () => {
    const files = readmes();
    expect(files).toContain("README.md");
    expect(files).toContain("packages/core/README.md");
    expect(files.flatMap(blocksOf).filter((block) => !block.fragment).length).toBeGreaterThan(10);
  });

  test("every ```ts block compiles as written", () => {
    const problems = checkBlocks(readmes().flatMap(blocksOf), tsconfig, virtualDir);
    expect(describeProblems(problems)).toBe("");
  }, 120_000);
});

describe("the block checker", () => {
  const markdown = [
    "# Title", // 1
    "", // 2
    "```ts", // 3
    'import { createTicketsClient } from "@zenfetch/tickets";', // 4
    'const zendesk = createTicketsClient({ subdomain: "acme", auth: { oauthToken: "t" } });', // 5
    'const count: string = await zendesk.GET("/api/v2/tickets");', // 6
    "```", // 7
    "", // 8
    "```sh", // 9
    "pnpm test", // 10
    "```", // 11
    "", // 12
    "- a list item:", // 13
    "", // 14
    "  ```ts", // 15
    "  const zendesk = await Promise.resolve(1);", // 16
    "  const doubled: number = zendesk * 2;", // 17
    "  ```", // 18
    "", // 19
    "````ts fragment", // 20
    "function paginate(path): AsyncIterable<Item>", // 21
    "````", // 22
  ].join("\n");

  test("finds ts blocks only, with the line of their fence, indentation taken off, fragments marked", () => {
    const blocks = extractTsBlocks("DOC.md", markdown);
    expect(blocks.map(({ line, fragment }) => ({ line, fragment }))).toEqual([
      { line: 3, fragment: false },
      { line: 15, fragment: false },
      { line: 20, fragment: true },
    ]);
    expect(blocks[1]?.code).toBe("const zendesk = await Promise.resolve(1);\nconst doubled: number = zendesk * 2;");
  });

  test("fails on a type error, naming the file, the block's line and the diagnostic; skips fragments", () => {
    const problems = checkBlocks(extractTsBlocks("DOC.md", markdown), tsconfig, virtualDir);
    // The second block imports nothing, awaits at the top and reuses the first one's `zendesk`: each block is a
    // module of its own, so neither is an error.
    expect(problems).toHaveLength(1);
    const message = describeProblems(problems);
    expect(message).toContain("DOC.md, block at line 3:");
    expect(message).toMatch(/DOC\.md:6:\d+ TS2322: Type .* is not assignable to type 'string'/);
    expect(message).not.toContain("line 20"); // the fragment would not compile, and is not checked
  }, 120_000);
});
