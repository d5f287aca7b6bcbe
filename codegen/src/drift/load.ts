import { readFile } from "node:fs/promises";
import path from "node:path";
import ky, { HTTPError, TimeoutError } from "ky";
import { parse } from "yaml";

/** Where Zendesk publishes the OpenAPI document of its Support API. */
export const DEFAULT_UPSTREAM = "https://developer.zendesk.com/zendesk/oas.yaml";

/** A problem that stops the drift report before any comparison: exit code 2. */
export class DriftError extends Error {
  override name = "DriftError";
}

/** An OpenAPI document as parsed: only what the comparison reads is typed. */
export interface OpenApiDocument {
  openapi: string;
  info?: { title?: string; version?: string };
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

export interface LoadOptions {
  /** Milliseconds to wait for the whole download, each attempt (default 30 s). */
  timeoutMs?: number;
  /** How many times a failed download is tried again (default 2). */
  retries?: number;
  /** Milliseconds between attempts when the server names no Retry-After (default: ky's backoff). */
  retryDelayMs?: number;
  /** Receives the progress line, rewritten in place; called only when set (the CLI sets it on a terminal). */
  progress?: (line: string) => void;
}

export interface LoadedDocument {
  document: OpenApiDocument;
  /** The source as it may be printed: a path, or the URL without credentials. */
  label: string;
}

const isUrl = (source: string) => /^https?:\/\//i.test(source);

/** A URL fit for messages: any user name or password in it is left out. */
export function printableUrl(source: string): string {
  try {
    const url = new URL(source);
    if (url.username || url.password) {
      url.username = "";
      url.password = "";
    }
    return url.href;
  } catch {
    return source.replace(/\/\/[^/@]*@/, "//");
  }
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} kB`;

/** Downloads (http/https) or reads (anything else: a file path) the document and parses it. */
export async function loadDocument(source: string, options: LoadOptions = {}): Promise<LoadedDocument> {
  if (source.trim() === "") throw new DriftError("--upstream is empty: give a URL (https://…) or a file path.");
  if (isUrl(source)) {
    const label = printableUrl(source);
    if (label !== source && /\/\/[^/]*@/.test(source)) {
      throw new DriftError(
        `--upstream ${label}: leave the user name and password out of the URL; the document is public, and credentials there would end up in logs.`,
      );
    }
    const text = await download(source, label, options);
    return { document: parseDocument(text, label), label };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) {
    throw new DriftError(
      `--upstream ${source}: only http and https URLs can be downloaded; give a file path otherwise.`,
    );
  }
  let text: string;
  try {
    text = await readFile(source, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder, not a file" : (error as Error).message;
    throw new DriftError(`cannot read ${source}: ${why}. Give the path of an OpenAPI document (YAML or JSON).`);
  }
  return { document: parseDocument(text, source), label: path.normalize(source) };
}

async function download(url: string, label: string, options: LoadOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const progress = options.progress;
  // ky's timeout ends an attempt that gets no answer; this one also ends a body that stops arriving.
  const stalled = new AbortController();
  let bodyTimer: ReturnType<typeof setTimeout> | undefined;
  try {
    const response = await ky.get(url, {
      signal: stalled.signal,
      timeout: timeoutMs,
      retry: {
        limit: options.retries ?? 2,
        methods: ["get"],
        statusCodes: [408, 429, 500, 502, 503, 504],
        afterStatusCodes: [429, 503],
        maxRetryAfter: timeoutMs,
        ...(options.retryDelayMs === undefined ? {} : { delay: () => options.retryDelayMs as number }),
      },
      headers: { accept: "application/yaml, application/json;q=0.9, */*;q=0.5" },
      ...(progress
        ? {
            onDownloadProgress: ({ percent, transferredBytes, totalBytes }) => {
              const of = totalBytes > 0 ? ` of ${size(totalBytes)} (${Math.round(percent * 100)}%)` : "";
              progress(`downloading ${label}: ${size(transferredBytes)}${of}`);
            },
          }
        : {}),
    });
    bodyTimer = setTimeout(() => stalled.abort(), timeoutMs);
    return await response.text();
  } catch (error) {
    if (error instanceof TimeoutError || stalled.signal.aborted) {
      throw new DriftError(
        `${label} sent no complete answer within ${timeoutMs / 1000} s. Try again, raise --timeout, or pass a downloaded copy to --upstream.`,
      );
    }
    if (error instanceof HTTPError) {
      await error.response.body?.cancel().catch(() => {});
      const { status, statusText } = error.response;
      throw new DriftError(
        `${label} answered HTTP ${status}${statusText ? ` ${statusText}` : ""}${
          status >= 500 || status === 429 ? " (after retries)" : ""
        }. Check the URL, or download the document yourself and pass its path to --upstream.`,
      );
    }
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const detail = cause?.code ?? cause?.message ?? (error as Error).message;
    throw new DriftError(
      `cannot download ${label}: ${detail.replaceAll(url, label)}. Check the network, or pass a downloaded copy to --upstream.`,
    );
  } finally {
    clearTimeout(bodyTimer);
  }
}

/** Parses YAML or JSON and checks that it is an OpenAPI 3.x document with paths. */
export function parseDocument(text: string, label: string): OpenApiDocument {
  let value: unknown;
  const trimmed = text.trimStart();
  try {
    value = trimmed.startsWith("{") ? JSON.parse(trimmed) : parse(text);
  } catch (error) {
    const first = (error as Error).message.split("\n")[0];
    throw new DriftError(`${label} is neither YAML nor JSON (${first}). Give an OpenAPI 3.x document.`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new DriftError(`${label} is not an OpenAPI document: it holds ${describe(value)}, not an object.`);
  }
  const record = value as Record<string, unknown>;
  if (typeof record.swagger === "string") {
    throw new DriftError(
      `${label} is a Swagger ${record.swagger} document; only OpenAPI 3.x can be compared. Convert it first.`,
    );
  }
  if (typeof record.openapi !== "string" || !/^3\.\d+(\.\d+)?/.test(record.openapi)) {
    throw new DriftError(
      `${label} is not an OpenAPI 3.x document: its \`openapi\` field is ${
        record.openapi === undefined ? "missing" : JSON.stringify(record.openapi)
      }.`,
    );
  }
  if (record.paths === null || typeof record.paths !== "object" || Array.isArray(record.paths)) {
    throw new DriftError(`${label} has no \`paths\` object, so there are no operations to compare.`);
  }
  return record as OpenApiDocument;
}

const describe = (value: unknown) =>
  value === null || value === undefined ? "nothing" : Array.isArray(value) ? "a list" : `a ${typeof value}`;
