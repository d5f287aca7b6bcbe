import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const pkg = (name: string) => fileURLToPath(new URL(`./packages/${name}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@zenfetch/core": pkg("core"),
      "@zenfetch/tickets": pkg("tickets"),
      "@zenfetch/incremental": pkg("incremental"),
      "@zenfetch/custom-objects": pkg("custom-objects"),
    },
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
