import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse } from "yaml";
import { PipelineError } from "./errors.js";

/** One API of redocly.yaml: where its spec lives and where its outputs go. */
export interface ApiTarget {
  name: string;
  /** Absolute path of the domain's root spec. */
  root: string;
  /** Absolute path of the committed bundle. */
  bundle: string;
  /** Absolute path of the openapi-typescript output. */
  types: string;
  /** Absolute path of the generated operation metadata, beside the types. */
  operations: string;
  /**
   * For a domain package: the name its helpers take on a multi-domain client (`tickets`, `customObjects`), from
   * `x-zenfetch-domain`. Codegen then writes the package's domain descriptor, `domain.ts`, beside the types.
   */
  domain?: string;
}

export interface PipelineConfig {
  /** Absolute path of redocly.yaml. */
  configPath: string;
  /** Directory that relative paths in the config (and in messages) are relative to. */
  cwd: string;
  apis: ApiTarget[];
}

interface RawApi {
  root?: unknown;
  output?: unknown;
  "x-openapi-ts"?: { output?: unknown };
  "x-zenfetch-domain"?: unknown;
}

/**
 * Reads the `apis` of a Redocly config. Each API needs `root`, `output` (the
 * bundle) and `x-openapi-ts.output` (the types); the operation metadata goes
 * to `operations.ts` in the types' folder.
 */
export async function loadConfig(configPath: string): Promise<PipelineConfig> {
  const absolute = path.resolve(configPath);
  const cwd = path.dirname(absolute);
  let raw: { apis?: Record<string, RawApi> };
  try {
    raw = parse(await readFile(absolute, "utf8")) ?? {};
  } catch (error) {
    throw new PipelineError(
      `cannot read ${path.relative(process.cwd(), absolute) || absolute}: ${(error as Error).message}`,
    );
  }
  const entries = Object.entries(raw.apis ?? {});
  if (entries.length === 0) {
    throw new PipelineError(
      `${path.basename(absolute)} declares no apis: add an entry under \`apis:\` for each domain.`,
    );
  }
  const apis = entries.map(([name, api]): ApiTarget => {
    const need = (value: unknown, key: string): string => {
      if (typeof value !== "string" || value === "") {
        throw new PipelineError(
          `${path.basename(absolute)}: api "${name}" needs \`${key}\` (a path relative to the config).`,
        );
      }
      return path.resolve(cwd, value);
    };
    const types = need(api["x-openapi-ts"]?.output, "x-openapi-ts.output");
    const domain = api["x-zenfetch-domain"];
    if (domain !== undefined && !(typeof domain === "string" && /^[a-z][A-Za-z0-9]*$/.test(domain))) {
      throw new PipelineError(
        `${path.basename(absolute)}: api "${name}" has \`x-zenfetch-domain: ${JSON.stringify(domain)}\`; it must be a camelCase name such as "customObjects"`,
      );
    }
    return {
      ...(domain === undefined ? {} : { domain }),
      name,
      root: need(api.root, "root"),
      bundle: need(api.output, "output"),
      types,
      operations: path.join(path.dirname(types), "operations.ts"),
    };
  });
  return { configPath: absolute, cwd, apis };
}
