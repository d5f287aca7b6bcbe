import { execFile } from "node:child_process";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { PipelineError } from "../src/errors.js";
import { runPipeline } from "../src/pipeline.js";
import { cliArgs, edit, makeFixture } from "./helpers.js";

const quiet = () => {};
const run = promisify(execFile);

async function failure(promise: Promise<unknown>): Promise<PipelineError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PipelineError);
  return error as PipelineError;
}

describe("a good spec", () => {
  test("bundles with shared components inlined and unused ones dropped, then generates types and metadata", async () => {
    const fx = await makeFixture();
    const { changed } = await runPipeline({ configPath: fx.config, log: quiet });
    expect(changed).toEqual([
      "packages/demo/src/generated/README.md",
      "packages/demo/src/generated/operations.ts",
      "packages/demo/src/generated/schema.ts",
      "specs/dist/demo.yaml",
    ]);

    const bundle = parse(await readFile(fx.file("specs/dist/demo.yaml"), "utf8"));
    expect(Object.keys(bundle.components.schemas)).toEqual(["Problem", "Widget"]);
    expect(bundle.components.securitySchemes.apiToken.scheme).toBe("basic");
    expect(JSON.stringify(bundle)).not.toContain("../shared");

    const types = await readFile(fx.file("packages/demo/src/generated/schema.ts"), "utf8");
    expect(types).toContain('"/api/v2/widgets"');
    expect(types).toMatch(/colour\?: string \| null/);

    const operations = await readFile(fx.file("packages/demo/src/generated/operations.ts"), "utf8");
    expect(operations).toContain(`"GET /api/v2/widgets": { pagination: { style: "cursor", items: "widgets" } }`);
    expect(operations).toContain(`"POST /api/v2/widgets": { idempotencyKey: true }`);
    expect(operations).not.toContain("operationId");
  });

  test("a second run changes no byte, and --check passes", async () => {
    const fx = await makeFixture();
    await runPipeline({ configPath: fx.config, log: quiet });
    const snapshot = async () =>
      Promise.all(
        [
          "specs/dist/demo.yaml",
          "packages/demo/src/generated/schema.ts",
          "packages/demo/src/generated/operations.ts",
        ].map((f) => readFile(fx.file(f), "utf8")),
      );
    const first = await snapshot();
    const again = await runPipeline({ configPath: fx.config, log: quiet });
    expect(again.changed).toEqual([]);
    expect(await snapshot()).toEqual(first);
    expect(await runPipeline({ configPath: fx.config, check: true, log: quiet })).toEqual({ changed: [], extra: [] });
  });

  test("prints each step with its time", async () => {
    const fx = await makeFixture();
    const lines: string[] = [];
    await runPipeline({ configPath: fx.config, log: (line) => lines.push(line) });
    expect(lines.join("\n")).toMatch(/✓ lint demo \(\d+\.\d\ds\)/);
    expect(lines.join("\n")).toMatch(/✓ demo: bundle \(\d+\.\d\ds\)/);
    expect(lines.join("\n")).toMatch(/✓ demo: types \(\d+\.\d\ds\)/);
  });
});

