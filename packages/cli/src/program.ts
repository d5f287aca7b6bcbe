import { Command, CommanderError, Option } from "commander";
import { EXIT } from "./exit.js";
import type { CommandIO } from "./io.js";
import { UsageError } from "./usage-error.js";
import { VERSION } from "./version.js";

/**
 * Runs `zenfetch` with `args` (the words after the command name) and resolves to the exit status. Nothing is
 * printed to stdout but what a command writes there (the export's NDJSON when no `--out` is given).
 */
export async function run(args: readonly string[], io: CommandIO): Promise<number> {
  const program = new Command("zenfetch")
    .description("Typed custom fields for your Zendesk account, and resumable incremental exports.")
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError("(run zenfetch --help for usage)");
  let status: number = EXIT.ok;
  const baseUrl = new Option(
    "--base-url <url>",
    "the API's base URL instead of https://{ZENDESK_SUBDOMAIN}.zendesk.com (a proxy, or the simulator)",
  );

  program
    .command("typegen")
    .description("write a TypeScript module typing your account's custom objects and custom fields")
    .option("-o, --out <file>", "the module to write", "zendesk-fields.ts")
    .option("--check", "write nothing; exit 1 when the account no longer matches the module")
    .addOption(baseUrl)
    .action(async (options) => {
      const { typegen } = await import("./typegen/command.js");
      status = await typegen(options, io);
    });

  program
    .command("export")
    .description("stream an incremental export as NDJSON, resumable from a checkpoint file")
    .argument("<stream>", "tickets, users, organizations or ticket-events")
    .option("--since <date>", "where a new export starts: an ISO 8601 date or time, or a Unix time in seconds")
    .option("--checkpoint <file>", "saved after each page written; an export given one resumes from it")
    .option("--out <file>", "append records to this file instead of writing them to stdout")
    .option("--per-page <n>", "records a page, 1 to 1000 (not for ticket-events; Zendesk's default is 1000)")
    .option(
      "--requests-per-minute <n>",
      "the export endpoint's rate limit (default 10, Zendesk's; 30 with the High Volume add-on)",
    )
    .addOption(new Option("--base-url <url>", baseUrl.description))
    .action(async (stream: string, options) => {
      const { exportCommand } = await import("./export/command.js");
      status = await exportCommand(stream, options, io);
    });

  try {
    await program.parseAsync([...args], { from: "user" });
    return status;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with their own exit code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof UsageError) {
      io.stderr.write(`zenfetch: ${error.message}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}
