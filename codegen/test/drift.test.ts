import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { main } from "../src/drift/cli.js";
import { compareDocuments, type OurBundle } from "../src/drift/compare.js";
import { DriftError, type OpenApiDocument, parseDocument } from "../src/drift/load.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, "../..");
const fixtures = path.join(here, "fixtures/drift");
const project = path.join(fixtures, "project");
const config = path.join(project, "redocly.yaml");
const same = path.join(fixtures, "upstream-same.yaml");
const changed = path.join(fixtures, "upstream-changed.yaml");

const readYaml = async (file: string) => parse(await readFile(file, "utf8")) as OpenApiDocument;

/** Runs the command in-process with captured output. */
async function run(args: string[], options: { tty?: boolean; cwd?: string } = {}) {
  let stdout = "";
  let stderr = "";
  const code = await main(args, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    stderrIsTTY: options.tty ?? false,
    cwd: options.cwd ?? repoRoot,
  });
  return { code, stdout, stderr };
}

const bundles = async (): Promise<OurBundle[]> => [
  {
    api: "widgets",
    package: "@zenfetch/widgets",
    document: await readYaml(path.join(project, "specs/dist/widgets.yaml")),
  },
  { api: "jobs", package: "@zenfetch/core", document: await readYaml(path.join(project, "specs/dist/jobs.yaml")) },
];

describe("compareDocuments", () => {
  test("finds no drift where the only differences are marked, renamed path parameters, 3.0 vs 3.1 nullability or our refinements", async () => {
    const result = compareDocuments(await readYaml(same), await bundles());
    expect(result.changes).toEqual([]);
    expect(result.matched).toBe(5);
    expect(result.ours).toBe(6);
  });

  test("reports each kind of change with its package, location and semver level", async () => {
    const result = compareDocuments(await readYaml(changed), await bundles());
    const rows = result.changes
      .map((c) => `${c.package} ${c.level} ${c.kind} ${c.operation} ${c.location}`.trim())
      .sort();
    expect(rows).toEqual(
      [
        "@zenfetch/widgets major operation-removed DELETE /api/v2/widgets/{widget_id}",
        "@zenfetch/widgets minor operation-added PUT /api/v2/widgets/{id}",
        "@zenfetch/widgets minor operation-added GET /api/v2/widgets/search",
        "@zenfetch/widgets minor parameter-added GET /api/v2/widgets parameters/query/filter",
        "@zenfetch/widgets minor enum-value-added GET /api/v2/widgets parameters/query/sort",
        "@zenfetch/widgets major enum-value-removed GET /api/v2/widgets parameters/query/sort",
        "@zenfetch/widgets major property-required POST /api/v2/widgets requestBody/widget/colour",
        ...[
          "GET /api/v2/widgets responses/200/widgets/[]",
          "GET /api/v2/widgets/{widget_id} responses/200/widget",
          "POST /api/v2/widgets responses/201/widget",
        ].flatMap((where) => {
          const [method, route, location] = where.split(" ");
          return [
            `@zenfetch/widgets major property-removed ${method} ${route} ${location}/labels`,
            `@zenfetch/widgets major nullable ${method} ${route} ${location}/name`,
            `@zenfetch/widgets major type-changed ${method} ${route} ${location}/size`,
            `@zenfetch/widgets minor property-added ${method} ${route} ${location}/weight`,
          ];
        }),
      ].sort(),
    );
    // owner_id changed type upstream too, but ours carries a mark there.
    expect(result.changes.some((c) => c.location.endsWith("owner_id"))).toBe(false);
    expect(result.changes.every((c) => c.package === "@zenfetch/widgets")).toBe(true);
  });

  test("lists operations no package has apart from drift, with their tags", async () => {
    const result = compareDocuments(await readYaml(changed), await bundles());
    expect(result.uncovered).toEqual([
      { operation: "GET /api/v2/gadgets", operationId: "ListGadgets", tags: ["Gadgets"] },
      { operation: "POST /api/v2/gadgets", operationId: "CreateGadget", tags: ["Gadgets"] },
      { operation: "GET /api/v2/gizmos", operationId: "ListGizmos", tags: ["Gizmos", "Gadgets"] },
    ]);
  });

  test("reports an operation only we have as removed unless it is marked", async () => {
    const ours = await bundles();
    const upstream = await readYaml(same);
    const unmarked = structuredClone(ours);
    const route = unmarked[0]?.document.paths["/api/v2/widgets/{widget_id}/parts"] as { get: Record<string, unknown> };
    const parts = route.get;
    delete parts["x-zenfetch-deviation"];
    expect(compareDocuments(upstream, ours).changes).toEqual([]);
    expect(compareDocuments(upstream, unmarked).changes).toEqual([
      expect.objectContaining({
        package: "@zenfetch/widgets",
        operation: "GET /api/v2/widgets/{widget_id}/parts",
        kind: "operation-removed",
        level: "major",
      }),
    ]);
  });

  test("treats a new required request property and parameter as major, a nullable request value as minor", () => {
    const body = (schema: unknown) => ({ content: { "application/json": { schema } } });
    const doc = (openapi: string, parameters: unknown[], schema: unknown): OpenApiDocument => ({
      openapi,
      paths: { "/api/v2/notes": { post: { parameters, requestBody: body(schema), responses: { "201": {} } } } },
    });
    const ours = doc("3.1.0", [], { type: "object", properties: { text: { type: "string" } } });
    const theirs = doc("3.0.3", [{ name: "mode", in: "query", required: true, schema: { type: "string" } }], {
      type: "object",
      required: ["author"],
      properties: { text: { type: "string", nullable: true }, author: { type: "string" } },
    });
    const changes = compareDocuments(theirs, [{ api: "notes", package: "@zenfetch/notes", document: ours }]).changes;
    expect(changes.map((c) => `${c.kind} ${c.location} ${c.level}`).sort()).toEqual([
      "nullable requestBody/text minor",
      "parameter-added parameters/query/mode major",
      "property-added requestBody/author major",
    ]);
  });
  test("a mark on a request body, a response or an allOf part silences only what it covers", () => {
    const json = (schema: unknown, mark?: string) => ({
      ...(mark ? { "x-zenfetch-deviation": mark } : {}),
      content: { "application/json": { schema } },
    });
    const note = { type: "object", properties: { text: { type: "string" } } };
    const ours: OpenApiDocument = {
      openapi: "3.1.0",
      paths: {
        "/api/v2/notes": {
          post: {
            requestBody: json({ type: "object", properties: { body: { type: "string" } } }, "Zendesk takes body."),
            responses: { "201": json(note, "Zendesk answers with the note itself.") },
          },
          get: {
            responses: {
              "200": json({
                allOf: [
                  { type: "object", properties: { notes: { type: "array", items: note } } },
                  {
                    "x-zenfetch-deviation": "Paging members.",
                    type: "object",
                    properties: { next: { type: "string" } },
                  },
                ],
              }),
            },
          },
        },
      },
    };
    const theirs: OpenApiDocument = {
      openapi: "3.0.3",
      paths: {
        "/api/v2/notes": {
          post: {
            requestBody: json({ type: "object", properties: { text: { type: "integer" } } }),
            responses: { "201": json({ type: "array", items: note }) },
          },
          get: {
            responses: {
              "200": json({ type: "object", properties: { notes: { type: "array", items: { type: "string" } } } }),
            },
          },
        },
      },
    };
    const changes = compareDocuments(theirs, [{ api: "notes", package: "@zenfetch/notes", document: ours }]).changes;
    // The unmarked list items still conflict; the marked body, response and paging part do not show.
    expect(changes.map((c) => `${c.operation} ${c.location} ${c.kind}`)).toEqual([
      "GET /api/v2/notes responses/200/notes/[] type-changed",
    ]);
  });
});