describe("a stale output", () => {
  test("--check names the stale and the leftover files and writes nothing", async () => {
    const fx = await makeFixture();
    await runPipeline({ configPath: fx.config, log: quiet });
    const types = fx.file("packages/demo/src/generated/schema.ts");
    await edit(types, (text) => text.replace("colour?: string | null", "colour?: string"));
    await writeFile(fx.file("packages/demo/src/generated/old.ts"), "export {};\n");
    const edited = await readFile(types, "utf8");

    const result = await runPipeline({ configPath: fx.config, check: true, log: quiet });
    expect(result).toEqual({
      changed: ["packages/demo/src/generated/schema.ts"],
      extra: ["packages/demo/src/generated/old.ts"],
    });
    expect(await readFile(types, "utf8")).toBe(edited);
  });

  test("the CLI exits non-zero on a stale file and says which", async () => {
    const fx = await makeFixture();
    await runPipeline({ configPath: fx.config, log: quiet });
    await edit(fx.file("specs/demo/openapi.yaml"), (text) =>
      text.replace("Lists widgets, a page at a time.", "Lists every widget, a page at a time."),
    );
    const outcome = await run(process.execPath, cliArgs("--check", "--config", fx.config), { cwd: fx.dir }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toContain("stale:   specs/dist/demo.yaml");
    expect(outcome.stderr).toContain("stale:   packages/demo/src/generated/schema.ts");
  });
});

describe("a broken spec", () => {
  test("a dangling $ref names the file and the JSON pointer", async () => {
    const fx = await makeFixture();
    await edit(fx.file("specs/demo/openapi.yaml"), (text) =>
      text.replace("schemas.yaml#/Widget\n", "schemas.yaml#/Gadget\n"),
    );
    const error = await failure(runPipeline({ configPath: fx.config, log: quiet }));
    expect(error.problems).toContainEqual(
      expect.objectContaining({
        rule: "no-unresolved-refs",
        file: "specs/demo/openapi.yaml",
        pointer:
          "#/paths/~1api~1v2~1widgets/get/responses/200/content/application~1json/schema/properties/widgets/items",
      }),
    );
    expect(error.message).toContain("specs/demo/openapi.yaml");
    expect(await readdir(fx.dir)).not.toContain("packages");
  });

  test("a lint failure stops the run with the rule, file and pointer", async () => {
    const fx = await makeFixture();
    await edit(fx.file("specs/demo/openapi.yaml"), (text) =>
      text.replace("      description: Creates one widget.\n", ""),
    );
    const error = await failure(runPipeline({ configPath: fx.config, log: quiet }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        rule: "operation-description",
        file: "specs/demo/openapi.yaml",
        pointer: "#/paths/~1api~1v2~1widgets/post/description",
      }),
    ]);
  });

  test("an object schema with no shape fails lint in a shared file", async () => {
    const fx = await makeFixture();
    await edit(fx.file("specs/shared/schemas.yaml"), (text) =>
      text.replace(
        "Problem:\n  type: object\n  properties:\n    error:\n      type: string\n",
        "Problem:\n  type: object\n",
      ),
    );
    const error = await failure(runPipeline({ configPath: fx.config, log: quiet }));
    expect(error.problems).toContainEqual(
      expect.objectContaining({
        rule: "rule/object-schema-has-shape",
        file: "specs/shared/schemas.yaml",
        pointer: "#/Problem",
      }),
    );
  });

  test("a pagination extension naming a property that is not a list is refused", async () => {
    const fx = await makeFixture();
    await edit(fx.file("specs/demo/openapi.yaml"), (text) => text.replace("items: widgets", "items: widget"));
    const error = await failure(runPipeline({ configPath: fx.config, log: quiet }));
    expect(error.problems).toEqual([
      expect.objectContaining({
        file: "specs/dist/demo.yaml",
        pointer: "#/paths/~1api~1v2~1widgets/get/x-zenfetch-pagination/items",
      }),
    ]);
  });

  test("the CLI exits non-zero and prints the problem's location", async () => {
    const fx = await makeFixture();
    await edit(fx.file("specs/demo/openapi.yaml"), (text) =>
      text.replace("schemas.yaml#/Widget\n", "schemas.yaml#/Gadget\n"),
    );
    const outcome = await run(process.execPath, cliArgs("--config", fx.config), { cwd: fx.dir }).then(
      () => ({ code: 0, stderr: "" }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(outcome.code).toBe(1);
    expect(outcome.stderr).toMatch(
      /specs\/demo\/openapi\.yaml:\d+ #\/paths\/~1api~1v2~1widgets\/get\/responses\/200\/.* \[error no-unresolved-refs\]/,
    );
  });
});

test("the operations map leaves out operations the runtime has nothing to do with", async () => {
  const generated = (file: string) =>
    readFile(new URL(`../../packages/tickets/src/generated/${file}`, import.meta.url), "utf8");
  const [file, schema] = await Promise.all([generated("operations.ts"), generated("schema.ts")]);
  // The runtime metadata only: the include map after it is keyed by operation too.
  const operations = file.slice(0, file.indexOf("export const includes"));
  expect(file).toContain('  "GET /api/v2/tickets/{ticket_id}": { item: "ticket", values: {');
  // ShowTicket is in the types, but it neither pages nor takes an idempotency key nor has a budget of its own.
  expect(schema).toContain("ShowTicket: {");
  expect(operations).not.toContain('"GET /api/v2/tickets/{ticket_id}"');
  expect(operations).toContain('"GET /api/v2/tickets": { pagination:');
  expect(operations).toContain('"POST /api/v2/tickets": { idempotencyKey: true }');
});
