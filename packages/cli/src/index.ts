// @zenfetch/cli: the `zenfetch` command, and the same commands as functions for scripts and tests.
export { type Connection, CREDENTIAL_VARIABLES, connectionFromEnv } from "./connection.js";
export { EXIT } from "./exit.js";
export type { CheckpointFile } from "./export/checkpoint-file.js";
export {
  type ExportSummary,
  type ExportToFileOptions,
  exportToFile,
  type RecordSink,
} from "./export/export-to-file.js";
export { STREAMS, type StreamName } from "./export/streams.js";
export type { CommandIO } from "./io.js";
export { run } from "./program.js";
export type { ProgressStats } from "./progress.js";
export { type ReadAccountOptions, readAccountModel } from "./typegen/account.js";
export { diffAccountModels, readEmbeddedModel } from "./typegen/check.js";
export { accountSource, type GenerateOptions, generateAccountModule } from "./typegen/generate.js";
export type {
  AccountModel,
  CustomObjectModel,
  FieldModel,
  KeyedFieldModel,
  TicketFieldModel,
} from "./typegen/model.js";
export { type RenderOptions, renderAccountModule } from "./typegen/render.js";
export { UsageError } from "./usage-error.js";
