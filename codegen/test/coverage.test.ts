import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { expectedOperations } from "./expected-operations.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const bundle = async (name: string) => parse(await readFile(path.join(root, "specs/dist", `${name}.yaml`), "utf8"));

type Operation = {
  operationId: string;
  parameters?: { $ref?: string; name?: string; in?: string }[];
  responses: Record<string, unknown>;
  "x-zenfetch-pagination"?: { style: string; items: string };
};

describe.each(Object.keys(expectedOperations))("the %s bundle", (name) => {
  test("holds every operation of its domain under Zendesk's operationId", async () => {
    const doc = await bundle(name);
    const found = (expectedOperations[name] ?? []).map(([method, route]) => [
      method,
      route,
      (doc.paths?.[route]?.[method.toLowerCase()] as Operation | undefined)?.operationId,
    ]);
    expect(found).toEqual(expectedOperations[name]);
  });

  test("gives every operation a success response, an error response and its path parameters", async () => {
    const doc = await bundle(name);
    const resolve = (ref: string) =>
      ref
        .slice(2)
        .split("/")
        .reduce((node, key) => node?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
    const defects: string[] = [];
    type PathItem = { parameters?: Operation["parameters"] } & Record<string, unknown>;
    for (const [route, item] of Object.entries<PathItem>(doc.paths)) {
      for (const [method, value] of Object.entries(item)) {
        const operation = value as Operation;
        if (method === "parameters" || !operation?.responses) continue;
        const codes = Object.keys(operation.responses);
        if (!codes.some((code) => /^2/.test(code))) defects.push(`${method} ${route}: no success response`);
        if (!codes.some((code) => /^4/.test(code))) defects.push(`${method} ${route}: no error response`);
        const pathParameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])]
          .map((parameter) => (parameter.$ref ? resolve(parameter.$ref) : parameter))
          .filter((parameter) => parameter.in === "path")
          .map((parameter) => parameter.name)
          .sort();
        const inRoute = [...route.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]).sort();
        if (JSON.stringify(pathParameters) !== JSON.stringify(inRoute)) {
          defects.push(`${method} ${route}: path parameters ${pathParameters} do not match the path`);
        }
      }
    }
    expect(defects).toEqual([]);
  });
});

test("the README gives the number of distinct operations across the bundles", async () => {
  const ids = new Set(Object.values(expectedOperations).flatMap((rows) => rows.map(([, , id]) => id)));
  const readme = await readFile(path.join(root, "README.md"), "utf8");
  const stated = /^(\d[\d,]*) distinct operations in all/m.exec(readme)?.[1];
  expect(stated?.replaceAll(",", ""), "README: '<N> distinct operations in all'").toBe(String(ids.size));
});

test("the README's coverage table gives each package's operation count as the bundles have it", async () => {
  const config = parse(await readFile(path.join(root, "redocly.yaml"), "utf8")) as {
    apis: Record<string, { output: string; "x-openapi-ts": { output: string } }>;
  };
  const counted = new Map<string, number>();
  for (const api of Object.values(config.apis)) {
    const dir = /^packages\/([^/]+)\//.exec(api["x-openapi-ts"].output)?.[1];
    const manifest = JSON.parse(await readFile(path.join(root, "packages", String(dir), "package.json"), "utf8"));
    const doc = parse(await readFile(path.join(root, api.output), "utf8")) as { paths: Record<string, object> };
    const methods = Object.values(doc.paths).flatMap((item) =>
      Object.keys(item).filter((key) => ["get", "put", "post", "delete", "patch"].includes(key)),
    );
    counted.set(manifest.name, (counted.get(manifest.name) ?? 0) + methods.length);
  }
  const readme = await readFile(path.join(root, "README.md"), "utf8");
  const table = readme.slice(readme.indexOf("## What is covered"));
  const rows = [...table.matchAll(/^\|[^|\n]+\|\s*`(@zenfetch\/[a-z-]+)`\s*\|\s*(\d+)\s*\|$/gm)];
  expect(new Map(rows.map(([, name, count]) => [name as string, Number(count)]))).toEqual(counted);
});
