import { randomBytes } from "node:crypto";
import { open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { Checkpoint } from "@zenfetch/incremental";
import { UsageError } from "../usage-error.js";
import { isStreamName, STREAMS, type StreamName } from "./streams.js";

/** What `--checkpoint <file>` holds: where the export resumes, and what the runs before wrote. */
export interface CheckpointFile {
  version: 1;
  stream: StreamName;
  /** The incremental package's checkpoint after the last page written. */
  checkpoint: Checkpoint;
  /** The size of `--out`, in bytes, once that page's lines were written; absent when the records went to stdout. */
  outBytes?: number;
  /** Records written by every run so far. */
  records: number;
  /** Pages written by every run so far. */
  pages: number;
  /** When it was saved, ISO 8601. */
  savedAt: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/**
 * Reads the checkpoint file of an export of `stream`: undefined when there is none (a new export), a `UsageError`
 * saying what to do when it cannot be read, is not a checkpoint file, or belongs to another stream.
 */
export async function readCheckpointFile(file: string, stream: StreamName): Promise<CheckpointFile | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new UsageError(
      `Cannot read the checkpoint file ${file} (${code ?? String(error)}): pass a file you can read.`,
    );
  }
  const corrupt = (why: string): never => {
    throw new UsageError(
      `The checkpoint file ${file} is not one zenfetch export wrote (${why}). Pass another --checkpoint file, or delete this one to start a new export with --since.`,
    );
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return corrupt("it is not JSON");
  }
  if (!isRecord(data)) return corrupt("it is not a JSON object");
  if (data.version !== 1) return corrupt(`version ${JSON.stringify(data.version)}; this zenfetch reads version 1`);
  if (!isStreamName(data.stream)) return corrupt(`"stream" is not one of ${STREAMS.join(", ")}`);
  if (data.stream !== stream) {
    throw new UsageError(
      `The checkpoint file ${file} belongs to an export of ${data.stream}, not ${stream}. Run \`zenfetch export ${data.stream}\` with it, or pass another --checkpoint file for ${stream}.`,
    );
  }
  const checkpoint = data.checkpoint;
  if (!isRecord(checkpoint) || (checkpoint.type !== "cursor" && checkpoint.type !== "time")) {
    return corrupt('"checkpoint" is not a cursor or time position');
  }
  if (data.outBytes !== undefined && !isCount(data.outBytes)) return corrupt('"outBytes" is not a byte count');
  if (!isCount(data.records) || !isCount(data.pages)) return corrupt('"records" or "pages" is not a count');
  if (typeof data.savedAt !== "string") return corrupt('"savedAt" is missing');
  return data as unknown as CheckpointFile;
}

/**
 * Saves a checkpoint file so that a crash leaves either the old one or the new one, whole: written to a
 * temporary file beside it, flushed to disk, then renamed over it.
 */
export async function writeCheckpointFile(file: string, data: CheckpointFile): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temporary, "w");
    try {
      await handle.writeFile(`${JSON.stringify(data, null, 2)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await syncDirectory(path.dirname(file));
}

/** Makes a rename in `dir` durable where the system allows it (not on Windows, where opening a folder fails). */
async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, "r");
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the rename itself is atomic either way.
  }
}