describe("parseDocument", () => {
  test("reads JSON and YAML, and refuses what is not OpenAPI 3.x with a message naming the problem", () => {
    expect(parseDocument('{"openapi":"3.0.3","paths":{}}', "a.json").openapi).toBe("3.0.3");
    expect(parseDocument("openapi: 3.1.0\npaths: {}\n", "a.yaml").openapi).toBe("3.1.0");
    expect(() => parseDocument('swagger: "2.0"\npaths: {}\n', "old.yaml")).toThrow(/Swagger 2\.0 document/);
    expect(() => parseDocument("title: hello\n", "x.yaml")).toThrow(
      /not an OpenAPI 3\.x document: its `openapi` field is missing/,
    );
    expect(() => parseDocument("openapi: 3.0.0\n", "x.yaml")).toThrow(/no `paths` object/);
    expect(() => parseDocument("{ not json", "x.json")).toThrow(DriftError);
    expect(() => parseDocument("a: [1, 2\n", "x.yaml")).toThrow(/neither YAML nor JSON/);
    expect(() => parseDocument("just words", "x.txt")).toThrow(/holds a string, not an object/);
  });
});

describe("pnpm spec:drift with a file", () => {
  test("exits 0 and says so when nothing drifted, with uncovered operations counted per tag", async () => {
    const { code, stdout } = await run(["--config", config, "--upstream", same]);
    expect(code).toBe(0);
    expect(stdout).toContain("@zenfetch/widgets: no drift");
    expect(stdout).toContain("@zenfetch/core: no drift");
    expect(stdout).toMatch(/Not covered yet \(not drift.*\): 3 operations/);
    expect(stdout).toMatch(/^ +3 {2}Gadgets$/m);
    expect(stdout).toMatch(/^ +1 {2}Gizmos$/m);
    expect(stdout).not.toContain("GET /api/v2/gadgets");
  });

  test("--uncovered lists each uncovered operation under its tags", async () => {
    const { code, stdout } = await run(["--config", config, "--upstream", same, "--uncovered"]);
    expect(code).toBe(0);
    expect(stdout).toContain("GET /api/v2/gadgets (ListGadgets)");
    expect(stdout).toContain("GET /api/v2/gizmos (ListGizmos)");
  });

  test("exits 1 on drift, with a header per package naming its highest level", async () => {
    const { code, stdout } = await run(["--config", config, "--upstream", changed]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^@zenfetch\/widgets: major \(12 major, 7 minor\)$/m);
    expect(stdout).toContain("@zenfetch/core: no drift");
    expect(stdout).toMatch(/^ {2}major {2}DELETE \/api\/v2\/widgets\/\{widget_id\}: /m);
    // Majors first.
    expect(stdout.indexOf("  major")).toBeLessThan(stdout.indexOf("  minor"));
  });

  test("--json gives the same result for machines", async () => {
    const { code, stdout } = await run(["--config", config, "--upstream", changed, "--json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.drift).toBe(true);
    expect(report.packages.map((p: { name: string; level: string | null }) => [p.name, p.level])).toEqual([
      ["@zenfetch/widgets", "major"],
      ["@zenfetch/core", null],
    ]);
    expect(report.uncovered.byTag).toEqual({ Gadgets: 3, Gizmos: 1 });
  });

  test("--changesets writes one stub per package with drift, for a maintainer to edit", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "zenfetch-drift-"));
    try {
      await cp(project, dir, { recursive: true });
      const { code, stderr } = await run(["--upstream", changed, "--changesets"], { cwd: dir });
      expect(code).toBe(1);
      expect(await readdir(path.join(dir, ".changeset"))).toEqual(["drift-widgets.md"]);
      const stub = await readFile(path.join(dir, ".changeset/drift-widgets.md"), "utf8");
      expect(stub).toMatch(/^---\n"@zenfetch\/widgets": major\n---\n/);
      expect(stub).toContain("- minor: `GET /api/v2/widgets` `parameters/query/filter`: ");
      expect(stub).toContain("- major: `DELETE /api/v2/widgets/{widget_id}`: ");
      expect(stderr).toContain(`wrote ${path.join(".changeset", "drift-widgets.md")}`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test.each([
    [["--bogus"], /Unknown option '--bogus'/],
    [["--timeout", "soon"], /--timeout "soon" is not a number/],
    [["--retries", "1.5"], /--retries 1\.5 is not a whole number/],
    [["--upstream", "ftp://example.test/oas.yaml"], /only http and https URLs/],
    [["--upstream", "codegen/test/fixtures/drift/nowhere.yaml"], /cannot read .*nowhere\.yaml: no such file/],
    [["--upstream", "codegen/test/fixtures/drift/project/redocly.yaml"], /not an OpenAPI 3\.x document/],
    [["--config", "codegen/test/fixtures/drift/nowhere.yaml"], /cannot read/],
  ])("exits 2 with a clear message for %j", async (args, message) => {
    const { code, stdout, stderr } = await run(["--config", config, "--upstream", same, ...args]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
  });

  test("the package script runs the command with its exit codes", async () => {
    const tsx = path.join(repoRoot, "node_modules/.bin/tsx");
    const script = path.join(repoRoot, "codegen/src/drift/cli.ts");
    const result = await promisify(execFile)(tsx, [script, "--config", config, "--upstream", same], {
      cwd: repoRoot,
    });
    expect(result.stdout).toContain("@zenfetch/widgets: no drift");
    const failed = await promisify(execFile)(tsx, [script, "--config", config, "--upstream", changed]).catch(
      (error: { code: number }) => error,
    );
    expect((failed as { code: number }).code).toBe(1);
    const manifest = JSON.parse(await readFile(path.join(repoRoot, "package.json"), "utf8"));
    expect(manifest.scripts["spec:drift"]).toBe("tsx codegen/src/drift/cli.ts");
  });
});

describe("pnpm spec:drift over HTTP", () => {
  let server: Server;
  let base: string;
  const hits = new Map<string, number>();
  const authorizations: (string | undefined)[] = [];

  beforeAll(async () => {
    const yamlText = await readFile(same, "utf8");
    const jsonText = JSON.stringify(parse(yamlText));
    server = createServer((request, response) => {
      const url = request.url ?? "/";
      hits.set(url, (hits.get(url) ?? 0) + 1);
      authorizations.push(request.headers.authorization);
      if (url === "/oas.yaml") {
        response.writeHead(200, { "content-type": "application/yaml", "content-length": Buffer.byteLength(yamlText) });
        response.end(yamlText);
      } else if (url === "/oas.json") {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(jsonText);
      } else if (url === "/flaky.yaml") {
        if (hits.get(url) === 1) {
          response.writeHead(503, { "retry-after": "0" });
          response.end("busy");
        } else {
          response.writeHead(200, { "content-type": "application/yaml" });
          response.end(yamlText);
        }
      } else if (url === "/broken.yaml") {
        response.writeHead(500);
        response.end("it broke");
      } else if (url === "/html") {
        response.writeHead(200, { "content-type": "text/html" });
        response.end("<html><body>Sign in</body></html>");
      } else if (url === "/slow.yaml") {
        // No answer at all: only the timeout ends this request.
      } else if (url === "/stalled.yaml") {
        // Headers and the start of the body, then nothing.
        response.writeHead(200, { "content-type": "application/yaml" });
        response.write("openapi: 3.0.3\n");
      } else {
        response.writeHead(404);
        response.end("not here");
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  test("downloads the YAML document and compares it", async () => {
    const { code, stdout, stderr } = await run(["--config", config, "--upstream", `${base}/oas.yaml`]);
    expect(code).toBe(0);
    expect(stdout).toContain(`(${base}/oas.yaml)`);
    expect(stdout).toContain("@zenfetch/widgets: no drift");
    expect(stderr).not.toContain("downloading");
  });

  test("downloads a JSON document too", async () => {
    const { code } = await run(["--config", config, "--upstream", `${base}/oas.json`]);
    expect(code).toBe(0);
  });

  test("draws a progress line on stderr when it is a terminal", async () => {
    const { code, stderr } = await run(["--config", config, "--upstream", `${base}/oas.yaml`], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`downloading ${base}/oas\\.yaml: \\d+ kB of \\d+ kB \\(100%\\)`));
    expect(stderr.endsWith("\n")).toBe(true);
  });

  test("tries again after a 503 and then succeeds", async () => {
    const { code } = await run(["--config", config, "--upstream", `${base}/flaky.yaml`]);
    expect(code).toBe(0);
    expect(hits.get("/flaky.yaml")).toBe(2);
  });

  test("gives up on a server that keeps failing, with exit code 2 and the status", async () => {
    const { code, stderr } = await run(["--config", config, "--upstream", `${base}/broken.yaml`, "--retries", "1"]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${base}/broken.yaml answered HTTP 500 Internal Server Error (after retries)`);
    expect(hits.get("/broken.yaml")).toBe(2);
  });

  test("does not retry a 404", async () => {
    const { code, stderr } = await run(["--config", config, "--upstream", `${base}/missing.yaml`]);
    expect(code).toBe(2);
    expect(stderr).toContain("answered HTTP 404 Not Found.");
    expect(hits.get("/missing.yaml")).toBe(1);
  });

  test.each(["/slow.yaml", "/stalled.yaml"])("stops waiting for %s at the timeout", async (route) => {
    const { code, stderr } = await run([
      "--config",
      config,
      "--upstream",
      `${base}${route}`,
      "--timeout",
      "0.3",
      "--retries",
      "0",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`${base}${route} sent no complete answer within 0.3 s`);
  });

  test("refuses a page that is not an OpenAPI document", async () => {
    const { code, stderr } = await run(["--config", config, "--upstream", `${base}/html`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/is not an OpenAPI document|not an OpenAPI 3\.x document/);
  });

  test("never prints credentials given in the URL", async () => {
    const secret = "s3cret-drift-token";
    const { code, stdout, stderr } = await run([
      "--config",
      config,
      "--upstream",
      `http://someone:${secret}@127.0.0.1:${new URL(base).port}/oas.yaml`,
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`--upstream ${base}/oas.yaml: leave the user name and password out of the URL`);
    expect(stdout + stderr).not.toContain(secret);
    expect(stdout + stderr).not.toContain("someone:");
  });

  test("cannot reach a closed port: exit 2 naming the URL", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const { code, stderr } = await run([
      "--config",
      config,
      "--upstream",
      `http://127.0.0.1:${port}/oas.yaml`,
      "--retries",
      "0",
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain(`cannot download http://127.0.0.1:${port}/oas.yaml`);
  });
});
