import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Tests import each package by its name and get its source: every folder under packages/ is one.
const packages = fileURLToPath(new URL("./packages/", import.meta.url));
const alias = {
  // Subpath entries first: "@zenfetch/core" would otherwise take "@zenfetch/core/paging" too.
  "@zenfetch/core/paging": `${packages}core/src/paging/building-blocks.ts`,
  ...Object.fromEntries(
    readdirSync(packages, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => [`@zenfetch/${entry.name}`, `${packages}${entry.name}/src/index.ts`]),
  ),
};

export default defineConfig({
  resolve: {
    alias,
  },
  test: {
    include: ["packages/*/test/**/*.test.ts", "codegen/test/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    typecheck: {
      enabled: true,
      include: ["packages/*/test/**/*.test-d.ts", "codegen/test/**/*.test-d.ts", "test/**/*.test-d.ts"],
      tsconfig: "./tsconfig.json",
    },
    testTimeout: 20_000,
    reporters: ["default", "./test/summary-reporter.ts"],
  },
});
